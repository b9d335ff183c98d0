/**
 * CSL-JSON export (the citation data of Zotero, Pandoc and citeproc): one item per paper, ids from
 * `citationKeys`. Titles are written as stored (TeX as written); arXiv papers are `article` items (CSL's
 * preprint type) with `number: "arXiv:<id>"` and `publisher: "arXiv"`, as Zotero writes them.
 */
import {
  arxivOf,
  citationKeys,
  dateParts,
  doiOf,
  landingUrl,
  oneLine,
  pmcidOf,
  pmidOf,
  publicationKind,
  splitName,
  type CitablePaper,
} from './shared';

export interface CslOptions {
  /** Write abstracts. Default true. */
  abstracts?: boolean;
  /** Write tags as `keyword` (comma-separated). Default true. */
  keywords?: boolean;
  /** Write notes as `note`. Default false. */
  notes?: boolean;
}

export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article' | 'article-journal' | 'paper-conference';
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  'container-title'?: string;
  DOI?: string;
  URL?: string;
  PMID?: string;
  PMCID?: string;
  number?: string;
  publisher?: string;
  version?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
}

export function cslName(name: string): CslName {
  const parts = splitName(name);
  if ('literal' in parts) return { literal: parts.literal };
  const out: CslName = { family: parts.family };
  if (parts.given) out.given = parts.given;
  if (parts.suffix) out.suffix = parts.suffix;
  return out;
}

export function cslItem(paper: CitablePaper, id: string, options: CslOptions = {}): CslItem {
  const kind = publicationKind(paper);
  const item: CslItem = {
    id,
    type: kind === 'conference' ? 'paper-conference' : kind === 'journal' ? 'article-journal' : 'article',
    title: oneLine(paper.title),
  };
  if (paper.authors.length) item.author = paper.authors.map(cslName);
  const date = dateParts(paper);
  if (date) item.issued = { 'date-parts': [date] };
  if (paper.venue && kind !== 'preprint') item['container-title'] = oneLine(paper.venue);
  const doi = doiOf(paper);
  if (doi) item.DOI = doi;
  const url = landingUrl(paper);
  if (url) item.URL = url;
  const pmid = pmidOf(paper);
  if (pmid) item.PMID = pmid;
  const pmcid = pmcidOf(paper);
  if (pmcid) item.PMCID = pmcid;
  const arxiv = arxivOf(paper);
  if (arxiv) {
    item.number = `arXiv:${arxiv}`;
    if (kind === 'preprint') item.publisher = 'arXiv';
    if (paper.version !== undefined) item.version = String(paper.version);
  }
  if ((options.abstracts ?? true) && paper.abstract) item.abstract = paper.abstract;
  if ((options.keywords ?? true) && paper.tags?.length) item.keyword = paper.tags.join(', ');
  if (options.notes && paper.note?.trim()) item.note = paper.note.trim();
  return item;
}

/** The papers as a CSL-JSON array (pretty-printed, in the given order). */
export function toCslJson(papers: readonly CitablePaper[], options: CslOptions = {}): string {
  const keys = citationKeys(papers);
  return JSON.stringify(papers.map((paper, i) => cslItem(paper, keys[i]!, options)), null, 2) + '\n';
}
