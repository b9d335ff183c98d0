import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LecternDB } from '../../lib/db/schema';
import { countByView, countView, listRows, listViewIds } from '../../lib/db/queries';
import { exportPapers, type ExportFormat } from '../../lib/export';
import { listableWithoutIndex, libraryQuery } from '../../lib/library/query';
import { EMPTY_SELECTION, extendTo, selectAll, selectedInOrder, toggle, type Selection } from '../../lib/library/selection';
import { papersWord, statusMessage, statusUndoGroups } from '../../lib/library/undo';
import type { ListWindow } from '../../lib/library/window';
import { request } from '../../lib/messaging/client';
import type { PaperId, PaperRecord, PaperStatus } from '../../lib/model';
import { formatFilters, hasFilters, libraryHash, type LibraryRoute, type ListFilters } from '../../lib/routes';
import { LIBRARY_VIEWS, type LibraryViewKey } from '../../lib/status';
import { downloadText, stamp } from '../download';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { PaperRow } from '../PaperRow';
import { BulkBar } from './BulkBar';
import { SearchBar } from './SearchBar';
import { Toast, type ToastMessage } from './Toast';
import { VirtualList } from './VirtualList';
import type { IndexState } from './useLibraryIndex';

/** Fixed row height of the virtualised list (title on two lines, authors, a meta line). */
export const ROW_HEIGHT = 88;
/** Rows the index-free path reads ahead of the window. */
const DIRECT_READ_AHEAD = 300;
const TOAST_MS = 10_000;

