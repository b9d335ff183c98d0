/**
 * Library requests (extension pages only): editing records beyond their status — tags, notes, merges,
 * splits, "not a paper", undo. Part of `Requests` in `../protocol.ts`; validated by `./library-schemas.ts`,
 * handled by `lib/service/handlers/library.ts`. Each request is `[data, answer]`.
 *
 * Ids may be record ids or any alias. Every edit answers an `Undo` (the exact rows before the edit and the
 * versions it left): pass it unchanged to `library.restoreRecords` to undo the edit. For an edit made by
 * another request (`library.setStatus`, `library.delete`), take `library.snapshotRecords` of the ids before
 * it and build the undo from its `records` and the versions after it:
 * - after a deletion: `{ records: before.records, expect: before.expect.map(e => ({ id: e.id, version: null })) }`;
 * - after another edit: `{ records: before.records, expect: (await snapshotRecords(ids)).expect }`.
 */
import type { PaperId, PaperRecord } from '../../model';
import type { Undo } from '../../db/library-edits';

export type { RecordVersion, SavedRecord, Undo } from '../../db/library-edits';

/** Answer of an edit of user fields: the record ids that changed, and its undo. */
export interface LibraryEditAnswer {
  changed: PaperId[];
  undo: Undo;
}

export interface LibraryRequests {
  /** Set the note (plain text, Markdown allowed) of one paper. */
  'library.setNote': [{ id: PaperId; note: string }, LibraryEditAnswer];
  /** Replace the tags of papers. Tags are trimmed, inner whitespace collapsed, duplicates dropped. */
  'library.setTags': [{ ids: PaperId[]; tags: string[] }, LibraryEditAnswer];
  /** Add tags to papers (those that already have them are left alone). */
  'library.addTags': [{ ids: PaperId[]; tags: string[] }, LibraryEditAnswer];
  /** Remove tags from papers. */
  'library.removeTags': [{ ids: PaperId[]; tags: string[] }, LibraryEditAnswer];
  /**
   * Merge two records that are one paper. The older one stays, whichever is `keep`; answers its id (the
   * other's ids become its aliases; sightings, user fields, highlights and snapshot join it).
   */
  'library.merge': [{ keep: PaperId; absorb: PaperId }, { kept: PaperRecord; absorbed: PaperId; undo: Undo }];
  /**
   * Split a wrong merge: `aliases` (ids of the record `id`, not its own id) leave it for a new record, with
   * the links and sightings whose address names one of them. Answers both records.
   */
  'library.split': [{ id: PaperId; aliases: PaperId[] }, { kept: PaperRecord; created: PaperRecord; undo: Undo }];
  /** "Not a paper": delete the records and never record any of their ids again. Answers the ids removed. */
  'library.notAPaper': [{ ids: PaperId[] }, { removed: PaperId[]; undo: Undo }];
  /** The exact current rows of papers (with sightings, highlights, snapshot) and their versions, for an undo. */
  'library.snapshotRecords': [{ ids: PaperId[] }, Undo];
  /**
   * Undo: put records back exactly as saved, remove records the edit made, and lift the tombstones and
   * "not a paper" marks a deletion left. Refused, changing nothing, when a record changed since. Answers
   * the record ids put back and removed.
   */
  'library.restoreRecords': [Undo, { restored: PaperId[]; removed: PaperId[] }];
}
