import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { anchor, createPainter, createTextIndex, describe, type Painter } from '../../lib/anchoring';
import { findByAlias } from '../../lib/db/papers';
import type { LecternDB } from '../../lib/db/schema';
import { getSnapshot } from '../../lib/db/snapshots';
import type { HighlightEdit, NewHighlight } from '../../lib/messaging/areas/highlights';
import { HIGHLIGHT_COLORS, type HighlightColor, type HighlightRecord, type PaperId } from '../../lib/model';
import { highlightOfFragment } from '../../lib/snapshot/reader-url';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { FONT_SIZES, loadPrefs, savePrefs, type ReaderPrefs } from './prefs';
import { SnapshotContent } from './SnapshotContent';

/** What the reader asks of the background (highlight requests); passed in so tests can stand in. */
export interface ReaderActions {
  create(highlight: NewHighlight): Promise<HighlightRecord>;
  update(edit: HighlightEdit): Promise<HighlightRecord>;
  remove(ids: string[]): Promise<HighlightRecord[]>;
  restore(rows: HighlightRecord[]): Promise<number>;
}

interface Props {
  db: LecternDB;
  paperId: PaperId;
  actions: ReaderActions;
  /** `location.hash`: `#lectern-highlight=<id>` scrolls to that highlight. */
  hash?: string;
}

/** A selection waiting for a colour, or a drawn highlight being edited, with where to show its tools. */
type Tool =
  | { kind: 'new'; range: Range; top: number; left: number }
  | { kind: 'edit'; highlight: HighlightRecord; top: number; left: number };

const COLOR_LABEL: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where a floating tool goes: under the range, inside the viewport. */
function placeBelow(range: Range): { top: number; left: number } {
  const rect = range.getBoundingClientRect();
  return {
    top: rect.bottom + window.scrollY + 8,
    left: Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 320)),
  };
}

