/**
 * Hugging Face papers: the daily/weekly/monthly listings and trending (`/papers`, `/papers/date/…`,
 * `/papers/week/…`, `/papers/month/…`, `/papers/trending`) and the paper page (`/papers/<arXiv id>`).
 *
 * The hydration JSON the page ships for its Svelte components comes first
 * (`div.SVELTE_HYDRATER[data-target=DailyPapers|PaperContent][data-props]`): it has the real author names
 * (cards only show avatars with user names), abstracts, dates and code links. When it is missing or
 * unreadable, the cards (`article` with a `/papers/<id>` link and an h3 title) or the paper page's
 * heading are read instead, without authors.
 *
 * A listing URL whose page has no entries yields kind `list` with no papers.
 */
import type { DetectedPaper } from '../model';
import { type ArxivRef, arxivId, arxivLinks, parseArxivId, urlId } from '../ids';
import type { PageEntries, SiteAdapter } from './types';
import { toIsoDate } from './shared/dates';
import { type JsonRecord, asArray, asRecord, asString, jsonAttribute } from './shared/json';
import { metaFirst, readMeta } from './shared/meta';
import { collapse, decodeEntities, stripLabel, textOf, uniq } from './shared/text';

const HOST = 'huggingface.co';
const ORIGIN = 'https://huggingface.co';

/** Second path segment words that name listings, not papers (`/papers/date/…`, `/papers/trending`). */
const LISTING_WORDS = new Set(['date', 'week', 'month', 'trending', 'submit', 'search']);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The paper a `/papers/<id>` path (no further segments) names. */
function paperRefFromPath(path: string): ArxivRef | null {
  const m = /^\/papers\/([^/]+)\/?$/.exec(path);
  if (!m || LISTING_WORDS.has(m[1]!)) return null;
  return parseArxivId(decodeSegment(m[1]!));
}

/** Strings from the hydration JSON: entities decoded (some values arrive escaped twice), whitespace collapsed. */
function clean(value: unknown): string {
  const s = asString(value);
  return s ? collapse(decodeEntities(s)) : '';
}

interface Fields {
  title: string;
  authors: string[];
  abstract?: string;
  published?: string;
  code?: string;
}

function toPaper(ref: ArxivRef, f: Fields): DetectedPaper | null {
  const id = arxivId(ref.id);
  if (!id || !f.title) return null;
  const links = arxivLinks(ref.id);
  const page = `${ORIGIN}/papers/${ref.id}`;
  const paper: DetectedPaper = {
    id,
    aliases: uniq([id, urlId(page), urlId(`https://arxiv.org/abs/${ref.id}`)]),
    title: f.title,
    authors: f.authors,
    links: { abs: links.abs, pdf: links.pdf, html: links.html, page },
  };
  if (f.code) paper.links.code = f.code;
  if (f.abstract) paper.abstract = f.abstract;
  if (f.published) paper.published = f.published;
  return paper;
}

function httpUrl(value: unknown): string | undefined {
  const s = asString(value)?.trim();
  return s && /^https?:\/\//i.test(s) ? s : undefined;
}

/** One paper from the hydration JSON: `{ paper: {...}, title?, summary? }` or the paper object itself. */
function fromJson(item: unknown): DetectedPaper | null {
  const outer = asRecord(item);
  if (!outer) return null;
  const paper: JsonRecord = asRecord(outer.paper) ?? outer;
  const ref = parseArxivId(clean(paper.id));
  if (!ref) return null;
  const authors: string[] = [];
  for (const a of asArray(paper.authors)) {
    const rec = asRecord(a);
    const name = rec ? clean(rec.name) : clean(a);
    if (name) authors.push(name);
  }
  return toPaper(ref, {
    title: clean(paper.title) || clean(outer.title),
    authors,
    abstract: clean(paper.summary) || clean(outer.summary) || undefined,
    published: toIsoDate(asString(paper.publishedAt)),
    code: httpUrl(paper.githubRepo),
  });
}

function hydrationProps(doc: Document, target: string): JsonRecord | undefined {
  const els = doc.getElementsByClassName('SVELTE_HYDRATER');
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    if (el.getAttribute('data-target') === target) return asRecord(jsonAttribute(el, 'data-props'));
  }
  return undefined;
}

