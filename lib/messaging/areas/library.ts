/**
 * Library requests (extension pages only): editing records beyond their status — tags, notes, merges,
 * splits, "not a paper", undo. Part of `Requests` in `../protocol.ts`; validated by `./library-schemas.ts`,
 * handled by `lib/service/handlers/library.ts`. Each request is `[data, answer]`.
 */
import type { PaperId } from '../../model';

export interface LibraryRequests {
  /**
   * Add and/or remove tags on many papers at once (the library's bulk actions and their undo). Answers the
   * ids of the records whose tags changed.
   */
  'library.editTags': [{ ids: PaperId[]; add?: string[]; remove?: string[] }, PaperId[]];
}
