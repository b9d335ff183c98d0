/**
 * The text of a DOM subtree as anchoring sees it, and the maps between it and the DOM.
 *
 * - `raw`: the concatenated data of the subtree's text nodes, in document order, leaving out text that is
 *   never shown (scripts, styles, templates, MathML's TeX annotations). `TextPositionSelector` offsets
 *   count in it.
 * - `key`: `raw` without whitespace and invisible characters (zero-width spaces, soft hyphens, MathML's
 *   invisible operators). Quotes are matched in it, so that line breaks, indentation and spacing changes,
 *   or a page that spaces its inline elements differently from a snapshot of it, never break anchoring.
 *
 * Pure DOM walking: no layout is read, so it works on a detached snapshot container and under happy-dom.
 */

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'ANNOTATION', 'ANNOTATION-XML', 'TEXTAREA']);

/** Whitespace and characters that take no room (zero-width, soft hyphen, MathML invisible operators). */
const IGNORED = /[\s\u00ad\u200b-\u200d\u2060-\u2064\ufeff]/;

export function isIgnored(char: string): boolean {
  return IGNORED.test(char);
}

/** `text` with every whitespace run collapsed to one space, trimmed: how quotes are stored and shown. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\u00ad\u200b-\u200d\u2060-\u2064\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

/** `text` as matched: without whitespace and invisible characters. */
export function keyOf(text: string): string {
  return text.replace(/[\s\u00ad\u200b-\u200d\u2060-\u2064\ufeff]+/g, '');
}

export interface TextIndex {
  root: Node;
  /** The text nodes, in document order. */
  nodes: Text[];
  /** `starts[i]`: offset in `raw` of `nodes[i]`'s first character. */
  starts: number[];
  raw: string;
  key: string;
  /** `keyToRaw[k]`: offset in `raw` of `key[k]`. */
  keyToRaw: Uint32Array;
  /** `rawToKey[r]`: how many key characters come before `raw[r]` (length `raw.length + 1`). */
  rawToKey: Uint32Array;
}

function skipped(node: Node, root: Node): boolean {
  for (let el: Node | null = node.parentNode; el && el !== root; el = el.parentNode) {
    if (el.nodeType === 1 && SKIPPED.has((el as Element).nodeName.toUpperCase())) return true;
  }
  return false;
}

/** Reads the text of `root` (an element, a document or a fragment). */
export function createTextIndex(root: Node): TextIndex {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  const walker = doc.createTreeWalker(root, 0x4 /* NodeFilter.SHOW_TEXT */);
  let skippedParent: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Consecutive text nodes usually share a parent: decide once per parent.
    if (node.parentNode === skippedParent) continue;
    if (skipped(node, root)) {
      skippedParent = node.parentNode;
      continue;
    }
    const data = (node as Text).data;
    if (!data) continue;
    nodes.push(node as Text);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  const raw = parts.join('');
  const keyToRaw = new Uint32Array(raw.length);
  const rawToKey = new Uint32Array(raw.length + 1);
  let k = 0;
  const keyChars: string[] = [];
  for (let r = 0; r < raw.length; r++) {
    rawToKey[r] = k;
    const char = raw[r]!;
    if (!IGNORED.test(char)) {
      keyToRaw[k++] = r;
      keyChars.push(char);
    }
  }
  rawToKey[raw.length] = k;
  return { root, nodes, starts, raw, key: keyChars.join(''), keyToRaw: keyToRaw.subarray(0, k), rawToKey };
}

/** Index of the node holding raw offset `offset` (the last node starting at or before it). */
function nodeAt(index: TextIndex, offset: number): number {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A DOM range over raw offsets `[start, end)`; null for an empty text. */
export function rangeFromRaw(index: TextIndex, start: number, end: number): Range | null {
  if (!index.nodes.length || end <= start) return null;
  const doc = index.root.nodeType === 9 ? (index.root as Document) : index.root.ownerDocument!;
  const range = doc.createRange();
  const first = nodeAt(index, start);
  range.setStart(index.nodes[first]!, start - index.starts[first]!);
  const last = nodeAt(index, end - 1);
  range.setEnd(index.nodes[last]!, end - index.starts[last]!);
  return range;
}

/** A DOM range over key offsets `[start, end)` (from its first to its last visible character). */
export function rangeFromKey(index: TextIndex, start: number, end: number): Range | null {
  if (end <= start || end > index.key.length) return null;
  return rangeFromRaw(index, index.keyToRaw[start]!, index.keyToRaw[end - 1]! + 1);
}

/** The raw offset of a boundary point (`container`, `offset`) of a range. */
export function rawOffsetOf(index: TextIndex, container: Node, offset: number): number {
  if (container.nodeType === 3) {
    const i = index.nodes.indexOf(container as Text);
    if (i !== -1) return index.starts[i]! + Math.min(offset, (container as Text).data.length);
  }
  // An element boundary (or a text node left out): the first indexed text node at or after the point.
  const doc = index.root.nodeType === 9 ? (index.root as Document) : index.root.ownerDocument!;
  const point = doc.createRange();
  point.setStart(container, offset);
  point.collapse(true);
  let lo = 0;
  let hi = index.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: -1 when (node, 0) is before the point.
    if (point.comparePoint(index.nodes[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < index.nodes.length ? index.starts[lo]! : index.raw.length;
}