interface Props {
  db: LecternDB;
  view: LibraryViewKey;
  filters: ListFilters;
  search: IndexState;
  /** False when this build has no search index at all. */
  searchAvailable: boolean;
  navigate: (route: LibraryRoute, replace?: boolean) => void;
  isTyping: (target: EventTarget | null) => boolean;
  /** Called once the first rows (or an empty state) are on screen, or at once when the view needs the index. */
  onPainted: () => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A library view: search, filters, a virtualised list over the result ids, bulk actions with undo. */
export function ListPanel({ db, view, filters, search, searchAvailable, navigate, isTyping, onPainted }: Props) {
  const { index, ready, version } = search;
  const searchInput = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(-1);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [window, setWindow] = useState<ListWindow>({ start: 0, end: 0 });
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const filtersKey = formatFilters(filters);

  // ---- the ids of the view: from the index, or straight from Dexie while the index gets ready ----
  const direct = !ready && listableWithoutIndex(filters);
  const [directLimit, setDirectLimit] = useState(DIRECT_READ_AHEAD);
  const directIds = useLiveQuery(
    () => (direct ? listViewIds(db, view, directLimit) : Promise.resolve(null)),
    [direct, view, directLimit],
  );
  // Counting a large view by its index costs hundreds of milliseconds at 50,000 papers: the counts (the view's
  // size for the scrollbar, and the tabs' numbers) wait until the first rows are on screen.
  const [firstPaint, setFirstPaint] = useState(false);
  // The index-free path then knows the view's size from an index count, so the scrollbar is right.
  const directCount = useLiveQuery(
    () => (direct && firstPaint ? countView(db, view) : Promise.resolve(null)),
    [direct, view, firstPaint],
  );
  const indexed = useMemo((): { ids: PaperId[] } | { error: string } | null => {
    if (!ready || !index) return null;
    try {
      return index.query(libraryQuery(view, filters));
    } catch (error) {
      return { error: message(error) };
    }
  }, [ready, index, version, view, filtersKey]);

  const ids: PaperId[] | null =
    indexed && 'ids' in indexed ? indexed.ids : direct && directIds.status === 'ready' ? directIds.value : null;
  const loadedAll = !direct || (directIds.status === 'ready' && (directIds.value?.length ?? 0) < directLimit);
  const total =
    ids === null
      ? 0
      : !loadedAll && directCount.status === 'ready' && directCount.value !== null
        ? Math.max(ids.length, directCount.value)
        : ids.length;

  useEffect(() => {
    setCursor(-1);
    setSelection(EMPTY_SELECTION);
    setDirectLimit(DIRECT_READ_AHEAD);
  }, [view, filtersKey]);
  // The index-free path reads further as the window nears the end of what it has.
  useEffect(() => {
    if (!loadedAll && ids && window.end > ids.length - 50) setDirectLimit(window.end + DIRECT_READ_AHEAD);
  }, [loadedAll, ids, window.end]);
  /** Every id of the view (select all): the index's answer, or the view's keys read in full. */
  const everyId = async (): Promise<PaperId[]> => {
    if (loadedAll || !ids) return ids ?? [];
    return listViewIds(db, view, Number.MAX_SAFE_INTEGER);
  };

  // ---- the window's rows, live from Dexie ----
  const windowIds = ids ? ids.slice(window.start, window.end) : [];
  const windowKey = windowIds.join('\n');
  const rows = useLiveQuery(() => listRows(db, windowIds), [windowKey]);

  const painted = ids !== null && (ids.length === 0 || (rows.status === 'ready' && rows.value.size > 0) || rows.status === 'error');
  useEffect(() => {
    if (!direct || painted) {
      requestAnimationFrame(() => {
        setFirstPaint(true);
        onPainted();
      });
    }
  }, [direct, painted]);

  // ---- toasts and undo ----
  const closeToast = () => {
    clearTimeout(toastTimer.current);
    setToast(null);
  };
  const showToast = (next: Omit<ToastMessage, 'id'>) => {
    closeToast();
    setToast({ ...next, id: Date.now() });
    if (!next.error) toastTimer.current = setTimeout(closeToast, TOAST_MS);
  };
  const fail = (what: string) => (error: unknown) => showToast({ text: `${what}: ${message(error)}`, error: true });
  const undoable = (text: string, undo: () => Promise<unknown>) =>
    showToast({
      text,
      undo: () => {
        closeToast();
        undo().then(() => showToast({ text: 'Undone' }), fail('Could not undo'));
      },
    });

  const records = async (chosen: readonly PaperId[]) =>
    (await db.papers.bulkGet([...chosen])).filter((p): p is PaperRecord => p !== undefined);

  const setStatusOf = async (chosen: readonly PaperId[], status: PaperStatus) => {
    const before = (await records(chosen)).map(({ id, status: s }) => ({ id, status: s }));
    await request('library.setStatus', { ids: [...chosen], status });
    // The rows usually leave the view: the selection goes with them.
    setSelection(EMPTY_SELECTION);
    const groups = statusUndoGroups(before, status);
    const count = groups.reduce((n, g) => n + g.ids.length, 0);
    if (count === 0) return showToast({ text: `Already ${statusMessage(chosen.length, status).replace(/^\d+ papers? /, '')}` });
    undoable(statusMessage(count, status), () =>
      Promise.all(groups.map((group) => request('library.setStatus', { ids: group.ids, status: group.status }))),
    );
  };

  const editTag = async (chosen: readonly PaperId[], edit: { add?: string; remove?: string }) => {
    const tag = edit.add ?? edit.remove ?? '';
    const { changed, undo } = await request(edit.add ? 'library.addTags' : 'library.removeTags', {
      ids: [...chosen],
      tags: [tag],
    });
    undoable(`${papersWord(changed.length)} ${edit.add ? 'tagged' : 'untagged'} “${tag}”`, () =>
      request('library.restoreRecords', undo),
    );
  };

  const exportSelection = async (chosen: readonly PaperId[], format: ExportFormat) => {
    const papers = await records(chosen);
    const file = exportPapers(papers, format);
    downloadText(`lectern-selection-${stamp(Date.now())}.${file.ext}`, file.text, file.type);
    showToast({ text: `Exported ${papersWord(papers.length)}` });
  };

  /** Deletes, keeping the exact records (with sightings, highlights, snapshot) so that undo puts them back. */
  const deleteSelection = async (chosen: readonly PaperId[]) => {
    const before = await request('library.snapshotRecords', { ids: [...chosen] });
    const removed = await request('library.delete', { ids: [...chosen] });
    setSelection(EMPTY_SELECTION);
    undoable(`${papersWord(removed)} deleted`, () =>
      request('library.restoreRecords', {
        records: before.records,
        expect: before.expect.map((version) => ({ id: version.id, version: null })),
      }),
    );
  };


  // In the view's order; ids not loaded yet (select all on the index-free path) follow in selection order.
  const chosen = ids ? (loadedAll ? selectedInOrder(selection, ids) : [...selection.ids]) : [];
  const run = (what: string, work: () => Promise<unknown> | void) => {
    try {
      const result = work();
      if (result) result.catch(fail(what));
    } catch (error) {
      fail(what)(error);
    }
  };

  // ---- keyboard: / j k Enter s r x Esc, never while typing ----
  const state = useRef({ ids, cursor, filters });
  state.current = { ids, cursor, filters };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      const { ids: list, cursor: at, filters: current } = state.current;
      const id = list && at >= 0 ? list[at] : undefined;
      const status: Record<string, PaperStatus> = { s: 'unread', r: 'read', x: 'dismissed' };
      let handled = true;
      if (event.key === '/') searchInput.current?.focus();
      else if (event.key === 'j') setCursor((c) => Math.min(c + 1, (list?.length ?? 0) - 1));
      else if (event.key === 'k') setCursor((c) => Math.max(c - 1, 0));
      else if (event.key === 'Enter' && id) navigate({ kind: 'paper', id });
      else if (status[event.key] && id) run('Could not change the status', () => setStatusOf([id], status[event.key]!));
      else if (event.key === 'Escape' && hasFilters(current)) navigate({ kind: 'view', view, filters: { ...current, q: '' } }, true);
      else handled = false;
      if (handled) event.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [view]);

