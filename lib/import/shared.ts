/**
 * Turning the fields of a bibliography entry (BibTeX, CSL-JSON) into a paper the library can record:
 * canonical ids from DOI, arXiv and PubMed fields and from arXiv ids written in free text, links, a date, and
 * the limits the library keeps (an entry over them is skipped, never cut silently).
 */
import { arxivLinks, bestId, idsFromText, idsFromUrl, normalizeUrl, parseArxivId, rankIds, urlId } from '../ids';
import { doiIdentity } from '../ids/doi';
import type { PaperId, PaperLinks } from '../model';
import type { ImportedPaper } from '../db/restore';
import { normalizeTag } from '../db/changes';
import { toIsoDate } from '../sites/shared/dates';

/** Limits of what an import records (those of detected papers, see `lib/messaging/validate.ts`). */
export const IMPORT_LIMITS = {
  title: 2_000,
  abstract: 20_000,
  authors: 5_000,
  authorName: 1_000,
  venue: 1_000,
  url: 2_048,
  tags: 100,
  note: 100_000,
  /** Entries in one file. */
  entries: 100_000,
} as const;

/** An entry that could not be imported, and why. */
export interface ImportSkip {
  /** Position of the entry in the file (0-based). */
  index: number;
  /** Its citation key or CSL id, when it has one. */
  key?: string;
  title?: string;
  reason: string;
}

export interface ImportResult {
  papers: ImportedPaper[];
  skipped: ImportSkip[];
  /** Problems with the file as a whole (e.g. a syntax error: the entries around it may be missing). */
  errors: string[];
}

/** What an entry says about its identity. */
export interface IdSources {
  doi?: string | undefined;
  /** An e-print id and its archive (`eprint` + `archivePrefix`/`eprinttype`). */
  eprint?: string | undefined;
  archive?: string | undefined;
  url?: string | undefined;
  pmid?: string | undefined;
  pmcid?: string | undefined;
  /** Free-text fields that may mention `arXiv:…` or a DOI (journal, note, number, howpublished, extra). */
  texts?: (string | undefined)[];
}

export interface Identity {
  id: PaperId;
  aliases: PaperId[];
  version?: number;
  links: PaperLinks;
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url) && url.length <= IMPORT_LIMITS.url && normalizeUrl(url) !== null;
}

