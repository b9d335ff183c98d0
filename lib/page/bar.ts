/**
 * The page bar on listing pages: "N papers here, M new", Save all new, Dismiss all new, Undo, and the
 * keyboard-triage and dimming switches. Fixed in a corner, in its own shadow root (`<lectern-bar>`), out of
 * the page's flow; it folds down to a small button. Its events stop at its host.
 */
import type { Styler } from './styles';
import { dispatchedByScript } from './trusted';

/** The user's own input only: a page script's forged click or change is ignored. */
const userOnly = (event: Event): boolean => !dispatchedByScript(event);

export const BAR_TAG = 'lectern-bar';

export interface BarModel {
  total: number;
  fresh: number;
  keyboard: boolean;
  dim: boolean;
  collapsed: boolean;
  canUndo: boolean;
  /** A bulk action is on its way. */
  busy: boolean;
  /** The outcome of the last action, e.g. "Saved 12 to read." */
  status: string;
  /** A standing notice, e.g. that recording is paused; empty for none. */
  notice?: string;
}

export interface BarActions {
  saveAllNew(): void;
  dismissAllNew(): void;
  undo(): void;
  setKeyboard(on: boolean): void;
  setDim(on: boolean): void;
  setCollapsed(collapsed: boolean): void;
}

export function summaryText(total: number, fresh: number): string {
  return `${total} ${total === 1 ? 'paper' : 'papers'} here, ${fresh} new`;
}

export class PageBar {
  readonly host: HTMLElement;
  private readonly expanded: HTMLElement;
  private readonly pill: HTMLButtonElement;
  private readonly summary: HTMLElement;
  private readonly save: HTMLButtonElement;
  private readonly dismiss: HTMLButtonElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly keyboard: HTMLInputElement;
  private readonly dim: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly notice: HTMLElement;
  private model: BarModel | undefined;

  constructor(
    private readonly doc: Document,
    styler: Styler,
    actions: BarActions,
  ) {
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
      const node = doc.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    };
    this.host = doc.createElement(BAR_TAG);
    const root = this.host.attachShadow({ mode: 'open' });
    styler.adopt(root);

    this.pill = el('button', 'pill');
    this.pill.type = 'button';
    this.pill.setAttribute('aria-expanded', 'false');
    this.pill.addEventListener('click', (event) => userOnly(event) && actions.setCollapsed(false));

    this.expanded = el('div', 'bar');
    this.expanded.setAttribute('role', 'region');
    this.expanded.setAttribute('aria-label', 'Lectern');
    const head = el('div', 'row');
    this.summary = el('span', 'summary');
    const fold = el('button', 'icon', '–');
    fold.type = 'button';
    fold.setAttribute('aria-label', 'Fold the Lectern bar');
    fold.setAttribute('aria-expanded', 'true');
    fold.addEventListener('click', (event) => userOnly(event) && actions.setCollapsed(true));
    head.append(this.summary, fold);

    const buttons = el('div', 'row');
    this.save = el('button', 'action primary', 'Save all new');
    this.dismiss = el('button', 'action', 'Dismiss all new');
    this.undoButton = el('button', 'action', 'Undo');
    for (const [button, run] of [
      [this.save, actions.saveAllNew],
      [this.dismiss, actions.dismissAllNew],
      [this.undoButton, actions.undo],
    ] as const) {
      button.type = 'button';
      button.addEventListener('click', (event) => userOnly(event) && run());
    }
    buttons.append(this.save, this.dismiss, this.undoButton);

    const switches = el('div', 'row');
    const keyboardLabel = el('label');
    this.keyboard = el('input');
    this.keyboard.type = 'checkbox';
    this.keyboard.addEventListener('change', (event) => userOnly(event) && actions.setKeyboard(this.keyboard.checked));
    keyboardLabel.append(this.keyboard, doc.createTextNode('Keyboard triage (j/k, s, r, x, o, u)'));
    const dimLabel = el('label');
    this.dim = el('input');
    this.dim.type = 'checkbox';
    this.dim.addEventListener('change', (event) => userOnly(event) && actions.setDim(this.dim.checked));
    dimLabel.append(this.dim, doc.createTextNode('Dim read and dismissed'));
    switches.append(keyboardLabel, dimLabel);

    this.status = el('div', 'status');
    this.status.setAttribute('role', 'status');
    this.notice = el('div', 'status notice');
    this.notice.hidden = true;
    this.expanded.append(head, this.notice, buttons, switches, this.status);
    root.append(this.pill, this.expanded);

    // Our UI only: the page's own handlers never see what happens in the bar.
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'keydown', 'keyup', 'keypress', 'touchstart', 'touchend', 'focusin', 'focusout', 'input', 'change']) {
      root.addEventListener(type, (event) => event.stopPropagation());
    }
  }

  mount(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  update(model: BarModel): void {
    const before = this.model;
    this.model = model;
    const summary = summaryText(model.total, model.fresh);
    if (!before || before.total !== model.total || before.fresh !== model.fresh) {
      this.summary.textContent = '';
      const fresh = this.doc.createElement('span');
      fresh.className = model.fresh ? 'new' : '';
      fresh.textContent = `${model.fresh} new`;
      this.summary.append(this.doc.createTextNode(`${model.total} ${model.total === 1 ? 'paper' : 'papers'} here, `), fresh);
      this.pill.textContent = '';
      const name = this.doc.createElement('span');
      name.textContent = 'Lectern';
      const count = this.doc.createElement('span');
      count.className = model.fresh ? 'new' : '';
      count.textContent = `${model.fresh} new`;
      this.pill.append(name, count);
      this.pill.setAttribute('aria-label', `Lectern: ${summary} — show the Lectern bar`);
    }
    this.pill.hidden = !model.collapsed;
    this.expanded.hidden = model.collapsed;
    this.save.disabled = model.busy || model.fresh === 0;
    this.dismiss.disabled = model.busy || model.fresh === 0;
    this.undoButton.disabled = model.busy || !model.canUndo;
    this.keyboard.checked = model.keyboard;
    this.dim.checked = model.dim;
    if (this.status.textContent !== model.status) this.status.textContent = model.status;
    const notice = model.notice ?? '';
    if (this.notice.textContent !== notice) this.notice.textContent = notice;
    this.notice.hidden = !notice;
    this.pill.classList.toggle('paused', notice !== '');
    this.pill.title = notice;
  }

  destroy(): void {
    this.host.remove();
  }
}
