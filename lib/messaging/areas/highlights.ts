/**
 * Highlight requests. Part of `Requests` in `../protocol.ts`; validated by `./highlights-schemas.ts`,
 * handled by `lib/service/handlers/highlights.ts`. Each request is `[data, answer]`.
 *
 * The content script may send only those in `HIGHLIGHT_CONTENT_REQUESTS` (named `page.*`), and they act only
 * on its own tab: highlights of the papers its tab's reports listed, or made on the URL the tab shows.
 * Every other highlight request comes from extension pages (side panel, reader).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface HighlightRequests {}

/** Highlight requests a content script may send (each also listed in `CONTENT_SCRIPT_REQUESTS`). */
export const HIGHLIGHT_CONTENT_REQUESTS = [] as const satisfies readonly (keyof HighlightRequests)[];
