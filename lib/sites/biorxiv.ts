/**
 * bioRxiv and medRxiv: preprint pages (`/content/10.1101/<id>v<n>`, Highwire citation_* meta) and the pages
 * that list preprints — search results, subject collections, recent/TOC pages (`a.highwire-cite-linked-title`
 * inside `div.highwire-article-citation`). The id is the preprint's DOI (all versions share it).
 */
import type { PageEntries, SiteAdapter } from './types';
import { toIsoDate } from './shared/dates';
import { metaFirst, readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, linkIds, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';
import { collapse, textOf } from './shared/text';

const HOSTS = new Set(['www.biorxiv.org', 'biorxiv.org', 'www.medrxiv.org', 'medrxiv.org']);
const CONTENT_RE = /^\/content\/10\.1101\/[\d.]+v?\d*(?:\.(?:abstract|full|article-info|article-metrics|supplementary-material))?\/?$/i;

function route(url: URL): 'preprint' | 'list' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  if (CONTENT_RE.test(url.pathname)) return 'preprint';
  if (/^\/(?:search|collection|content\/early|archive|toc)\b/.test(url.pathname) || url.pathname === '/') return 'list';
  return undefined;
}

/** The versionless landing page for a preprint URL (`…/2020.03.22.002386v3.full` → `…/2020.03.22.002386`). */
function versionless(href: string): string | undefined {
  const m = /^(https?:\/\/[^/]+\/content\/10\.1101\/[\d.]+?)(?:v\d+)?(?:\.[a-z-]+)?\/?$/i.exec(href);
  return m ? m[1] : undefined;
}

function preprintEntries(doc: Document, url: URL): PageEntries {
  const meta = readMeta(doc);
  const m = readPaperMeta(doc, url, meta);
  if (!m) return { kind: 'none', papers: [] };
  // citation_publication_date is often only the year's first day; the posting date is in citation_date.
  const posted = toIsoDate(metaFirst(meta, 'citation_date') ?? metaFirst(meta, 'dc.date'));
  const paper = buildPaper({
    ids: m.ids,
    landing: m.landing,
    also: [...m.also, versionless(m.landing)],
    title: m.title,
    authors: m.authors,
    abstract: m.abstract,
    published: posted ?? m.published,
    venue: m.venue,
    pdf: m.pdf,
  });
  const heading = doc.getElementById('page-title') ?? titleElement(doc, m.title);
  return paper ? { kind: 'single', papers: [paper], anchors: [heading] } : { kind: 'none', papers: [] };
}

function citationOf(a: Element): Element {
  for (let el: Element | null = a.parentElement, i = 0; el && i < 8; el = el.parentElement, i++) {
    if (el.classList.contains('highwire-article-citation') || el.classList.contains('highwire-cite')) return el;
  }
  return a.parentElement ?? a;
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const titles = doc.getElementsByClassName('highwire-cite-linked-title');
  for (let i = 0; i < titles.length; i++) {
    const a = titles[i]!;
    const href = absoluteUrl(a.getAttribute('href'), url.href);
    if (!href) continue;
    const box = citationOf(a);
    const authors: string[] = [];
    const names = box.getElementsByClassName('highwire-citation-author');
    for (let j = 0; j < names.length; j++) {
      const name = textOf(names[j]);
      if (name) authors.push(name);
    }
    list.add(
      buildPaper({ ids: linkIds(href), landing: href, also: [versionless(href)], title: collapse(a.textContent), authors }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: 'biorxiv',
  matches: ['https://www.biorxiv.org/*', 'https://www.medrxiv.org/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'preprint':
        return preprintEntries(doc, url);
      case 'list':
        return listEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
