/**
 * arXiv: listing pages (`/list/…`: new, recent, pastweek, month pages), search results (`/search/…`),
 * abstract pages (`/abs/<id>`) and full-text HTML (`/html/<id>` on arxiv.org, ar5iv.labs.arxiv.org, ar5iv.org).
 *
 * Listings can hold thousands of entries, so they are read by walking element children and with simple
 * getElementsBy* lookups only (no scoped combinator selectors per entry), reading each node's text once.
 */
import type { DetectedPaper } from '../model';
import { type ArxivRef, arxivId, arxivLinks, doiId, normalizeDoi, parseArxivId, urlId } from '../ids';
import type { PageEntries, SiteAdapter } from './types';
import { toIsoDate } from './shared/dates';
import { metaAll, metaFirst, readMeta } from './shared/meta';
import { displayName } from './shared/names';
import { descendantsByTag, firstByClass, hasClass } from './shared/dom';
import { collapse, stripLabel, textOf, textWithoutDescriptor, uniq } from './shared/text';

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const AR5IV_HOSTS = new Set(['ar5iv.labs.arxiv.org', 'ar5iv.org']);

type Route = 'list' | 'search' | 'abs' | 'html';

function route(url: URL): Route | undefined {
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  if (ARXIV_HOSTS.has(host)) {
    if (path.startsWith('/list/')) return 'list';
    if (path === '/search' || path.startsWith('/search/')) return 'search';
    if (path.startsWith('/abs/')) return 'abs';
    if (path.startsWith('/html/')) return 'html';
    return undefined;
  }
  if (AR5IV_HOSTS.has(host) && (path.startsWith('/html/') || path.startsWith('/abs/'))) return 'html';
  return undefined;
}

/** Everything an entry shows, before ids and links are derived. */
interface Fields {
  title: string;
  authors: string[];
  abstract?: string;
  published?: string;
  venue?: string;
  version?: number;
  dois?: string[];
  /** The page the paper was seen on when it is not the abstract page (full-text HTML). */
  page?: string;
  /** The element that shows the title (where on-page UI attaches). */
  titleEl?: Element;
}

/** Characters of a parsed arXiv id whose abstract page URL is already in normal form. */
const PLAIN_ID = /^[A-Za-z0-9./-]+$/;

function toPaper(ref: ArxivRef, f: Fields): DetectedPaper | null {
  const id = arxivId(ref.id);
  if (!id || !f.title) return null;
  const links = arxivLinks(ref.id);
  // Listings call this once per entry: skip URL parsing and sets where the answer is known.
  const absId = PLAIN_ID.test(ref.id) ? `url:${links.abs}` : urlId(links.abs);
  const aliases = f.dois?.length ? uniq([id, absId, ...f.dois.map((d) => doiId(d))]) : absId ? [id, absId] : [id];
  const paper: DetectedPaper = {
    id,
    aliases,
    title: f.title,
    authors: f.authors,
    links: { abs: links.abs, pdf: links.pdf, html: links.html },
  };
  if (f.abstract) paper.abstract = f.abstract;
  if (f.published) paper.published = f.published;
  if (f.venue) paper.venue = f.venue;
  const version = f.version ?? ref.version;
  if (version !== undefined && version > 0) paper.version = version;
  if (f.page) paper.links.page = f.page;
  return paper;
}

/** An arXiv reference from a path remainder such as `2101.10016v3`, `hep-th/9901001v2/`, `2101.10016/x1.png`. */
function refFromPath(rest: string): ArxivRef | null {
  let s = rest;
  try {
    s = decodeURIComponent(rest);
  } catch {
    /* keep the raw path */
  }
  s = s.replace(/^\/+|\/+$/g, '');
  const segments = s.split('/');
  return (
    parseArxivId(s) ??
    parseArxivId(segments[0] ?? '') ??
    (segments.length >= 2 ? parseArxivId(`${segments[0]}/${segments[1]}`) : null)
  );
}