/** The offline reader: a paper's stored copy, its highlights drawn over it, new ones made here. */
export function ReaderApp({ db, paperId, actions, hash = '' }: Props) {
  const [prefs, setPrefs] = useState<ReaderPrefs>(() =>
    loadPrefs(localStorage, window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false),
  );
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const [renderCount, setRenderCount] = useState(0);
  const [tool, setTool] = useState<Tool | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<HighlightRecord[] | null>(null);
  const [orphans, setOrphans] = useState<HighlightRecord[]>([]);
  const ranges = useRef(new Map<string, Range>());
  const painter = useRef<Painter | null>(null);
  const scrolledTo = useRef<string | null>(null);

  const paper = useLiveQuery(() => findByAlias(db, paperId), [paperId]);
  const recordId = paper.status === 'ready' ? (paper.value?.id ?? paperId) : paperId;
  const snapshot = useLiveQuery(() => getSnapshot(db, paperId), [paperId]);
  const highlights = useLiveQuery(
    () => db.highlights.where('paperId').equals(recordId).toArray(),
    [recordId],
  );

  useEffect(() => {
    document.documentElement.dataset.theme = prefs.theme;
    document.documentElement.style.setProperty('--reader-size', `${String(prefs.fontSize)}px`);
    savePrefs(localStorage, prefs);
  }, [prefs]);

  useEffect(() => {
    const title = snapshot.status === 'ready' ? snapshot.value?.title : undefined;
    document.title = title ? `${title} — Lectern reader` : 'Lectern reader';
  }, [snapshot]);

  useEffect(() => {
    painter.current = createPainter(document);
    return () => painter.current?.destroy();
  }, []);

  const onRendered = useCallback((element: HTMLElement) => {
    setRoot(element);
    setRenderCount((n) => n + 1);
  }, []);

  // Anchor every highlight by quote against this copy's own text; those that cannot be placed are orphans.
  const list = highlights.status === 'ready' ? highlights.value : null;
  useEffect(() => {
    const paint = painter.current;
    if (!root || !list || !paint) return;
    for (const range of ranges.current.values()) paint.undraw(range);
    ranges.current.clear();
    const index = createTextIndex(root);
    const lost: HighlightRecord[] = [];
    for (const highlight of [...list].sort((a, b) => a.createdAt - b.createdAt)) {
      const range = anchor(root, highlight.selectors, index);
      if (!range) {
        lost.push(highlight);
        continue;
      }
      ranges.current.set(highlight.id, range);
      paint.draw(range, highlight.color);
    }
    setOrphans(lost);
    const wanted = highlightOfFragment(hash);
    if (wanted && scrolledTo.current !== wanted) {
      const range = ranges.current.get(wanted);
      if (range) {
        scrolledTo.current = wanted;
        const target = range.startContainer.parentElement;
        target?.scrollIntoView({ block: 'center' });
        paint.flash(range);
      }
    }
  }, [root, renderCount, list, hash]);

  const sorted = useMemo(() => (list ? [...list].sort((a, b) => a.createdAt - b.createdAt) : []), [list]);

  /** A selection inside the copy offers the highlight tools. */
  const onSelectionEnd = () => {
    const selection = window.getSelection();
    if (!root || !selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer) || !range.toString().trim()) return;
    setNote('');
    setTool({ kind: 'new', range: range.cloneRange(), ...placeBelow(range) });
  };

  /** A click on a drawn highlight opens its tools. */
  const onClick = (event: MouseEvent) => {
    const paint = painter.current;
    if (!paint || !list) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const hit = paint.hitTest(event.clientX, event.clientY, ranges.current.values());
    if (!hit) return;
    const id = [...ranges.current.entries()].find(([, range]) => range === hit)?.[0];
    const highlight = list.find((h) => h.id === id);
    if (!highlight) return;
    setNote(highlight.note);
    setTool({ kind: 'edit', highlight, ...placeBelow(hit) });
  };

  const run = (work: Promise<unknown>) => work.catch((e: unknown) => setError(messageOf(e)));

  const create = (color: HighlightColor) => {
    if (!root || tool?.kind !== 'new' || snapshot.status !== 'ready' || !snapshot.value) return;
    const selectors = describe(root, tool.range);
    if (!selectors) return;
    const copyUrl = snapshot.value.url;
    setTool(null);
    window.getSelection()?.removeAllRanges();
    void run(
      actions.create({
        paperId: recordId,
        url: copyUrl,
        selectors,
        text: selectors[0].exact,
        color,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
  };

  const edit = (change: { color?: HighlightColor; note?: string }) => {
    if (tool?.kind !== 'edit') return;
    const id = tool.highlight.id;
    setTool(null);
    void run(actions.update({ id, ...change }));
  };

  const remove = (highlight: HighlightRecord) => {
    setTool(null);
    void run(actions.remove([highlight.id]).then((rows) => setUndo(rows)));
  };

  const jumpTo = (highlight: HighlightRecord) => {
    const range = ranges.current.get(highlight.id);
    if (!range) return;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    painter.current?.flash(range);
  };

  const resize = (delta: number) =>
    setPrefs((p) => ({ ...p, fontSize: Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, p.fontSize + delta)) }));

  if (snapshot.status === 'loading') return <main class="reader-page"><p class="reader-muted">Opening…</p></main>;
  if (snapshot.status === 'error') {
    return (
      <main class="reader-page">
        <p role="alert">The library could not be read: {snapshot.error}</p>
      </main>
    );
  }
  const copy = snapshot.value;
  if (!copy) {
    return (
      <main class="reader-page">
        <h1>No readable copy</h1>
        <p>Lectern has no readable copy of this paper yet. Open its full-text page and choose “Keep a readable copy” in the popup.</p>
      </main>
    );
  }

  return (
    <>
      <header class="reader-toolbar">
        <span class="reader-brand">Lectern reader</span>
        <div class="reader-controls" role="group" aria-label="Text settings">
          <button type="button" onClick={() => resize(-FONT_SIZES.step)} disabled={prefs.fontSize <= FONT_SIZES.min} title="Smaller text">
            A−<span class="reader-hidden"> smaller text</span>
          </button>
          <button type="button" onClick={() => resize(FONT_SIZES.step)} disabled={prefs.fontSize >= FONT_SIZES.max} title="Larger text">
            A+<span class="reader-hidden"> larger text</span>
          </button>
          <button
            type="button"
            aria-pressed={prefs.theme === 'dark'}
            onClick={() => setPrefs((p) => ({ ...p, theme: p.theme === 'dark' ? 'light' : 'dark' }))}
          >
            Dark
          </button>
        </div>
      </header>
      <main class="reader-page">
        <article aria-labelledby="reader-title">
          <h1 id="reader-title" class="reader-title">
            {copy.title}
          </h1>
          {copy.byline && <p class="reader-byline">{copy.byline}</p>}
          <p class="reader-meta">
            Copy kept {new Date(copy.savedAt).toLocaleDateString()} from{' '}
            <a href={/^https?:\/\//.test(copy.url) ? copy.url : undefined} target="_blank" rel="noopener noreferrer">
              {copy.url}
            </a>
            {copy.droppedImages ? ` · ${String(copy.droppedImages)} images could not be stored and are left out` : ''}
          </p>
          {error && (
            <p class="reader-error" role="alert">
              {error}
            </p>
          )}
          {undo && (
            <p class="reader-undo" role="status">
              Highlight deleted.{' '}
              <button type="button" onClick={() => void run(actions.restore(undo).then(() => setUndo(null)))}>
                Undo
              </button>
            </p>
          )}
          {orphans.length > 0 && (
            <section class="reader-orphans" aria-labelledby="reader-orphans-title">
              <h2 id="reader-orphans-title">Highlights not found in this copy ({orphans.length})</h2>
              <ul>
                {orphans.map((h) => (
                  <li key={h.id} data-color={h.color}>
                    <blockquote>{h.text}</blockquote>
                    {h.note && <p class="reader-note">{h.note}</p>}
                    <button type="button" class="reader-link" onClick={() => remove(h)}>
                      Delete
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div onMouseUp={onSelectionEnd} onKeyUp={onSelectionEnd} onClick={onClick}>
            <SnapshotContent html={copy.content} onRendered={onRendered} />
          </div>
        </article>
        {sorted.length > 0 && (
          <aside class="reader-highlights" aria-labelledby="reader-highlights-title">
            <h2 id="reader-highlights-title">Highlights ({sorted.length})</h2>
            <ul>
              {sorted
                .filter((h) => !orphans.includes(h))
                .map((h) => (
                  <li key={h.id} data-color={h.color}>
                    <button type="button" class="reader-link" onClick={() => jumpTo(h)}>
                      {h.text.length > 140 ? `${h.text.slice(0, 140)}…` : h.text}
                    </button>
                    {h.note && <p class="reader-note">{h.note}</p>}
                  </li>
                ))}
            </ul>
          </aside>
        )}
      </main>
      {tool && (
        <div
          class="reader-tool"
          role="dialog"
          aria-label={tool.kind === 'new' ? 'New highlight' : 'Edit highlight'}
          style={{ top: `${String(tool.top)}px`, left: `${String(tool.left)}px` }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setTool(null);
          }}
        >
          <div class="reader-colors" role="group" aria-label="Colour">
            {HIGHLIGHT_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                class={`reader-swatch swatch-${color}`}
                aria-label={tool.kind === 'new' ? `Highlight in ${COLOR_LABEL[color]}` : `Colour ${COLOR_LABEL[color]}`}
                aria-pressed={tool.kind === 'edit' ? tool.highlight.color === color : undefined}
                onClick={() => (tool.kind === 'new' ? create(color) : edit({ color }))}
              />
            ))}
          </div>
          <label class="reader-note-field">
            Note
            <textarea value={note} rows={2} onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)} />
          </label>
          <div class="reader-tool-actions">
            {tool.kind === 'new' ? (
              <button type="button" class="primary" onClick={() => create('yellow')}>
                Highlight
              </button>
            ) : (
              <>
                <button type="button" class="primary" onClick={() => edit({ note })}>
                  Save note
                </button>
                <button type="button" onClick={() => remove(tool.highlight)}>
                  Delete
                </button>
              </>
            )}
            <button type="button" onClick={() => setTool(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}
