/**
 * PubMed: search results (`/?term=…`: `article.full-docsum` with `a.docsum-title[data-article-id]`, the
 * full author list and the journal citation, which carries the DOI) and article pages (`/<PMID>/`: the
 * heading, the full author names, the identifiers block, the English abstract, citation_* meta).
 *
 * MEDLINE titles end with a period that is punctuation, not part of the title: it is dropped. Ids: the DOI
 * when shown, the PMID always, the PMCID when shown.
 */
import type { PaperId } from '../model';
import type { PageEntries, SiteAdapter } from './types';
import { idsFromText } from '../ids';
import { toIsoDate } from './shared/dates';
import { metaFirst, readMeta } from './shared/meta';
import { buildPaper, PaperList } from './shared/paper';
import { domAbstract, readPaperMeta } from './shared/scholarly';
import { collapse, textOf, uniq } from './shared/text';

const HOST = 'pubmed.ncbi.nlm.nih.gov';
const ORIGIN = `https://${HOST}`;

function route(url: URL): 'search' | 'article' | undefined {
  if (url.hostname.toLowerCase() !== HOST) return undefined;
  if (/^\/\d{1,9}\/?$/.test(url.pathname)) return 'article';
  if (url.pathname === '/' || url.pathname === '') return 'search';
  return undefined;
}

/** A MEDLINE title without its closing period ("Deep learning." → "Deep learning"). */
function medlineTitle(text: string): string {
  const t = collapse(text);
  return /[^.\s][^.]\.$/.test(t) && !/\b[A-Z]\.$/.test(t) ? t.slice(0, -1) : t;
}

/** "LeCun Y, Bengio Y, Hinton G." → names. */
function shortNames(text: string): string[] {
  return collapse(text)
    .replace(/\.$/, '')
    .split(/\s*,\s*/)
    .map((s) => s.trim())
    .filter((s) => s && !/^et al\.?$/i.test(s));
}

function pmidId(n: string | null | undefined): PaperId | null {
  return n && /^\d{1,9}$/.test(n.trim()) && +n > 0 ? `pmid:${+n}` : null;
}

/** "Nature. 2015 May 28;521(7553):436-44. doi: 10.1038/nature14539. Epub …" → venue, date, ids. */
function journalCitation(text: string): { venue?: string; published?: string; ids: PaperId[] } {
  const t = collapse(text);
  const dot = t.indexOf('. ');
  const venue = dot > 0 ? t.slice(0, dot) : undefined;
  const date = dot > 0 ? /^(\d{4}(?: [A-Za-z]{3}(?: \d{1,2})?)?)/.exec(t.slice(dot + 2))?.[1] : undefined;
  return { venue, published: toIsoDate(date), ids: idsFromText(t).filter((id) => id.startsWith('doi:') || id.startsWith('arxiv:')) };
}

function searchEntries(doc: Document): PageEntries {
  const list = new PaperList();
  const docsums = doc.getElementsByClassName('full-docsum');
  for (let i = 0; i < docsums.length; i++) {
    const item = docsums[i]!;
    const a = item.getElementsByClassName('docsum-title')[0];
    if (!a) continue;
    const pmid = a.getAttribute('data-article-id') ?? /^\/?(\d+)\/?/.exec(a.getAttribute('href') ?? '')?.[1];
    const id = pmidId(pmid);
    if (!id) continue;
    const cite = journalCitation(textOf(item.getElementsByClassName('full-journal-citation')[0]));
    list.add(
      buildPaper({
        ids: [id, ...cite.ids],
        landing: `${ORIGIN}/${id.slice(5)}/`,
        title: medlineTitle(a.textContent ?? ''),
        authors: shortNames(textOf(item.getElementsByClassName('full-authors')[0])),
        venue: cite.venue,
        published: cite.published,
      }),
      a,
    );
  }
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

function articleEntries(doc: Document, url: URL): PageEntries {
  const meta = readMeta(doc);
  const m = readPaperMeta(doc, url, meta);
  const heading = doc.getElementsByClassName('heading-title')[0] ?? null;
  const title = medlineTitle(textOf(heading) || m?.title || '');

  // The first author list is the article's (later ones repeat it in other views).
  const authors: string[] = [];
  const authorList = doc.getElementsByClassName('authors-list')[0];
  if (authorList) {
    const names = authorList.getElementsByClassName('full-name');
    for (let i = 0; i < names.length; i++) {
      const name = textOf(names[i]);
      if (name) authors.push(name);
    }
  }

  const ids: PaperId[] = [...(m?.ids ?? [])];
  const pmid = /^\/(\d+)/.exec(url.pathname)?.[1];
  ids.push(pmidId(pmid) ?? '');
  const idBlock = doc.getElementsByClassName('identifiers')[0];
  if (idBlock) ids.push(...idsFromText(collapse(idBlock.textContent).replace(/\bPMCID:\s*/i, '')));

  const enAbstract = doc.getElementById('eng-abstract');
  const abstract = textOf(enAbstract) || domAbstract(doc) || m?.abstract;
  const paper = buildPaper({
    ids: uniq(ids),
    landing: pmid ? `${ORIGIN}/${+pmid}/` : m?.landing,
    title,
    authors: authors.length ? authors : (m?.authors ?? []),
    abstract,
    published: m?.published ?? toIsoDate(metaFirst(meta, 'citation_date')),
    venue: m?.venue,
    pdf: m?.pdf,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [heading] } : { kind: 'none', papers: [] };
}

export const adapter: SiteAdapter = {
  name: 'pubmed',
  matches: ['https://pubmed.ncbi.nlm.nih.gov/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'search':
        return searchEntries(doc);
      case 'article':
        return articleEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
