/**
 * Finding a quote in a text (both without whitespace, see `./text.ts`): exactly, choosing between several
 * occurrences by their context, or approximately (approx-string-match) scored by quote, prefix, suffix and
 * position, the way Hypothesis's `match-quote` does.
 */
import search from 'approx-string-match';

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Where the quote is expected to start in the text. */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0 to 1; how well quote, context and position agree. */
  score: number;
}

/** Occurrences of exact matches considered before giving up on scoring them all. */
const MAX_OCCURRENCES = 1_000;

/** How many characters of `a`'s end equal `b`'s end, as a share of `b` (prefix agreement). */
function sameEnding(text: string, end: number, prefix: string): number {
  if (!prefix) return 0;
  let n = 0;
  while (n < prefix.length && end - n - 1 >= 0 && text[end - n - 1] === prefix[prefix.length - n - 1]) n++;
  return n / prefix.length;
}

/** How many characters from `start` equal `suffix`'s start, as a share of `suffix`. */
function sameStart(text: string, start: number, suffix: string): number {
  if (!suffix) return 0;
  let n = 0;
  while (n < suffix.length && start + n < text.length && text[start + n] === suffix[n]) n++;
  return n / suffix.length;
}

/** Share of `expected` found approximately in `text` (1 - edit distance / length). */
function approximateAgreement(text: string, expected: string): number {
  if (!expected || !text) return 0;
  const found = search(text, expected, expected.length);
  if (!found.length) return 0;
  const best = Math.min(...found.map((m) => m.errors));
  return 1 - best / expected.length;
}

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };

function score(text: string, start: number, end: number, quoteScore: number, context: QuoteContext, exactContext: boolean): number {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  const prefixScore = exactContext
    ? sameEnding(text, start, prefix)
    : approximateAgreement(text.slice(Math.max(0, start - prefix.length), start), prefix);
  const suffixScore = exactContext
    ? sameStart(text, end, suffix)
    : approximateAgreement(text.slice(end, end + suffix.length), suffix);
  const positionScore = context.hint === undefined ? 1 : 1 - Math.abs(start - context.hint) / Math.max(1, text.length);
  const total =
    WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore;
  return total / (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position);
}

/** The occurrence of `quote` in `text` whose context fits best; null when it does not occur. */
export function matchExact(text: string, quote: string, context: QuoteContext): QuoteMatch | null {
  if (!quote) return null;
  const starts: number[] = [];
  for (let at = text.indexOf(quote); at !== -1 && starts.length < MAX_OCCURRENCES; at = text.indexOf(quote, at + 1)) starts.push(at);
  if (!starts.length) return null;
  if (starts.length === 1) {
    const start = starts[0]!;
    return { start, end: start + quote.length, score: score(text, start, start + quote.length, 1, context, true) };
  }
  let best: QuoteMatch | null = null;
  for (const start of starts) {
    const s = score(text, start, start + quote.length, 1, context, true);
    if (!best || s > best.score) best = { start, end: start + quote.length, score: s };
  }
  return best;
}

/**
 * The best approximate match of `quote` in `text`, or null. A match may differ from the quote by up to a
 * quarter of its length; one that differs by more than a tenth must also be supported by its context
 * (prefix or suffix mostly there), so that text that is gone is not replaced by some look-alike elsewhere.
 */
export function matchFuzzy(text: string, quote: string, context: QuoteContext): QuoteMatch | null {
  if (quote.length < 4) return null;
  const maxErrors = Math.min(256, Math.floor(quote.length / 4));
  const found = search(text, quote, maxErrors);
  let best: QuoteMatch | null = null;
  for (const match of found) {
    const quoteScore = 1 - match.errors / quote.length;
    if (match.errors > quote.length / 10) {
      const prefix = context.prefix ?? '';
      const suffix = context.suffix ?? '';
      const prefixOk = approximateAgreement(text.slice(Math.max(0, match.start - prefix.length - 4), match.start), prefix) >= 0.7;
      const suffixOk = approximateAgreement(text.slice(match.end, match.end + suffix.length + 4), suffix) >= 0.7;
      if (!prefixOk && !suffixOk) continue;
    }
    const s = score(text, match.start, match.end, quoteScore, context, false);
    if (!best || s > best.score) best = { start: match.start, end: match.end, score: s };
  }
  return best;
}
