/**
 * dblp: person pages (`/pid/…`), search results (`/search?q=…`), tables of contents (`/db/…`) and record
 * pages (`/rec/…`). Every publication is an `li.entry` with `cite.data` (`span[itemprop=author]`,
 * `span.title`) and `nav.publ` whose `li.ee` links are the electronic editions (DOI, arXiv, publisher pages).
 * Edited volumes (`li.entry.editor`) are not papers and are skipped.
 *
 * dblp ends every title with a period as punctuation: it is dropped ("?" and "!" stay). Homonym numbers
 * ("Wei Wang 0001") are dropped from names. Ids: the best id the electronic editions name, else the
 * `url:` form of the first one, the dblp record page always as an alias.
 */
import type { PaperId } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { hasClass } from './shared/dom';
import { absoluteUrl, buildPaper, isPdfUrl, linkIds, PaperList } from './shared/paper';
import { collapse, textOf } from './shared/text';

const HOSTS = new Set(['dblp.org', 'dblp.uni-trier.de']);
const ORIGIN = 'https://dblp.org';

function route(url: URL): 'list' | 'record' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const p = url.pathname;
  if (p.startsWith('/rec/')) return 'record';
  if (p.startsWith('/pid/') || p.startsWith('/pers/') || p.startsWith('/db/') || p === '/search' || p.startsWith('/search/')) return 'list';
  return undefined;
}

/** A title without dblp's closing period. */
function dblpTitle(text: string): string {
  const t = collapse(text);
  return t.endsWith('.') && !t.endsWith('..') ? t.slice(0, -1).trim() : t;
}

function entryAuthors(cite: Element): string[] {
  const names: string[] = [];
  const spans = cite.getElementsByTagName('span');
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.getAttribute('itemprop') !== 'author') continue;
    const name = textOf(s).replace(/\s+\d{4}$/, '');
    if (name) names.push(name);
  }
  return names;
}

function entryTitle(cite: Element): Element | undefined {
  const spans = cite.getElementsByTagName('span');
  for (let i = 0; i < spans.length; i++) if (hasClass(spans[i]!, 'title')) return spans[i];
  return undefined;
}

/** The electronic-edition links of an entry (`nav.publ li.ee a`), in order. */
function editions(entry: Element, base: string): string[] {
  const out: string[] = [];
  const items = entry.getElementsByClassName('ee');
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!.localName === 'a' ? items[i]! : items[i]!.getElementsByTagName('a')[0];
    const href = absoluteUrl(a?.getAttribute('href'), base);
    if (href) out.push(href);
  }
  return out;
}

/** The venue of an entry: the text of its `isPartOf` name(s) ("NIPS", "CoRR abs/1706.03762"…). */
function entryVenue(cite: Element): string | undefined {
  const spans = cite.getElementsByTagName('span');
  const parts: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.getAttribute('itemprop') === 'isPartOf') {
      const name = s.getElementsByTagName('span')[0];
      const t = textOf(name ?? s);
      if (t && !parts.includes(t)) parts.push(t);
    }
  }
  return parts.length ? parts.join(' ') : undefined;
}

function entriesIn(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const entries = doc.getElementsByClassName('entry');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.localName !== 'li' || hasClass(entry, 'editor')) continue;
    const cite = entry.getElementsByTagName('cite')[0];
    const titleEl = cite && entryTitle(cite);
    if (!cite || !titleEl) continue;
    const ee = editions(entry, url.href);
    const ids: PaperId[] = ee.flatMap((href) => linkIds(href));
    const landing = ee.find((href) => !isPdfUrl(href) && !/^https?:\/\/(?:dx\.)?doi\.org\//i.test(href)) ?? ee[0];
    const key = entry.id;
    const record = key && /^[\w/-]+$/.test(key) ? `${ORIGIN}/rec/${key}` : undefined;
    let published: string | undefined;
    const metas = entry.getElementsByTagName('meta');
    for (let j = 0; j < metas.length && !published; j++) {
      if (metas[j]!.getAttribute('property') === 'datePublished') {
        const v = metas[j]!.getAttribute('content') ?? '';
        if (/^\d{4}$/.test(v)) published = v;
      }
    }
    list.add(
      buildPaper({
        ids,
        landing: landing && !isPdfUrl(landing) ? landing : undefined,
        also: [record],
        fallback: record ?? landing,
        title: dblpTitle(titleEl.textContent ?? ''),
        authors: entryAuthors(cite),
        venue: entryVenue(cite),
        published,
        pdf: ee.find((href) => isPdfUrl(href)),
      }),
      titleEl,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: 'dblp',
  matches: ['https://dblp.org/*', 'https://dblp.uni-trier.de/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'list':
        return entriesIn(doc, url);
      case 'record': {
        const r = entriesIn(doc, url);
        return r.papers.length ? { kind: 'single', papers: r.papers.slice(0, 1), anchors: r.anchors?.slice(0, 1) } : { kind: 'none', papers: [] };
      }
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