  // Tag and site choices, asked again only when the index changed (not on every scroll).
  const facets = useMemo(
    () => (ready && index ? { tags: index.tags(), sites: index.sites() } : { tags: [], sites: [] }),
    [ready, index, version],
  );
  const label = LIBRARY_VIEWS.find((v) => v.key === view)?.label ?? view;
  const changeFilters = (next: ListFilters) => navigate({ kind: 'view', view, filters: next }, true);
  const searchNote = !searchAvailable
    ? 'Search and filters are not available in this version; the list shows the newest papers first.'
    : search.error
      ? undefined
      : !ready
        ? 'Search is getting ready…'
        : undefined;

  return (
    <>
      <ViewTabs db={db} current={view} filters={filters} counted={firstPaint} />
      <SearchBar
        filters={filters}
        onChange={changeFilters}
        searchReady={ready}
        {...(searchNote ? { searchNote } : {})}
        tags={facets.tags}
        sites={facets.sites}
        inputRef={searchInput}
      />
      {search.error && (
        <p class="error" role="alert">
          Search is unavailable: {search.error}. The list still shows the newest papers of each view.
        </p>
      )}
      {indexed && 'error' in indexed && (
        <p class="error" role="alert">
          The search failed: {indexed.error}
        </p>
      )}
      {ids && total > 0 && (
        <BulkBar
          total={total}
          selected={chosen.length}
          onSelectAll={(all) =>
            all ? run('Could not select', async () => setSelection(selectAll(await everyId()))) : setSelection(EMPTY_SELECTION)
          }
          onStatus={(status) => run('Could not change the status', () => setStatusOf(chosen, status))}
          onTag={(edit) => run('Could not change the tags', () => editTag(chosen, edit))}
          onExport={(format) => run('Could not export', () => exportSelection(chosen, format))}
          onDelete={() => run('Could not delete', () => deleteSelection(chosen))}
        />
      )}
      {ids === null ? (
        directIds.status === 'error' ? (
          <p class="error" role="alert">
            The library could not be read: {directIds.error}
          </p>
        ) : (
          <p class="muted" role="status">
            {direct || ready
              ? 'Loading…'
              : searchAvailable && !search.error
                ? 'Search is getting ready…'
                : 'This search, filter or sort needs the search index, which is not available. Press Esc or clear the search and filters to list the newest papers.'}
          </p>
        )
      ) : total === 0 ? (
        <EmptyState view={view} label={label} filters={filters} navigate={navigate} />
      ) : (
        <VirtualList
          rowHeight={ROW_HEIGHT}
          total={total}
          label={`${label} papers`}
          cursor={cursor}
          onWindow={setWindow}
          renderRow={(i, style) => {
            const id = ids[i];
            if (id === undefined)
              return (
                <li key={`pending-${String(i)}`} class="paper-row placeholder" style={style} aria-posinset={i + 1} aria-setsize={total}>
                  <span class="muted">Loading…</span>
                </li>
              );
            const row = rows.status === 'ready' ? rows.value.get(id) : undefined;
            const itemProps = {
              style,
              'aria-posinset': i + 1,
              'aria-setsize': total,
            };
            if (!row)
              return (
                <li key={id} class="paper-row placeholder" {...itemProps}>
                  <span class="muted">{rows.status === 'error' ? 'Could not read this paper' : 'Loading…'}</span>
                </li>
              );
            return (
              <PaperRow
                key={id}
                paper={row.paper}
                hosts={row.hosts}
                current={i === cursor}
                detailHref={libraryHash({ kind: 'paper', id })}
                onStatus={(paper, status) => run('Could not change the status', () => request('library.setStatus', { ids: [paper.id], status }))}
                select={{
                  checked: selection.ids.has(id),
                  onClick: (shift) => setSelection((s) => (shift ? extendTo(s, ids, id) : toggle(s, id))),
                }}
                itemProps={itemProps}
              />
            );
          }}
        />
      )}
      <Toast toast={toast} onClose={closeToast} />
    </>
  );
}


