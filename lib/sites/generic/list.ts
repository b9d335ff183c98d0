/**
 * Generic lists of papers on arbitrary pages: a lab's publication page, an awesome-list, a blog roundup.
 *
 * A list is at least three sibling items (children of one container), each with its own link carrying a
 * canonical id (arXiv, DOI, PubMed, OpenReview, ACL…) and its own title, all titles and ids distinct. Never a
 * bibliography: containers inside `ltx_bibliography`, `role=doc-bibliography`, `.references`, `#references`
 * (and the like), navigation, sidebars, footers, related/cited-by widgets, or under a "References",
 * "Bibliography", "See also"… heading are not read.
 *
 * Cost: one pass over the page's links with a cheap string test on each href; only links that name an id are
 * looked at further (their ancestors counted once), and only containers that qualify are read.
 */
import type { PaperId } from '../../model';
import type { PageEntries } from '../types';
import { absoluteUrl, buildPaper, isPdfUrl, linkIds, PaperList } from '../shared/paper';
import { rankIds } from '../../ids';
import { collapse } from '../shared/text';

/** Hosts and paths whose links may name an id; everything else is skipped without parsing the URL. */
const CANDIDATE_HREF =
  /arxiv\.org\/(?:abs|pdf|html|format)\/|doi\.org\/|doi\.acm\.org\/|\/doi\/|^(?:doi|arxiv|info):|openreview\.net\/(?:forum|pdf)|aclanthology\.org\/|aclweb\.org\/anthology|pubmed\.ncbi|ncbi\.nlm\.nih\.gov\/(?:pmc|pubmed)|pmc\.ncbi|biorxiv\.org\/content|medrxiv\.org\/content|link\.springer\.com\/|huggingface\.co\/papers\/|hf\.co\/papers\/|alphaxiv\.org\/|semanticscholar\.org\/arxiv|europepmc\.org\/|scirate\.com\/arxiv|ar5iv/i;
const ABSOLUTE_HREF = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
/** Relative links that may name an id on any site: publisher `/doi/…` landing pages. */
const RELATIVE_CANDIDATE = /^\/?doi\/(?:[a-z]+\/)?10\.\d/i;
/** Sites whose own relative links may name ids (arXiv's `/abs/…`, PubMed's `/<PMID>/`…). */
const ID_SITE =
  /(?:^|\.)(?:arxiv\.org|openreview\.net|aclanthology\.org|aclweb\.org|ncbi\.nlm\.nih\.gov|biorxiv\.org|medrxiv\.org|springer\.com|huggingface\.co|hf\.co|alphaxiv\.org|semanticscholar\.org|europepmc\.org|scirate\.com|ar5iv\.org)$/i;

/** Minimum number of items for a list. */
const MIN_ITEMS = 3;
/** How far up from a link its containers are looked for. */
const MAX_DEPTH = 25;
/** A container none of whose first items has a title is given up. */
const GIVE_UP_AFTER = 12;
/** Items with more text than this are prose, not list entries. */
const MAX_ITEM_TEXT = 2000;

const EXCLUDED_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'form', 'button', 'select', 'template']);
const EXCLUDED_ROLES = new Set(['doc-bibliography', 'doc-endnotes', 'doc-footnote', 'navigation', 'complementary', 'contentinfo']);
/** Class or id tokens of bibliographies, reference lists, widgets and sidebars. */
const EXCLUDED_NAME =
  /(?:^|[\s_-])(?:references?|reflist|refs|ref-list|bibliography|biblist|bibitems?|citations?|cited|citing|cited-by|footnotes?|endnotes?|notes|related|sidebar|side-bar|recommend(?:ed|ations?)?|similar|comments?|widget|toc|breadcrumbs?|menu|navbar|footer)(?:$|[\s_-])/i;
