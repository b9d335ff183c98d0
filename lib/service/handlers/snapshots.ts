/** Handlers of the snapshot requests (`lib/messaging/areas/snapshots.ts`). */
import { SNAPSHOT_CONTENT_REQUESTS, type SnapshotRequests } from '../../messaging/areas/snapshots';
import type { ExtensionHandlersOf, HandlerContext, PageHandlersOf } from './context';

type PageTypes = (typeof SNAPSHOT_CONTENT_REQUESTS)[number];

/** Requests a page sends about itself. */
export function snapshotPageHandlers(_ctx: HandlerContext): PageHandlersOf<PageTypes> {
  return {};
}

/** Requests from extension pages. */
export function snapshotHandlers(_ctx: HandlerContext): ExtensionHandlersOf<Exclude<keyof SnapshotRequests, PageTypes>> {
  return {};
}
