/**
 * Text helpers for reading page markup. Everything returns plain strings: markup in page text stays text.
 */
import { hasClass } from './dom';

/** Collapse runs of whitespace (including no-break spaces) to one space and trim. */
export function collapse(text: string | null | undefined): string {
  if (!text) return '';
  // Most names and titles are already clean: a test is cheaper than a replace that allocates.
  if (!NEEDS_COLLAPSE.test(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

/** Leading or trailing white space, a run of two, or any white space other than a plain space. */
const NEEDS_COLLAPSE = /^\s|\s$|\s\s|[^\S ]/;

/** The element's text with whitespace collapsed ('' for a missing element). */
export function textOf(el: Element | null | undefined): string {
  return el ? collapse(el.textContent) : '';
}

const LABELS: Record<string, RegExp> = {
  title: /^title\s*:\s*/i,
  authors: /^authors?\s*:\s*/i,
  abstract: /^abstract\s*:\s*/i,
};

/** Drop a leading "Title:" / "Authors:" / "Abstract:" label from already collapsed text. */
export function stripLabel(text: string, label: 'title' | 'authors' | 'abstract'): string {
  return text.replace(LABELS[label]!, '');
}

/**
 * The collapsed text of an element whose first child may be a descriptor span such as
 * `<span class="descriptor">Title:</span>` (arXiv), with that descriptor removed. When there is no
 * descriptor element, a plain-text label of the given kind is removed instead.
 */
export function textWithoutDescriptor(el: Element, label: 'title' | 'authors' | 'abstract'): string {
  const raw = el.textContent ?? '';
  const first = el.firstElementChild;
  if (first && hasClass(first, 'descriptor')) {
    const descriptor = first.textContent ?? '';
    const at = raw.indexOf(descriptor);
    if (at >= 0) return collapse(raw.slice(0, at) + raw.slice(at + descriptor.length));
  }
  return stripLabel(collapse(raw), label);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Decode HTML character references left in strings that are not HTML themselves (e.g. JSON embedded in an
 * attribute whose values were escaped twice). Decoding is textual: nothing is parsed as markup.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Keep the first occurrence of each value, in order, dropping empty ones. */
export function uniq<T>(values: Iterable<T | null | undefined>): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const v of values) {
    if (v === null || v === undefined || (v as unknown) === '' || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}
