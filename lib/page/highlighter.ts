/**
 * The in-page highlighter (content script): draws the page's highlights, makes new ones from the
 * selection, and keeps them placed while the page renders late.
 *
 * 1. Once the page is recorded (its papers are then the tab's), ask for its highlights (`page.highlights`),
 *    anchor them against the page's text (`lib/anchoring`) and draw them with the CSS Custom Highlight API
 *    (nothing in the page's DOM or layout changes). Those that cannot be placed are orphans: kept, and listed
 *    with their quote and context.
 * 2. While the page is still changing (its own late rendering), anchor again after each quiet period, a
 *    bounded number of times, the orphans and any highlight whose text left the page.
 * 3. A selection shows a small toolbar (colours, Note, Copy); the context menu item and the keyboard command
 *    arrive as a push (`page.highlightSelection`). Hovering a highlight shows its note; clicking it opens its
 *    editor (colour, note, delete with undo).
 * 4. `#lectern-highlight=<id>` in the URL scrolls to that highlight, once, and flashes it.
 *
 * State for tests and tools is on the host element (`data-drawn`, `data-orphans`, `data-state`).
 */
import { anchor, createPainter, createTextIndex, describe, type Painter } from '../anchoring';
import { collapseWhitespace } from '../anchoring/text';
import type { RequestAnswer, RequestData, RequestType } from '../messaging/protocol';
import { parsePush } from '../messaging/validate';
import type { HighlightColor, HighlightRecord, PaperId } from '../model';
import { copyText } from './citation';
import { HighlightUi, HIGHLIGHTER_TAG, type HighlightUiActions } from './highlight-ui';
import { withRetry } from './retry';
import { pageTheme, Styler } from './styles';
import type { Ctx } from './triage';

export interface HighlighterEnv {
  ctx: Ctx;
  doc: Document;
  win: Window;
  request<T extends RequestType>(type: T, data: RequestData<T>): Promise<RequestAnswer<T>>;
  listen(listener: (message: unknown) => void): () => void;
  /** Settles when the page's papers are recorded (so the background knows them as this tab's). */
  recorded(): Promise<void>;
  /** The paper the page is about, when it is about one paper. */
  paperId(): PaperId | undefined;
  /** Quiet time after the page's own changes before anchoring again (ms). */
  quietMs?: number;
  /** How many times to anchor again after the page changed. */
  maxReanchors?: number;
}

export interface Highlighter {
  /** Settles when the page's highlights are loaded and anchored once (tests). */
  ready: Promise<void>;
  destroy(): void;
}

export const FRAGMENT_PREFIX = '#lectern-highlight=';
const DEFAULT_COLOR: HighlightColor = 'yellow';

/** The highlight id a URL's fragment points at, if any. */
export function fragmentHighlightId(href: string): string | undefined {
  const hash = href.indexOf('#');
  if (hash === -1) return undefined;
  const fragment = href.slice(hash);
  if (!fragment.startsWith(FRAGMENT_PREFIX)) return undefined;
  try {
    return decodeURIComponent(fragment.slice(FRAGMENT_PREFIX.length)) || undefined;
  } catch {
    return undefined;
  }
}

function isOurs(node: Node | null): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === 1 && (n as Element).localName.startsWith('lectern-')) return true;
  }
  return false;
}

