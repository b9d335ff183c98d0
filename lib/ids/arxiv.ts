/**
 * arXiv identifiers: strict parsing and validation of new-style (`2405.01234`) and old-style
 * (`hep-th/9901001`) ids, and the canonical arxiv.org links for an id.
 */

import type { PaperId } from '../model';

/** An arXiv id without namespace (`2405.01234`, `hep-th/9901001`) and the version it named, if any. */
export interface ArxivRef {
  id: string;
  version?: number;
}

/** The archives that existed under the old (pre-April 2007) identifier scheme. */
const OLD_ARCHIVES: ReadonlySet<string> = new Set([
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'quant-ph',
  'solv-int',
  'supr-con',
]);

/**
 * The body of an id as it appears in links and text, before validation: new style (4 digits, dot,
 * 4-5 digits) or old style (archive, optional `.Subject-class`, slash, 7 digits), then `vN`.
 * Groups: 1 yymm, 2 number (new style); 3 archive, 4 yymmnnn (old style); 5 version.
 */
export const ARXIV_BODY_SRC =
  String.raw`(?:(\d{4})\.(\d{4,5})|([a-z]+(?:-[a-z]+)*)(?:\.[a-z]+(?:-[a-z]+)*)?\/(\d{7}))(?:v(\d+))?`;

/** The same body without capturing groups, for embedding in larger patterns. */
export const ARXIV_BODY_NC_SRC =
  String.raw`(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[a-z]+(?:-[a-z]+)*)?\/\d{7})(?:v\d+)?`;

const STRICT_RE = new RegExp(String.raw`^(?:arxiv\s*:\s*)?${ARXIV_BODY_SRC}$`, 'i');

/** `yymm` of the first new-style id (April 2007) and of the switch to 5-digit numbers (January 2015). */
const NEW_STYLE_START = 704;
const FIVE_DIGITS_FROM = 1501;

function validNewStyle(yymm: string, num: string): boolean {
  const ym = +yymm;
  const month = ym % 100;
  if (month < 1 || month > 12 || ym < NEW_STYLE_START) return false;
  if (num.length !== (ym >= FIVE_DIGITS_FROM ? 5 : 4)) return false;
  return +num > 0;
}

function validOldStyle(archive: string, digits: string): boolean {
  if (!OLD_ARCHIVES.has(archive)) return false;
  const yy = +digits.slice(0, 2);
  const month = +digits.slice(2, 4);
  if (!(yy >= 91 || yy <= 7)) return false;
  if (month < 1 || month > 12) return false;
  return +digits.slice(4) > 0;
}

/**
 * Validates the groups of a match of {@link ARXIV_BODY_SRC} (offset by `at`: the index of the
 * first body group) and returns the canonical reference, or null for an impossible id.
 */
export function arxivRefFromMatch(m: RegExpExecArray | RegExpMatchArray, at: number): ArxivRef | null {
  const yymm = m[at];
  const num = m[at + 1];
  const archive = m[at + 2];
  const digits = m[at + 3];
  const ver = m[at + 4];
  let id: string;
  if (yymm !== undefined && num !== undefined) {
    if (!validNewStyle(yymm, num)) return null;
    id = `${yymm}.${num}`;
  } else if (archive !== undefined && digits !== undefined) {
    const a = archive.toLowerCase();
    if (!validOldStyle(a, digits)) return null;
    id = `${a}/${digits}`;
  } else {
    return null;
  }
  if (ver === undefined) return { id };
  const version = +ver;
  if (!(version >= 1) || !Number.isSafeInteger(version)) return null;
  return { id, version };
}

/**
 * Parses a bare arXiv id, optionally prefixed `arXiv:` (any case, spaces allowed after the colon)
 * and optionally versioned (`v3`). The whole string (trimmed) must be the id. Old-style subject
 * classes are dropped (`math.GT/0309136` → `math/0309136`) and archives lower-cased.
 */
export function parseArxivId(text: string): ArxivRef | null {
  if (typeof text !== 'string') return null;
  const m = STRICT_RE.exec(text.trim());
  return m ? arxivRefFromMatch(m, 1) : null;
}

/** `arxiv:<id>` for a bare or `arXiv:`-prefixed id; the version is dropped. */
export function arxivId(raw: string): PaperId | null {
  const ref = parseArxivId(raw);
  return ref ? `arxiv:${ref.id}` : null;
}

/** Canonical arxiv.org links for a bare id (an `arxiv:` prefix is tolerated); versioned when asked. */
export function arxivLinks(id: string, version?: number): { abs: string; pdf: string; html: string } {
  let bare = id.trim();
  if (/^arxiv:/i.test(bare)) bare = bare.slice(6).trim();
  const v = version !== undefined && Number.isSafeInteger(version) && version >= 1 ? `v${version}` : '';
  return {
    abs: `https://arxiv.org/abs/${bare}${v}`,
    pdf: `https://arxiv.org/pdf/${bare}${v}`,
    html: `https://arxiv.org/html/${bare}${v}`,
  };
}
