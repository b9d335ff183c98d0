/**
 * The highlighter's in-page UI, in one shadow root (`<lectern-highlighter>`, fixed, out of the page's flow):
 *
 * - the selection toolbar: a swatch per colour (highlight in that colour), Note (highlight, then edit its
 *   note), Copy;
 * - the editor of a clicked highlight: colour, note, Delete;
 * - the note shown while hovering a highlight;
 * - a short notice with Undo after a deletion;
 * - "N highlights not found": the orphans, each with its quote and context, never dropped.
 *
 * Every string from the page or the user is rendered as text. Its events stop at its host.
 */
import { HIGHLIGHT_PAINT } from '../anchoring/draw';
import { HIGHLIGHT_COLORS, type HighlightColor, type HighlightRecord, type TextQuoteSelector } from '../model';
import type { Styler } from './styles';

export const HIGHLIGHTER_TAG = 'lectern-highlighter';

const CSS = `
.panel {
  position: fixed; z-index: 2147483647; display: flex; align-items: center; gap: 4px; padding: 4px 6px;
  border-radius: 8px; background: var(--l-bg); color: var(--l-fg); border: 1px solid var(--l-border);
  box-shadow: var(--l-shadow); font: 500 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.panel[hidden] { display: none; }
.swatch { width: 18px; height: 18px; border-radius: 50%; border: 1px solid var(--l-border); padding: 0; cursor: pointer; }
.swatch[aria-pressed="true"] { outline: 2px solid var(--l-focus); outline-offset: 1px; }
.text-button { padding: 2px 8px; border-radius: 6px; border: 1px solid var(--l-border); background: transparent; color: var(--l-fg); cursor: pointer; font: inherit; }
.text-button:hover, .swatch:hover { background-color: var(--l-hover); }
.text-button.danger { color: #b91c1c; }
.editor { flex-direction: column; align-items: stretch; width: 280px; padding: 8px; gap: 6px; }
.editor .row { display: flex; gap: 4px; align-items: center; }
.editor textarea { all: revert; font: 400 12px/16px system-ui, sans-serif; min-height: 60px; resize: vertical; width: auto; }
.editor .quote { color: var(--l-muted); font-weight: 400; max-height: 48px; overflow: hidden; }
.tooltip { max-width: 320px; white-space: pre-wrap; font-weight: 400; pointer-events: none; }
.notice { bottom: 16px; left: 16px; }
.orphans { bottom: 16px; right: 16px; flex-direction: column; align-items: stretch; max-width: 360px; max-height: 50vh; overflow: auto; }
.orphans ul { margin: 0; padding: 0 0 0 16px; }
.orphans li { margin: 4px 0; font-weight: 400; }
.orphans .context { color: var(--l-muted); }
.orphans .exact { font-weight: 600; }
.orphans .note { display: block; color: var(--l-muted); font-style: italic; }
`;

export interface HighlightUiActions {
  /** Highlight the current selection in `color`; with `note`, open its editor afterwards. */
  create(color: HighlightColor, withNote: boolean): void;
  copySelection(): void;
  setColor(id: string, color: HighlightColor): void;
  setNote(id: string, note: string): void;
  remove(id: string): void;
  undo(): void;
  /** The toolbar or editor closed (focus may go back to the page). */
  closed(): void;
}

export class HighlightUi {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly toolbar: HTMLElement;
  private readonly editor: HTMLElement;
  private readonly editorQuote: HTMLElement;
  private readonly editorNote: HTMLTextAreaElement;
  private readonly editorSwatches = new Map<HighlightColor, HTMLButtonElement>();
  private readonly tooltip: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly noticeText: HTMLElement;
  private readonly orphans: HTMLElement;
  private readonly orphanSummary: HTMLButtonElement;
  private readonly orphanList: HTMLElement;
  private editing: string | undefined;

