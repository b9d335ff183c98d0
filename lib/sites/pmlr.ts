/**
 * PMLR (proceedings.mlr.press): volume pages (`/v195/`: `div.paper` with `p.title`, `span.authors`,
 * `p.links` [abs] [Download PDF]) and paper pages (`/v195/abbe23a.html`: citation_* meta, `div#abstract`).
 * PMLR papers have no DOI: their id is the `url:` form of the paper page.
 */
import type { PageEntries, SiteAdapter } from './types';
import { firstByClass } from './shared/dom';
import { readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, isPdfUrl, linkIds, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';
import { collapse, textOf } from './shared/text';

const HOST = 'proceedings.mlr.press';

function route(url: URL): 'volume' | 'paper' | undefined {
  if (url.hostname.toLowerCase() !== HOST) return undefined;
  if (/^\/v\d+\/?$/.test(url.pathname)) return 'volume';
  if (/^\/v\d+\/[\w.-]+\.html$/.test(url.pathname)) return 'paper';
  return undefined;
}

function authorList(text: string): string[] {
  return collapse(text)
    .split(/\s*,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function volumeEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const papers = doc.getElementsByClassName('paper');
  for (let i = 0; i < papers.length; i++) {
    const div = papers[i]!;
    const titleEl = firstByClass(div, 'title', 'p');
    if (!titleEl) continue;
    let landing: string | undefined;
    let pdf: string | undefined;
    const ids: string[] = [];
    const links = firstByClass(div, 'links', 'p')?.getElementsByTagName('a') ?? div.getElementsByTagName('a');
    for (let j = 0; j < links.length; j++) {
      const href = absoluteUrl(links[j]!.getAttribute('href'), url.href);
      if (!href) continue;
      ids.push(...linkIds(href));
      if (isPdfUrl(href)) pdf ??= href;
      else if (/\.html$/.test(href) && new URL(href).hostname === HOST) landing ??= href;
    }
    list.add(
      buildPaper({
        ids,
        landing,
        fallback: pdf,
        title: textOf(titleEl),
        authors: authorList(textOf(div.getElementsByClassName('authors')[0])),
        pdf,
      }),
      titleEl,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

function paperEntries(doc: Document, url: URL): PageEntries {
  const meta = readMeta(doc);
  const m = readPaperMeta(doc, url, meta);
  const h1 = doc.getElementsByTagName('h1')[0];
  const title = m?.title ?? textOf(h1);
  let authors = m?.authors ?? [];
  if (!authors.length) authors = authorList(textOf(doc.getElementsByClassName('authors')[0]));
  const abstractEl = doc.getElementById('abstract');
  const paper = buildPaper({
    ids: m?.ids,
    landing: absoluteUrl(url.href),
    also: m?.also,
    title,
    authors,
    abstract: textOf(abstractEl) || m?.abstract,
    published: m?.published,
    venue: m?.venue,
    pdf: m?.pdf,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [h1 ?? titleElement(doc, title)] } : { kind: 'none', papers: [] };
}

export const adapter: SiteAdapter = {
  name: 'pmlr',
  matches: ['https://proceedings.mlr.press/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'volume':
        return volumeEntries(doc, url);
      case 'paper':
        return paperEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