export function startHighlighter(env: HighlighterEnv): Highlighter {
  const { ctx, doc, win } = env;
  const records = new Map<string, HighlightRecord>();
  const ranges = new Map<string, Range>();
  const orphans = new Set<string>();
  let painter: Painter | undefined;
  let lastDeleted: HighlightRecord | undefined;
  let scrolledTo: string | undefined;
  let reanchors = 0;
  let destroyed = false;
  // Built on first use: a page without highlights or selections pays nothing for it.
  let uiInstance: HighlightUi | undefined;
  const ui = (): HighlightUi => (uiInstance ??= new HighlightUi(doc, new Styler(pageTheme(doc)), uiActions));
  const uiActions: HighlightUiActions = {
    create: (color, withNote) => void createFromSelection(color, withNote),
    copySelection() {
      const text = win.getSelection()?.toString() ?? '';
      if (text) void copyText(collapseWhitespace(text), ui().root);
      ui().hideToolbar();
    },
    setColor: (id, color) => void edit(id, { color }),
    setNote: (id, note) => void edit(id, { note }),
    remove: (id) => void remove(id),
    undo: () => void undo(),
    closed() {},
  };

  const paint = () => (painter ??= createPainter(doc));

  function publish(): void {
    if (destroyed) return;
    ui().mount();
    ui().host.dataset.drawn = String(ranges.size);
    ui().host.dataset.orphans = String(orphans.size);
    ui().host.dataset.state = JSON.stringify(
      [...records.values()].map((r) => ({
        id: r.id,
        color: r.color,
        note: r.note,
        placed: ranges.has(r.id),
        text: ranges.has(r.id) ? collapseWhitespace(ranges.get(r.id)!.toString()) : null,
      })),
    );
    ui().setOrphans([...orphans].map((id) => records.get(id)!).filter(Boolean));
  }

  /** A drawn range whose text is no longer in the page (the page replaced that part). */
  const detached = (range: Range) => !range.startContainer.isConnected || !range.endContainer.isConnected || range.collapsed;

  /** Anchors `ids` (all by default) against the page's current text; answers how many were placed. */
  function anchorSome(ids: Iterable<string> = records.keys()): number {
    const todo = [...ids].filter((id) => records.has(id));
    if (!todo.length) return 0;
    const index = createTextIndex(doc.body);
    let placed = 0;
    for (const id of todo) {
      const record = records.get(id)!;
      const old = ranges.get(id);
      if (old) paint().undraw(old);
      ranges.delete(id);
      const range = anchor(doc.body, record.selectors, index);
      if (range) {
        ranges.set(id, range);
        orphans.delete(id);
        paint().draw(range, record.color);
        placed++;
      } else {
        orphans.add(id);
      }
    }
    publish();
    scrollToFragment();
    return placed;
  }

  function scrollToFragment(): void {
    const id = fragmentHighlightId(win.location.href);
    if (!id || scrolledTo === id) return;
    const range = ranges.get(id);
    if (!range) return;
    scrolledTo = id;
    const rect = range.getBoundingClientRect();
    win.scrollTo({ top: win.scrollY + rect.top - win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    paint().flash(range);
    ui().host.dataset.scrolledTo = id;
  }

  // ---- the page's late rendering ------------------------------------------------------------------------

  let quietTimer: number | undefined;
  let observing = false;
  const observer = new MutationObserver((mutations) => {
    if (mutations.every((m) => isOurs(m.target))) return;
    if (quietTimer !== undefined) win.clearTimeout(quietTimer);
    quietTimer = ctx.setTimeout(() => {
      quietTimer = undefined;
      if (destroyed) return;
      const stale = [...ranges].filter(([, range]) => detached(range)).map(([id]) => id);
      const todo = [...orphans, ...stale];
      if (todo.length) {
        reanchors++;
        anchorSome(todo);
      }
      if (reanchors >= (env.maxReanchors ?? 5)) observer.disconnect();
    }, env.quietMs ?? 400);
  });

  /** Follows the page's changes once it has highlights, until the re-anchoring budget is spent. */
  function observe(): void {
    if (observing || destroyed || !records.size || reanchors >= (env.maxReanchors ?? 5)) return;
    observing = true;
    observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
  }

  // ---- making and editing ---------------------------------------------------------------------------------

  function selectedRange(): Range | undefined {
    const selection = win.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return undefined;
    const range = selection.getRangeAt(0);
    if (isOurs(range.commonAncestorContainer) || !doc.body.contains(range.commonAncestorContainer)) return undefined;
    return range;
  }

  async function createFromSelection(color: HighlightColor, withNote: boolean): Promise<void> {
    const range = selectedRange();
    ui().hideToolbar();
    if (!range) return;
    const selectors = describe(doc.body, range);
    if (!selectors) return;
    const kept = range.cloneRange();
    win.getSelection()?.removeAllRanges();
    await env.recorded();
    const paperId = env.paperId();
    try {
      const record = await withRetry(() =>
        env.request('page.highlight.create', {
          ...(paperId ? { paperId } : {}),
          url: win.location.href,
          selectors,
          text: selectors[0].exact,
          color,
        }),
      );
      records.set(record.id, record);
      ranges.set(record.id, kept);
      paint().draw(kept, record.color);
      publish();
      observe();
      if (withNote) ui().openEditor(record, kept.getBoundingClientRect());
    } catch (error) {
      ui().showNotice(`Could not save the highlight: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function edit(id: string, change: { color?: HighlightColor; note?: string }): Promise<void> {
    const record = records.get(id);
    if (!record) return;
    try {
      const next = await env.request('page.highlight.update', { id, ...change });
      records.set(id, next);
      const range = ranges.get(id);
      if (range) paint().draw(range, next.color);
      publish();
    } catch (error) {
      ui().showNotice(`Could not change the highlight: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function remove(id: string): Promise<void> {
    try {
      const deleted = await env.request('page.highlight.delete', { id });
      lastDeleted = deleted;
      const range = ranges.get(id);
      if (range) paint().undraw(range);
      ranges.delete(id);
      records.delete(id);
      orphans.delete(id);
      publish();
      ui().showNotice('Highlight deleted.');
    } catch (error) {
      ui().showNotice(`Could not delete the highlight: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Puts the last deleted highlight back (as a new highlight with the same selectors, colour and note). */
  async function undo(): Promise<void> {
    const deleted = lastDeleted;
    lastDeleted = undefined;
    if (!deleted) return;
    try {
      const record = await env.request('page.highlight.create', {
        ...(deleted.paperId ? { paperId: deleted.paperId } : {}),
        url: win.location.href,
        selectors: deleted.selectors,
        text: deleted.text,
        color: deleted.color,
        note: deleted.note,
      });
      records.set(record.id, record);
      anchorSome([record.id]);
    } catch (error) {
      ui().showNotice(`Could not restore the highlight: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ---- pointer and selection --------------------------------------------------------------------------------

  function afterSelection(event: Event): void {
    if (uiInstance?.contains(event)) return;
    // The selection is final once the event's default action ran.
    ctx.setTimeout(() => {
      const range = selectedRange();
      if (!range || !collapseWhitespace(range.toString())) {
        uiInstance?.hideToolbar();
        return;
      }
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      ui().showToolbar(last);
    }, 0);
  }

  function hitAt(x: number, y: number): string | undefined {
    if (!ranges.size) return undefined;
    const range = paint().hitTest(x, y, ranges.values());
    if (!range) return undefined;
    for (const [id, r] of ranges) if (r === range) return id;
    return undefined;
  }

  let hoverFrame = 0;
  function onPointerMove(event: MouseEvent): void {
    if (hoverFrame || !ranges.size) return;
    hoverFrame = ctx.requestAnimationFrame(() => {
      hoverFrame = 0;
      if (uiInstance?.editingId) return;
      const id = hitAt(event.clientX, event.clientY);
      const note = id ? records.get(id)?.note : undefined;
      if (note) ui().showTooltip(note, event.clientX + 8, event.clientY + 8);
      else uiInstance?.hideTooltip();
    });
  }

  function onClick(event: MouseEvent): void {
    if (uiInstance?.contains(event)) return;
    if (selectedRange()) return;
    const id = hitAt(event.clientX, event.clientY);
    if (!id) {
      uiInstance?.closeEditor();
      return;
    }
    const record = records.get(id)!;
    ui().openEditor(record, new DOMRect(event.clientX, event.clientY, 0, 16));
  }

  ctx.addEventListener(doc, 'mouseup', afterSelection);
  ctx.addEventListener(doc, 'keyup', (event) => {
    if ((event as KeyboardEvent).shiftKey || (event as KeyboardEvent).key === 'Shift') afterSelection(event);
  });
  ctx.addEventListener(doc, 'selectionchange', () => {
    if (uiInstance?.toolbarShown && !selectedRange()) uiInstance.hideToolbar();
  });
  ctx.addEventListener(doc, 'mousemove', (event) => onPointerMove(event as MouseEvent));
  ctx.addEventListener(doc, 'click', (event) => onClick(event as MouseEvent));
  ctx.addEventListener(win, 'resize', () => painter?.refresh());
  // The toolbar is fixed in the window: it follows the selection when the page scrolls.
  let scrollFrame = 0;
  ctx.addEventListener(
    win,
    'scroll',
    () => {
      if (!uiInstance?.toolbarShown || scrollFrame) return;
      scrollFrame = ctx.requestAnimationFrame(() => {
        scrollFrame = 0;
        const range = selectedRange();
        if (!range) return uiInstance?.hideToolbar();
        const rects = range.getClientRects();
        ui().showToolbar(rects[rects.length - 1] ?? range.getBoundingClientRect());
      });
    },
    { passive: true, capture: true },
  );
  ctx.addEventListener(win, 'hashchange', () => scrollToFragment());

  const stopListening = env.listen((message) => {
    const push = parsePush(message);
    if (push.ok && push.value.type === 'page.highlightSelection') void createFromSelection(DEFAULT_COLOR, false);
  });

  // ---- start ------------------------------------------------------------------------------------------------

  const ready = (async () => {
    await env.recorded();
    if (destroyed) return;
    const found = await withRetry(() => env.request('page.highlights', { url: win.location.href }));
    if (destroyed) return;
    for (const record of found) records.set(record.id, record);
    if (records.size) {
      anchorSome();
      observe();
    }
  })().catch((error: unknown) => {
    if (!ctx.isInvalid && !destroyed) console.warn('Lectern could not show the highlights of this page:', error);
  });

  function destroy(): void {
    destroyed = true;
    observer.disconnect();
    if (quietTimer !== undefined) win.clearTimeout(quietTimer);
    stopListening();
    painter?.destroy();
    uiInstance?.destroy();
  }
  ctx.onInvalidated(destroy);

  return { ready, destroy };
}

export { HIGHLIGHTER_TAG };
