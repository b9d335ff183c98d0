/** Handlers of the library requests (`lib/messaging/areas/library.ts`); extension pages only. */
import type { LibraryRequests } from '../../messaging/areas/library';
import type { ExtensionHandlersOf, HandlerContext } from './context';

export function libraryHandlers(_ctx: HandlerContext): ExtensionHandlersOf<keyof LibraryRequests> {
  return {};
}
