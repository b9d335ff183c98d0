import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord, PaperStatus } from '../lib/model';
import { request } from '../lib/messaging/client';
import type { LecternDB } from '../lib/db/schema';
import { countByView, listView } from '../lib/db/queries';
import { LIBRARY_VIEWS, type LibraryViewKey } from '../lib/status';
import { libraryHash, parseLibraryHash, type LibraryRoute } from '../lib/routes';
import { useLiveQuery } from './hooks/useLiveQuery';
import { PaperRow } from './PaperRow';
import { DataPanel } from './DataPanel';
import { PaperDetail } from './PaperDetail';

const PAGE_SIZE = 100;

function useHashRoute(): LibraryRoute {
  const [route, setRoute] = useState(() => parseLibraryHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseLibraryHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** The library: views by status, newest first, live as the background records papers. */
export function LibraryApp({ db }: { db: LecternDB }) {
  const route = useHashRoute();
  const [error, setError] = useState<string | null>(null);
  const onStatus = (paper: PaperRecord, status: PaperStatus) =>
    request('library.setStatus', { ids: [paper.id], status }).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <main class="library">
      <header class="bar">
        <h1>Lectern</h1>
        <nav class="bar-links" aria-label="Lectern">
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
      ) : route.kind === 'paper' ? (
        <PaperDetail db={db} id={route.id} onStatus={onStatus} />
      ) : (
        <LibraryView db={db} view={route.view} onStatus={onStatus} />
      )}
    </main>
  );
}

function ViewTabs({ db, current }: { db: LecternDB; current: LibraryViewKey }) {
  const counts = useLiveQuery(() => countByView(db), []);
  return (
    <nav class="views" aria-label="Library views">
      {LIBRARY_VIEWS.map((view) => (
        <a
          key={view.key}
          href={libraryHash({ kind: 'view', view: view.key })}
          class={view.key === current ? 'current' : undefined}
          aria-current={view.key === current ? 'page' : undefined}
          data-view={view.key}
        >
          {view.label}
          {counts.status === 'ready' && <span class="count">{counts.value[view.key]}</span>}
        </a>
      ))}
    </nav>
  );
}

function LibraryView({
  db,
  view,
  onStatus,
}: {
  db: LecternDB;
  view: LibraryViewKey;
  onStatus: (paper: PaperRecord, status: PaperStatus) => void;
}) {
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [cursor, setCursor] = useState(-1);
  useEffect(() => {
    setLimit(PAGE_SIZE);
    setCursor(-1);
  }, [view]);
  const papers = useLiveQuery(() => listView(db, view, limit + 1), [view, limit]);
  const rows = papers.status === 'ready' ? papers.value.slice(0, limit) : [];
  const hasMore = papers.status === 'ready' && papers.value.length > limit;

  // j/k move, Enter opens, s/r/x set status; never while the user types in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const current = rows[cursor];
      const keys: Record<string, () => void> = {
        j: () => setCursor((c) => Math.min(c + 1, rows.length - 1)),
        k: () => setCursor((c) => Math.max(c - 1, 0)),
        Enter: () => current && (location.hash = libraryHash({ kind: 'paper', id: current.id })),
        s: () => current && onStatus(current, 'unread'),
        r: () => current && onStatus(current, 'read'),
        x: () => current && onStatus(current, 'dismissed'),
      };
      const action = keys[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [rows, cursor]);

  useEffect(() => {
    document.querySelector('.paper-row.selected')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const label = LIBRARY_VIEWS.find((v) => v.key === view)?.label ?? view;
  return (
    <>
      <ViewTabs db={db} current={view} />
      {papers.status === 'loading' ? (
        <p class="muted">Loading…</p>
      ) : papers.status === 'error' ? (
        <p class="error" role="alert">
          The library could not be read: {papers.error}
        </p>
      ) : rows.length === 0 ? (
        <p class="empty">
          {view === 'unread'
            ? 'Nothing to read yet. Save papers from arXiv or Hugging Face pages with the Lectern popup.'
            : view === 'all'
              ? 'Your library is empty. Browse arXiv listings or Hugging Face papers and Lectern records what you see.'
              : `No papers in “${label}”.`}
        </p>
      ) : (
        <>
          <ul class="paper-list" aria-label={`${label} papers`}>
            {rows.map((paper, index) => (
              <PaperRow
                key={paper.id}
                paper={paper}
                onStatus={onStatus}
                selected={index === cursor}
                detailHref={libraryHash({ kind: 'paper', id: paper.id })}
              />
            ))}
          </ul>
          {hasMore && (
            <button type="button" class="more" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
              Show more
            </button>
          )}
        </>
      )}
    </>
  );
}