function EmptyState({
  view,
  label,
  filters,
  navigate,
}: {
  view: LibraryViewKey;
  label: string;
  filters: ListFilters;
  navigate: (route: LibraryRoute, replace?: boolean) => void;
}) {
  if (hasFilters(filters)) {
    return (
      <div class="empty">
        <p>
          {filters.q ? `No papers in “${label}” match “${filters.q}”.` : `No papers in “${label}” match these filters.`}
        </p>
        <p class="button-row">
          {view !== 'all' && (
            <button type="button" onClick={() => navigate({ kind: 'view', view: 'all', filters })}>
              Search every view
            </button>
          )}
          <button type="button" onClick={() => navigate({ kind: 'view', view }, true)}>
            Clear search and filters
          </button>
        </p>
      </div>
    );
  }
  return (
    <p class="empty">
      {view === 'unread'
        ? 'Nothing to read yet. Save papers from arXiv or Hugging Face pages with the Lectern popup, or press s on a paper here.'
        : view === 'all'
          ? 'Your library is empty. Browse arXiv listings or Hugging Face papers and Lectern records what you see.'
          : view === 'seen'
            ? 'Nothing seen and unsaved. Papers on listing pages you visit appear here until you save or dismiss them.'
            : `No papers in “${label}” yet. Change a paper’s status to put it here.`}
    </p>
  );
}

function ViewTabs({ db, current, filters, counted }: { db: LecternDB; current: LibraryViewKey; filters: ListFilters; counted: boolean }) {
  const counts = useLiveQuery(() => (counted ? countByView(db) : Promise.resolve(null)), [counted]);
  return (
    <nav class="views" aria-label="Library views">
      {LIBRARY_VIEWS.map((view) => (
        <a
          key={view.key}
          href={libraryHash({ kind: 'view', view: view.key, filters })}
          class={view.key === current ? 'current' : undefined}
          aria-current={view.key === current ? 'page' : undefined}
          data-view={view.key}
        >
          {view.label}
          {counts.status === 'ready' && counts.value && <span class="count">{counts.value[view.key]}</span>}
        </a>
      ))}
    </nav>
  );
}
