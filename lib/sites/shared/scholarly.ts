/**
 * The paper a single-paper page describes in its embedded metadata, read in a fixed order of trust:
 * Highwire `citation_*` meta, Dublin Core (`DC.*`, `dc.*`, `dcterms.*`), PRISM, JSON-LD, COinS, and Open
 * Graph only as a last resort for the title.
 *
 * A page is a paper page when it has a `citation_title`, or a title from the other sources together with
 * an identifier (DOI, arXiv id, PMID…) from its metadata or its URL, or its only COinS span names the page's
 * own heading. Reference metadata (`citation_reference`) is never read: those are the paper's references.
 */
import type { PaperId } from '../../model';
import { idsFromText, idsFromUrl, urlId } from '../../ids';
import { coinsSpans, readCoins } from './coins';
import { toIsoDate } from './dates';
import { scholarlyJsonLd } from './jsonld';
import { type MetaTags, metaAll, metaFirst, readMeta } from './meta';
import { displayName } from './names';
import { absoluteUrl } from './paper';
import { collapse, decodeEntities, uniq } from './text';

export type MetaSource = 'citation' | 'dc' | 'jsonld' | 'coins' | 'og';

export interface PaperMeta {
  title: string;
  /** Which metadata named the title (and so made the page a paper page). */
  source: MetaSource;
  /** Display names ("First Last"), in order. */
  authors: string[];
  /** Canonical ids from the metadata and from the page URL, any order. */
  ids: PaperId[];
  abstract?: string;
  published?: string;
  venue?: string;
  pdf?: string;
  /** The page URL without its fragment. */
  landing: string;
  /** Other landing URLs of the paper on the same site (canonical link, og:url, citation_*_url). */
  also: string[];
}

/** Text of a metadata value that may carry markup as text (`&lt;p&gt;…`): tags dropped, entities decoded. */
export function plainText(value: string | null | undefined): string {
  if (!value) return '';
  return collapse(decodeEntities(value.replace(/<[^>]*>/g, ' ')));
}

/** An abstract without its leading "Abstract" / "Summary" heading. */
export function withoutAbstractLabel(text: string): string {
  return text.replace(/^(?:abstract|summary)\b\s*[:.\u2014\u2013-]?\s*/i, '');
}

