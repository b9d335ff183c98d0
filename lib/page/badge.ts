/**
 * The status badge next to an entry's title: a host element of our own (`<lectern-badge>`) with an open
 * shadow root holding one `<button>`. Plain DOM, no framework: a listing can need 2,000 of them at once.
 *
 * The host carries the stable hooks for tests and users' style rules:
 * - `data-lectern-id`: the library record's id;
 * - `data-lectern-state`: the stored status (`seen`, `unread`, `reading`, `read`, `dismissed`), or `new`
 *   while the paper is untriaged and this page load created its record;
 * - `data-lectern-new-since-visit`: present when the entry was absent from this page at the previous visit.
 *
 * Page-derived strings (titles) only ever go into attributes and `textContent`, never into markup.
 */
import type { PaperId } from '../model';
import { STATUS_LABELS } from '../status';
import type { BadgeState } from './state';
import type { Styler } from './styles';
import { dispatchedByScript } from './trusted';

export const BADGE_TAG = 'lectern-badge';

export const BADGE_LABELS: Record<BadgeState, string> = { new: 'New', ...STATUS_LABELS };

export interface BadgeModel {
  recordId: PaperId;
  state: BadgeState;
  newSinceVisit: boolean;
  /** The entry's title, as the page shows it (text). */
  title: string;
  /** A status change is on its way. */
  busy?: boolean;
}

/** The badge button's accessible name, e.g. `Lectern: To read — change status of “Title”`. */
export function badgeName(state: BadgeState, title: string): string {
  return `Lectern: ${BADGE_LABELS[state]} — change status of “${title}”`;
}

const SINCE_TEXT = 'New since your last visit';

const buttons = new WeakMap<Element, HTMLButtonElement>();

/** The button inside a badge host. */
export function badgeButton(host: Element): HTMLButtonElement | undefined {
  return buttons.get(host);
}

/**
 * A new badge host for `model`. `onActivate` runs when the button is clicked (mouse, Enter or Space); the
 * click, and the pointer events before it, stop at our host so the site's own handlers (a card that opens
 * on click, a link around the title) never see them.
 */
export function createBadge(doc: Document, model: BadgeModel, styler: Styler, onActivate: (host: HTMLElement) => void): HTMLElement {
  const host = doc.createElement(BADGE_TAG);
  const root = host.attachShadow({ mode: 'open' });
  styler.adopt(root);
  const since = doc.createElement('span');
  since.id = 's';
  since.hidden = true;
  since.textContent = SINCE_TEXT;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'badge';
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  root.append(since, button);
  buttons.set(host, button);
  const stop = (event: Event) => event.stopPropagation();
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'auxclick', 'touchstart', 'touchend']) {
    root.addEventListener(type, stop);
  }
  root.addEventListener('click', (event) => {
    event.stopPropagation();
    event.preventDefault();
    if (dispatchedByScript(event)) return;
    onActivate(host);
  });
  updateBadge(host, model);
  return host;
}

/** Brings a badge in line with `model`, touching only what changed. */
export function updateBadge(host: HTMLElement, model: BadgeModel): void {
  const button = badgeButton(host);
  if (!button) return;
  if (host.getAttribute('data-lectern-id') !== model.recordId) host.setAttribute('data-lectern-id', model.recordId);
  if (host.getAttribute('data-lectern-state') !== model.state) host.setAttribute('data-lectern-state', model.state);
  if (model.newSinceVisit !== host.hasAttribute('data-lectern-new-since-visit')) {
    host.toggleAttribute('data-lectern-new-since-visit', model.newSinceVisit);
  }
  if (button.dataset.state !== model.state) {
    button.dataset.state = model.state;
    button.textContent = BADGE_LABELS[model.state];
  }
  const name = badgeName(model.state, model.title);
  if (button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
  if (model.newSinceVisit) {
    button.setAttribute('data-since', '');
    button.setAttribute('aria-describedby', 's');
  } else if (button.hasAttribute('data-since')) {
    button.removeAttribute('data-since');
    button.removeAttribute('aria-describedby');
  }
  if (model.busy) button.setAttribute('aria-busy', 'true');
  else if (button.hasAttribute('aria-busy')) button.removeAttribute('aria-busy');
}

/**
 * Where a badge goes for a title element, and how it takes space:
 * - inside a block title, after its text: out of flow (`position: absolute` at its static position, just
 *   after the title's last word), so the site's own boxes do not move at all: no line wraps, nothing below
 *   shifts (a shift below would also make the browser re-walk every box of a long listing before painting);
 * - in flow (`data-lectern-inflow`, an inline box) where an out-of-flow badge would cover the site's content:
 *   after an inline title (text may follow it on the line), or at the end of a title whose last child is a
 *   block (the badge then needs a line of its own);
 * - never inside a link: a button in a link is invalid and its clicks would follow the link.
 */
export function placeBadge(anchor: Element, host: HTMLElement, placement: Placement = placementOf(anchor)): void {
  host.toggleAttribute('data-lectern-inflow', placement.inFlow);
  if (placement.after) placement.after.after(host);
  else anchor.append(host);
}

export interface Placement {
  /** The element the badge follows (an inline title, or the link around the title); else it ends the title. */
  after?: Element;
  /** In the flow of the text (takes room) rather than out of flow at the end of the title's last line. */
  inFlow: boolean;
}

/**
 * Where the badge for `anchor` goes (reads the page only: when placing many badges, work out every placement
 * first, then insert them, so that the page's style is computed once and not after each insertion).
 */
export function placementOf(anchor: Element): Placement {
  const link = anchor.closest('a, button, label, summary');
  if (link) return { after: link, inFlow: true };
  if (INLINE_TAGS.has(anchor.localName)) return { after: anchor, inFlow: true };
  return { inFlow: endsWithBlock(anchor) };
}

const INLINE_TAGS = new Set(['span', 'em', 'strong', 'b', 'i', 'cite', 'small', 'mark', 'q', 'abbr', 'bdi', 'sub', 'sup']);
const INLINE_DISPLAYS = /^(inline|inline-block|inline-flex|inline-grid|contents|none)$/;

/** Whether the title's content ends with a block-level element (its last line is that block's). */
function endsWithBlock(anchor: Element): boolean {
  let last = anchor.lastChild;
  while (last && (last.nodeType === 8 || (last.nodeType === 3 && !last.nodeValue?.trim()) || isOwn(last))) last = last.previousSibling;
  if (!last || last.nodeType !== 1) return false;
  const el = last as Element;
  if (INLINE_TAGS.has(el.localName)) return false;
  const view = el.ownerDocument.defaultView;
  const display = view ? view.getComputedStyle(el).display : 'inline';
  return !INLINE_DISPLAYS.test(display);
}

function isOwn(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName === BADGE_TAG;
}
