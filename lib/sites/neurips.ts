/**
 * NeurIPS proceedings (proceedings.neurips.cc, papers.nips.cc): year listings (`ul.paper-list > li` with the
 * title link and `span.paper-authors`, or an `<i>` author list in the older layout) and paper pages
 * (`…/hash/<hash>-Abstract[-Track].html`: citation_* meta, `<h4>Abstract</h4>`).
 *
 * NeurIPS papers have no DOI: the id is the `url:` form of the paper page on proceedings.neurips.cc, with the
 * `/paper_files/paper/` path; the older `/paper/` path and papers.nips.cc forms are aliases.
 */
import type { PageEntries, SiteAdapter } from './types';
import { childrenByTag } from './shared/dom';
import { readMeta } from './shared/meta';
import { absoluteUrl, buildPaper, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';
import { collapse, textOf } from './shared/text';

const HOSTS = new Set(['proceedings.neurips.cc', 'papers.nips.cc', 'papers.neurips.cc']);
const ORIGIN = 'https://proceedings.neurips.cc';
/** `/paper_files/paper/2017/hash/<hash>-Abstract.html`, `/paper/2017/hash/<hash>-Abstract-Conference.html`. */
const HASH_RE = /^\/(?:paper_files\/)?paper\/(\d{4})\/(?:hash|file)\/([0-9a-f]{32})-(Abstract[\w-]*|Paper[\w-]*|Supplemental[\w-]*)\.(?:html|pdf)$/i;
const LIST_RE = /^\/(?:paper_files\/)?paper\/\d{4}\/?$/;

function route(url: URL): 'paper' | 'list' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  if (HASH_RE.test(url.pathname) && url.pathname.endsWith('.html')) return 'paper';
  if (LIST_RE.test(url.pathname)) return 'list';
  return undefined;
}

/** The paper's canonical abstract page and its other forms, from any link to its abstract page or PDF. */
function pages(href: string | undefined): { canonical: string; aliases: string[]; pdf: string } | undefined {
  if (!href) return undefined;
  let u: URL;
  try {
    u = new URL(href, ORIGIN);
  } catch {
    return undefined;
  }
  if (!HOSTS.has(u.hostname.toLowerCase())) return undefined;
  const m = HASH_RE.exec(u.pathname);
  if (!m) return undefined;
  const [, year, hash] = m;
  // The track suffix ("-Conference", "-Datasets_and_Benchmarks") is kept; "Paper" pages map to "Abstract".
  const kind = m[3]!.replace(/^(?:Paper|Supplemental)/, 'Abstract');
  const file = `${hash!.toLowerCase()}-${kind}.html`;
  const track = kind.slice('Abstract'.length);
  return {
    canonical: `${ORIGIN}/paper_files/paper/${year}/hash/${file}`,
    aliases: [
      `${ORIGIN}/paper/${year}/hash/${file}`,
      `https://papers.nips.cc/paper_files/paper/${year}/hash/${file}`,
      `https://papers.nips.cc/paper/${year}/hash/${file}`,
    ],
    pdf: `${ORIGIN}/paper_files/paper/${year}/file/${hash!.toLowerCase()}-Paper${track}.pdf`,
  };
}

function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  const lists = doc.getElementsByClassName('paper-list');
  for (let i = 0; i < lists.length; i++) {
    for (const li of childrenByTag(lists[i]!, 'li')) {
      const anchors = li.getElementsByTagName('a');
      let a: Element | undefined;
      let p: ReturnType<typeof pages>;
      for (let j = 0; j < anchors.length && !p; j++) {
        p = pages(absoluteUrl(anchors[j]!.getAttribute('href'), url.href));
        if (p) a = anchors[j];
      }
      if (!a || !p) continue;
      const authorsEl = li.getElementsByClassName('paper-authors')[0] ?? li.getElementsByTagName('i')[0];
      const authors = textOf(authorsEl)
        .split(/\s*,\s*/)
        .filter(Boolean);
      list.add(
        buildPaper({ landing: p.canonical, also: p.aliases, title: collapse(a.textContent), authors, pdf: p.pdf }),
        a,
      );
    }
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

/** The paragraphs after `<h4>Abstract</h4>`, up to the next heading. */
function abstractAfterHeading(doc: Document): string | undefined {
  const h4s = doc.getElementsByTagName('h4');
  for (let i = 0; i < h4s.length; i++) {
    if (textOf(h4s[i]) !== 'Abstract') continue;
    const parts: string[] = [];
    for (let el = h4s[i]!.nextElementSibling; el && !/^h\d$/.test(el.localName); el = el.nextElementSibling) {
      const t = textOf(el);
      if (t) parts.push(t);
    }
    return parts.join(' ') || undefined;
  }
  return undefined;
}

function paperEntries(doc: Document, url: URL): PageEntries {
  const m = readPaperMeta(doc, url, readMeta(doc));
  const p = pages(url.href);
  const h4 = doc.getElementsByTagName('h4')[0];
  const title = m?.title || textOf(h4);
  let authors = m?.authors ?? [];
  if (!authors.length) {
    const h4s = doc.getElementsByTagName('h4');
    for (let i = 0; i < h4s.length; i++) {
      if (textOf(h4s[i]) === 'Authors') authors = textOf(h4s[i]!.nextElementSibling).split(/\s*,\s*/).filter(Boolean);
    }
  }
  const paper = buildPaper({
    ids: m?.ids.filter((id) => !id.startsWith('url:')),
    landing: p?.canonical ?? absoluteUrl(url.href),
    also: [...(p?.aliases ?? []), absoluteUrl(url.href)],
    title,
    authors,
    abstract: abstractAfterHeading(doc) ?? m?.abstract,
    published: m?.published,
    venue: m?.venue,
    pdf: m?.pdf ?? p?.pdf,
  });
  const anchor = titleElement(doc, title) ?? (h4 && textOf(h4) === title ? h4 : null);
  return paper ? { kind: 'single', papers: [paper], anchors: [anchor] } : { kind: 'none', papers: [] };
}

export const adapter: SiteAdapter = {
  name: 'neurips',
  matches: ['https://proceedings.neurips.cc/*', 'https://papers.nips.cc/*', 'https://papers.neurips.cc/*'],
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
