/**
 * Anchoring: highlights as W3C Web Annotation selectors, and back (after Hypothesis's
 * `src/annotator/anchoring`). Two symmetric functions over any root node (a live page's body, or the
 * reader's snapshot container):
 *
 * - `describe(root, range)` → `[TextQuoteSelector, TextPositionSelector]`;
 * - `anchor(root, selectors)` → a `Range`, or null for an orphan: the position first, accepted only if the
 *   quote is still there; else the quote exactly (the occurrence whose context fits best); else the quote
 *   approximately, scored by quote, prefix, suffix and position.
 *
 * Quotes are matched ignoring whitespace (see `./text.ts`). Anchoring many highlights against one root
 * reads its text once: pass the same `createTextIndex(root)` to every call.
 */
import type { HighlightSelector, TextPositionSelector, TextQuoteSelector } from '../model';
import { matchExact, matchFuzzy } from './match';
import { collapseWhitespace, createTextIndex, keyOf, rangeFromKey, rawOffsetOf, type TextIndex } from './text';

export { collapseWhitespace, createTextIndex, type TextIndex } from './text';

/** Characters of context stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Raw characters read on each side to find `CONTEXT_LENGTH` characters after collapsing whitespace. */
const CONTEXT_WINDOW = 400;

export type Selectors = [TextQuoteSelector, TextPositionSelector];

/** Selectors describing `range` within `root`; null when the range holds no visible text. */
export function describe(root: Node, range: Range, index: TextIndex = createTextIndex(root)): Selectors | null {
  let start = rawOffsetOf(index, range.startContainer, range.startOffset);
  let end = rawOffsetOf(index, range.endContainer, range.endOffset);
  if (end < start) [start, end] = [end, start];
  const exact = collapseWhitespace(index.raw.slice(start, end));
  if (!keyOf(exact)) return null;
  const before = collapseWhitespace(index.raw.slice(Math.max(0, start - CONTEXT_WINDOW), start) + '.');
  const after = collapseWhitespace('.' + index.raw.slice(end, end + CONTEXT_WINDOW));
  // The dots keep a space next to the quote from being trimmed away; they are cut off again here.
  const prefix = before.slice(0, -1).slice(-CONTEXT_LENGTH);
  const suffix = after.slice(1, CONTEXT_LENGTH + 1);
  return [
    { type: 'TextQuoteSelector', exact, prefix, suffix },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** How a highlight was placed (for tests and diagnostics). */
export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface Anchored {
  range: Range;
  method: AnchorMethod;
}

/** Like `anchor`, also saying which selector placed the range. */
export function anchorWithMethod(root: Node, selectors: readonly HighlightSelector[], index: TextIndex = createTextIndex(root)): Anchored | null {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const position = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  if (!quote) return null;
  const quoteKey = keyOf(quote.exact);
  if (!quoteKey) return null;

  let hint: number | undefined;
  if (position && position.start <= index.raw.length) {
    const start = index.rawToKey[position.start]!;
    const end = index.rawToKey[Math.min(position.end, index.raw.length)]!;
    hint = start;
    if (index.key.slice(start, end) === quoteKey) {
      const range = rangeFromKey(index, start, end);
      if (range) return { range, method: 'position' };
    }
  }
  const context = { prefix: keyOf(quote.prefix ?? ''), suffix: keyOf(quote.suffix ?? ''), hint };
  const exact = matchExact(index.key, quoteKey, context);
  if (exact) {
    const range = rangeFromKey(index, exact.start, exact.end);
    if (range) return { range, method: 'exact' };
  }
  const fuzzy = matchFuzzy(index.key, quoteKey, context);
  if (fuzzy) {
    const range = rangeFromKey(index, fuzzy.start, fuzzy.end);
    if (range) return { range, method: 'fuzzy' };
  }
  return null;
}

/** The range `selectors` describe within `root`, or null when the text is gone (an orphan). */
export function anchor(root: Node, selectors: readonly HighlightSelector[], index?: TextIndex): Range | null {
  return anchorWithMethod(root, selectors, index)?.range ?? null;
}

export { createPainter, highlightName, HIGHLIGHT_PAINT, type Painter, type PainterOptions } from './draw';
