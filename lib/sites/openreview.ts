/**
 * OpenReview: forum pages (`/forum?id=…`: citation_* meta, else the rendered note, else the Next.js page
 * data) and venue/group listings, which render client-side: the rendered DOM is read (`li.note` with
 * `h4 > a[href*="forum?id="]`, `.note-authors`, the collapsed abstract). Ids: `openreview:<forum id>`, and the
 * arXiv id when the submission's own note links to arXiv (replies and reviews are never read).
 */
import type { PaperId } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { toIsoDate } from './shared/dates';
import { asRecord, asString, parseJson, type JsonRecord } from './shared/json';
import { readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, linkIds, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';
import { collapse, textOf, uniq } from './shared/text';

const HOSTS = new Set(['openreview.net', 'www.openreview.net']);
const ORIGIN = 'https://openreview.net';
const FORUM_ID_RE = /^[A-Za-z0-9_-]{5,64}$/;

function route(url: URL): 'forum' | 'list' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  if (url.pathname === '/forum') return 'forum';
  if (url.pathname === '/group' || url.pathname === '/venue' || url.pathname === '/submissions') return 'list';
  return undefined;
}

function forumLink(id: string): string {
  return `${ORIGIN}/forum?id=${id}`;
}

/** A note content field, plain (API v1) or wrapped as `{ value }` (API v2). */
function field(content: JsonRecord | undefined, key: string): unknown {
  const v = content?.[key];
  const rec = asRecord(v);
  return rec && 'value' in rec ? rec.value : v;
}

/** The forum note from the Next.js page data (`script#__NEXT_DATA__`). */
function nextDataNote(doc: Document): JsonRecord | undefined {
  const script = doc.getElementById('__NEXT_DATA__');
  const data = asRecord(parseJson(script?.textContent));
  const props = asRecord(asRecord(data?.props)?.pageProps);
  return asRecord(props?.forumNote);
}

/** Ids in the links of the submission's own note (not its replies). */
function noteLinkIds(note: Element | undefined, base: string): PaperId[] {
  if (!note) return [];
  const out: PaperId[] = [];
  const anchors = note.getElementsByTagName('a');
  for (let i = 0; i < anchors.length; i++) {
    for (const id of linkIds(anchors[i]!.getAttribute('href'), base)) {
      if (id.startsWith('arxiv:') || id.startsWith('doi:')) out.push(id);
    }
  }
  return out;
}

function forumEntries(doc: Document, url: URL): PageEntries {
  const id = url.searchParams.get('id');
  if (!id || !FORUM_ID_RE.test(id)) return { kind: 'none', papers: [] };
  const m = readPaperMeta(doc, url, readMeta(doc));
  const note = doc.getElementsByClassName('forum-note')[0];
  const json = nextDataNote(doc);
  const content = asRecord(json?.content);

  const heading = note?.getElementsByTagName('h2')[0] ?? null;
  const title = m?.title || textOf(heading) || collapse(asString(field(content, 'title')));

  let authors = m?.authors ?? [];
  if (!authors.length && note) {
    const box = note.getElementsByClassName('forum-authors')[0];
    const links = box?.getElementsByTagName('a');
    for (let i = 0; links && i < links.length; i++) {
      const name = textOf(links[i]);
      if (name) authors.push(name);
    }
  }
  if (!authors.length) {
    const names = field(content, 'authors');
    if (Array.isArray(names)) authors = names.map((n) => collapse(asString(n))).filter(Boolean);
  }

  let abstract = m?.abstract;
  if (!abstract) abstract = collapse(asString(field(content, 'abstract'))) || undefined;

  // arXiv and DOI links the authors put in the submission itself.
  const ids: PaperId[] = uniq([`openreview:${id}`, ...(m?.ids ?? []), ...noteLinkIds(note, url.href)]);
  const venue = m?.venue ?? (collapse(asString(field(content, 'venue'))) || undefined);
  const published = m?.published ?? toIsoDate(typeof json?.pdate === 'number' ? new Date(json.pdate).toISOString() : undefined);

  const paper = buildPaper({
    ids,
    landing: forumLink(id),
    title,
    authors,
    abstract,
    published,
    venue,
    pdf: m?.pdf ?? `${ORIGIN}/pdf?id=${id}`,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [heading ?? titleElement(doc, title)] } : { kind: 'none', papers: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Listings (rendered DOM)

/** The forum link of a listed note: the first `a[href*="forum?id="]` in its h4/h5 heading. */
function titleLink(note: Element): Element | undefined {
  for (const tag of ['h4', 'h5', 'h3']) {
    const heading = note.getElementsByTagName(tag)[0];
    if (!heading) continue;
    const anchors = heading.getElementsByTagName('a');
    for (let i = 0; i < anchors.length; i++) {
      if ((anchors[i]!.getAttribute('href') ?? '').includes('forum?id=')) return anchors[i];
    }
  }
  return undefined;
}

function noteAbstract(note: Element): string | undefined {
  const fields = note.getElementsByClassName('note-content-field');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (!/^abstract\b/i.test(textOf(f))) continue;
    let value = f.nextElementSibling;
    if (value && !value.classList.contains('note-content-value')) value = f.parentElement?.getElementsByClassName('note-content-value')[0] ?? null;
    const text = textOf(value);
    if (text) return text;
  }
  return undefined;
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const notes = doc.getElementsByClassName('note');
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i]!;
    const a = titleLink(note);
    if (!a) continue;
    const href = absoluteUrl(a.getAttribute('href'), url.href);
    const forumId = href ? new URL(href).searchParams.get('id') : null;
    if (!forumId || !FORUM_ID_RE.test(forumId)) continue;
    const authors: string[] = [];
    const box = note.getElementsByClassName('note-authors')[0];
    if (box) {
      const links = box.getElementsByTagName('a');
      for (let j = 0; j < links.length; j++) {
        const name = textOf(links[j]);
        if (name) authors.push(name);
      }
      if (!authors.length) authors.push(...textOf(box).split(/\s*,\s*/).filter(Boolean));
    }
    const ids: PaperId[] = [`openreview:${forumId}`];
    const anchors = note.getElementsByTagName('a');
    for (let j = 0; j < anchors.length; j++) {
      for (const id of linkIds(anchors[j]!.getAttribute('href'), url.href)) if (id.startsWith('arxiv:')) ids.push(id);
    }
    list.add(
      buildPaper({
        ids,
        landing: forumLink(forumId),
        title: collapse(a.textContent),
        authors,
        abstract: noteAbstract(note),
        pdf: `${ORIGIN}/pdf?id=${forumId}`,
      }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: 'openreview',
  matches: ['https://openreview.net/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'forum':
        return forumEntries(doc, url);
      case 'list':
        return listEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
