/**
 * Building a `DetectedPaper` from what a page shows, the same way for every site: the best-ranked canonical
 * id first, every other id and the `url:` form of the paper's landing pages as aliases, and arXiv's own
 * links whenever the paper is an arXiv paper.
 */
import type { DetectedPaper, PaperId, PaperLinks } from '../../model';
import { arxivLinks, idsFromUrl, namespaceOf, rankIds, urlId } from '../../ids';
import { collapse, uniq } from './text';

/** An absolute http(s) URL for `href` resolved against `base`, without its fragment; undefined otherwise. */
export function absoluteUrl(href: string | null | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  const raw = href.trim();
  if (!raw || raw.startsWith('#')) return undefined;
  try {
    const u = base === undefined ? new URL(raw) : new URL(raw, base);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** Canonical ids (not `url:`) a link names; [] for anything else. Never throws. */
export function linkIds(href: string | null | undefined, base?: string): PaperId[] {
  if (!href) return [];
  return idsFromUrl(href, base).ids;
}

/** Whether a URL points at a PDF file rather than a landing page. */
export function isPdfUrl(href: string): boolean {
  return /\.pdf(?:$|[?#])/i.test(href) || /\/pdf\//i.test(href);
}

export interface PaperParts {
  /** Canonical ids the page gives for the paper, any order; duplicates and empty values are skipped. */
  ids?: Iterable<PaperId | null | undefined>;
  /** The paper's landing page on this site (abstract or paper page): `links.abs`, an alias, the fallback id. */
  landing?: string;
  /** Other pages of the same paper whose `url:` forms are aliases too. */
  also?: Iterable<string | null | undefined>;
  /** Used for the `url:` id when there is no canonical id and no landing page (e.g. a PDF link). */
  fallback?: string;
  title: string;
  authors?: string[];
  abstract?: string;
  published?: string;
  venue?: string;
  version?: number;
  pdf?: string;
  html?: string;
  code?: string;
  /** The page the paper was seen on when it is not its landing page. */
  page?: string;
}

function httpOnly(href: string | undefined): string | undefined {
  return href && /^https?:\/\//i.test(href) ? href : undefined;
}

/**
 * The paper, or null when it has no title or no id at all. Its id is the best canonical id, else the `url:`
 * form of its landing page, else of `fallback`.
 */
export function buildPaper(parts: PaperParts): DetectedPaper | null {
  const title = collapse(parts.title);
  if (!title) return null;
  const canonical = rankIds(uniq(parts.ids ?? []).filter((id) => namespaceOf(id) !== 'url' && namespaceOf(id) !== ''));
  const landing = httpOnly(parts.landing);
  const best = canonical[0];
  const links: PaperLinks = {};
  const urls: (string | undefined)[] = [];

  if (best !== undefined && namespaceOf(best) === 'arxiv') {
    const bare = best.slice('arxiv:'.length);
    const arxiv = arxivLinks(bare);
    links.abs = arxiv.abs;
    links.pdf = arxiv.pdf;
    links.html = arxiv.html;
    urls.push(arxiv.abs);
    const page = httpOnly(parts.page) ?? landing;
    if (page && urlId(page) !== urlId(arxiv.abs)) links.page = page;
    urls.push(landing, links.page);
  } else {
    if (landing) links.abs = landing;
    const pdf = httpOnly(parts.pdf);
    if (pdf) links.pdf = pdf;
    const html = httpOnly(parts.html);
    if (html) links.html = html;
    const page = httpOnly(parts.page);
    if (page && page !== landing) links.page = page;
    urls.push(landing);
  }
  const code = httpOnly(parts.code);
  if (code) links.code = code;
  for (const u of parts.also ?? []) urls.push(httpOnly(u ?? undefined));

  const urlIds = uniq(urls.map((u) => (u ? urlId(u) : null)));
  const fallback = httpOnly(parts.fallback);
  const id = best ?? urlIds[0] ?? (fallback ? urlId(fallback) : null);
  if (!id) return null;

  const paper: DetectedPaper = {
    id,
    aliases: uniq([id, ...canonical, ...urlIds]),
    title,
    authors: parts.authors ? parts.authors.map((a) => collapse(a)).filter((a) => a.length > 0) : [],
    links,
  };
  const abstract = collapse(parts.abstract);
  if (abstract) paper.abstract = abstract;
  if (parts.published) paper.published = parts.published;
  const venue = collapse(parts.venue);
  if (venue) paper.venue = venue;
  if (parts.version !== undefined && Number.isSafeInteger(parts.version) && parts.version > 0) paper.version = parts.version;
  return paper;
}

/** Collects papers in page order, first occurrence of each id, with the title element of each. */
export class PaperList {
  readonly papers: DetectedPaper[] = [];
  readonly anchors: (Element | null)[] = [];
  private readonly seen = new Set<string>();

  add(paper: DetectedPaper | null, anchor: Element | null | undefined): void {
    if (!paper || this.seen.has(paper.id)) return;
    this.seen.add(paper.id);
    this.papers.push(paper);
    this.anchors.push(anchor ?? null);
  }
}