/** The canonical ids of an entry, best first, with links; `undefined` when it names none. */
export function identify(src: IdSources): Identity | undefined {
  const ids: PaperId[] = [];
  let version: number | undefined;
  if (src.doi) {
    const d = doiIdentity(src.doi);
    if (d) {
      ids.push(d.id);
      if (d.version !== undefined) version = d.version;
    }
  }
  if (src.eprint) {
    const archive = (src.archive ?? '').toLowerCase();
    const ref = !archive || archive === 'arxiv' ? parseArxivId(src.eprint.replace(/^arxiv:\s*/i, '')) : null;
    if (ref) {
      ids.push(`arxiv:${ref.id}`);
      if (ref.version !== undefined) version = ref.version;
    }
  }
  if (src.pmid && /^\s*\d{1,9}\s*$/.test(src.pmid) && +src.pmid > 0) ids.push(`pmid:${+src.pmid}`);
  if (src.pmcid) {
    const m = /^\s*(?:pmc)?(\d{1,9})\s*$/i.exec(src.pmcid);
    if (m && +m[1]! > 0) ids.push(`pmcid:PMC${+m[1]!}`);
  }
  const url = src.url?.trim();
  const httpUrl = url && isHttp(url) ? url : undefined;
  if (httpUrl) {
    const found = idsFromUrl(httpUrl);
    ids.push(...found.ids);
    if (version === undefined && found.version !== undefined) version = found.version;
  }
  for (const text of src.texts ?? []) {
    if (!text) continue;
    for (const id of idsFromText(text)) {
      if (id.startsWith('arxiv:') || id.startsWith('doi:') || id.startsWith('pmid:') || id.startsWith('pmcid:')) ids.push(id);
    }
  }
  const links: PaperLinks = {};
  const arxiv = ids.find((id) => id.startsWith('arxiv:'));
  if (arxiv) {
    const bare = arxiv.slice('arxiv:'.length);
    const l = arxivLinks(bare);
    links.abs = l.abs;
    links.pdf = l.pdf;
    ids.push(urlId(l.abs)!);
  }
  if (httpUrl) {
    if (!links.abs) links.abs = httpUrl;
    else if (httpUrl !== links.abs && !idsFromUrl(httpUrl).ids.length) links.page = httpUrl;
    const own = urlId(httpUrl);
    if (own) ids.push(own);
  }
  const doi = ids.find((id) => id.startsWith('doi:'));
  if (doi && !links.abs) links.abs = `https://doi.org/${doi.slice('doi:'.length)}`;
  const ranked = rankIds(ids);
  const id = bestId(ranked);
  if (id === undefined) return undefined;
  const out: Identity = { id, aliases: ranked, links };
  if (version !== undefined) out.version = version;
  return out;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from year/month/day parts or a date text. */
export function isoDate(parts: {
  date?: string | undefined;
  year?: string | number | undefined;
  month?: string | number | undefined;
  day?: string | number | undefined;
}): string | undefined {
  const fromDate = toIsoDate(parts.date?.trim());
  if (fromDate) return fromDate;
  const year = String(parts.year ?? '').trim();
  if (!/^\d{4}$/.test(year)) return undefined;
  const month = Number(String(parts.month ?? '').trim());
  if (!Number.isInteger(month) || month < 1 || month > 12) return year;
  const mm = month < 10 ? `0${month}` : String(month);
  const day = Number(String(parts.day ?? '').trim());
  if (!Number.isInteger(day) || day < 1 || day > 31) return `${year}-${mm}`;
  return `${year}-${mm}-${day < 10 ? `0${day}` : day}`;
}

/** Whitespace collapsed, composed Unicode (TeX accents such as `{\"u}` come out as `u` + a combining mark). */
export function collapse(s: string | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The paper, or the reason it cannot be imported (over a limit, no title, no identifier). */
export function buildPaper(fields: {
  title: string;
  authors: string[];
  abstract?: string | undefined;
  published?: string | undefined;
  venue?: string | undefined;
  tags?: string[];
  note?: string | undefined;
  ids: IdSources;
}): ImportedPaper | string {
  const title = collapse(fields.title);
  if (!title) return 'no title';
  if (title.length > IMPORT_LIMITS.title) return `title longer than ${IMPORT_LIMITS.title} characters`;
  const identity = identify(fields.ids);
  if (!identity) return 'no identifier (DOI, arXiv id, PMID, PMCID or http(s) URL)';
  const authors = fields.authors.map(collapse).filter((a) => a !== '');
  if (authors.length > IMPORT_LIMITS.authors) return `more than ${IMPORT_LIMITS.authors} authors`;
  if (authors.some((a) => a.length > IMPORT_LIMITS.authorName)) {
    return `an author name longer than ${IMPORT_LIMITS.authorName} characters`;
  }
  const paper: ImportedPaper = { id: identity.id, aliases: identity.aliases, title, authors, links: identity.links };
  const abstract = collapse(fields.abstract);
  if (abstract) {
    if (abstract.length > IMPORT_LIMITS.abstract) return `abstract longer than ${IMPORT_LIMITS.abstract} characters`;
    paper.abstract = abstract;
  }
  if (fields.published) paper.published = fields.published;
  const venue = collapse(fields.venue);
  // "arXiv preprint arXiv:1706.03762", "CoRR": where a preprint was posted, not a venue (its id is kept).
  if (venue && !/^(?:arxiv|corr)\b/i.test(venue)) {
    if (venue.length > IMPORT_LIMITS.venue) return `venue longer than ${IMPORT_LIMITS.venue} characters`;
    paper.venue = venue;
  }
  if (identity.version !== undefined) paper.version = identity.version;
  const tags = [...new Set((fields.tags ?? []).map(normalizeTag).filter((t) => t !== ''))];
  if (tags.length > IMPORT_LIMITS.tags) return `more than ${IMPORT_LIMITS.tags} keywords`;
  if (tags.length) paper.tags = tags;
  const note = (fields.note ?? '').normalize('NFC').trim();
  if (note) {
    if (note.length > IMPORT_LIMITS.note) return `note longer than ${IMPORT_LIMITS.note} characters`;
    paper.note = note;
  }
  return paper;
}
