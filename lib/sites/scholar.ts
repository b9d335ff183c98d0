/**
 * Google Scholar: result pages (`/scholar?q=…`, `?cluster=…`, `?cites=…`: `div.gs_r` > `div.gs_ri` with
 * `h3.gs_rt`, `div.gs_a`), author profiles (`/citations?user=…`: `tr.gsc_a_tr`). A captcha page has no entries
 * (kind `none`).
 *
 * Scholar has no ids of its own: a result's id comes from its title link when that names one (arXiv, DOI
 * landing page…), else the `url:` form of the link, else of the result's cluster. Snippets are search-hit
 * excerpts, not abstracts, and are not read.
 */
import type { DetectedPaper } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { firstByClass, hasClass } from './shared/dom';
import { absoluteUrl, buildPaper, isPdfUrl, linkIds, PaperList } from './shared/paper';
import { collapse, textOf } from './shared/text';

const HOST_RE = /^scholar\.google\.(?:com|[a-z]{2}|com?\.[a-z]{2})$/i;
const ORIGIN = 'https://scholar.google.com';

function route(url: URL): 'results' | 'profile' | undefined {
  if (!HOST_RE.test(url.hostname)) return undefined;
  if (url.pathname === '/scholar') return 'results';
  if (url.pathname === '/citations') return 'profile';
  return undefined;
}

function isCaptcha(doc: Document): boolean {
  return !!(doc.getElementById('gs_captcha_ccl') || doc.getElementById('gs_captcha_f') || doc.getElementById('recaptcha'));
}

/** "A Name, B Name, C Name…" → names, without the truncation mark. */
function splitNames(text: string): string[] {
  return text
    .split(/\s*,\s*/)
    .map((s) => s.replace(/(?:…|\.\.\.)\s*$/, '').replace(/^(?:…|\.\.\.)\s*/, '').trim())
    .filter((s) => s.length > 0);
}

/** The text of `el` without the `[PDF]`/`[CITATION]`/`[HTML]` type labels Scholar puts before titles. */
function titleText(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) text += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      const child = n as Element;
      if (hasClass(child, 'gs_ctu') || hasClass(child, 'gs_ctc') || hasClass(child, 'gs_ct1') || hasClass(child, 'gs_ct2')) continue;
      text += child.textContent ?? '';
    }
  }
  return collapse(text).replace(/^\[(?:PDF|HTML|CITATION|BOOK|B|C|DOC|PS)\]\s*/i, '');
}

/** The cluster of a result: `scholar?cluster=N` from its "All versions"/"Cited by" links, else its data-cid. */
function clusterUrl(result: Element): string | undefined {
  const anchors = result.getElementsByTagName('a');
  for (let i = 0; i < anchors.length; i++) {
    const href = anchors[i]!.getAttribute('href') ?? '';
    const m = /[?&](?:cluster|cites)=(\d{5,25})\b/.exec(href);
    if (m) return `${ORIGIN}/scholar?cluster=${m[1]}`;
  }
  const cid = result.getAttribute('data-cid');
  return cid && /^[\w-]{6,20}$/.test(cid) ? `${ORIGIN}/scholar?q=info:${cid}:scholar.google.com/` : undefined;
}

/** "Authors - Venue, Year - host" → its parts. */
function byline(text: string): { authors: string[]; venue?: string; published?: string } {
  const parts = text.split(' - ');
  const authors = splitNames(parts[0] ?? '');
  let middle = parts.length >= 3 ? parts[1] : parts.length === 2 && !/^[\w.-]+\.[a-z]{2,}$/i.test(parts[1]!.trim()) ? parts[1] : undefined;
  let published: string | undefined;
  if (middle) {
    const year = /(?:^|,\s*)((?:1[5-9]|20)\d\d)\s*$/.exec(middle);
    if (year) {
      published = year[1];
      middle = middle.slice(0, year.index);
    }
  }
  const venue = middle ? middle.replace(/[,\s]+$/, '').trim() : '';
  return { authors, venue: venue || undefined, published };
}

