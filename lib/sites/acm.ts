/**
 * ACM Digital Library (dl.acm.org): paper pages (`/doi/<DOI>`, `/doi/abs|full|fullHtml/<DOI>`: Dublin Core
 * meta — `dc.Title`, `dc.Creator`, `dc.Identifier`, `dc.Description` — the heading and abstract section)
 * and lists of papers: search results (`li.search__item`), tables of contents and proceedings pages,
 * profiles (`.issue-item` with `h5.issue-item__title a[href^="/doi/"]`). The id is the DOI.
 */
import type { PaperId } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, linkIds, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';
import { collapse, textOf } from './shared/text';

const HOST = 'dl.acm.org';
const ORIGIN = `https://${HOST}`;

function route(url: URL): 'doi' | 'list' | undefined {
  if (url.hostname.toLowerCase() !== HOST) return undefined;
  const p = url.pathname;
  if (/^\/doi\/(?:proceedings|book)\//.test(p)) return 'list';
  if (/^\/doi\/(?:(?:abs|full|fullHtml|epdf)\/)?10\.\d{4,9}\//.test(p)) return 'doi';
  if (p.startsWith('/action/doSearch') || p.startsWith('/toc/') || p.startsWith('/profile/') || p.startsWith('/topic/')) return 'list';
  return undefined;
}

/** `https://dl.acm.org/doi/<DOI>` for any `/doi/[abs|full|…/]<DOI>` link, the DOI as written. */
function landingOf(href: string): string | undefined {
  try {
    const u = new URL(href);
    const m = /^\/doi\/(?:(?:abs|full|fullHtml|epdf|pdf)\/)?(10\.\d{4,9}\/.+)$/.exec(u.pathname);
    return m && u.hostname.toLowerCase() === HOST ? `${ORIGIN}/doi/${m[1]}` : undefined;
  } catch {
    return undefined;
  }
}

function itemOf(a: Element): Element {
  for (let el: Element | null = a.parentElement, i = 0; el && i < 8; el = el.parentElement, i++) {
    if (el.classList.contains('search__item') || el.classList.contains('issue-item')) return el;
  }
  return a.parentElement ?? a;
}

/** Names in the item's author list (`ul.loa`), without "+ 3" expanders and ellipses. */
function itemAuthors(item: Element): string[] {
  const lists = item.getElementsByClassName('loa');
  const box = lists[0];
  if (!box) return [];
  const names: string[] = [];
  const anchors = box.getElementsByTagName('a');
  for (let i = 0; i < anchors.length; i++) {
    const name = textOf(anchors[i]).replace(/,$/, '');
    if (name && !/^\+\s*\d+$/.test(name) && name !== '…' && name !== '...') names.push(name);
  }
  return names;
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const titles = doc.getElementsByClassName('issue-item__title');
  for (let i = 0; i < titles.length; i++) {
    const a = titles[i]!.getElementsByTagName('a')[0];
    const href = absoluteUrl(a?.getAttribute('href'), url.href);
    if (!a || !href) continue;
    const ids: PaperId[] = linkIds(href);
    if (!ids.length) continue;
    const item = itemOf(a);
    const abstractEl = item.getElementsByClassName('issue-item__abstract')[0];
    const venue = textOf(item.getElementsByClassName('epub-section__title')[0]) || undefined;
    list.add(
      buildPaper({
        ids,
        landing: landingOf(href) ?? href,
        title: collapse(a.textContent),
        authors: itemAuthors(item),
        abstract: textOf(abstractEl) || undefined,
        venue,
      }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

function paperEntries(doc: Document, url: URL): PageEntries {
  const m = readPaperMeta(doc, url, readMeta(doc));
  if (!m) return doc.getElementsByClassName('issue-item__title').length ? listEntries(doc, url) : { kind: 'none', papers: [] };
  let authors = m.authors;
  if (!authors.length) {
    const names = doc.getElementsByClassName('loa__author-name');
    for (let i = 0; i < names.length; i++) {
      const name = textOf(names[i]);
      if (name && !authors.includes(name)) authors = [...authors, name];
    }
  }
  const landing = landingOf(m.landing);
  const abstractEl = doc.getElementsByClassName('abstractSection')[0] ?? doc.getElementById('abstract');
  const paper = buildPaper({
    ids: m.ids,
    landing: landing ?? m.landing,
    also: [m.landing, ...m.also],
    title: m.title,
    authors,
    abstract: m.abstract ?? (textOf(abstractEl) || undefined),
    published: m.published,
    venue: m.venue,
    pdf: m.pdf ?? (landing ? landing.replace('/doi/', '/doi/pdf/') : undefined),
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [titleElement(doc, m.title)] } : { kind: 'none', papers: [] };
}

export const adapter: SiteAdapter = {
  name: 'acm',
  matches: ['https://dl.acm.org/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'doi':
        return paperEntries(doc, url);
      case 'list':
        return listEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
