import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PaperRecord, PaperStatus } from '../lib/model';
import { request } from '../lib/messaging/client';
import type { LecternDB } from '../lib/db/schema';
import { LIBRARY_ROUTE_CHANNEL } from '../lib/open-library';
import { libraryHash, parseLibraryHash, type LibraryRoute } from '../lib/routes';
import { DataPanel } from './DataPanel';
import { HighlightsView } from './HighlightsView';
import { PaperDetail } from './PaperDetail';
import { ListPanel } from './library/ListPanel';
import { useLibraryIndex, type OpenLibraryIndex } from './library/useLibraryIndex';

/** The hash route, and a way to change it (`replace`: no new history entry, e.g. while typing a search). */
function useHashRoute(): [LibraryRoute, (route: LibraryRoute, replace?: boolean) => void] {
  const [route, setRoute] = useState(() => parseLibraryHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseLibraryHash(location.hash));
    addEventListener('hashchange', onChange);
    // The address may have changed between the first render and now: read it again.
    onChange();
    // The popup's search, when the library is already open.
    const channel = new BroadcastChannel(LIBRARY_ROUTE_CHANNEL);
    channel.onmessage = (event: MessageEvent<{ hash?: unknown }>) => {
      const hash = event.data?.hash;
      if (typeof hash === 'string' && hash.startsWith('#/')) location.hash = libraryHash(parseLibraryHash(hash));
    };
    return () => {
      removeEventListener('hashchange', onChange);
      channel.close();
    };
  }, []);
  const navigate = useCallback((next: LibraryRoute, replace = false) => {
    const hash = libraryHash(next);
    if (hash === location.hash) return;
    if (replace) {
      history.replaceState(history.state, '', hash);
      setRoute(parseLibraryHash(hash));
    } else location.hash = hash;
  }, []);
  return [route, navigate];
}

export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

const ALL_VIEW: LibraryRoute = { kind: 'view', view: 'all' };

interface Props {
  db: LecternDB;
  /** Opens the search index (absent: lists straight from the database, without search). */
  openIndex?: OpenLibraryIndex;
}

/** The library: views by status, search and filters, a paper's detail, the data tools. */
export function LibraryApp({ db, openIndex }: Props) {
  const [route, navigate] = useHashRoute();
  // The index opens once the first rows are painted (its saved copy is large; reading it first would hold
  // them back), or after a second at most.
  const [wantIndex, setWantIndex] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWantIndex(true), 1000);
    return () => clearTimeout(timer);
  }, []);
  const search = useLibraryIndex(db, wantIndex ? openIndex : undefined);
  const onPainted = useCallback(() => setWantIndex(true), []);
  const [error, setError] = useState<string | null>(null);
  // Where Esc and the title lead back to: the last list shown, or "All" when the panel opened on a paper.
  const [lastList, setLastList] = useState<LibraryRoute>(() => (route.kind === 'view' ? route : ALL_VIEW));
  useEffect(() => {
    if (route.kind === 'view') setLastList(route);
  }, [route]);
  const onStatus = (paper: PaperRecord, status: PaperStatus) =>
    request('library.setStatus', { ids: [paper.id], status }).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );

  // The data view: Esc back to the list it came from (the detail view handles its own Esc and t). One
  // listener for the page's life, so that a key pressed right after a route change is never missed.
  const keyState = useRef({ route, lastList });
  keyState.current = { route, lastList };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { route: current, lastList: back } = keyState.current;
      if (current.kind !== 'data' && current.kind !== 'highlights') return;
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
      if (event.key !== 'Escape') return;
      navigate(back);
      event.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const backToList = useCallback(() => navigate(lastList), [lastList]);

  return (
    <main class="library">
      <header class="bar">
        <h1>
          <a class="home" href={libraryHash(lastList)}>
            Lectern
          </a>
        </h1>
        <nav class="bar-links" aria-label="Lectern">
          <a href={libraryHash({ kind: 'highlights' })}>Highlights</a>{' '}
          <a href={libraryHash({ kind: 'data' })}>Export, backup, import</a>{' '}
          <a href="/options.html" target="_blank" rel="noopener">
            Settings
          </a>
        </nav>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      )}
      {route.kind === 'data' ? (
        <DataPanel db={db} />
      ) : route.kind === 'highlights' ? (
        <HighlightsView db={db} />
      ) : route.kind === 'paper' ? (
        <PaperDetail db={db} id={route.id} onStatus={onStatus} onBack={backToList} />
      ) : (
        <ListPanel
          db={db}
          view={route.view}
          filters={route.filters ?? {}}
          search={search}
          searchAvailable={openIndex !== undefined}
          navigate={navigate}
          isTyping={isTyping}
          onPainted={onPainted}
        />
      )}
    </main>
  );
}
