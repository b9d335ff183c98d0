/**
 * Keyboard triage on listing pages (off unless the user turns it on): j/k next/previous entry, s save to
 * read, r read, x dismiss, o open, u undo. It never takes a key while the user types: in an input, a
 * textarea, a select, anything editable, also inside (open) shadow roots, nor a key with a modifier, nor one
 * the site already handled.
 */

export type TriageAction = 'next' | 'previous' | 'save' | 'read' | 'dismiss' | 'open' | 'undo';

const KEYS: Record<string, TriageAction> = {
  j: 'next',
  k: 'previous',
  s: 'save',
  r: 'read',
  x: 'dismiss',
  o: 'open',
  u: 'undo',
};

const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** Whether keys typed with `el` focused go into a field. */
export function isEditable(el: Element | null | undefined): boolean {
  if (!el) return false;
  const tag = el.localName;
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  if ((el as HTMLElement).isContentEditable) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = el.getAttribute('role');
  return role !== null && TEXT_ROLES.has(role);
}

/** The focused element, looking into open shadow roots (a field inside a web component counts). */
export function deepActiveElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether the event comes from (or focus is in) a place where the user types. */
export function isTyping(event: KeyboardEvent, doc: Document): boolean {
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [];
  const origin = (path[0] ?? event.target) as Element | null;
  if (origin && typeof (origin as Element).getAttribute === 'function' && isEditable(origin)) return true;
  // Inside a closed shadow root the path stops at its host: ask the focus too.
  if (isEditable(deepActiveElement(doc))) return true;
  // A key typed into an editable ancestor of the origin (e.g. a span in a contenteditable div).
  for (const node of path) {
    if (node instanceof Element && isEditable(node)) return true;
    if (node === doc) break;
  }
  return false;
}

/** The triage action for a key press, or `null` when the key is not ours to take. */
export function triageAction(event: KeyboardEvent, doc: Document): TriageAction | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const action = KEYS[event.key];
  if (!action) return null;
  // Holding j or k moves on; holding a status key does not repeat the change.
  if (event.repeat && action !== 'next' && action !== 'previous') return null;
  if (isTyping(event, doc)) return null;
  return action;
}
