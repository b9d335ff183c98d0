import { useMemo, useState } from 'preact/hooks';
import type { LecternDB } from '../lib/db/schema';
import { highlightsToAnnotations } from '../lib/export/highlights-annotation';
import { groupHighlights, type HighlightGroup, type HighlightPaper } from '../lib/export/highlights-group';
import { highlightsToMarkdown } from '../lib/export/highlights-markdown';
import { request } from '../lib/messaging/client';
import { HIGHLIGHT_COLORS, type HighlightColor, type HighlightRecord, type PaperId } from '../lib/model';
import { libraryHash } from '../lib/routes';
import { livePageLink, readerPath } from '../lib/snapshot/reader-url';
import { downloadText, stamp } from './download';
import { useLiveQuery } from './hooks/useLiveQuery';
import './highlights.css';

/** Highlights read per page of the list (newest first, by the `updatedAt` index). */
export const HIGHLIGHTS_PAGE = 200;

interface Props {
  db: LecternDB;
}

interface Loaded {
  rows: HighlightRecord[];
  more: boolean;
  total: number;
  papers: Map<PaperId, HighlightPaper>;
  /** Papers with a readable copy. */
  withCopy: Set<PaperId>;
}

async function papersOf(db: LecternDB, rows: readonly HighlightRecord[]): Promise<Map<PaperId, HighlightPaper>> {
  const ids = [...new Set(rows.flatMap((row) => (row.paperId ? [row.paperId] : [])))];
  const found = await db.papers.bulkGet(ids);
  return new Map(found.flatMap((paper) => (paper ? [[paper.id, paper] as const] : [])));
}

async function load(db: LecternDB, limit: number): Promise<Loaded> {
  const rows = await db.highlights.orderBy('updatedAt').reverse().limit(limit + 1).toArray();
  const page = rows.slice(0, limit);
  const papers = await papersOf(db, page);
  const ids = [...papers.keys()];
  const withCopy = new Set(ids.length ? ((await db.snapshots.where('paperId').anyOf(ids).primaryKeys()) as PaperId[]) : []);
  return { rows: page, more: rows.length > limit, total: await db.highlights.count(), papers, withCopy };
}

