/**
 * ACL Anthology: paper pages (`/<anthology id>/`, citation_* meta, abstract card) and the pages that list
 * papers — volumes (`/volumes/…`), events (`/events/…`), people (`/people/…`), venues, SIGs. Both the
 * current list layout (`div.d-sm-flex` > `span.d-block` > `strong > a`) and the older one (`p.d-sm-flex`)
 * are read; the abstract of a listed paper is the collapsed card that follows it.
 *
 * Ids: the DOI when the page shows one (paper pages), the `acl:` Anthology id always.
 */
import type { PageEntries, SiteAdapter } from './types';
import { childrenByTag, hasClass } from './shared/dom';
import { metaFirst, readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, linkIds, PaperList } from './shared/paper';
import { readPaperMeta } from './shared/scholarly';
import { collapse, textOf } from './shared/text';

const HOSTS = new Set(['aclanthology.org', 'www.aclanthology.org']);
const ORIGIN = 'https://aclanthology.org';

/** `/2021.naacl-main.208/`, `/P19-1001/` (an Anthology id as the whole path). */
const PAPER_PATH_RE = /^\/(\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+|[a-z]\d{2}-\d{4})\/?$/i;
const LIST_PREFIXES = ['/volumes/', '/events/', '/people/', '/venues/', '/sigs/'];

function route(url: URL): 'paper' | 'list' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  if (PAPER_PATH_RE.test(url.pathname)) return 'paper';
  if (LIST_PREFIXES.some((p) => url.pathname.startsWith(p))) return 'list';
  return undefined;
}

function paperEntries(doc: Document, url: URL): PageEntries {
  const meta = readMeta(doc);
  const m = readPaperMeta(doc, url, meta);
  const heading = doc.getElementById('title');
  const title = m?.title ?? textOf(heading);
  const card = doc.getElementsByClassName('acl-abstract')[0];
  const abstract = card ? textOf(card.getElementsByTagName('span')[0] ?? card).replace(/^abstract\s*/i, '') : m?.abstract;
  const paper = buildPaper({
    ids: [...(m?.ids ?? []), ...linkIds(url.href)],
    landing: absoluteUrl(url.href),
    also: m?.also,
    title,
    authors: m?.authors.length ? m.authors : [],
    abstract,
    published: m?.published,
    venue: m?.venue ?? metaFirst(meta, 'citation_conference_title'),
    pdf: m?.pdf,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [heading] } : { kind: 'none', papers: [] };
}

/** The entry's `span.d-block` that holds the title (`strong > a`), authors and volume link. */
function titleBlock(entry: Element): Element | undefined {
  for (let c = entry.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === 'span' && hasClass(c, 'd-block') && c.getElementsByTagName('strong').length) return c;
  }
  return undefined;
}

/** The abstract card following an entry: `div.abstract-collapse` (its id is `abstract-<anthology id>`). */
function abstractAfter(entry: Element): string | undefined {
  const next = entry.nextElementSibling;
  if (next && hasClass(next, 'abstract-collapse')) return textOf(next) || undefined;
  return undefined;
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const entries = doc.getElementsByClassName('d-sm-flex');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const block = titleBlock(entry);
    if (!block) continue;
    const strong = block.getElementsByTagName('strong')[0]!;
    const a = strong.getElementsByTagName('a')[0];
    const href = absoluteUrl(a?.getAttribute('href'), ORIGIN);
    if (!a || !href) continue;
    const authors: string[] = [];
    let venue: string | undefined;
    for (const link of childrenByTag(block, 'a')) {
      const target = link.getAttribute('href') ?? '';
      if (target.includes('/people/')) {
        const name = textOf(link);
        if (name) authors.push(name);
      } else if (target.includes('/volumes/')) venue = textOf(link) || undefined;
    }
    let pdf: string | undefined;
    const buttons = entry.getElementsByTagName('a');
    for (let j = 0; j < buttons.length && !pdf; j++) {
      const b = absoluteUrl(buttons[j]!.getAttribute('href'), ORIGIN);
      if (b && /\.pdf$/i.test(b)) pdf = b;
    }
    list.add(
      buildPaper({
        ids: linkIds(href),
        landing: href,
        title: collapse(a.textContent),
        authors,
        abstract: abstractAfter(entry),
        venue,
        pdf,
      }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: 'acl',
  matches: ['https://aclanthology.org/*'],
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
