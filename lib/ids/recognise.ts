/** Recognising canonical ids in links and in free text. */

import type { PaperId } from '../model';
import { ARXIV_BODY_NC_SRC, ARXIV_BODY_SRC, arxivRefFromMatch, parseArxivId, type ArxivRef } from './arxiv';
import { doiId, doiIdentity } from './doi';
import { safeDecode, trimTrailingPunctuation } from './text';
import { bareHost, toUrl } from './url';

/** Canonical ids a link names, best first, without its `url:` form; `version` is the arXiv version. */
export interface UrlIdentity {
  ids: PaperId[];
  version?: number;
}

// ---------------------------------------------------------------------------------------------
// arXiv and its mirrors/readers: `/<prefix>/<id>[vN][.pdf][/…]`

const ARXIV_PREFIXES: ReadonlySet<string> = new Set(['abs', 'pdf', 'html', 'format', 'ps', 'src', 'e-print', 'tb']);

/** Hosts other than `*.arxiv.org` that show an arXiv paper at `/<prefix>/<id>`. */
const ARXIV_READER_HOSTS: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['arxiv.org', ARXIV_PREFIXES],
  ['xxx.lanl.gov', ARXIV_PREFIXES],
  ['ar5iv.org', new Set(['abs', 'html'])],
  ['alphaxiv.org', new Set(['abs', 'overview', 'pdf'])],
  ['huggingface.co', new Set(['papers'])],
  ['hf.co', new Set(['papers'])],
  ['semanticscholar.org', new Set(['arxiv'])],
  ['scirate.com', new Set(['arxiv'])],
  ['arxiv-vanity.com', new Set(['papers'])],
]);

/** `/<prefix>/<rest>`. */
const FIRST_SEGMENT_RE = /^\/([a-z-]+)\/(.+)$/i;
/** The part after the prefix: an id, then optionally `.pdf` and/or a sub-path. */
const ARXIV_PATH_RE = new RegExp(String.raw`^(?:arxiv:)?${ARXIV_BODY_SRC}(?:\.pdf)?(?:\/.*)?$`, 'i');

function arxivFromPath(host: string, path: string): ArxivRef | null {
  let prefixes = ARXIV_READER_HOSTS.get(host);
  if (prefixes === undefined) {
    if (!host.endsWith('.arxiv.org')) return null;
    prefixes = ARXIV_PREFIXES;
  }
  const seg = FIRST_SEGMENT_RE.exec(path);
  if (!seg || !prefixes.has(seg[1]!.toLowerCase())) return null;
  const m = ARXIV_PATH_RE.exec(seg[2]!);
  return m ? arxivRefFromMatch(m, 1) : null;
}

// ---------------------------------------------------------------------------------------------
// Other hosts

/** Publisher landing pages of the form `/doi/[abs|full|pdf|…/]10.x/…` (ACM, Wiley, T&F, SAGE, ACS, …). */
const DOI_PATH_RE = /^\/doi\/(?:[a-z]+\/)?(10\.\d{4,9}(?:\.\d+)*\/.+)$/i;
const SPRINGER_RE = /^\/(?:article|chapter|book|referenceworkentry|protocol|content\/pdf)\/(10\.\d{4,9}\/.+?)(?:\.pdf)?$/i;
/** bioRxiv/medRxiv: `/content/10.1101/<date.number>v2[.full|.full.pdf|…]`. */
const RXIV_CONTENT_RE = /^\/content\/(?:early\/[\d/]+\/)?(10\.1101\/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,8})(?:v\d+)?(?:[./].*)?$/i;

const PUBMED_RE = /^\/(\d{1,9})(?:\/.*)?$/;
const LEGACY_PUBMED_RE = /^\/pubmed\/(\d{1,9})(?:\/.*)?$/;
const EUROPEPMC_MED_RE = /^\/(?:article|abstract)\/med\/(\d{1,9})(?:\/.*)?$/i;
const PMC_ARTICLES_RE = /^\/articles\/(pmc\d{1,9})(?:\/.*)?$/i;
const LEGACY_PMC_RE = /^\/pmc\/articles\/(pmc\d{1,9})(?:\/.*)?$/i;
const EUROPEPMC_PMC_RE = /^\/(?:article\/pmc|articles)\/(pmc\d{1,9})(?:\/.*)?$/i;

const OPENREVIEW_ID_RE = /^[A-Za-z0-9_-]{5,64}$/;

/** New-style (`2021.naacl-main.208`) or old-style (`P19-1001`) ACL Anthology id, optional `vN`, `.pdf`/`.bib`. */
const ACL_PATH_RE = /^\/(?:anthology\/)?(\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+|[a-z]\d{2}-\d{4})(?:v\d+)?(?:\.pdf|\.bib)?\/?$/i;
const ACL_OLD_RE = /^[a-z]\d{2}-\d{4}$/i;

function pmid(n: string): PaperId | null {
  const v = +n;
  return v > 0 ? `pmid:${v}` : null;
}

function pmcid(s: string): PaperId | null {
  const v = +s.slice(3);
  return v > 0 ? `pmcid:PMC${v}` : null;
}

function aclId(raw: string): PaperId {
  return ACL_OLD_RE.test(raw) ? `acl:${raw[0]!.toUpperCase()}${raw.slice(1)}` : `acl:${raw.toLowerCase()}`;
}

function one(id: PaperId | null): UrlIdentity {
  return id === null ? { ids: [] } : { ids: [id] };
}

function fromArxivRef(ref: ArxivRef | null): UrlIdentity {
  if (ref === null) return { ids: [] };
  return ref.version === undefined ? { ids: [`arxiv:${ref.id}`] } : { ids: [`arxiv:${ref.id}`], version: ref.version };
}

