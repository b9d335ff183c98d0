/**
 * CVF open access (openaccess.thecvf.com): conference listings (`dl` of `dt.ptitle` title links, each
 * followed by a `dd` of authors and a `dd` of links — pdf, supp, arXiv, bibtex) and paper pages
 * (`…/html/<name>_paper.html`: citation_* meta, `div#papertitle`, `div#abstract`, the same links).
 * The id is the arXiv id when the page links the paper's arXiv version, else the `url:` form of its page.
 */
import type { PaperId } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { hasClass } from './shared/dom';
import { readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, isPdfUrl, linkIds, PaperList } from './shared/paper';
import { readPaperMeta } from './shared/scholarly';
import { collapse, textOf, uniq } from './shared/text';

const HOST = 'openaccess.thecvf.com';
const PAPER_RE = /\/html\/[^/]+_paper\.html$/i;

function route(url: URL): 'paper' | 'list' | undefined {
  if (url.hostname.toLowerCase() !== HOST) return undefined;
  return PAPER_RE.test(url.pathname) ? 'paper' : 'list';
}

/** arXiv/DOI ids and the PDF among a set of links. */
function readLinks(anchors: ArrayLike<Element>, base: string): { ids: PaperId[]; pdf?: string } {
  const ids: PaperId[] = [];
  let pdf: string | undefined;
  for (let i = 0; i < anchors.length; i++) {
    const href = absoluteUrl(anchors[i]!.getAttribute('href'), base);
    if (!href) continue;
    ids.push(...linkIds(href).filter((id) => id.startsWith('arxiv:') || id.startsWith('doi:')));
    if (!pdf && isPdfUrl(href) && new URL(href).hostname === HOST && /_paper\.pdf$/i.test(href)) pdf = href;
  }
  return { ids: uniq(ids), pdf };
}

/** "A, B, C" from an author `dd` (names may be links or plain text inside a form). */
function authorsOf(dd: Element | null): string[] {
  if (!dd) return [];
  const anchors = dd.getElementsByTagName('a');
  const names: string[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const name = textOf(anchors[i]);
    if (name) names.push(name);
  }
  if (names.length) return names;
  return textOf(dd)
    .split(/\s*,\s*/)
    .filter(Boolean);
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const titles = doc.getElementsByClassName('ptitle');
  for (let i = 0; i < titles.length; i++) {
    const dt = titles[i]!;
    const a = dt.getElementsByTagName('a')[0];
    const landing = absoluteUrl(a?.getAttribute('href'), url.href);
    if (!a || !landing) continue;
    // The dd elements up to the next title: authors first, then links.
    const dds: Element[] = [];
    for (let el = dt.nextElementSibling; el && el.localName === 'dd' && !hasClass(el, 'ptitle'); el = el.nextElementSibling) dds.push(el);
    const links = readLinks(dds.slice(1).flatMap((dd) => Array.from(dd.getElementsByTagName('a'))), url.href);
    list.add(
      buildPaper({
        ids: links.ids,
        landing,
        page: landing,
        title: collapse(a.textContent),
        authors: authorsOf(dds[0] ?? null),
        pdf: links.pdf,
      }),
      a,
    );
  }
  return list.papers.length ? { kind: 'list', papers: list.papers, anchors: list.anchors } : { kind: 'none', papers: [] };
}

function paperEntries(doc: Document, url: URL): PageEntries {
  const m = readPaperMeta(doc, url, readMeta(doc));
  const heading = doc.getElementById('papertitle');
  const title = m?.title || textOf(heading);
  let authors = m?.authors ?? [];
  if (!authors.length) {
    const box = doc.getElementById('authors');
    const names = box?.getElementsByTagName('i')[0];
    authors = textOf(names).split(/\s*,\s*/).filter(Boolean);
  }
  const content = doc.getElementById('content') ?? doc.body;
  const links = content ? readLinks(content.getElementsByTagName('a'), url.href) : { ids: [] };
  const arxiv = links.ids.filter((id) => id.startsWith('arxiv:'));
  const paper = buildPaper({
    ids: [...(m?.ids ?? []), ...(arxiv.length === 1 ? arxiv : [])],
    landing: absoluteUrl(url.href),
    page: absoluteUrl(url.href),
    title,
    authors,
    abstract: textOf(doc.getElementById('abstract')) || m?.abstract,
    published: m?.published,
    venue: m?.venue,
    pdf: m?.pdf ?? links.pdf,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [heading] } : { kind: 'none', papers: [] };
}

export const adapter: SiteAdapter = {
  name: 'cvf',
  matches: ['https://openaccess.thecvf.com/*'],
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