  constructor(
    private readonly doc: Document,
    styler: Styler,
    private readonly actions: HighlightUiActions,
  ) {
    this.host = doc.createElement(HIGHLIGHTER_TAG);
    this.root = this.host.attachShadow({ mode: 'open' });
    styler.adopt(this.root);
    const style = doc.createElement('style');
    style.textContent = CSS;
    this.root.append(style);

    this.toolbar = this.el('div', 'panel toolbar');
    this.toolbar.setAttribute('role', 'toolbar');
    this.toolbar.setAttribute('aria-label', 'Highlight with Lectern');
    for (const color of HIGHLIGHT_COLORS) {
      const swatch = this.swatch(color, `Highlight ${color}`);
      swatch.dataset.color = color;
      swatch.addEventListener('click', () => actions.create(color, false));
      this.toolbar.append(swatch);
    }
    const note = this.button('Note', () => actions.create('yellow', true));
    note.dataset.action = 'note';
    const copy = this.button('Copy', () => actions.copySelection());
    copy.dataset.action = 'copy';
    this.toolbar.append(note, copy);

    this.editor = this.el('div', 'panel editor');
    this.editor.setAttribute('role', 'dialog');
    this.editor.setAttribute('aria-label', 'Edit highlight');
    this.editorQuote = this.el('div', 'quote');
    const colors = this.el('div', 'row');
    for (const color of HIGHLIGHT_COLORS) {
      const swatch = this.swatch(color, `Colour ${color}`);
      swatch.addEventListener('click', () => {
        if (this.editing) actions.setColor(this.editing, color);
        this.pressed(color);
      });
      this.editorSwatches.set(color, swatch);
      colors.append(swatch);
    }
    this.editorNote = doc.createElement('textarea');
    this.editorNote.setAttribute('aria-label', 'Note');
    this.editorNote.placeholder = 'Add a note';
    const buttons = this.el('div', 'row');
    const save = this.button('Save note', () => {
      if (this.editing) actions.setNote(this.editing, this.editorNote.value);
      this.closeEditor();
    });
    save.dataset.action = 'save';
    const remove = this.button('Delete', () => {
      if (this.editing) actions.remove(this.editing);
      this.closeEditor();
    });
    remove.classList.add('danger');
    remove.dataset.action = 'delete';
    const close = this.button('Close', () => this.closeEditor());
    buttons.append(save, remove, close);
    this.editor.append(this.editorQuote, colors, this.editorNote, buttons);

    this.tooltip = this.el('div', 'panel tooltip');
    this.tooltip.setAttribute('role', 'tooltip');

    this.notice = this.el('div', 'panel notice');
    this.notice.setAttribute('role', 'status');
    this.noticeText = this.el('span');
    const undo = this.button('Undo', () => {
      this.notice.hidden = true;
      actions.undo();
    });
    undo.dataset.action = 'undo';
    this.notice.append(this.noticeText, undo);

    this.orphans = this.el('div', 'panel orphans');
    this.orphans.setAttribute('role', 'region');
    this.orphans.setAttribute('aria-label', 'Highlights not found on this page');
    this.orphanSummary = this.button('', () => {
      const open = this.orphanList.hidden;
      this.orphanList.hidden = !open;
      this.orphanSummary.setAttribute('aria-expanded', String(open));
    });
    this.orphanSummary.setAttribute('aria-expanded', 'false');
    this.orphanList = this.el('ul');
    this.orphanList.hidden = true;
    this.orphans.append(this.orphanSummary, this.orphanList);

    for (const panel of [this.toolbar, this.editor, this.tooltip, this.notice, this.orphans]) {
      panel.hidden = true;
      this.root.append(panel);
    }
    this.editor.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.closeEditor();
    });
    // Our UI only: the page's own handlers never see what happens here.
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'keydown', 'keyup', 'keypress', 'focusin', 'focusout', 'input', 'change']) {
      this.root.addEventListener(type, (event) => event.stopPropagation());
    }
    // Keep the page's selection while a toolbar button is pressed.
    this.toolbar.addEventListener('mousedown', (event) => event.preventDefault());
  }

  mount(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  /** Whether an event happened inside this UI. */
  contains(event: Event): boolean {
    return event.composedPath().includes(this.host);
  }

  showToolbar(rect: DOMRect): void {
    this.mount();
    this.toolbar.hidden = false;
    this.place(this.toolbar, rect);
  }

  hideToolbar(): void {
    this.toolbar.hidden = true;
  }

  get toolbarShown(): boolean {
    return !this.toolbar.hidden;
  }

  openEditor(record: HighlightRecord, rect: DOMRect): void {
    this.mount();
    this.hideToolbar();
    this.hideTooltip();
    this.editing = record.id;
    this.editorQuote.textContent = `“${record.text.length > 160 ? `${record.text.slice(0, 160)}…` : record.text}”`;
    this.editorNote.value = record.note;
    this.pressed(record.color);
    this.editor.hidden = false;
    this.place(this.editor, rect);
    this.editorNote.focus({ preventScroll: true });
  }

  get editingId(): string | undefined {
    return this.editor.hidden ? undefined : this.editing;
  }

  closeEditor(): void {
    if (this.editor.hidden) return;
    this.editor.hidden = true;
    this.editing = undefined;
    this.actions.closed();
  }

  showTooltip(note: string, x: number, y: number): void {
    this.mount();
    this.tooltip.textContent = note;
    this.tooltip.hidden = false;
    this.place(this.tooltip, new DOMRect(x, y, 0, 12));
  }

  hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  showNotice(text: string): void {
    this.mount();
    this.noticeText.textContent = text;
    this.notice.hidden = false;
  }

  hideNotice(): void {
    this.notice.hidden = true;
  }

  /** Lists the highlights that could not be placed (nothing shown when there are none). */
  setOrphans(records: readonly HighlightRecord[]): void {
    this.orphans.hidden = records.length === 0;
    if (!records.length) return;
    this.mount();
    this.orphanSummary.textContent = `${records.length} ${records.length === 1 ? 'highlight' : 'highlights'} not found on this page`;
    this.orphanList.textContent = '';
    for (const record of records) {
      const quote = record.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
      const item = this.el('li');
      item.dataset.id = record.id;
      item.append(
        this.el('span', 'context', quote?.prefix ? `…${quote.prefix}` : ''),
        this.el('span', 'exact', record.text),
        this.el('span', 'context', quote?.suffix ? `${quote.suffix}…` : ''),
      );
      if (record.note) item.append(this.el('span', 'note', record.note));
      this.orphanList.append(item);
    }
  }

  destroy(): void {
    this.host.remove();
  }

  private pressed(color: HighlightColor): void {
    for (const [c, swatch] of this.editorSwatches) swatch.setAttribute('aria-pressed', String(c === color));
  }

  /** Below the rectangle (above it near the bottom of the window), kept inside the window. */
  private place(panel: HTMLElement, rect: DOMRect): void {
    const view = this.doc.defaultView!;
    const width = panel.offsetWidth || 200;
    const height = panel.offsetHeight || 30;
    const left = Math.max(4, Math.min(rect.left, view.innerWidth - width - 4));
    const below = rect.bottom + 6;
    const top = below + height > view.innerHeight - 4 ? Math.max(4, rect.top - height - 6) : below;
    panel.style.left = `${left}px`;
    panel.style.top = `${top}px`;
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
    const node = this.doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  private button(label: string, run: () => void): HTMLButtonElement {
    const button = this.el('button', 'text-button', label);
    button.type = 'button';
    button.addEventListener('click', () => run());
    return button;
  }

  private swatch(color: HighlightColor, label: string): HTMLButtonElement {
    const button = this.el('button', 'swatch');
    button.type = 'button';
    button.style.backgroundColor = HIGHLIGHT_PAINT[color];
    button.setAttribute('aria-label', label);
    button.title = label;
    return button;
  }
}