const EXCLUDED_HEADING =
  /^(?:\d+(?:\.\d+)*\.?\s*)?(?:references?|bibliography|works cited|literature(?: cited)?|cited (?:works|literature|by)|citations?|notes|footnotes|endnotes|sources|further reading|see also|external links|related(?: \w+)?|similar \w+|recommended(?: \w+)?)\b/i;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LIST_ITEMS = new Set(['li', 'dt', 'dd', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Link texts that label a link rather than name a paper. */
const GENERIC_TEXT =
  /^[[(]?\s*(?:paper|pdf|arxiv|doi|link|here|this|abstract|abs|html|code|github|project(?: page)?|website|web|preprint|full ?text|view|download|bibtex|bib|slides?|video|poster|supp(?:lement(?:ary)?)?(?: material)?|data(?:set)?|demo|blog|talk|openreview|pubmed|pmc|publisher|journal|proceedings|read more|more|source|cite|citation|ieee|acm|springer|elsevier|nature|science|hugging ?face|semantic scholar|google scholar|dblp)(?:\s+(?:link|version|page|paper|pdf|here))?\s*[\])]?[.:]?$/i;

interface Hit {
  a: Element;
  href: string;
  ids: PaperId[];
}

function wordCount(t: string): number {
  return t.split(' ').filter((w) => /\p{L}/u.test(w)).length;
}

function titleLike(text: string, minWords: number): boolean {
  const t = text.trim();
  if (t.length < 8 || t.length > 500) return false;
  if (wordCount(t) < minWords) return false;
  if (GENERIC_TEXT.test(t)) return false;
  if (/^(?:https?:|www\.|doi\s*:|arxiv\s*:|10\.\d{4,9}\/)/i.test(t)) return false;
  if (/^\[[^\]]*\]$/.test(t)) return false;
  return /\p{L}{3}/u.test(t);
}

/** Trim list punctuation and wrapping quotes from a title candidate. */
function cleanTitle(text: string): string {
  return collapse(text)
    .replace(/^[\s"“”'‘’«»]+|[\s"“”'‘’«»]+$/g, '')
    .replace(/[,;:]$/, '')
    .trim();
}

function classAndId(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.id ?? ''}`;
}

/** Inside a bibliography, navigation, sidebar or widget (the element itself or an ancestor). */
function excludedByAncestry(container: Element): boolean {
  for (let el: Element | null = container; el; el = el.parentElement) {
    const tag = el.localName;
    if (tag === 'body' || tag === 'html') return false;
    if (EXCLUDED_TAGS.has(tag)) return true;
    const role = el.getAttribute('role');
    if (role && EXCLUDED_ROLES.has(role.trim().toLowerCase())) return true;
    if (EXCLUDED_NAME.test(classAndId(el))) return true;
  }
  return false;
}

function lastHeadingIn(el: Element): Element | undefined {
  if (HEADINGS.has(el.localName)) return el;
  for (const tag of ['h6', 'h5', 'h4', 'h3', 'h2', 'h1']) {
    if (el.getElementsByTagName(tag).length === 0) continue;
    // The last heading of any level inside el, in document order.
    let last: Element | undefined;
    const all = el.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) if (HEADINGS.has(all[i]!.localName)) last = all[i];
    return last;
  }
  return undefined;
}

/** The nearest heading before the container in document order. */
function precedingHeading(container: Element): Element | undefined {
  let steps = 0;
  for (let node: Element | null = container; node && node.localName !== 'body'; node = node.parentElement) {
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (++steps > 400) return undefined;
      const h = lastHeadingIn(sib);
      if (h) return h;
    }
  }
  return undefined;
}

function excluded(container: Element): boolean {
  if (excludedByAncestry(container)) return true;
  const heading = precedingHeading(container);
  return heading !== undefined && EXCLUDED_HEADING.test(collapse(heading.textContent));
}

/** Tag and class of a container, for finding the other lists of a page built the same way. */
function shape(el: Element): string {
  return `${el.localName}.${collapse(el.getAttribute('class'))}|${el.parentElement?.localName ?? ''}`;
}

function depthOf(el: Element): number {
  let d = 0;
  for (let p = el.parentElement; p; p = p.parentElement) d++;
  return d;
}

interface Found {
  title: string;
  el: Element;
}

/** Text of the element without the texts of the given links (labels such as "[arXiv]"). */
function textWithout(el: Element, skip: Element[]): string {
  let text = el.textContent ?? '';
  for (const a of skip) {
    const t = a.textContent ?? '';
    if (t) text = text.replace(t, ' ');
  }
  return collapse(text.replace(/[[(]\s*[\])]/g, ' '));
}

/** The item's title and the element showing it (see the module comment for the order). */
function itemTitle(item: Element, hits: Hit[]): Found | undefined {
  // A two-word link text names a paper only in a list item of its own ("Deep learning"); in running text
  // it is a phrase ("this study").
  const listy = LIST_ITEMS.has(item.localName);
  for (const h of hits) {
    const t = cleanTitle(h.a.textContent ?? '');
    if (titleLike(t, listy ? 2 : 3)) return { title: t, el: h.a };
  }
  if (HEADINGS.has(item.localName) || item.localName === 'dt') {
    const t = cleanTitle(textWithout(item, hits.map((h) => h.a)));
    if (titleLike(t, 2)) return { title: t, el: item };
  }
  const all = item.getElementsByTagName('*');
  const limit = Math.min(all.length, 400);
  // Marked as a title by its class.
  for (let i = 0; i < limit; i++) {
    const el = all[i]!;
    const cls = el.getAttribute('class');
    if (cls && /title/i.test(cls) && !/subtitle/i.test(cls)) {
      const t = cleanTitle(el.textContent ?? '');
      if (titleLike(t, 2)) return { title: t, el };
    }
  }
  // Set off as a heading, in bold, or as a citation title.
  for (let i = 0; i < limit; i++) {
    const el = all[i]!;
    const tag = el.localName;
    if (HEADINGS.has(tag) || tag === 'strong' || tag === 'b' || tag === 'cite') {
      const t = cleanTitle(el.textContent ?? '');
      if (titleLike(t, 3)) return { title: t, el };
    }
  }
  // Another link (a project page) whose text is a title.
  for (let i = 0; i < limit; i++) {
    const el = all[i]!;
    if (el.localName !== 'a' || hits.some((h) => h.a === el)) continue;
    const href = el.getAttribute('href') ?? '';
    if (!href || href.startsWith('#') || /^(?:mailto|javascript):/i.test(href)) continue;
    const t = cleanTitle(el.textContent ?? '');
    if (titleLike(t, 3)) return { title: t, el };
  }
  // In italics.
  for (let i = 0; i < limit; i++) {
    const el = all[i]!;
    if (el.localName === 'em' || el.localName === 'i') {
      const t = cleanTitle(el.textContent ?? '');
      if (titleLike(t, 3)) return { title: t, el };
    }
  }
  // In quotes.
  const quoted = /[“"]([^”"]{8,400})[”"]/.exec(item.textContent ?? '');
  if (quoted) {
    const t = cleanTitle(quoted[1]!);
    if (titleLike(t, 3)) return { title: t, el: item };
  }
  return undefined;
}

/**
 * A paragraph of running text that mentions a paper rather than an entry that shows one: the title comes
 * late in the text, or the text is long and does not start with it, and there is no year as references
 * have ("…, 2016", "(2016)") — an entry that starts with a long author list is still an entry.
 */
function isProse(item: Element, title: string): boolean {
  if (LIST_ITEMS.has(item.localName)) return false;
  const text = collapse(item.textContent);
  const at = text.indexOf(title);
  if (at <= 0) return false;
  if (/(?:[,(]\s*|\b)(?:19|20)\d\d\b[).]?/.test(text.replace(title, ' '))) return false;
  return at > Math.max(100, text.length * 0.4) || wordCount(text) > 80;
}

/** Authors shown in an element whose class names them (`.authors`, `.pub-authors`…); [] otherwise. */
function itemAuthors(item: Element): string[] {
  const all = item.getElementsByTagName('*');
  for (let i = 0; i < all.length && i < 400; i++) {
    const el = all[i]!;
    const cls = el.getAttribute('class');
    if (!cls || !/author/i.test(cls)) continue;
    const text = collapse(el.textContent).replace(/,?\s*(?:et al\.?|and others)\s*$/i, '');
    return text
      .split(/\s*[,;]\s*|\s+and\s+|\s*&\s*/)
      .map((s) => s.replace(/^and\s+/i, '').replace(/[*†‡§¶∗\d]+$/u, '').trim())
      .filter((s) => s.length > 1);
  }
  return [];
}

function itemAbstract(item: Element): string | undefined {
  const all = item.getElementsByTagName('*');
  for (let i = 0; i < all.length && i < 400; i++) {
    const el = all[i]!;
    const cls = el.getAttribute('class');
    if (cls && /abstract/i.test(cls)) {
      const t = collapse(el.textContent).replace(/^abstract\s*[:.]?\s*/i, '');
      if (t.length >= 40) return t;
    }
  }
  return undefined;
}

/** Read one container's items; undefined unless at least `min` distinct papers come out. */
function readContainer(children: Element[], hitsByChild: Map<Element, Hit[]>, min = MIN_ITEMS): PageEntries | undefined {
  const list = new PaperList();
  const titles = new Set<string>();
  let failed = 0;
  for (const item of children) {
    // Items of a real list have titles: a container whose first items have none is not one.
    if (failed >= GIVE_UP_AFTER && list.papers.length === 0) return undefined;
    const hits = hitsByChild.get(item);
    if (!hits?.length) continue;
    if ((item.textContent ?? '').length > MAX_ITEM_TEXT) {
      failed++;
      continue;
    }
    const found = itemTitle(item, hits);
    if (!found || isProse(item, found.title)) {
      failed++;
      continue;
    }
    const key = found.title.toLowerCase();
    if (titles.has(key)) continue;
    titles.add(key);
    const ids = rankIds(hits.flatMap((h) => h.ids));
    // The landing page is the link that names the best id (arXiv papers get arXiv's own links).
    const best = ids[0]!;
    const main = hits.find((h) => h.ids.includes(best) && !isPdfUrl(h.href)) ?? hits.find((h) => h.ids.includes(best))!;
    const pdf = hits.find((h) => isPdfUrl(h.href));
    list.add(
      buildPaper({
        ids,
        landing: best.startsWith('arxiv:') || isPdfUrl(main.href) ? undefined : main.href,
        fallback: main.href,
        title: found.title,
        authors: itemAuthors(item),
        abstract: itemAbstract(item),
        pdf: pdf?.href,
      }),
      found.el,
    );
  }
  return list.papers.length >= min ? { kind: 'list', papers: list.papers, anchors: list.anchors } : undefined;
}

/** The page's lists of papers, or undefined when it has none. */
export function paperLists(doc: Document, url: URL): PageEntries | undefined {
  const base = url.href;
  const onIdSite = ID_SITE.test(url.hostname);
  const anchors = doc.getElementsByTagName('a');
  const hits: Hit[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i]!;
    const raw = a.getAttribute('href');
    if (!raw || raw.length > 2048) continue;
    if (ABSOLUTE_HREF.test(raw) ? !CANDIDATE_HREF.test(raw) : !onIdSite && !RELATIVE_CANDIDATE.test(raw)) continue;
    const ids = linkIds(raw, base);
    if (!ids.length) continue;
    const href = absoluteUrl(raw, base);
    if (href) hits.push({ a, href, ids });
  }
  if (hits.length < MIN_ITEMS) return undefined;

  // For every ancestor of a link: its children that hold links, in document order.
  const carriers = new Map<Element, Element[]>();
  const hitsByChild = new Map<Element, Hit[]>();
  for (const h of hits) {
    let child: Element = h.a;
    let parent = child.parentElement;
    for (let depth = 0; parent && depth < MAX_DEPTH; depth++) {
      let children = carriers.get(parent);
      if (!children) carriers.set(parent, (children = []));
      if (children[children.length - 1] !== child) children.push(child);
      let childHits = hitsByChild.get(child);
      if (!childHits) hitsByChild.set(child, (childHits = []));
      childHits.push(h);
      if (parent.localName === 'body') break;
      child = parent;
      parent = parent.parentElement;
    }
  }

  // Containers with enough items, deepest first: a container that yields a list hides its ancestors.
  const containers: { el: Element; depth: number }[] = [];
  for (const [el, children] of carriers) if (children.length >= MIN_ITEMS) containers.push({ el, depth: depthOf(el) });
  if (!containers.length) return undefined;
  containers.sort((x, y) => y.depth - x.depth);

  const accepted: { el: Element; entries: PageEntries }[] = [];
  const blocked = new Set<Element>();
  const accept = (el: Element, entries: PageEntries) => {
    accepted.push({ el, entries });
    blocked.add(el);
    for (let p = el.parentElement; p; p = p.parentElement) blocked.add(p);
  };
  for (const { el } of containers) {
    if (blocked.has(el) || excluded(el)) continue;
    const entries = readContainer(carriers.get(el)!, hitsByChild);
    if (entries) accept(el, entries);
  }
  if (!accepted.length) return undefined;

  // Shorter lists built like an accepted one (the same tag and class, e.g. one list per year on a
  // publication page) are read too, down to a single item.
  const shapes = new Set(accepted.map(({ el }) => shape(el)));
  const lists = new Set(accepted.map(({ el }) => el));
  const insideList = (el: Element) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (lists.has(p)) return true;
    return false;
  };
  for (const [el, children] of carriers) {
    if (children.length >= MIN_ITEMS || blocked.has(el) || !shapes.has(shape(el)) || insideList(el) || excluded(el)) continue;
    const entries = readContainer(children, hitsByChild, 1);
    if (entries) accept(el, entries);
  }

  // Page order, one entry per id.
  accepted.sort((x, y) => (x.el.compareDocumentPosition(y.el) & 4 /* FOLLOWING */ ? -1 : 1));
  const out = new PaperList();
  for (const { entries } of accepted) {
    entries.papers.forEach((p, i) => out.add(p, entries.anchors?.[i]));
  }
  return { kind: 'list', papers: out.papers, anchors: out.anchors };
}
