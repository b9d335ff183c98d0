/**
 * PubMed Central article pages (`pmc.ncbi.nlm.nih.gov/articles/PMC…/`, and the older
 * `www.ncbi.nlm.nih.gov/pmc/articles/PMC…/`), read from their citation_* meta; the PMCID comes from the
 * URL, the abstract from the page's abstract section when the meta has none.
 */
import type { PageEntries, SiteAdapter } from './types';
import { readMeta } from './shared/meta';
import { buildPaper } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';

const ARTICLE_RE = /^\/articles\/PMC\d+(?:\/.*)?$/i;
const LEGACY_ARTICLE_RE = /^\/pmc\/articles\/PMC\d+(?:\/.*)?$/i;

function isArticle(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'pmc.ncbi.nlm.nih.gov') return ARTICLE_RE.test(url.pathname);
  if (host === 'www.ncbi.nlm.nih.gov' || host === 'ncbi.nlm.nih.gov') return LEGACY_ARTICLE_RE.test(url.pathname);
  return false;
}

export const adapter: SiteAdapter = {
  name: 'pmc',
  matches: ['https://pmc.ncbi.nlm.nih.gov/*', 'https://www.ncbi.nlm.nih.gov/pmc/*'],
  appliesTo(url: URL): boolean {
    return isArticle(url);
  },
  entries(doc: Document, url: URL): PageEntries {
    const m = readPaperMeta(doc, url, readMeta(doc));
    if (!m) return { kind: 'none', papers: [] };
    const paper = buildPaper({
      ids: m.ids,
      landing: m.landing,
      also: m.also,
      title: m.title,
      authors: m.authors,
      abstract: m.abstract,
      published: m.published,
      venue: m.venue,
      pdf: m.pdf,
    });
    return paper ? { kind: 'single', papers: [paper], anchors: [titleElement(doc, m.title)] } : { kind: 'none', papers: [] };
  },
};
