import { useEffect, useState } from 'preact/hooks';
import type { LecternDB } from '../../lib/db/schema';
import type { LibraryIndex } from '../../lib/search/types';

export type OpenLibraryIndex = (db: LecternDB) => LibraryIndex;

export interface IndexState {
  index?: LibraryIndex;
  ready: boolean;
  error?: string;
  /** Bumped whenever the index folded in changes: queries re-run. */
  version: number;
}

/** Opens the search index once for the page, follows its readiness and changes, closes it on unmount. */
export function useLibraryIndex(db: LecternDB, open: OpenLibraryIndex | undefined): IndexState {
  const [state, setState] = useState<IndexState>({ ready: false, version: 0 });
  useEffect(() => {
    if (!open) return;
    let index: LibraryIndex;
    try {
      index = open(db);
    } catch (error) {
      setState({ ready: false, version: 0, error: String(error) });
      return;
    }
    let live = true;
    setState({ index, ready: index.ready, version: 0 });
    const unsubscribe = index.subscribe(() => {
      if (live) setState((s) => ({ ...s, version: s.version + 1 }));
    });
    index.whenReady().then(
      () => live && setState((s) => ({ ...s, ready: true, version: s.version + 1 })),
      (error: unknown) => live && setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) })),
    );
    return () => {
      live = false;
      unsubscribe();
      void index.close();
    };
  }, [db, open]);
  return state;
}
