/**
 * Small DOM helpers for hot loops over large listings: plain child walks and class-attribute checks,
 * which stay cheap in every DOM implementation (no live collections, no selector matching).
 */

/** Whether the element's class attribute contains the class token `name`. */
export function hasClass(el: Element, name: string): boolean {
  const cls = el.getAttribute('class');
  if (!cls) return false;
  let at = cls.indexOf(name);
  while (at >= 0) {
    const end = at + name.length;
    if ((at === 0 || cls.charCodeAt(at - 1) <= 32) && (end === cls.length || cls.charCodeAt(end) <= 32)) return true;
    at = cls.indexOf(name, end);
  }
  return false;
}

/** The element's child elements with the given local name, in order. */
export function childrenByTag(el: Element, tag: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (c.localName === tag) out.push(c);
  return out;
}

/**
 * Descendants with the given local name: the element's own children when some match (the usual case,
 * no collection needed), else a full descendant lookup.
 */
export function descendantsByTag(el: Element, tag: string): Element[] {
  const direct = childrenByTag(el, tag);
  return direct.length ? direct : Array.from(el.getElementsByTagName(tag));
}

/** The first element of `doc` with the class `name` and the local name `tag`. */
export function firstByClass(root: Document | Element, name: string, tag: string): Element | undefined {
  const els = root.getElementsByClassName(name);
  for (let i = 0; i < els.length; i++) if (els[i]!.localName === tag) return els[i];
  return undefined;
}
