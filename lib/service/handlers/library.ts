/** Handlers of the library requests (`lib/messaging/areas/library.ts`); extension pages only. */
import {
  EditRefused,
  editTags,
  markNotPaper,
  mergePapers,
  restoreRecords,
  setNote,
  snapshotRecords,
  splitPaper,
  type EditResult,
} from '../../db/library-edits';
import type { LibraryEditAnswer, LibraryRequests } from '../../messaging/areas/library';
import { Refused, type ExtensionHandlersOf, type HandlerContext } from './context';

/** Turns a refused edit into a refusal of the request (its message is the answer's error). */
async function refusing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EditRefused) throw new Refused(error.message);
    throw error;
  }
}

function answer({ changed, undo }: EditResult): LibraryEditAnswer {
  return { changed: changed.map((r) => r.id), undo };
}

export function libraryHandlers(ctx: HandlerContext): ExtensionHandlersOf<keyof LibraryRequests> {
  const { db, now, changed } = ctx;
  return {
    async 'library.setNote'(data) {
      return answer(await refusing(() => setNote(db, data.id, data.note, now())));
    },
    async 'library.setTags'(data) {
      return answer(await editTags(db, data.ids, { set: data.tags }, now()));
    },
    async 'library.addTags'(data) {
      return answer(await editTags(db, data.ids, { add: data.tags }, now()));
    },
    async 'library.removeTags'(data) {
      return answer(await editTags(db, data.ids, { remove: data.tags }, now()));
    },
    async 'library.merge'(data) {
      const result = await refusing(() => mergePapers(db, data.keep, data.absorb, now()));
      // The kept record carries the other's ids, so tabs that know the paper by either hear of it.
      changed([result.kept]);
      return { kept: result.kept, absorbed: result.absorbed.id, undo: result.undo };
    },
    async 'library.split'(data) {
      const result = await refusing(() => splitPaper(db, data.id, data.aliases, now()));
      changed([result.kept, result.created]);
      return result;
    },
    async 'library.notAPaper'(data) {
      const result = await markNotPaper(db, data.ids, now());
      changed(result.removed, true);
      return { removed: result.removed.map((r) => r.id), undo: result.undo };
    },
    async 'library.snapshotRecords'(data) {
      return snapshotRecords(db, data.ids);
    },
    async 'library.restoreRecords'(data) {
      const result = await refusing(() => restoreRecords(db, data, now()));
      changed(result.removed, true);
      changed(result.restored);
      return { restored: result.restored.map((r) => r.id), removed: result.removed.map((r) => r.id) };
    },
  };
}
