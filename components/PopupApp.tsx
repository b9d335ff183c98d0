import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord, PaperStatus } from '../lib/model';
import { request } from '../lib/messaging/client';
import type { LecternDB } from '../lib/db/schema';
import { papersInOrder } from '../lib/db/queries';
import { libraryHash } from '../lib/routes';
import { useLiveQuery } from './hooks/useLiveQuery';
import { PageSettings } from './PageSettings';
import { PaperRow } from './PaperRow';
import { ReadableCopy, type ReadableCopyActions } from './reader/ReadableCopy';
import { SiteControlsView, type SiteActions } from './SiteControls';

interface Props {
  db: LecternDB;
  /** The tab whose papers are shown. */
  tabId: number;
  /** Opens the library (side panel, or a tab where there is none), at `hash` when given (a search). */
  openLibrary: (hash?: string) => void;
  /** Detection on sites Lectern does not read by default (absent: no such controls). */
  site?: SiteActions;
  /** Readable copies of a one-paper page (absent: not offered). */
  copies?: ReadableCopyActions;
}

/** What the current page holds: its papers, their status, and "Save all". */
export function PopupApp({ db, tabId, openLibrary, site, copies }: Props) {
  const [ids, setIds] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    request('tab.papers', { tabId })
      .then(setIds)
      .catch((e: unknown) => setError(`Could not ask which papers this tab holds: ${String(e)}`));
  }, [tabId]);

  /** After detection was started on this page: asks again, for a few seconds, until papers show up. */
  const awaitPapers = async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const found = await request('tab.papers', { tabId });
      if (found.length) {
        setIds(found);
        return;
      }
    }
    setNotice('No papers found on this page.');
  };

  const papers = useLiveQuery(() => (ids ? papersInOrder(db, ids) : []), [ids]);

  const act = (work: Promise<unknown>, done?: (value: unknown) => void) =>
    work.then(done).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));

  const onStatus = (paper: PaperRecord, status: PaperStatus) =>
    act(request('library.setStatus', { ids: [paper.id], status }));

  const saveAll = () =>
    act(request('tab.saveAll', { tabId }), (count) =>
      setNotice(count === 0 ? 'Nothing new to save.' : `Saved ${String(count)} to read.`),
    );

  const list = papers.status === 'ready' ? papers.value : [];
  const unsaved = list.filter((paper) => paper.status === 'seen').length;

  return (
    <main class="popup">
      <header class="bar">
        <h1>Lectern</h1>
        <button type="button" class="link-button" onClick={() => openLibrary()}>
          Open library
        </button>
      </header>
      <LibrarySearch onSearch={(q) => openLibrary(libraryHash({ kind: 'view', view: 'all', filters: { q } }))} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {ids === null || papers.status === 'loading' ? (
        <p class="muted">Looking at this page…</p>
      ) : papers.status === 'error' ? (
        <p class="error" role="alert">
          The library could not be read: {papers.error}
        </p>
      ) : list.length === 0 ? (
        <>
          <p class="empty">No papers detected on this page. Lectern recognises arXiv and Hugging Face paper pages.</p>
          {site && <SiteControlsView site={site} onDetecting={() => void awaitPapers().catch(() => undefined)} />}
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
        </>
      ) : (
        <>
          <div class="summary">
            <span>
              {list.length} {list.length === 1 ? 'paper' : 'papers'} on this page
              {unsaved > 0 ? ` · ${String(unsaved)} not saved` : ''}
            </span>
            <button type="button" class="primary" onClick={saveAll} disabled={unsaved === 0}>
              Save all
            </button>
          </div>
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          <ul class="paper-list" aria-label="Papers on this page">
            {list.map((paper) => (
              <PaperRow key={paper.id} paper={paper} onStatus={onStatus} />
            ))}
          </ul>
          {copies && list.length === 1 && <ReadableCopy db={db} paper={list[0]!} actions={copies} />}
        </>
      )}
      <PageSettings />
      <footer class="popup-footer">
        <a href="/options.html" target="_blank" rel="noopener">
          Settings
        </a>
      </footer>
    </main>
  );
}

/** A search over the whole library; the results open in the side panel. */
function LibrarySearch({ onSearch }: { onSearch: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      class="popup-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSearch(text.trim());
      }}
    >
      <input
        type="search"
        aria-label="Search the library"
        placeholder="Search your library"
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" disabled={!text.trim()}>
        Search
      </button>
    </form>
  );
}