/** Every word of the query appears in the highlight's text or note (case-insensitive). */
export function matchesQuery(highlight: HighlightRecord, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = `${highlight.text}\n${highlight.note}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function fileSlug(group: HighlightGroup): string {
  return (group.paper?.id ?? group.url).replace(/[^a-z0-9._-]+/gi, '-').slice(0, 80);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** All highlights, grouped by paper, newest first: search, colour filter, edit, delete with undo, export. */
export function HighlightsView({ db }: Props) {
  const [limit, setLimit] = useState(HIGHLIGHTS_PAGE);
  const [query, setQuery] = useState('');
  const [color, setColor] = useState<HighlightColor | ''>('');
  const [preferCopy, setPreferCopy] = useState(false);
  const [editing, setEditing] = useState<{ id: string; note: string } | null>(null);
  const [deleted, setDeleted] = useState<HighlightRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loaded = useLiveQuery(() => load(db, limit), [limit]);

  const groups = useMemo(() => {
    if (loaded.status !== 'ready') return [];
    const rows = loaded.value.rows.filter((h) => (!color || h.color === color) && matchesQuery(h, query));
    return groupHighlights(rows, loaded.value.papers);
  }, [loaded, query, color]);

  const run = (work: Promise<unknown>) => work.catch((e: unknown) => setError(messageOf(e)));

  const remove = (highlight: HighlightRecord) =>
    run(request('highlight.delete', { ids: [highlight.id] }).then((rows) => setDeleted(rows)));
  const undo = () => deleted && run(request('highlight.restore', { highlights: deleted }).then(() => setDeleted(null)));
  const recolor = (highlight: HighlightRecord, next: HighlightColor) => run(request('highlight.update', { id: highlight.id, color: next }));
  const saveNote = () => {
    if (!editing) return;
    const { id, note } = editing;
    setEditing(null);
    void run(request('highlight.update', { id, note }));
  };

  const exportGroups = (which: HighlightGroup[], format: 'markdown' | 'annotations', name: string) => {
    const now = Date.now();
    if (format === 'markdown') downloadText(`${name}-${stamp(now)}.md`, highlightsToMarkdown(which), 'text/markdown');
    else downloadText(`${name}-${stamp(now)}.jsonld`, JSON.stringify(highlightsToAnnotations(which, now), null, 2), 'application/ld+json');
  };

  /** Every highlight, not only the loaded page: read once, at the click. */
  const exportAll = (format: 'markdown' | 'annotations') =>
    run(
      (async () => {
        const rows = await db.highlights.orderBy('updatedAt').reverse().toArray();
        exportGroups(groupHighlights(rows, await papersOf(db, rows)), format, 'lectern-highlights');
      })(),
    );

  if (loaded.status === 'loading') return <p class="muted">Loading highlights…</p>;
  if (loaded.status === 'error') {
    return (
      <p class="error" role="alert">
        The highlights could not be read: {loaded.error}
      </p>
    );
  }
  const { total, more, withCopy } = loaded.value;
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;

  /** The live page scrolled to the highlight; the reader when asked for, offline, or there is no web page. */
  const hrefOf = (highlight: HighlightRecord, paperId: PaperId | undefined) => {
    const copy = paperId !== undefined && withCopy.has(paperId);
    if (copy && (preferCopy || offline || !isHttp(highlight.url))) return readerPath(paperId, highlight.id);
    return isHttp(highlight.url) ? livePageLink(highlight.url, highlight.id) : undefined;
  };

  return (
    <section class="highlights-view" aria-labelledby="highlights-title">
      <div class="bar">
        <h2 id="highlights-title">Highlights ({total})</h2>
        <span class="highlight-exports">
          Export all:{' '}
          <button type="button" class="link-button" onClick={() => void exportAll('markdown')} disabled={total === 0}>
            Markdown
          </button>{' '}
          <button type="button" class="link-button" onClick={() => void exportAll('annotations')} disabled={total === 0}>
            Web Annotations
          </button>
        </span>
      </div>
      <div class="highlight-filters">
        <label>
          Search highlights and notes
          <input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Show colour
          <select value={color} onChange={(e) => setColor((e.target as HTMLSelectElement).value as HighlightColor | '')}>
            <option value="">All colours</option>
            {HIGHLIGHT_COLORS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label class="highlight-check">
          <input type="checkbox" checked={preferCopy} onChange={(e) => setPreferCopy((e.target as HTMLInputElement).checked)} />
          Open in the offline reader when there is a copy
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {deleted && (
        <p class="notice" role="status">
          Deleted {deleted.length === 1 ? 'a highlight' : `${String(deleted.length)} highlights`}.{' '}
          <button type="button" onClick={() => void undo()}>
            Undo
          </button>
        </p>
      )}
      {total === 0 ? (
        <p class="empty">No highlights yet. Select text on a paper's page, or in the reader, to highlight it.</p>
      ) : groups.length === 0 ? (
        <p class="empty">No highlight matches.</p>
      ) : (
        groups.map((group) => {
          const paperId = group.paper?.id;
          const title = group.paper?.title ?? group.url;
          return (
            <article key={group.key} class="highlight-group" aria-label={title}>
              <h3 class="highlight-paper">
                {paperId ? <a href={`sidepanel.html${libraryHash({ kind: 'paper', id: paperId })}`}>{title}</a> : title}
              </h3>
              <div class="highlight-group-actions">
                {paperId && withCopy.has(paperId) && (
                  <a href={readerPath(paperId)} target="_blank" rel="noopener">
                    Read offline
                  </a>
                )}
                <button type="button" class="link-button" onClick={() => exportGroups([group], 'markdown', fileSlug(group))}>
                  Markdown
                </button>
                <button type="button" class="link-button" onClick={() => exportGroups([group], 'annotations', fileSlug(group))}>
                  Web Annotations
                </button>
              </div>
              <ul class="highlight-list">
                {group.highlights.map((highlight) => {
                  const href = hrefOf(highlight, paperId);
                  return (
                    <li key={highlight.id} class="highlight-item" data-color={highlight.color} data-highlight-id={highlight.id}>
                      <blockquote>
                        {href ? (
                          <a href={href} target="_blank" rel="noopener">
                            {highlight.text}
                          </a>
                        ) : (
                          highlight.text
                        )}
                      </blockquote>
                      {editing?.id === highlight.id ? (
                        <div class="highlight-edit">
                          <label>
                            Note
                            <textarea
                              rows={3}
                              value={editing.note}
                              onInput={(e) => setEditing({ id: highlight.id, note: (e.target as HTMLTextAreaElement).value })}
                            />
                          </label>
                          <button type="button" class="primary" onClick={saveNote}>
                            Save note
                          </button>{' '}
                          <button type="button" onClick={() => setEditing(null)}>
                            Cancel
                          </button>
                        </div>
                      ) : (
                        highlight.note && <p class="highlight-note">{highlight.note}</p>
                      )}
                      <div class="highlight-actions">
                        <span class="muted">{new Date(highlight.updatedAt).toLocaleDateString()}</span>
                        <select
                          aria-label="Colour of this highlight"
                          value={highlight.color}
                          onChange={(e) => void recolor(highlight, (e.target as HTMLSelectElement).value as HighlightColor)}
                        >
                          {HIGHLIGHT_COLORS.map((c) => (
                            <option key={c} value={c}>
                              {c}
                            </option>
                          ))}
                        </select>
                        <button type="button" class="link-button" onClick={() => setEditing({ id: highlight.id, note: highlight.note })}>
                          {highlight.note ? 'Edit note' : 'Add note'}
                        </button>
                        {paperId && withCopy.has(paperId) && href !== readerPath(paperId, highlight.id) && (
                          <a href={readerPath(paperId, highlight.id)} target="_blank" rel="noopener">
                            Offline
                          </a>
                        )}
                        <button type="button" class="link-button" onClick={() => void remove(highlight)}>
                          Delete
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </article>
          );
        })
      )}
      {more && (
        <button type="button" onClick={() => setLimit((n) => n + HIGHLIGHTS_PAGE)}>
          Show older highlights
        </button>
      )}
    </section>
  );
}
