/**
 * What every citation export needs from a paper: its identifiers by kind, its date, its authors' names split
 * into family and given parts, its kind of publication, and stable citation keys.
 */
import { namespaceOf, parseArxivId } from '../ids';
import type { PaperRecord } from '../model';

/** A paper as the exports read it: a `PaperRecord`, or a `DetectedPaper` (no user fields). */
export type CitablePaper = Pick<PaperRecord, 'id' | 'aliases' | 'title' | 'authors' | 'links'> &
  Partial<
    Pick<
      PaperRecord,
      'abstract' | 'published' | 'venue' | 'version' | 'tags' | 'note' | 'status' | 'firstSeenAt' | 'savedAt' | 'readAt'
    >
  >;

function allIds(paper: CitablePaper): string[] {
  return [paper.id, ...paper.aliases];
}

function firstOf(paper: CitablePaper, namespace: string): string | undefined {
  const id = allIds(paper).find((x) => namespaceOf(x) === namespace);
  return id === undefined ? undefined : id.slice(namespace.length + 1);
}

/** The bare arXiv id (`1706.03762`), if the paper has one. */
export function arxivOf(paper: CitablePaper): string | undefined {
  return firstOf(paper, 'arxiv');
}

/** The DOI (`10.1145/…`, lower case as stored), if the paper has one other than its arXiv DOI. */
export function doiOf(paper: CitablePaper): string | undefined {
  return firstOf(paper, 'doi');
}

export function pmidOf(paper: CitablePaper): string | undefined {
  return firstOf(paper, 'pmid');
}

export function pmcidOf(paper: CitablePaper): string | undefined {
  return firstOf(paper, 'pmcid');
}

/** The paper's landing page: its abstract link, else the page it was found on, else its `url:` id. */
export function landingUrl(paper: CitablePaper): string | undefined {
  return paper.links.abs ?? paper.links.page ?? firstOf(paper, 'url');
}

/** `[year, month?, day?]` from `published`, else the year and month of its arXiv id. */
export function dateParts(paper: CitablePaper): number[] | undefined {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec((paper.published ?? '').trim());
  if (m) {
    const parts = [Number(m[1])];
    if (m[2] !== undefined && +m[2] >= 1 && +m[2] <= 12) {
      parts.push(Number(m[2]));
      if (m[3] !== undefined && +m[3] >= 1 && +m[3] <= 31) parts.push(Number(m[3]));
    }
    return parts;
  }
  const arxiv = arxivOf(paper);
  const ref = arxiv ? parseArxivId(arxiv) : null;
  if (!ref) return undefined;
  const yymm = /^(\d{2})(\d{2})\./.exec(ref.id) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(ref.id);
  if (!yymm) return undefined;
  const yy = Number(yymm[1]);
  return [yy >= 91 ? 1900 + yy : 2000 + yy, Number(yymm[2])];
}

export function yearOf(paper: CitablePaper): number | undefined {
  return dateParts(paper)?.[0];
}

/** What kind of publication a paper is, for choosing an entry type. */
export type PublicationKind = 'conference' | 'journal' | 'preprint';

const PREPRINT_VENUE = /^\s*(?:arxiv|corr\b|biorxiv|medrxiv|ssrn|preprint|openreview\b|submitted|under review)/i;
const CONFERENCE_WORDS = [
  'proceedings', 'proc', 'conference', 'conf', 'workshop', 'symposium', 'colloquium', 'congress', 'meeting',
  'neurips', 'nips', 'icml', 'iclr', 'cvpr', 'iccv', 'eccv', 'wacv', 'acl', 'emnlp', 'naacl', 'eacl', 'coling', 'aacl',
  'aaai', 'ijcai', 'kdd', 'sigir', 'sigmod', 'sigcomm', 'sigkdd', 'vldb', 'www', 'uai', 'aistats', 'colt',
  'interspeech', 'icassp', 'miccai', 'icra', 'iros', 'corl', 'chi', 'uist', 'findings',
];
const CONFERENCE_VENUE = new RegExp(`\\b(?:${CONFERENCE_WORDS.join('|')})\\b`, 'i');

