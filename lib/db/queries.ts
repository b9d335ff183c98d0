/**
 * Read-only queries for the popup and side panel. Lists read a sorted index with a limit and counts use
 * indexes, so no view ever reads the whole table.
 */
import Dexie from 'dexie';
import type { PaperId, PaperRecord } from '../model';
import { LIBRARY_VIEWS, type LibraryViewKey } from '../status';
import type { LecternDB, SightingRow } from './schema';
import { findByAlias, findManyByAlias, sightingsOf } from './papers';

/** Papers of a view, newest first (by when Lectern first saw them). */
export function listView(db: LecternDB, view: LibraryViewKey, limit: number): Promise<PaperRecord[]> {
  const status = LIBRARY_VIEWS.find((v) => v.key === view)?.status;
  if (status === undefined) return db.papers.orderBy('firstSeenAt').reverse().limit(limit).toArray();
  return db.papers
    .where('[status+firstSeenAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
}

/** How many papers each view holds. */
export async function countByView(db: LecternDB): Promise<Record<LibraryViewKey, number>> {
  const counts = await Promise.all(
    LIBRARY_VIEWS.map((view) =>
      view.status === undefined ? db.papers.count() : db.papers.where('status').equals(view.status).count(),
    ),
  );
  return Object.fromEntries(LIBRARY_VIEWS.map((view, i) => [view.key, counts[i] ?? 0])) as Record<LibraryViewKey, number>;
}

/** The records behind `ids` (any alias), in the order given, each once. */
export async function papersInOrder(db: LecternDB, ids: readonly PaperId[]): Promise<PaperRecord[]> {
  const byAlias = await findManyByAlias(db, ids);
  const ordered = new Map<PaperId, PaperRecord>();
  for (const id of ids) {
    const paper = byAlias.get(id);
    if (paper && !ordered.has(paper.id)) ordered.set(paper.id, paper);
  }
  return [...ordered.values()];
}

export interface PaperDetailData {
  paper: PaperRecord;
  sightings: SightingRow[];
}

/** A paper (by any alias) with every page it was seen on, earliest first. */
export async function paperDetail(db: LecternDB, id: PaperId): Promise<PaperDetailData | undefined> {
  const paper = await findByAlias(db, id);
  if (!paper) return undefined;
  return { paper, sightings: await sightingsOf(db, paper.id) };
}
