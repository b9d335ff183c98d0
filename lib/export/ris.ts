/**
 * RIS export (EndNote, Zotero, Mendeley, reference managers at large): one record per paper, `TAG  - value`
 * lines ending in CRLF, each record closed by `ER  - `. Values are on one line (line breaks become spaces).
 * Types: `CPAPER` for conference venues, `JOUR` for other venues, `UNPB` (unpublished) for preprints.
 */
import { arxivOf, citationKeys, dateParts, doiOf, landingUrl, oneLine, publicationKind, splitName, type CitablePaper } from './shared';

export interface RisOptions {
  /** Write abstracts (`AB`). Default true. */
  abstracts?: boolean;
  /** Write tags (`KW`, one per tag). Default true. */
  keywords?: boolean;
  /** Write notes (`N1`). Default false. */
  notes?: boolean;
}

const EOL = '\r\n';

function risName(name: string): string {
  const parts = splitName(name);
  if ('literal' in parts) return parts.literal;
  return [parts.family, parts.given, parts.suffix].filter((x) => x).join(', ');
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function risRecord(paper: CitablePaper, key: string, options: RisOptions = {}): string {
  const lines: string[] = [];
  const add = (tag: string, value: string | undefined) => {
    const v = value === undefined ? '' : oneLine(value);
    if (v) lines.push(`${tag}  - ${v}`);
  };
  const kind = publicationKind(paper);
  add('TY', kind === 'conference' ? 'CPAPER' : kind === 'journal' ? 'JOUR' : 'UNPB');
  add('ID', key);
  add('TI', paper.title);
  for (const author of paper.authors) add('AU', risName(author));
  const date = dateParts(paper);
  if (date) {
    add('PY', String(date[0]));
    add('DA', `${date[0]}/${date[1] !== undefined ? pad(date[1]) : ''}/${date[2] !== undefined ? pad(date[2]) : ''}/`);
  }
  if (paper.venue && kind !== 'preprint') add('T2', paper.venue);
  add('DO', doiOf(paper));
  const arxiv = arxivOf(paper);
  if (arxiv) add('AN', `arXiv:${arxiv}`);
  add('UR', landingUrl(paper));
  if (paper.links.pdf) add('L1', paper.links.pdf);
  if ((options.abstracts ?? true) && paper.abstract) add('AB', paper.abstract);
  if (options.keywords ?? true) for (const tag of paper.tags ?? []) add('KW', tag);
  if (options.notes && paper.note?.trim()) add('N1', paper.note);
  lines.push('ER  - ');
  return lines.join(EOL);
}

/** The papers as an RIS file (records in the given order, separated by a blank line). */
export function toRis(papers: readonly CitablePaper[], options: RisOptions = {}): string {
  if (!papers.length) return '';
  const keys = citationKeys(papers);
  return papers.map((paper, i) => risRecord(paper, keys[i]!, options)).join(EOL + EOL) + EOL;
}
