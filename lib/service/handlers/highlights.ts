/** Handlers of the highlight and snapshot requests (`lib/messaging/areas/highlights.ts`). */
import { HIGHLIGHT_CONTENT_REQUESTS, type HighlightRequests } from '../../messaging/areas/highlights';
import type { ExtensionHandlersOf, HandlerContext, PageHandlersOf } from './context';

type PageTypes = (typeof HIGHLIGHT_CONTENT_REQUESTS)[number];

/** Requests a content script sends about its own page. */
export function highlightPageHandlers(_ctx: HandlerContext): PageHandlersOf<PageTypes> {
  return {};
}

/** Requests from extension pages (side panel, reader). */
export function highlightHandlers(_ctx: HandlerContext): ExtensionHandlersOf<Exclude<keyof HighlightRequests, PageTypes>> {
  return {};
}
