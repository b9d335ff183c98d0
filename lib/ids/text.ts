/** Small string helpers shared by the id parsers. */

const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{', '>': '<' };
/** Punctuation that ends a sentence or a quotation rather than an identifier. */
const TRAILING_PUNCT = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '\u2019', '\u201d', '\u00bb']);

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Drops trailing punctuation picked up from running text: sentence punctuation and quotes always,
 * closing brackets only when they have no opening partner in the string (so `…(20)30183-5` keeps
 * its parentheses but `xyz).` loses both characters).
 */
export function trimTrailingPunctuation(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1]!;
    if (TRAILING_PUNCT.has(c)) {
      end--;
      continue;
    }
    const open = CLOSERS[c];
    if (open !== undefined) {
      const head = s.slice(0, end);
      if (count(head, c) > count(head, open)) {
        end--;
        continue;
      }
    }
    break;
  }
  return end === s.length ? s : s.slice(0, end);
}

const PCT_ASCII_RE = /%([0-7][0-9a-f])/gi;

/** decodeURIComponent that never throws: on malformed input only ASCII escapes are decoded. */
export function safeDecode(s: string): string {
  if (s.indexOf('%') === -1) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(PCT_ASCII_RE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
