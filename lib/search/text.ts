/**
 * Words of searchable text, the same way for indexing and for queries: lower case, accents removed, split on
 * anything that is not a letter or a digit, one-letter words and common English function words dropped
 * (they would make the abstract postings several times larger and never narrow a search).
 */

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can do does for from had has have he her his how i if in into is it its ' +
    'of on or our she so such than that the their them then there these they this those to was we were what when ' +
    'where which while who will with would you your').split(' '),
);

const NON_WORD = /[^\p{L}\p{N}]+/u;
const MARKS = /[\u0300-\u036f]/g;

/** Folds case and accents (`Schrödinger` → `schrodinger`). */
export function foldText(text: string): string {
  // Plain ASCII (most text) needs no Unicode normalisation, which costs several times the rest of indexing.
  return ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;
const NON_WORD_ASCII = /[^a-z0-9]+/;

function split(folded: string): string[] {
  return folded.split(ASCII.test(folded) ? NON_WORD_ASCII : NON_WORD);
}

/** The indexed words of `text`, in order, duplicates kept. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const word of split(foldText(text))) {
    if (word.length > 1 && !STOP_WORDS.has(word)) out.push(word);
  }
  return out;
}

/** A query's words: like `words`, but a final one-letter word is kept (the user is typing it). */
export function queryWords(text: string): string[] {
  const all = split(foldText(text)).filter((w) => w.length > 0);
  const out: string[] = [];
  all.forEach((word, i) => {
    const typing = i === all.length - 1 && !/[^\p{L}\p{N}]$/u.test(text);
    if (STOP_WORDS.has(word) && !typing) return;
    if (word.length > 1 || typing) out.push(word);
  });
  return out;
}

/** How many edits a query word of this length may be away from an indexed word and still match. */
export function allowedTypos(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * The edit distance between `a` and `b` (Levenshtein, an adjacent transposition counting as one edit) when
 * it is at most `max`, else `max + 1`; only the band of the table that can stay within `max` is computed.
 */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (a === b) return 0;
  if (max === 0) return 1;
  const over = max + 1;
  let prevPrev = new Array<number>(m + 1).fill(over);
  let prev = new Array<number>(m + 1);
  let row = new Array<number>(m + 1).fill(over);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    row[0] = i;
    if (from > 1) row[from - 1] = over;
    let best = i <= max ? i : over;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, row[j - 1]! + 1);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      row[j] = v;
      if (v < best) best = v;
    }
    if (to < m) row[to + 1] = over;
    if (best > max) return over;
    const spare = prevPrev;
    prevPrev = prev;
    prev = row;
    row = spare;
  }
  return Math.min(prev[m]!, over);
}

/** Whether `a` and `b` are at most `max` edits apart (see `editDistance`). */
export function withinEdits(a: string, b: string, max: number): boolean {
  return editDistance(a, b, max) <= max;
}
