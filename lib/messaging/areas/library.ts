/**
 * Library requests (extension pages only): editing records beyond their status — tags, notes, merges,
 * splits, "not a paper", undo. Part of `Requests` in `../protocol.ts`; validated by `./library-schemas.ts`,
 * handled by `lib/service/handlers/library.ts`. Each request is `[data, answer]`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface LibraryRequests {}
