/**
 * Semantic Scholar: paper pages (`/paper/<slug>/<sha>`, `/arxiv/<id>`: citation_* meta and JSON-LD, the
 * abstract block, DOI/arXiv links in the header) and result lists (search, author pages:
 * `div[data-test-id="search-result"]` with `a[data-test-id="title-link"]`). A paper's own page is
 * `https://www.semanticscholar.org/paper/<sha>` whatever slug the URL carries; its id is the arXiv id or DOI
 * when shown, else the `url:` form of that page.
 */
import type { PaperId } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { toIsoDate } from './shared/dates';
import { readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, linkIds, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';
import { collapse, textOf, uniq } from './shared/text';

const HOSTS = new Set(['www.semanticscholar.org', 'semanticscholar.org']);
const ORIGIN = 'https://www.semanticscholar.org';
const SHA_RE = /^[0-9a-f]{40}$/i;

function route(url: URL): 'paper' | 'list' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const p = url.pathname;
  if (p.startsWith('/paper/') || p.startsWith('/arxiv/')) return 'paper';
  if (p === '/search' || p.startsWith('/author/')) return 'list';
  return undefined;
}

/** `https://www.semanticscholar.org/paper/<sha>` for a paper link with or without its slug. */
function paperPage(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, ORIGIN);
    if (!HOSTS.has(u.hostname.toLowerCase())) return undefined;
    const parts = u.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'paper') return undefined;
    const sha = parts.find((s) => SHA_RE.test(s));
    return sha ? `${ORIGIN}/paper/${sha.toLowerCase()}` : undefined;
  } catch {
    return undefined;
  }
}

/** Elements carrying a `data-test-id` with the given value, in `root`. */
function byTestId(root: Document | Element, value: string): Element[] {
  return Array.from(root.querySelectorAll(`[data-test-id="${value}"]`));
}

/** Text of an abstract block without its "Expand"/"Collapse" toggles. */
function abstractText(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) text += n.nodeValue ?? '';
    else if (n.nodeType === 1 && (n as Element).localName !== 'button') text += (n as Element).textContent ?? '';
  }
  const t = collapse(text).replace(/\s*(?:Expand|Collapse)$/i, '');
  return t || undefined;
}

function paperEntries(doc: Document, url: URL): PageEntries {
  const m = readPaperMeta(doc, url, readMeta(doc));
  const heading = byTestId(doc, 'paper-detail-title')[0] ?? null;
  const title = m?.title || textOf(heading);
  const ids: PaperId[] = [...(m?.ids ?? [])];
  for (const key of ['paper-doi', 'paper-arxiv', 'paper-pubmed']) {
    for (const el of byTestId(doc, key)) {
      const anchors = el.localName === 'a' ? [el] : Array.from(el.getElementsByTagName('a'));
      for (const a of anchors) ids.push(...linkIds(a.getAttribute('href'), url.href));
    }
  }
  const page = paperPage(url.href) ?? paperPage(m?.also.find((u) => paperPage(u)));
  const paper = buildPaper({
    ids: uniq(ids),
    landing: page ?? absoluteUrl(url.href),
    also: [absoluteUrl(url.href)],
    title,
    authors: m?.authors ?? [],
    abstract: abstractText(byTestId(doc, 'abstract-text')[0]) ?? m?.abstract,
    published: m?.published,
    venue: m?.venue,
    pdf: m?.pdf,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [heading ?? titleElement(doc, title)] } : { kind: 'none', papers: [] };
}

function resultOf(a: Element): Element {
  for (let el: Element | null = a.parentElement, i = 0; el && i < 10; el = el.parentElement, i++) {
    if (el.getAttribute('data-test-id') === 'search-result' || el.classList.contains('cl-paper-row')) return el;
  }
  return a.parentElement ?? a;
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  for (const a of byTestId(doc, 'title-link')) {
    const page = paperPage(absoluteUrl(a.getAttribute('href'), url.href));
    if (!page) continue;
    const result = resultOf(a);
    const authors: string[] = [];
    const authorBox = byTestId(result, 'author-list')[0];
    if (authorBox) {
      const links = authorBox.getElementsByTagName('a');
      for (let i = 0; i < links.length; i++) {
        const name = textOf(links[i]);
        if (name && !/^\+\s*\d+/.test(name)) authors.push(name);
      }
    }
    const ids: PaperId[] = [];
    const anchors = result.getElementsByTagName('a');
    for (let i = 0; i < anchors.length; i++) {
      const href = anchors[i]!.getAttribute('href') ?? '';
      if (href.startsWith('/author/')) continue;
      ids.push(...linkIds(href, url.href));
    }
    const year = textOf(result.getElementsByClassName('cl-paper-pubdates')[0]);
    list.add(
      buildPaper({
        ids,
        landing: page,
        title: collapse(a.textContent),
        authors,
        venue: textOf(byTestId(result, 'venue-metadata')[0]) || undefined,
        published: toIsoDate(year),
      }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: 'semanticscholar',
  matches: ['https://www.semanticscholar.org/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'paper':
        return paperEntries(doc, url);
      case 'list':
        return listEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