function resultEntry(result: Element, base: string): { paper: DetectedPaper | null; anchor: Element | null } {
  const ri = firstByClass(result, 'gs_ri', 'div') ?? result;
  const h3 = ri.getElementsByClassName('gs_rt')[0];
  if (!h3) return { paper: null, anchor: null };
  let link: Element | undefined;
  const h3Links = h3.getElementsByTagName('a');
  for (let i = 0; i < h3Links.length && !link; i++) {
    const href = h3Links[i]!.getAttribute('href');
    if (href && !href.startsWith('#') && !/^javascript:/i.test(href)) link = h3Links[i];
  }
  const title = link ? textOf(link) : titleText(h3);
  const href = absoluteUrl(link?.getAttribute('href'), base);

  // The full-text link beside the result ([PDF] example.org).
  let side: string | undefined;
  const ggs = result.getElementsByClassName('gs_ggs')[0];
  if (ggs) side = absoluteUrl(ggs.getElementsByTagName('a')[0]?.getAttribute('href'), base);

  const line = byline(textOf(ri.getElementsByClassName('gs_a')[0]));
  const cluster = clusterUrl(result);
  const paper = buildPaper({
    ids: [...linkIds(href), ...linkIds(side)],
    landing: href && !isPdfUrl(href) ? href : undefined,
    also: [cluster],
    fallback: href,
    title,
    authors: line.authors,
    venue: line.venue,
    published: line.published,
    pdf: href && isPdfUrl(href) ? href : side && isPdfUrl(side) ? side : undefined,
  });
  return { paper, anchor: link ?? h3 };
}

function resultEntries(doc: Document, url: URL): PageEntries {
  if (isCaptcha(doc)) return { kind: 'none', papers: [] };
  const list = new PaperList();
  const results = doc.getElementsByClassName('gs_r');
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (!r.getElementsByClassName('gs_rt').length) continue;
    const { paper, anchor } = resultEntry(r, url.href);
    list.add(paper, anchor);
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

// ---------------------------------------------------------------------------------------------------------
// Author profile: table#gsc_a_t > tbody > tr.gsc_a_tr

function profileEntries(doc: Document, url: URL): PageEntries {
  if (isCaptcha(doc)) return { kind: 'none', papers: [] };
  const view = url.searchParams.get('view_op');
  if (!url.searchParams.get('user') || (view && view !== 'list_works')) return { kind: 'none', papers: [] };
  const list = new PaperList();
  const rows = doc.getElementsByClassName('gsc_a_tr');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const a = row.getElementsByClassName('gsc_a_at')[0];
    if (!a) continue;
    const raw = a.getAttribute('data-href') ?? a.getAttribute('href');
    const href = absoluteUrl(raw, url.href);
    let landing = href;
    if (href) {
      const key = new URL(href).searchParams.get('citation_for_view');
      if (key) landing = `${ORIGIN}/citations?view_op=view_citation&citation_for_view=${encodeURIComponent(key).replace(/%3A/gi, ':')}`;
    }
    const grays = row.getElementsByClassName('gs_gray');
    const authors = splitNames(textOf(grays[0]));
    let venue: string | undefined;
    if (grays[1]) {
      // "nature 521 (7553), 436-444<span class="gs_oph">, 2015</span>": the year span is not part of the venue.
      let text = grays[1].textContent ?? '';
      const year = grays[1].getElementsByClassName('gs_oph')[0]?.textContent;
      if (year && text.endsWith(year)) text = text.slice(0, -year.length);
      venue = collapse(text).replace(/[,\s]+$/, '') || undefined;
    }
    const yearCell = textOf(row.getElementsByClassName('gsc_a_y')[0]);
    list.add(
      buildPaper({
        landing,
        title: textOf(a),
        authors,
        venue,
        published: /^\d{4}$/.test(yearCell) ? yearCell : undefined,
      }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: 'scholar',
  matches: [
    'https://scholar.google.com/*',
    'https://scholar.google.co.uk/*',
    'https://scholar.google.de/*',
    'https://scholar.google.fr/*',
    'https://scholar.google.ca/*',
    'https://scholar.google.com.au/*',
  ],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'results':
        return resultEntries(doc, url);
      case 'profile':
        return profileEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