/** Adds the paper unless it is null or already listed; answers whether it was added. */
function pushUnique(papers: DetectedPaper[], seen: Set<string>, paper: DetectedPaper | null): boolean {
  if (!paper || seen.has(paper.id)) return false;
  seen.add(paper.id);
  papers.push(paper);
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Listings

function listingFromJson(doc: Document): DetectedPaper[] {
  const props = hydrationProps(doc, 'DailyPapers');
  if (!props) return [];
  const items = Array.isArray(props.dailyPapers) ? props.dailyPapers : asArray(props.papers);
  const papers: DetectedPaper[] = [];
  const seen = new Set<string>();
  for (const item of items) pushUnique(papers, seen, fromJson(item));
  return papers;
}

/** The `/papers/<id>` a card links to. */
function cardRef(card: Element): ArxivRef | null {
  const anchors = card.getElementsByTagName('a');
  for (let i = 0; i < anchors.length; i++) {
    const href = anchors[i]!.getAttribute('href') ?? '';
    let path = href;
    if (/^https?:\/\//i.test(href)) {
      try {
        const u = new URL(href);
        if (u.hostname !== HOST) continue;
        path = u.pathname;
      } catch {
        continue;
      }
    }
    const ref = paperRefFromPath(path.split(/[?#]/)[0] ?? '');
    if (ref) return ref;
  }
  return null;
}

/** The card's title heading (the `h3` that holds the title link), if it shows a title. */
function cardTitle(card: Element): Element | null {
  const h3 = card.getElementsByTagName('h3')[0];
  return h3 && textOf(h3) ? h3 : null;
}

/** The title heading of each card, by the paper id the card links to (first card wins). */
function cardTitles(doc: Document): Map<string, Element> {
  const out = new Map<string, Element>();
  const cards = doc.getElementsByTagName('article');
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    const ref = cardRef(card);
    const id = ref && arxivId(ref.id);
    const title = id && !out.has(id) ? cardTitle(card) : null;
    if (id && title) out.set(id, title);
  }
  return out;
}

function listingFromCards(doc: Document): PageEntries {
  const papers: DetectedPaper[] = [];
  const anchors: (Element | null)[] = [];
  const seen = new Set<string>();
  const cards = doc.getElementsByTagName('article');
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    const ref = cardRef(card);
    if (!ref) continue;
    const heading = cardTitle(card);
    const title = textOf(heading);
    // Some card layouts show the abstract in a paragraph under the title.
    let abstract: string | undefined;
    const ps = card.getElementsByTagName('p');
    for (let j = 0; j < ps.length && !abstract; j++) abstract = textOf(ps[j]) || undefined;
    if (pushUnique(papers, seen, toPaper(ref, { title, authors: [], abstract }))) anchors.push(heading);
  }
  return { kind: 'list', papers, anchors };
}

function listingEntries(doc: Document): PageEntries {
  const papers = listingFromJson(doc);
  if (!papers.length) return listingFromCards(doc);
  const titles = cardTitles(doc);
  return { kind: 'list', papers, anchors: papers.map((paper) => titles.get(paper.id) ?? null) };
}

// ---------------------------------------------------------------------------------------------------------
// Paper page

function paperFromDom(doc: Document, ref: ArxivRef): DetectedPaper | null {
  const meta = readMeta(doc);
  const h1 = doc.getElementsByTagName('h1')[0];
  const title =
    textOf(h1) || (metaFirst(meta, 'og:title') ?? '').replace(/^Paper page\s*-\s*/i, '').trim();

  // "Authors: <a>Name</a>, <button>Name</button>, …"
  let authors: string[] = [];
  const candidates = doc.getElementsByTagName('div');
  for (let i = 0; i < candidates.length; i++) {
    const div = candidates[i]!;
    const first = div.firstChild;
    if (first?.nodeType === 3 && /^\s*Authors\s*:/i.test(first.nodeValue ?? '')) {
      const names: string[] = [];
      const els = div.querySelectorAll('a, button');
      for (const el of Array.from(els)) {
        const name = textOf(el);
        if (name) names.push(name);
      }
      authors = names.length ? names : stripLabel(textOf(div), 'authors').split(/\s*,\s*/).filter(Boolean);
      break;
    }
  }

  // "<h2>Abstract</h2> <p>…</p>"
  let abstract: string | undefined;
  const h2s = doc.getElementsByTagName('h2');
  for (let i = 0; i < h2s.length; i++) {
    if (textOf(h2s[i]) === 'Abstract') {
      const next = h2s[i]!.nextElementSibling;
      abstract = textOf(next) || undefined;
      break;
    }
  }

  const published = toIsoDate(doc.getElementsByTagName('time')[0]?.getAttribute('datetime'));
  return toPaper(ref, { title, authors, abstract, published });
}

function paperEntries(doc: Document, ref: ArxivRef): PageEntries {
  const props = hydrationProps(doc, 'PaperContent');
  let paper = props ? fromJson(props.paper) : null;
  if (paper && paper.id !== arxivId(ref.id)) paper = null;
  paper ??= paperFromDom(doc, ref);
  const h1 = doc.getElementsByTagName('h1')[0];
  return paper ? { kind: 'single', papers: [paper], anchors: [h1 && textOf(h1) ? h1 : null] } : { kind: 'none', papers: [] };
}

// ---------------------------------------------------------------------------------------------------------

export const adapter: SiteAdapter = {
  name: 'huggingface',
  matches: ['https://huggingface.co/papers*', 'https://huggingface.co/papers/*'],
  appliesTo(url: URL): boolean {
    return url.hostname.toLowerCase() === HOST && (url.pathname === '/papers' || url.pathname.startsWith('/papers/'));
  },
  entries(doc: Document, url: URL): PageEntries {
    // `/papers`, `/papers/date/…`, `/papers/trending`, … are listings; `/papers/<arXiv id>[/…]` is a paper.
    const segment = url.pathname.split('/')[2];
    if (!segment || LISTING_WORDS.has(segment)) return listingEntries(doc);
    const ref = parseArxivId(decodeSegment(segment));
    return ref ? paperEntries(doc, ref) : { kind: 'none', papers: [] };
  },
};
