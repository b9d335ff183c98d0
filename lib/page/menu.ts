/**
 * The small menu a badge opens: Save to read, Reading, Read, Dismiss, Open in library, Copy citation link.
 * One per page, created on first use, in its own shadow root (`<lectern-menu>`, absolutely positioned at
 * the badge, outside the page's flow). Keyboard: arrows, Home/End, Enter/Space, Escape (focus returns to
 * the badge); a click elsewhere or Tab closes it. Its events stop at its host.
 */
import type { PaperStatus } from '../model';
import type { Styler } from './styles';
import { dispatchedByScript } from './trusted';

export const MENU_TAG = 'lectern-menu';

export type MenuCommand = { kind: 'status'; status: PaperStatus } | { kind: 'library' } | { kind: 'copy' };

const STATUS_ITEMS: { status: PaperStatus; label: string }[] = [
  { status: 'unread', label: 'Save to read' },
  { status: 'reading', label: 'Reading' },
  { status: 'read', label: 'Read' },
  { status: 'dismissed', label: 'Dismiss' },
];

export interface MenuTarget {
  /** The badge host the menu belongs to. */
  host: HTMLElement;
  /** The badge button (focus returns there). */
  button: HTMLElement;
  title: string;
  status: PaperStatus;
}

/** Runs a command; may answer a short note to show in the menu (e.g. "Link copied"). */
export type CommandHandler = (command: MenuCommand, target: MenuTarget) => Promise<string | void> | string | void;

export class StatusMenu {
  private host: HTMLElement | undefined;
  private panel: HTMLElement | undefined;
  private titleEl: HTMLElement | undefined;
  private note: HTMLElement | undefined;
  private radios = new Map<PaperStatus, HTMLButtonElement>();
  private target: MenuTarget | undefined;
  private readonly onOutside = (event: Event) => {
    if (this.host && !event.composedPath().includes(this.host) && !(this.target && event.composedPath().includes(this.target.host))) {
      this.close(false);
    }
  };

  constructor(
    private readonly doc: Document,
    private readonly styler: Styler,
    private readonly onCommand: CommandHandler,
  ) {}

  get openFor(): HTMLElement | undefined {
    return this.target?.host;
  }

  open(target: MenuTarget): void {
    this.build();
    this.target = target;
    target.button.setAttribute('aria-expanded', 'true');
    this.titleEl!.textContent = target.title;
    this.titleEl!.title = target.title;
    this.note!.textContent = '';
    this.setStatus(target.status);
    if (!this.host!.isConnected) this.doc.documentElement.append(this.host!);
    this.host!.hidden = false;
    this.position();
    this.doc.addEventListener('pointerdown', this.onOutside, true);
    const first = this.radios.get(target.status) ?? this.items()[0];
    first?.focus({ preventScroll: true });
  }

  /** Reflects a status that changed while the menu is open. */
  setStatus(status: PaperStatus): void {
    if (this.target) this.target.status = status;
    for (const [value, item] of this.radios) item.setAttribute('aria-checked', String(value === status));
  }

  close(returnFocus = true): void {
    if (!this.target) return;
    const { button } = this.target;
    button.setAttribute('aria-expanded', 'false');
    this.target = undefined;
    if (this.host) this.host.hidden = true;
    this.doc.removeEventListener('pointerdown', this.onOutside, true);
    if (returnFocus) button.focus({ preventScroll: true });
  }

  destroy(): void {
    this.close(false);
    this.host?.remove();
    this.host = undefined;
  }

  private items(): HTMLButtonElement[] {
    return Array.from(this.panel?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]') ?? []);
  }

  private position(): void {
    if (!this.target || !this.panel) return;
    const view = this.doc.defaultView!;
    const rect = this.target.button.getBoundingClientRect();
    const width = this.panel.offsetWidth || 220;
    const height = this.panel.offsetHeight || 220;
    const left = Math.max(4, Math.min(rect.left, view.innerWidth - width - 8));
    // Below the badge, or above it when there is no room below.
    const below = rect.bottom + 4;
    const top = below + height > view.innerHeight && rect.top - height - 4 > 0 ? rect.top - height - 4 : below;
    this.panel.style.left = `${Math.round(left + view.scrollX)}px`;
    this.panel.style.top = `${Math.round(top + view.scrollY)}px`;
  }

  private build(): void {
    if (this.host) return;
    const doc = this.doc;
    const host = doc.createElement(MENU_TAG);
    host.hidden = true;
    const root = host.attachShadow({ mode: 'open' });
    this.styler.adopt(root);
    const panel = doc.createElement('div');
    panel.className = 'menu';
    panel.setAttribute('role', 'menu');
    panel.setAttribute('aria-label', 'Lectern: status');
    panel.style.position = 'absolute';
    const title = doc.createElement('span');
    title.className = 'title';
    panel.append(title);
    for (const { status, label } of STATUS_ITEMS) {
      const item = this.item('menuitemradio', label, { kind: 'status', status });
      this.radios.set(status, item);
      panel.append(item);
    }
    panel.append(doc.createElement('hr'));
    panel.append(this.item('menuitem', 'Open in library', { kind: 'library' }));
    panel.append(this.item('menuitem', 'Copy citation link', { kind: 'copy' }));
    const note = doc.createElement('span');
    note.className = 'note';
    note.setAttribute('role', 'status');
    panel.append(note);
    root.append(panel);

    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'keyup', 'keypress', 'touchstart', 'touchend', 'focusin', 'focusout']) {
      root.addEventListener(type, (event) => event.stopPropagation());
    }
    root.addEventListener('keydown', (event) => this.onKey(event as KeyboardEvent));
    this.host = host;
    this.panel = panel;
    this.titleEl = title;
    this.note = note;
  }

  private item(role: string, label: string, command: MenuCommand): HTMLButtonElement {
    const item = this.doc.createElement('button');
    item.type = 'button';
    item.setAttribute('role', role);
    item.tabIndex = -1;
    item.textContent = label;
    item.addEventListener('click', (event) => {
      event.preventDefault();
      if (dispatchedByScript(event)) return;
      void this.run(command);
    });
    return item;
  }

  private async run(command: MenuCommand): Promise<void> {
    const target = this.target;
    if (!target) return;
    const keepOpen = command.kind === 'copy';
    if (!keepOpen) this.close(true);
    try {
      const note = await this.onCommand(command, target);
      if (keepOpen && this.note && this.target === target) this.note.textContent = note ?? '';
    } catch (error) {
      if (this.note && this.target === target) this.note.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  private onKey(event: KeyboardEvent): void {
    event.stopPropagation();
    if (!this.target || !this.panel || dispatchedByScript(event)) return;
    const items = this.items();
    const root = this.panel.getRootNode() as ShadowRoot;
    const current = items.indexOf(root.activeElement as HTMLButtonElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus({ preventScroll: true });
    switch (event.key) {
      case 'ArrowDown':
        focus(current + 1);
        break;
      case 'ArrowUp':
        focus(current - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(true);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