function ids(values: string[], prefix = ''): PaperId[] {
  const out: PaperId[] = [];
  for (const v of values) {
    const t = v.trim();
    if (/^https?:\/\//i.test(t)) out.push(...idsFromUrl(t).ids);
    else out.push(...idsFromText(prefix && !/^(?:doi|arxiv|pmid)\s*:/i.test(t) && !t.startsWith(prefix) ? `${prefix}${t}` : t));
  }
  return out;
}

/** Authors from meta values: one name per value, or one value holding "A; B; C". */
function names(values: string[]): string[] {
  const parts = values.length === 1 && values[0]!.includes(';') ? values[0]!.split(';') : values;
  return parts.map((v) => displayName(v)).filter((v) => v.length > 0);
}

function bareHost(u: URL): string {
  return u.hostname.toLowerCase().replace(/^www\./, '');
}

/** Landing URLs the metadata gives, on the page's own site and not PDFs. */
function sameSiteUrls(doc: Document, url: URL, meta: MetaTags): string[] {
  const candidates: (string | undefined)[] = [];
  const links = doc.getElementsByTagName('link');
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if ((l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) candidates.push(l.getAttribute('href') ?? undefined);
  }
  for (const key of ['og:url', 'citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url', 'prism.url']) {
    candidates.push(metaFirst(meta, key));
  }
  const host = bareHost(url);
  const out: string[] = [];
  for (const c of candidates) {
    const abs = absoluteUrl(c, url.href);
    if (!abs || /\.pdf(?:$|[?#])/i.test(abs)) continue;
    try {
      const u = new URL(abs);
      if (bareHost(u) !== host || u.pathname.length <= 1) continue;
    } catch {
      continue;
    }
    out.push(abs);
  }
  return uniq(out);
}

function firstMeta(meta: MetaTags, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = metaFirst(meta, k);
    if (v) return v;
  }
  return undefined;
}

function allMeta(meta: MetaTags, keys: string[]): string[] {
  for (const k of keys) {
    const v = metaAll(meta, k);
    if (v.length) return v;
  }
  return [];
}

/** "Title | Site" / "Title - Site" → "Title" when the suffix is the site's name. */
function withoutSiteName(title: string, site: string | undefined): string {
  if (!site) return title;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' : ']) {
    const at = title.lastIndexOf(sep);
    if (at > 0 && title.slice(at + sep.length).trim().toLowerCase() === site.trim().toLowerCase()) return title.slice(0, at).trim();
  }
  return title;
}

function normal(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The element showing the paper's title: the first h1 (else h2) whose text matches it; null when none does. */
export function titleElement(root: Document | Element, title: string): Element | null {
  const want = normal(title);
  if (!want) return null;
  for (const tag of ['h1', 'h2']) {
    const hs = root.getElementsByTagName(tag);
    for (let i = 0; i < hs.length && i < 20; i++) {
      const got = normal(hs[i]!.textContent ?? '');
      if (got && (got === want || (want.length > 12 && (got.includes(want) || want.includes(got)) && got.length > 12))) return hs[i]!;
    }
  }
  return null;
}

/** An abstract shown in the page body: `#abstract`, `.abstract`, `section.abstract`… (first with real text). */
export function domAbstract(doc: Document): string | undefined {
  const candidates: Element[] = [];
  for (const id of ['abstract', 'Abs1-content', 'abstract1', 'eng-abstract']) {
    const el = doc.getElementById(id);
    if (el) candidates.push(el);
  }
  for (const cls of ['abstract', 'abstractSection', 'abstract-content', 'c-article-section__content']) {
    const els = doc.getElementsByClassName(cls);
    for (let i = 0; i < els.length && i < 5; i++) candidates.push(els[i]!);
  }
  for (const el of candidates) {
    const t = withoutAbstractLabel(collapse(el.textContent));
    if (t.length >= 80) return t;
  }
  return undefined;
}

/**
 * The paper described by the page's metadata, or undefined when the page is not a paper page by the rules
 * above. `url` is the page's address.
 */
export function readPaperMeta(doc: Document, url: URL, meta: MetaTags = readMeta(doc)): PaperMeta | undefined {
  const citationTitle = metaFirst(meta, 'citation_title');
  const dcTitle = firstMeta(meta, ['dc.title', 'dcterms.title']);
  const metaIds = uniq([
    ...ids(metaAll(meta, 'citation_arxiv_id'), 'arXiv:'),
    ...ids(metaAll(meta, 'citation_doi'), 'doi:'),
    ...ids(metaAll(meta, 'citation_pmid'), 'PMID: '),
    ...ids(metaAll(meta, 'citation_pmcid')),
    ...ids(allMeta(meta, ['dc.identifier', 'dcterms.identifier'])),
    ...ids(metaAll(meta, 'dc.identifier.doi'), 'doi:'),
    ...ids(metaAll(meta, 'prism.doi'), 'doi:'),
    ...ids(metaAll(meta, 'doi'), 'doi:'),
  ]);
  const urlIds = idsFromUrl(url.href).ids;
  const identified = metaIds.length > 0 || urlIds.length > 0;

  // JSON-LD and COinS are only read when the meta tags do not settle the question.
  const jsonLd = citationTitle && metaIds.length ? undefined : scholarlyJsonLd(doc);
  let coins: ReturnType<typeof readCoins>;
  if (!citationTitle && !dcTitle && !jsonLd) {
    const spans = coinsSpans(doc);
    if (spans.length === 1) {
      const c = readCoins(spans[0]!);
      const heading = titleElement(doc, c?.title ?? '');
      if (c?.title && heading) coins = c;
    }
  }

  let title: string | undefined;
  let source: MetaSource | undefined;
  if (citationTitle) {
    title = citationTitle;
    source = 'citation';
  } else if (dcTitle && identified) {
    title = dcTitle;
    source = 'dc';
  } else if (jsonLd?.title && (jsonLd.scholarly || jsonLd.ids.length > 0)) {
    title = jsonLd.title;
    source = 'jsonld';
  } else if (coins?.title) {
    title = coins.title;
    source = 'coins';
  } else if (metaIds.length > 0) {
    const og = firstMeta(meta, ['og:title', 'twitter:title']);
    if (og) {
      title = withoutSiteName(og, metaFirst(meta, 'og:site_name'));
      source = 'og';
    }
  }
  title = plainText(title);
  if (!title || !source) return undefined;

  let authors = names(metaAll(meta, 'citation_author'));
  if (!authors.length) authors = names(metaAll(meta, 'citation_authors'));
  if (!authors.length) authors = names(allMeta(meta, ['dc.creator', 'dcterms.creator', 'dc.contributor']));
  if (!authors.length && jsonLd) authors = jsonLd.authors;
  if (!authors.length && coins) authors = coins.authors;

  const abstract =
    plainText(firstMeta(meta, ['citation_abstract', 'dcterms.abstract', 'dc.description', 'dcterms.description'])) ||
    jsonLd?.abstract ||
    domAbstract(doc) ||
    jsonLd?.description ||
    undefined;

  const published =
    toIsoDate(
      firstMeta(meta, [
        'citation_publication_date',
        'citation_date',
        'citation_online_date',
        'citation_cover_date',
        'prism.publicationdate',
        'dc.date',
        'dcterms.issued',
        'dcterms.date',
      ]),
    ) ??
    toIsoDate(jsonLd?.published) ??
    toIsoDate(coins?.date) ??
    toIsoDate(metaFirst(meta, 'citation_year'));

  const venue =
    firstMeta(meta, [
      'citation_journal_title',
      'citation_conference_title',
      'citation_inbook_title',
      'citation_book_title',
      'prism.publicationname',
    ]) ??
    jsonLd?.venue ??
    coins?.venue;

  const landing = absoluteUrl(url.href) ?? url.href;
  return {
    title,
    source,
    authors,
    ids: uniq([...metaIds, ...(jsonLd?.ids ?? []), ...(coins?.ids ?? []), ...urlIds]),
    abstract: abstract ? withoutAbstractLabel(plainText(abstract)) || undefined : undefined,
    published,
    venue: venue ? plainText(venue) : undefined,
    pdf: absoluteUrl(metaFirst(meta, 'citation_pdf_url'), url.href),
    landing,
    also: sameSiteUrls(doc, url, meta).filter((u) => urlId(u) !== urlId(landing)),
  };
}
