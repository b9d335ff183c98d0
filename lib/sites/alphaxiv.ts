/**
 * alphaXiv: an arXiv paper's page (`/abs/<arXiv id>`, `/overview/<arXiv id>`). The arXiv id comes from the
 * URL; title, authors and abstract from the page's metadata (citation_* meta or JSON-LD, else Open Graph
 * and the heading — the id makes them safe to use).
 */
import type { PageEntries, SiteAdapter } from './types';
import { arxivId, idsFromUrl } from '../ids';
import { metaAll, metaFirst, readMeta } from './shared/meta';
import { displayName } from './shared/names';
import { absoluteUrl, buildPaper } from './shared/paper';
import { plainText, readPaperMeta, titleElement, withoutAbstractLabel } from './shared/scholarly';
import { textOf } from './shared/text';

const HOSTS = new Set(['alphaxiv.org', 'www.alphaxiv.org']);
const PATH_RE = /^\/(?:abs|overview)\/[^/]+/;

function paperId(url: URL): string | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase()) || !PATH_RE.test(url.pathname)) return undefined;
  const id = idsFromUrl(url.href).ids[0];
  return id && id.startsWith('arxiv:') ? id : undefined;
}

/** "Title | alphaXiv" → "Title". */
function withoutSuffix(title: string): string {
  return title.replace(/\s*[|\u2013\u2014-]\s*alphaXiv\s*$/i, '').trim();
}

export const adapter: SiteAdapter = {
  name: 'alphaxiv',
  matches: ['https://www.alphaxiv.org/*', 'https://alphaxiv.org/*'],
  appliesTo(url: URL): boolean {
    return paperId(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    const id = paperId(url);
    if (!id || !arxivId(id.slice(6))) return { kind: 'none', papers: [] };
    const meta = readMeta(doc);
    const m = readPaperMeta(doc, url, meta);
    const h1 = doc.getElementsByTagName('h1')[0] ?? null;
    const title = m?.title || withoutSuffix(metaFirst(meta, 'og:title') ?? metaFirst(meta, 'twitter:title') ?? '') || textOf(h1);
    const authors = m?.authors.length ? m.authors : metaAll(meta, 'citation_author').map(displayName);
    const description = plainText(metaFirst(meta, 'og:description') ?? metaFirst(meta, 'description'));
    const paper = buildPaper({
      ids: [id, ...(m?.ids ?? [])],
      page: absoluteUrl(url.href),
      also: [`https://www.alphaxiv.org/abs/${id.slice(6)}`, `https://www.alphaxiv.org/overview/${id.slice(6)}`],
      title,
      authors,
      abstract: m?.abstract ?? (description.length >= 200 ? withoutAbstractLabel(description) : undefined),
      published: m?.published,
    });
    return paper ? { kind: 'single', papers: [paper], anchors: [titleElement(doc, title) ?? h1] } : { kind: 'none', papers: [] };
  },
};