/** The reference named by an `…/abs/<id>` link (relative or absolute). */
function refFromAbsHref(href: string | null): ArxivRef | null {
  if (!href) return null;
  const at = href.indexOf('/abs/');
  if (at < 0) return null;
  return refFromPath(href.slice(at + 5).split(/[?#]/)[0] ?? '');
}

function authorLinks(el: Element): string[] {
  const links = descendantsByTag(el, 'a');
  // Listings hold thousands of names: read the block's text once and split it at the commas between the
  // links, when that gives exactly one name per link (a name with a comma falls back to per-link reads).
  if (links.length > 1 && !el.getElementsByTagName('span').length) {
    const names = collapse(el.textContent).split(', ');
    if (
      names.length === links.length &&
      names.every(Boolean) &&
      names[0] === collapse(links[0]!.textContent) &&
      names[names.length - 1] === collapse(links[links.length - 1]!.textContent)
    ) {
      return names;
    }
  }
  const out: string[] = [];
  for (const a of links) {
    const name = collapse(a.textContent);
    if (name) out.push(name);
  }
  if (out.length) return out;
  // No links: a plain comma-separated list, possibly ending with "et al. (N additional authors not shown)".
  const text = stripLabel(textOf(el), 'authors').replace(/,?\s*et al\.?.*$/i, '');
  return text
    .split(/\s*,\s*|\s+and\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------
// Listing pages: dl#articles > (dt, dd)*

function listingBlocks(doc: Document): Element[] {
  const out: Element[] = [];
  const dls = doc.getElementsByTagName('dl');
  for (let i = 0; i < dls.length; i++) {
    const dl = dls[i]!;
    if (dl.id === 'articles' || dl.parentElement?.id === 'dlpage') out.push(dl);
  }
  return out;
}

function refFromDt(dt: Element): ArxivRef | null {
  const anchors = descendantsByTag(dt, 'a');
  for (const a of anchors) {
    const ref = refFromAbsHref(a.getAttribute('href'));
    if (ref) return ref;
  }
  for (const a of anchors) {
    if (a.getAttribute('title') === 'Abstract') {
      const ref = parseArxivId(collapse(a.textContent));
      if (ref) return ref;
    }
  }
  return null;
}

function fieldsFromDd(dd: Element): Fields {
  const first = dd.firstElementChild;
  const meta = first && hasClass(first, 'meta') ? first : (dd.getElementsByClassName('meta')[0] ?? dd);
  const f: Fields = { title: '', authors: [] };
  let sawTitle = false;
  for (let el = meta.firstElementChild; el; el = el.nextElementSibling) {
    if (hasClass(el, 'list-title')) {
      f.title = textWithoutDescriptor(el, 'title');
      f.titleEl = el;
      sawTitle = true;
    } else if (hasClass(el, 'list-authors')) {
      f.authors = authorLinks(el);
    } else if (hasClass(el, 'list-journal-ref')) {
      f.venue = textWithoutDescriptor(el, 'title').replace(/^journal[- ]ref\s*:\s*/i, '') || undefined;
    } else if (el.localName === 'p') {
      f.abstract = collapse(el.textContent) || undefined;
    }
  }
  if (!sawTitle) {
    // Unexpected nesting: look the parts up instead.
    const title = dd.getElementsByClassName('list-title')[0];
    if (title) {
      f.title = textWithoutDescriptor(title, 'title');
      f.titleEl = title;
    }
    const authors = dd.getElementsByClassName('list-authors')[0];
    if (authors) f.authors = authorLinks(authors);
  }
  return f;
}

function listEntries(doc: Document): PageEntries {
  const papers: DetectedPaper[] = [];
  const anchors: (Element | null)[] = [];
  const seen = new Set<string>();
  for (const dl of listingBlocks(doc)) {
    let ref: ArxivRef | null = null;
    for (let el = dl.firstElementChild; el; el = el.nextElementSibling) {
      const tag = el.localName;
      if (tag === 'dt') {
        ref = refFromDt(el);
      } else if (tag === 'dd') {
        if (ref) {
          const fields = fieldsFromDd(el);
          const paper = toPaper(ref, fields);
          if (paper && !seen.has(paper.id)) {
            seen.add(paper.id);
            papers.push(paper);
            anchors.push(fields.titleEl ?? null);
          }
        }
        ref = null;
      }
    }
  }
  return { kind: 'list', papers, anchors };
}

// ---------------------------------------------------------------------------------------------------------
// Search results: ol.breathe-horizontal > li.arxiv-result

/** Text of an abstract span without its "▽ More" / "△ Less" toggle links. */
function textWithoutToggles(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      text += n.nodeValue ?? '';
    } else if (n.nodeType === 1) {
      const child = n as Element;
      const t = child.textContent ?? '';
      if (child.localName === 'a' && /^\s*[△▽]/.test(t)) continue;
      text += t;
    }
  }
  return collapse(text);
}

function searchAbstract(p: Element): string | undefined {
  const full = p.getElementsByClassName('abstract-full')[0];
  if (full) return textWithoutToggles(full) || undefined;
  const short = p.getElementsByClassName('abstract-short')[0];
  if (short) return textWithoutToggles(short) || undefined;
  return stripLabel(textWithoutToggles(p), 'abstract') || undefined;
}

function searchDate(text: string): string | undefined {
  const first = /\bv1 submitted ([^;]+)/i.exec(text) ?? /\bSubmitted ([^;]+)/i.exec(text);
  return first ? toIsoDate(first[1]) : undefined;
}

function searchEntry(li: Element): { paper: DetectedPaper | null; anchor: Element | null } {
  let ref: ArxivRef | null = null;
  const f: Fields = { title: '', authors: [], dois: [] };
  for (let el = li.firstElementChild; el; el = el.nextElementSibling) {
    const cl = el.classList;
    if (cl.contains('is-marginless') || cl.contains('list-title')) {
      const anchors = el.getElementsByTagName('a');
      for (let i = 0; i < anchors.length; i++) {
        const href = anchors[i]!.getAttribute('href') ?? '';
        if (!ref) ref = refFromAbsHref(href);
        if (/^https?:\/\/(dx\.)?doi\.org\//i.test(href)) {
          const doi = normalizeDoi(href);
          if (doi) f.dois!.push(doi);
        }
      }
    } else if (cl.contains('title')) {
      f.title = stripLabel(textOf(el), 'title');
      f.titleEl = el;
    } else if (cl.contains('authors')) {
      f.authors = authorLinks(el);
    } else if (cl.contains('abstract')) {
      f.abstract = searchAbstract(el);
    } else if (cl.contains('comments')) {
      const t = textOf(el);
      const jref = /^journal ref:\s*(.+)$/i.exec(t);
      if (jref) f.venue = jref[1];
    } else if (el.localName === 'p' && !f.published) {
      const t = el.textContent ?? '';
      if (/submitted/i.test(t)) f.published = searchDate(collapse(t));
    }
  }
  return { paper: ref ? toPaper(ref, f) : null, anchor: f.titleEl ?? null };
}

function searchEntries(doc: Document): PageEntries {
  const papers: DetectedPaper[] = [];
  const anchors: (Element | null)[] = [];
  const seen = new Set<string>();
  const items = doc.getElementsByClassName('arxiv-result');
  for (let i = 0; i < items.length; i++) {
    const li = items[i]!;
    if (li.localName !== 'li') continue;
    const { paper, anchor } = searchEntry(li);
    if (paper && !seen.has(paper.id)) {
      seen.add(paper.id);
      papers.push(paper);
      anchors.push(anchor);
    }
  }
  return { kind: 'list', papers, anchors };
}

// ---------------------------------------------------------------------------------------------------------
// Abstract page: h1.title, div.authors, blockquote.abstract, citation_* meta (the only source when the
// body is missing).

function versionIn(text: string | null | undefined, id: string): number | undefined {
  if (!text) return undefined;
  const at = text.indexOf(`${id}v`);
  if (at < 0) return undefined;
  const m = /^v(\d+)/.exec(text.slice(at + id.length));
  return m ? Number(m[1]) : undefined;
}

function absEntries(doc: Document, url: URL): PageEntries {
  const meta = readMeta(doc);
  const fromUrl = refFromPath(url.pathname.slice('/abs/'.length));
  const fromMeta = parseArxivId(metaFirst(meta, 'citation_arxiv_id') ?? '');
  const ref = fromMeta ?? fromUrl;
  if (!ref) return { kind: 'none', papers: [] };

  const h1 = firstByClass(doc, 'title', 'h1');
  const h1Title = h1 ? textWithoutDescriptor(h1, 'title') : '';
  const title =
    h1Title ||
    metaFirst(meta, 'citation_title') ||
    metaFirst(meta, 'og:title') ||
    '';

  const authorsEl = firstByClass(doc, 'authors', 'div');
  let authors = authorsEl ? authorLinks(authorsEl) : [];
  if (!authors.length) authors = metaAll(meta, 'citation_author').map(displayName);

  const blockquote = firstByClass(doc, 'abstract', 'blockquote');
  const abstract = blockquote ? textWithoutDescriptor(blockquote, 'abstract') : '';

  const dateline = firstByClass(doc, 'dateline', 'div');
  const datelineText = textOf(dateline);
  const published =
    toIsoDate(metaFirst(meta, 'citation_date')) ??
    toIsoDate(/Submitted on ([^()\]]+)/i.exec(datelineText)?.[1]);

  // The version on display: "arXiv:2101.10016v8 … for this version", "(this version, v8)", else the URL.
  const datelineVersion = /this version, v(\d+)/i.exec(datelineText)?.[1];
  const thisVersion =
    versionIn(textOf(firstByClass(doc, 'arxividv', 'td')), ref.id) ??
    (datelineVersion ? Number(datelineVersion) : undefined) ??
    (fromUrl && fromUrl.id === ref.id ? fromUrl.version : undefined) ??
    versionIn(metaFirst(meta, 'og:url'), ref.id);

  const dois: string[] = [];
  for (const raw of metaAll(meta, 'citation_doi')) {
    const d = normalizeDoi(raw);
    if (d) dois.push(d);
  }
  const doiCell = firstByClass(doc, 'doi', 'td');
  if (doiCell) {
    const a = doiCell.getElementsByTagName('a')[0];
    const d = normalizeDoi(textOf(a ?? doiCell)) ?? normalizeDoi(a?.getAttribute('href') ?? '');
    if (d) dois.push(d);
  }

  const venue = textOf(firstByClass(doc, 'jref', 'td')) || undefined;

  const paper = toPaper(ref, {
    title,
    authors,
    abstract: abstract || undefined,
    published,
    venue,
    version: thisVersion,
    dois,
  });
  // The heading is the anchor only when it shows the title (a head-only page has none).
  return paper ? { kind: 'single', papers: [paper], anchors: [h1Title ? h1! : null] } : { kind: 'none', papers: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Full-text HTML (LaTeXML): h1.ltx_title_document, .ltx_authors .ltx_personname, .ltx_abstract.
// The bibliography (ltx_bibliography) is a paper's reference list, never a listing: it is not read.

const SKIP_CLASSES = [
  'ltx_note',
  'ltx_ERROR',
  'ltx_contact',
  'ltx_role_email',
  'ltx_role_affiliation',
  'ltx_role_address',
  'ltx_author_notes',
  'ltx_title_abstract',
  'ltx_tag',
];

function skipped(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'sup' || tag === 'script' || tag === 'style' || tag === 'button') return true;
  const cl = el.classList;
  for (const c of SKIP_CLASSES) if (cl.contains(c)) return true;
  return false;
}

/** Text of a LaTeXML fragment: notes and errors left out, line breaks kept as '\n', math as its TeX source. */
function latexmlText(node: Node, out: string[] = []): string[] {
  for (let n = node.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      out.push(n.nodeValue ?? '');
    } else if (n.nodeType === 1) {
      const el = n as Element;
      if (el.localName === 'br') out.push('\n');
      else if (el.localName === 'math') {
        const tex = el.getAttribute('alttext');
        out.push(tex ? `$${tex}$` : (el.textContent ?? ''));
      } else if (!skipped(el)) latexmlText(el, out);
    }
  }
  return out;
}

/** Author names from a LaTeXML author block: one name per creator, or several joined by `&`, `\AND`, commas. */
function latexmlAuthors(doc: Document): string[] {
  const names: string[] = [];
  const block = doc.getElementsByClassName('ltx_authors')[0];
  if (!block) return names;
  const persons = block.getElementsByClassName('ltx_personname');
  for (let i = 0; i < persons.length; i++) {
    const text = latexmlText(persons[i]!).join('');
    for (const chunk of text.split(/&|\\AND\b|\\And\b|\\and\b/)) {
      // A chunk is "Name \n Affiliation \n email": the name is its first line.
      const line = chunk
        .split('\n')
        .map((l) => collapse(l))
        .find((l) => l.length > 0);
      if (!line || line.includes('@')) continue;
      for (const part of line.split(/\s*,\s*|\s+and\s+/)) {
        const name = part.replace(/[*†‡§¶∗]+$/u, '').trim();
        if (name && !/^(jr|sr)\.?$/i.test(name)) names.push(name);
      }
    }
  }
  return names;
}

function htmlEntries(doc: Document, url: URL): PageEntries {
  const path = url.pathname;
  const prefix = path.startsWith('/html/') ? '/html/' : '/abs/';
  const titleTag = /^\s*\[([^\]]+)\]/.exec(doc.title ?? '')?.[1];
  const ref = refFromPath(path.slice(prefix.length)) ?? (titleTag ? parseArxivId(titleTag) : null);
  if (!ref) return { kind: 'none', papers: [] };

  const h1 = doc.getElementsByClassName('ltx_title_document')[0];
  const title = h1 ? collapse(latexmlText(h1).join('')) : '';
  const abstractEl = doc.getElementsByClassName('ltx_abstract')[0];
  const abstract = abstractEl ? stripLabel(collapse(latexmlText(abstractEl).join('')), 'abstract') : '';

  const page = new URL(url.href);
  page.hash = '';
  page.search = '';
  const paper = toPaper(ref, {
    title,
    authors: latexmlAuthors(doc),
    abstract: abstract || undefined,
    page: page.href,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [title && h1 ? h1 : null] } : { kind: 'none', papers: [] };
}

// ---------------------------------------------------------------------------------------------------------

export const adapter: SiteAdapter = {
  name: 'arxiv',
  matches: [
    'https://arxiv.org/*',
    'https://www.arxiv.org/*',
    'https://export.arxiv.org/*',
    'https://ar5iv.labs.arxiv.org/*',
    'https://ar5iv.org/*',
  ],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'list':
        return listEntries(doc);
      case 'search':
        return searchEntries(doc);
      case 'abs':
        return absEntries(doc, url);
      case 'html':
        return htmlEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
