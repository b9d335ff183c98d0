/**
 * BibTeX export.
 *
 * - Text is escaped for TeX: `{ } \ % & $ # _ ~ ^ < >` become `\{ \} \textbackslash{} \% \& \$ \# \_
 *   \textasciitilde{} \textasciicircum{} \textless{} \textgreater{}`; non-ASCII letters stay as they are (UTF-8: use biber/biblatex or
 *   `\usepackage[utf8]{inputenc}`).
 * - Titles: every word holding a capital is braced (`{Attention} {Is} …`, `{BERT}:`) so styles that change
 *   case keep it. With `math: 'tex'` (the default) balanced `$…$` spans of a title are TeX as written on
 *   arXiv and go out verbatim (braced); with `math: 'literal'` they are escaped like any text, and `--` and
 *   other TeX ligatures are broken up so the title reads back exactly as stored.
 * - Entry type: `@inproceedings` (booktitle) for conference venues, `@article` (journal) for other venues,
 *   `@misc` for preprints and papers without a venue. arXiv papers get `eprint`, `archivePrefix = {arXiv}`
 *   (`primaryClass` is not stored, so not written). The DOI, the landing page URL and the year (from
 *   `published`, else from the arXiv id) and month when known.
 * - Citation keys: `citationKeys` (`vaswani2017attention`, duplicates `…a`, `…b`).
 */
import { arxivOf, citationKeys, dateParts, doiOf, landingUrl, oneLine, publicationKind, type CitablePaper } from './shared';

export interface BibtexOptions {
  /** How `$…$` in titles is written (see the module comment). Default `tex`. */
  math?: 'tex' | 'literal';
  /** Write abstracts (`abstract`). Default false. */
  abstracts?: boolean;
  /** Write tags as `keywords`. Default false. */
  keywords?: boolean;
  /** Write notes as `annote`. Default false. */
  notes?: boolean;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * Escapes text for a BibTeX field. `literal` also breaks TeX ligatures (`--`, `''`, ``` `` ```, `!``, `?``,
 * `,,`) so that the text reads back character for character.
 */
export function escapeTex(text: string, literal = false): string {
  let out = text.replace(/[\\{}%&$#_~^<>]/g, (c) => ESCAPES[c]!);
  if (literal) out = out.replace(/([-'`,!?])(?=[-'`,])/g, '$1{}');
  return out;
}

/** A `$…$` span: non-empty, no `$` inside, balanced braces. */
function isMath(span: string): boolean {
  if (span.length < 3) return false;
  let depth = 0;
  for (let i = 1; i < span.length - 1; i++) {
    const c = span[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
    else if (c === '%') return false;
  }
  return depth === 0;
}

/** A title split into text and math spans (math only with `tex`). */
function titleSpans(title: string, tex: boolean): { text: string; math: boolean }[] {
  if (!tex) return [{ text: title, math: false }];
  const out: { text: string; math: boolean }[] = [];
  let rest = title;
  for (;;) {
    const m = /\$[^$]+\$/.exec(rest);
    if (!m) break;
    if (!isMath(m[0])) {
      out.push({ text: rest.slice(0, m.index + 1), math: false });
      rest = rest.slice(m.index + 1);
      continue;
    }
    if (m.index > 0) out.push({ text: rest.slice(0, m.index), math: false });
    out.push({ text: m[0], math: true });
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push({ text: rest, math: false });
  return out;
}

function protect(escaped: string): string {
  // `{\…}` at the outer level is a BibTeX "special character", whose letters styles still change: add a level.
  return escaped.startsWith('\\') ? `{{${escaped}}}` : `{${escaped}}`;
}

/** A title with TeX escaped and its capitals protected by braces. */
export function bibtexTitle(title: string, math: 'tex' | 'literal' = 'tex'): string {
  const literal = math === 'literal';
  let out = '';
  for (const span of titleSpans(oneLine(title), !literal)) {
    if (span.math) {
      out += `{${span.text}}`;
      continue;
    }
    out += span.text.replace(/[^\s]+/g, (word) => {
      const escaped = escapeTex(word, literal);
      return /\p{Lu}/u.test(word) ? protect(escaped) : escaped;
    });
  }
  return out;
}

function bibtexName(name: string): string {
  const clean = oneLine(name);
  const escaped = escapeTex(clean, true);
  // " and " separates names: a name holding it is one group.
  return /\band\b/i.test(clean) ? `{${escaped}}` : escaped;
}

/** URL-like fields are read verbatim: only braces and backslashes (which would break the field) are encoded. */
function verbatim(value: string): string {
  return value.replace(/[{}\\]/g, (c) => encodeURIComponent(c)).replace(/\s+/g, '%20');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** One BibTeX entry. */
export function bibtexEntry(paper: CitablePaper, key: string, options: BibtexOptions = {}): string {
  const math = options.math ?? 'tex';
  const kind = publicationKind(paper);
  const type = kind === 'conference' ? 'inproceedings' : kind === 'journal' ? 'article' : 'misc';
  const fields: [string, string][] = [];
  const add = (name: string, value: string | undefined, raw = false) => {
    if (value !== undefined && value !== '') fields.push([name, raw ? value : `{${value}}`]);
  };

  add('title', bibtexTitle(paper.title, math));
  if (paper.authors.length) add('author', paper.authors.map(bibtexName).join(' and '));
  const date = dateParts(paper);
  if (date) {
    add('year', String(date[0]));
    if (date[1] !== undefined) add('month', MONTHS[date[1] - 1], true);
  }
  if (kind === 'conference') add('booktitle', escapeTex(oneLine(paper.venue!), true));
  if (kind === 'journal') add('journal', escapeTex(oneLine(paper.venue!), true));
  if (kind === 'preprint' && paper.venue && !arxivOf(paper)) add('howpublished', escapeTex(oneLine(paper.venue), true));
  const doi = doiOf(paper);
  if (doi) add('doi', verbatim(doi));
  const arxiv = arxivOf(paper);
  if (arxiv) {
    add('eprint', verbatim(arxiv));
    add('archivePrefix', 'arXiv');
  }
  const url = landingUrl(paper);
  if (url) add('url', verbatim(url));
  if (options.abstracts && paper.abstract) add('abstract', escapeTex(oneLine(paper.abstract), true));
  if (options.keywords && paper.tags?.length) {
    add('keywords', paper.tags.map((t) => escapeTex(oneLine(t).replace(/,/g, ' '), true)).join(', '));
  }
  if (options.notes && paper.note?.trim()) {
    // Paragraph breaks survive as \par; a field cannot hold a blank line for every reader.
    add('annote', paper.note.trim().split(/\n\s*\n/).map((p) => escapeTex(oneLine(p), true)).join(' \\par '));
  }

  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value},`).join('\n');
  return `@${type}{${key},\n${body}\n}`;
}

/** The papers as a BibTeX file (entries in the given order, keys from `citationKeys`). */
export function toBibtex(papers: readonly CitablePaper[], options: BibtexOptions = {}): string {
  if (!papers.length) return '';
  const keys = citationKeys(papers);
  return papers.map((paper, i) => bibtexEntry(paper, keys[i]!, options)).join('\n\n') + '\n';
}
