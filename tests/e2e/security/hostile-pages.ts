/**
 * Hostile variants of real fixture pages, built at test time from ../shared/fixtures (never copied into the
 * repository): payloads go in as text into the places detection reads titles, authors and abstracts from,
 * so that the page itself shows them as text and only Lectern could turn them into markup.
 */
import { Window } from 'happy-dom';
import { fixtureCase, type FixtureCase } from '../../helpers/fixtures';
import { decodeEntities } from '../../../lib/sites/shared/text';
import type { Payload } from './corpus';

export interface HostilePage {
  url: string;
  html: string;
  /** Per paper id (as the page names it): the strings placed into it. */
  placed: Map<string, { title: string; author: string; abstract?: string }>;
}

function parse(fixture: FixtureCase): Document {
  const window = new Window({ url: fixture.url });
  return new window.DOMParser().parseFromString(fixture.html(), 'text/html') as unknown as Document;
}

function serialise(doc: Document): string {
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

/** Keeps an element's `span.descriptor` ("Title:", "Abstract:") and replaces the rest with `text`. */
function replaceAfterDescriptor(el: Element, text: string): void {
  const descriptor = el.querySelector('span.descriptor');
  el.textContent = '';
  if (descriptor) el.append(descriptor);
  el.append(el.ownerDocument.createTextNode(` ${text} `));
}

/** An arXiv listing (`dl#articles`): entry i gets payload i as title, first author and abstract. */
export function hostileArxivListing(name: string, payloads: Payload[]): HostilePage {
  const fixture = fixtureCase(name);
  const doc = parse(fixture);
  const placed: HostilePage['placed'] = new Map();
  const dts = [...doc.querySelectorAll('dl#articles > dt')];
  dts.forEach((dt, i) => {
    const payload = payloads[i];
    const dd = dt.nextElementSibling;
    const id = dt.querySelector('a[title=Abstract]')?.textContent?.trim().replace(/^arXiv:/, '');
    if (!payload || !dd || !id) return;
    const title = dd.querySelector('.list-title');
    const author = dd.querySelector('.list-authors a');
    const abstract = dd.querySelector('p.mathjax');
    if (title) replaceAfterDescriptor(title, payload.text);
    if (author) author.textContent = payload.text;
    if (abstract) abstract.textContent = payload.text;
    placed.set(`arxiv:${id}`, { title: payload.text, author: payload.text, ...(abstract ? { abstract: payload.text } : {}) });
  });
  return { url: fixture.url, html: serialise(doc), placed };
}

/**
 * An arXiv abstract page: one payload as title, another as first author, and every payload at once in the
 * abstract; the `citation_*` meta tags carry the same strings (detection may read either).
 */
export function hostileArxivAbs(name: string, payloads: Payload[]): HostilePage {
  const fixture = fixtureCase(name);
  const doc = parse(fixture);
  const titleText = payloads[24]!.text;
  const authorText = payloads[26]!.text;
  const abstractText = payloads.map((p) => p.text).join(' ');
  const h1 = doc.querySelector('h1.title');
  if (h1) replaceAfterDescriptor(h1, titleText);
  const author = doc.querySelector('div.authors a');
  if (author) author.textContent = authorText;
  const abstract = doc.querySelector('blockquote.abstract');
  if (abstract) replaceAfterDescriptor(abstract, abstractText);
  for (const meta of doc.querySelectorAll('meta[name=citation_title]')) meta.setAttribute('content', titleText);
  doc.querySelector('meta[name=citation_author]')?.setAttribute('content', authorText);
  for (const meta of doc.querySelectorAll('meta[name=citation_abstract]')) meta.setAttribute('content', abstractText);
  const id = fixture.truth.entries[0]!.id!;
  return { url: fixture.url, html: serialise(doc), placed: new Map([[id, { title: titleText, author: authorText, abstract: abstractText }]]) };
}

/**
 * A Hugging Face daily listing: paper i of the hydration JSON gets payload `offset + i` as title, first
 * author and summary, and its card's heading shows the same title. `placed` holds the strings as detection
 * reads them (entities decoded once).
 */
export function hostileHuggingFaceDaily(name: string, payloads: Payload[], offset: number): HostilePage {
  const fixture = fixtureCase(name);
  const doc = parse(fixture);
  const placed: HostilePage['placed'] = new Map();
  const holder = [...doc.querySelectorAll('div.SVELTE_HYDRATER')].find((el) => el.getAttribute('data-target') === 'DailyPapers');
  if (!holder) throw new Error(`${name}: no DailyPapers hydration data`);
  const props = JSON.parse(holder.getAttribute('data-props')!) as {
    dailyPapers: { title?: string; summary?: string; paper: { id: string; title?: string; summary?: string; authors: { name: string }[] } }[];
  };
  const byId = new Map<string, string>();
  props.dailyPapers.forEach((item, i) => {
    const payload = payloads[(offset + i) % payloads.length]!;
    item.paper.title = payload.text;
    item.paper.summary = payload.text;
    if (item.title !== undefined) item.title = payload.text;
    if (item.summary !== undefined) item.summary = payload.text;
    if (item.paper.authors[0]) item.paper.authors[0].name = payload.text;
    byId.set(item.paper.id, payload.text);
    // Hydration strings arrive HTML-escaped at times: detection decodes entities once (`&lt;` reads `<`).
    const read = decodeEntities(payload.text);
    placed.set(`arxiv:${item.paper.id}`, { title: read, author: read, abstract: read });
  });
  holder.setAttribute('data-props', JSON.stringify(props));
  for (const card of doc.querySelectorAll('article')) {
    const link = [...card.querySelectorAll('a')].map((a) => /^\/papers\/([^/?#]+)$/.exec(a.getAttribute('href') ?? '')?.[1]).find(Boolean);
    const heading = card.querySelector('h3');
    const text = link ? byId.get(link) : undefined;
    if (heading && text !== undefined) {
      const anchor = heading.querySelector('a') ?? heading;
      anchor.textContent = text;
    }
  }
  return { url: fixture.url, html: serialise(doc), placed };
}