export function publicationKind(paper: CitablePaper): PublicationKind {
  const venue = (paper.venue ?? '').trim();
  if (!venue || PREPRINT_VENUE.test(venue)) return 'preprint';
  return CONFERENCE_VENUE.test(venue) ? 'conference' : 'journal';
}

/** A person's name split for citation formats; `literal` when it cannot be split (one word, a group). */
export type NameParts = { family: string; given?: string; particle?: string; suffix?: string } | { literal: string };

const PARTICLES = new Set(
  ['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'le', 'la', 'ten', 'ter', 'bin', 'ibn', 'al', 'zu'],
);
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|v)$/i;

/** Splits a display name ("Ashish Vaswani", "Vaswani, Ashish", "Ludwig van Beethoven", "M. L. King Jr."). */
export function splitName(name: string): NameParts {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return { literal: '' };
  const comma = clean.split(/\s*,\s*/);
  if (comma.length === 2 && comma[0] && comma[1] && !SUFFIX.test(comma[1])) {
    return { family: comma[0], given: comma[1] };
  }
  let words = clean.replace(/,/g, '').split(' ');
  let suffix: string | undefined;
  if (words.length > 2 && SUFFIX.test(words[words.length - 1]!)) {
    suffix = words[words.length - 1];
    words = words.slice(0, -1);
  }
  if (words.length === 1) return suffix ? { literal: clean } : { literal: words[0]! };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
  const out: NameParts = { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
  if (suffix) out.suffix = suffix;
  return out;
}

/** The family name for a citation key: the last name, or the literal name. */
function familyOf(name: string): string {
  const parts = splitName(name);
  if ('literal' in parts) return parts.literal;
  const words = parts.family.split(' ');
  return words[words.length - 1]!;
}

const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case ASCII letters and digits only (accents removed, a few letters spelled out). */
export function asciiWord(s: string): string {
  return s
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? '')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

const STOP_WORDS = new Set(
  (
    'a an the on of in for and or to with from by at as is are be via towards toward into over under about using ' +
    'do does can what how why when your our its their this that these those we you i'
  ).split(' '),
);

/** The first significant word of a title (TeX math and commands skipped), as a key part. */
function titleWord(title: string): string {
  const words = title
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\[a-zA-Z]+/g, ' ')
    .split(/[^\p{L}\p{N}'’]+/u);
  for (const word of words) {
    const w = asciiWord(word.replace(/['’]/g, ''));
    if (w && !STOP_WORDS.has(w)) return w;
  }
  return '';
}

/** The citation key a paper would get alone: family name of the first author, year, first title word. */
export function baseCitationKey(paper: CitablePaper): string {
  const author = paper.authors.length ? asciiWord(familyOf(paper.authors[0]!)) : '';
  const year = yearOf(paper);
  const key = `${author || 'anon'}${year ?? ''}${titleWord(paper.title)}`;
  return key;
}

function suffixOf(n: number): string {
  // a, b, …, z, aa, ab, …
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/**
 * Citation keys for `papers`, in their order: `vaswani2017attention`; papers that would share a key are
 * told apart by suffixes a, b, … in the order of their ids, so a paper's key does not depend on the order
 * of the export.
 */
export function citationKeys(papers: readonly CitablePaper[]): string[] {
  const bases = papers.map(baseCitationKey);
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const order = papers.map((_, i) => i).sort((a, b) => cmp(bases[a]!, bases[b]!) || cmp(papers[a]!.id, papers[b]!.id) || a - b);
  const used = new Set(bases);
  const taken = new Set<string>();
  const keys = new Array<string>(papers.length);
  for (const i of order) {
    const base = bases[i]!;
    if (!taken.has(base)) {
      taken.add(base);
      keys[i] = base;
      continue;
    }
    let n = 0;
    let key = base + suffixOf(n);
    while (taken.has(key) || (used.has(key) && key !== base)) key = base + suffixOf(++n);
    taken.add(key);
    keys[i] = key;
  }
  return keys;
}

/** Text on one line: line breaks and runs of whitespace become one space. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
