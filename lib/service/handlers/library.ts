/** Handlers of the library requests (`lib/messaging/areas/library.ts`); extension pages only. */
import { editTagsOf } from '../../db/tags';
import type { LibraryRequests } from '../../messaging/areas/library';
import type { ExtensionHandlersOf, HandlerContext } from './context';

export function libraryHandlers(ctx: HandlerContext): ExtensionHandlersOf<keyof LibraryRequests> {
  return {
    async 'library.editTags'(data) {
      const edit: { add?: string[]; remove?: string[] } = {};
      if (data.add) edit.add = data.add;
      if (data.remove) edit.remove = data.remove;
      const records = await editTagsOf(ctx.db, data.ids, edit, ctx.now());
      return records.map((record) => record.id);
    },
  };
}