function fromDoi(raw: string): UrlIdentity {
  const d = doiIdentity(raw);
  if (d === null) return { ids: [] };
  return d.version === undefined ? { ids: [d.id] } : { ids: [d.id], version: d.version };
}

function identify(u: URL, raw: string): UrlIdentity {
  const protocol = u.protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    if (protocol === 'arxiv:') return fromArxivRef(parseArxivId(raw.trim()));
    if (protocol === 'doi:' || protocol === 'info:' || protocol === 'urn:') return fromDoi(raw);
    return { ids: [] };
  }
  const host = bareHost(u);
  const path = u.pathname.indexOf('%') === -1 ? u.pathname : safeDecode(u.pathname);

  const ref = arxivFromPath(host, path);
  if (ref !== null) return fromArxivRef(ref);

  switch (host) {
    case 'doi.org':
    case 'dx.doi.org':
    case 'doi.acm.org':
      // The encoded path: normalizeDoi decodes it once.
      return fromDoi(u.pathname.slice(1));
    case 'pubmed.ncbi.nlm.nih.gov': {
      const m = PUBMED_RE.exec(path);
      return one(m ? pmid(m[1]!) : null);
    }
    case 'pmc.ncbi.nlm.nih.gov': {
      const m = PMC_ARTICLES_RE.exec(path);
      return one(m ? pmcid(m[1]!) : null);
    }
    case 'ncbi.nlm.nih.gov': {
      const pm = LEGACY_PUBMED_RE.exec(path);
      if (pm) return one(pmid(pm[1]!));
      const pc = LEGACY_PMC_RE.exec(path);
      return one(pc ? pmcid(pc[1]!) : null);
    }
    case 'europepmc.org': {
      const pm = EUROPEPMC_MED_RE.exec(path);
      if (pm) return one(pmid(pm[1]!));
      const pc = EUROPEPMC_PMC_RE.exec(path);
      return one(pc ? pmcid(pc[1]!) : null);
    }
    case 'openreview.net': {
      if (path !== '/forum' && path !== '/pdf') return { ids: [] };
      const id = u.searchParams.get('id');
      return one(id !== null && OPENREVIEW_ID_RE.test(id) ? `openreview:${id}` : null);
    }
    case 'aclanthology.org':
    case 'aclweb.org': {
      if (host === 'aclweb.org' && !path.startsWith('/anthology/')) return { ids: [] };
      const m = ACL_PATH_RE.exec(path);
      return one(m ? aclId(m[1]!) : null);
    }
    case 'biorxiv.org':
    case 'medrxiv.org': {
      const m = RXIV_CONTENT_RE.exec(path);
      return one(m ? doiId(m[1]!) : null);
    }
    case 'link.springer.com': {
      const m = SPRINGER_RE.exec(path);
      return one(m ? doiId(m[1]!) : null);
    }
  }

  if (path.startsWith('/doi/')) {
    const m = DOI_PATH_RE.exec(u.pathname);
    if (m) return fromDoi(m[1]!);
  }
  return { ids: [] };
}

/**
 * The canonical ids a link names (arXiv and its readers, DOI resolvers and `/doi/` landing pages,
 * PubMed, PMC, OpenReview, ACL Anthology, …), best first, without the `url:` form, plus the arXiv
 * version the link names. `{ ids: [] }` when it names none. Never throws.
 */
export function idsFromUrl(raw: string, base?: string): UrlIdentity {
  try {
    const u = toUrl(raw, base);
    return u === null ? { ids: [] } : identify(u, raw);
  } catch {
    return { ids: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// Free text

const TEXT_RE = new RegExp(
  [
    // 1: an http(s) URL
    String.raw`(https?:\/\/[^\s<>"'\x60\u2018-\u201f\u00ab\u00bb]+)`,
    // 2: arXiv:ID / arXiv: ID / arXiv ID
    String.raw`\barxiv(?:\s*:\s*|\s+)(${ARXIV_BODY_NC_SRC})(?![\d])`,
    // 3: a scheme-less arxiv.org link
    String.raw`\b((?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/${ARXIV_BODY_NC_SRC}(?![\d]))`,
    // 4: a DOI, bare or after doi: / doi.org/
    String.raw`\b(10\.\d{4,9}(?:\.\d+)*\/[!#-;=?-~]+)`,
    // 5: PMID: n
    String.raw`\bpmid\s*:?\s*(\d{1,9})\b`,
    // 6: PMCn
    String.raw`\b(pmc\d{1,9})\b`,
  ].join('|'),
  'gi',
);

/**
 * The ids mentioned in free text — `arXiv:` ids, DOIs (bare, `doi:` or doi.org links; arXiv DOIs
 * become `arxiv:`), links {@link idsFromUrl} recognises, `PMID:` and `PMC…` — deduplicated, in
 * order of first appearance.
 */
export function idsFromText(text: string): PaperId[] {
  if (typeof text !== 'string' || !text) return [];
  const seen = new Set<PaperId>();
  const re = TEXT_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) {
      for (const id of idsFromUrl(trimTrailingPunctuation(m[1])).ids) seen.add(id);
    } else if (m[2] !== undefined) {
      const ref = parseArxivId(m[2]);
      if (ref) seen.add(`arxiv:${ref.id}`);
    } else if (m[3] !== undefined) {
      for (const id of idsFromUrl(m[3]).ids) seen.add(id);
    } else if (m[4] !== undefined) {
      const id = doiId(m[4]);
      if (id) seen.add(id);
    } else if (m[5] !== undefined) {
      const id = pmid(m[5]);
      if (id) seen.add(id);
    } else if (m[6] !== undefined) {
      const id = pmcid(m[6]);
      if (id) seen.add(id);
    }
  }
  return [...seen];
}
