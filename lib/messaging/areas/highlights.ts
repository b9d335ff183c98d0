/**
 * Highlight requests. Part of `Requests` in `../protocol.ts`; validated by `./highlights-schemas.ts`,
 * handled by `lib/service/handlers/highlights.ts`. Each request is `[data, answer]`.
 *
 * The content script may send only those in `HIGHLIGHT_CONTENT_REQUESTS` (named `page.*`), and they act only
 * on its own tab: highlights of the papers its tab's reports listed, or made on the URL the tab shows.
 * Every other highlight request comes from extension pages (side panel, reader).
 */
import type { HighlightColor, HighlightRecord, HighlightSelector, PaperId } from '../../model';

/** What a new highlight carries; the background adds `id`, times and resolves `paperId` to its record. */
export interface NewHighlight {
  /** The paper, by any of its ids; absent on a page that is not a known paper. */
  paperId?: PaperId;
  url: string;
  selectors: HighlightSelector[];
  text: string;
  color: HighlightColor;
  note?: string;
}

export interface HighlightEdit {
  id: string;
  color?: HighlightColor;
  note?: string;
}

export interface HighlightRequests {
  // ---- content script (own tab only) ----
  /** Highlights to draw on the sender's page: those of the tab's papers and those made on `url`. */
  'page.highlights': [{ url: string }, HighlightRecord[]];
  /** Create a highlight on the sender's page (`url` must be the page the tab shows). */
  'page.highlight.create': [NewHighlight, HighlightRecord];
  /** Change the colour or note of a highlight the sender's page may read. */
  'page.highlight.update': [HighlightEdit, HighlightRecord];
  /** Delete a highlight the sender's page may read; answers the deleted row (for an undo). */
  'page.highlight.delete': [{ id: string }, HighlightRecord];

  // ---- extension pages only ----
  /** Create a highlight (the reader); `paperId` required there. */
  'highlight.create': [NewHighlight, HighlightRecord];
  'highlight.update': [HighlightEdit, HighlightRecord];
  /** Delete highlights; answers the deleted rows, for an undo. */
  'highlight.delete': [{ ids: string[] }, HighlightRecord[]];
  /** Put deleted highlights back (an undo); answers how many. */
  'highlight.restore': [{ highlights: HighlightRecord[] }, number];
}

/** Highlight requests a content script may send (each also listed in `CONTENT_SCRIPT_REQUESTS`). */
export const HIGHLIGHT_CONTENT_REQUESTS = [
  'page.highlights',
  'page.highlight.create',
  'page.highlight.update',
  'page.highlight.delete',
] as const satisfies readonly (keyof HighlightRequests)[];
