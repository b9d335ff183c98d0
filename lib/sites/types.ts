/**
 * The fixed shape every site adapter has. An adapter is plain data plus two pure functions: it keeps no
 * state between calls, so the same (document, URL) always gives the same answer.
 */
import type { DetectedPaper } from '../model';

/**
 * What a page is, as far as paper detection goes.
 * - `list`: the page lists papers (a listing, search results, a daily feed). A listing URL whose page
 *   happens to hold no entries is still `list`, with no papers.
 * - `single`: the page is about one paper (abstract page, full text, paper page): exactly one paper.
 * - `none`: nothing to detect (unknown page, error page, malformed markup).
 */
export type PageKind = 'list' | 'single' | 'none';

export interface PageEntries {
  kind: PageKind;
  /** In page order, no two with the same `id`. Empty when `kind` is `none`. */
  papers: DetectedPaper[];
  /**
   * Index-aligned with `papers`: the element that shows each entry's title on the page, where on-page UI
   * (status badges) attaches; `null` where the page shows no title element (e.g. a meta-only page).
   * Omitted by adapters that have not located them yet.
   */
  anchors?: (Element | null)[];
}

export interface SiteAdapter {
  /** Short stable name, e.g. `arxiv`, `huggingface`. */
  name: string;
  /** Match patterns this adapter serves; each must be listed in CONTENT_SCRIPT_HOSTS (`./hosts`). */
  matches: string[];
  /** Cheap check on the URL alone: does this adapter handle the page? */
  appliesTo(url: URL): boolean;
  /** Pure function of (doc, url): the paper entries of the page, in page order. */
  entries(doc: Document, url: URL): PageEntries;
}
