/**
 * Generic detection, for pages no site adapter serves: journal and repository landing pages (one paper,
 * from embedded metadata) and lists of papers on arbitrary pages (publication pages, awesome-lists,
 * roundups). Pure function of (document, URL); never throws.
 *
 * A page whose metadata makes it a paper page is one paper, never a list: its in-text reference links and
 * reference list are not entries. A page carrying scholarly metadata it cannot be read from (only
 * `citation_reference`, say) yields nothing rather than a list.
 */
import type { PageEntries } from '../types';
import { readMeta } from '../shared/meta';
import { paperLists } from './list';
import { singlePaper } from './single';

const NOTHING: PageEntries = Object.freeze({ kind: 'none', papers: [], anchors: [] }) as PageEntries;

/** Meta names that only paper pages carry. */
function hasScholarlyMeta(meta: ReadonlyMap<string, readonly string[]>): boolean {
  for (const key of meta.keys()) {
    if (key.startsWith('citation_') || key.startsWith('prism.') || key === 'dc.identifier') return true;
  }
  return false;
}

export function detectGeneric(doc: Document, url: URL): PageEntries {
  try {
    const meta = readMeta(doc);
    const single = singlePaper(doc, url, meta);
    if (single) return single;
    if (hasScholarlyMeta(meta)) return { ...NOTHING, papers: [], anchors: [] };
    return paperLists(doc, url) ?? { ...NOTHING, papers: [], anchors: [] };
  } catch {
    return { ...NOTHING, papers: [], anchors: [] };
  }
}
