/**
 * Generic single-paper pages: journal and repository landing pages read from their embedded metadata
 * (see `../shared/scholarly`). One paper or nothing.
 */
import type { PageEntries } from '../types';
import type { MetaTags } from '../shared/meta';
import { buildPaper } from '../shared/paper';
import { readPaperMeta, titleElement } from '../shared/scholarly';

export function singlePaper(doc: Document, url: URL, meta: MetaTags): PageEntries | undefined {
  const m = readPaperMeta(doc, url, meta);
  if (!m) return undefined;
  const paper = buildPaper({
    ids: m.ids,
    landing: m.landing,
    also: m.also,
    title: m.title,
    authors: m.authors,
    abstract: m.abstract,
    published: m.published,
    venue: m.venue,
    pdf: m.pdf,
  });
  if (!paper) return undefined;
  return { kind: 'single', papers: [paper], anchors: [titleElement(doc, m.title)] };
}
