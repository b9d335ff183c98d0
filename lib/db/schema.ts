/**
 * The library database (IndexedDB through Dexie). Only `lib/db` writes to it.
 *
 * Schema, version 1 (shipped: never edit it; a later version adds `this.version(2).stores(…).upgrade(…)`):
 *
 * - `papers` — one row per paper (`PaperRecord`).
 *   Primary key `id`: the highest-ranked id known when the paper was first recorded; it never changes.
 *   Indexes: `status`, `lastSeenAt`, `savedAt`, `firstSeenAt`, `[status+firstSeenAt]` (a view sorted newest
 *   first, read with a limit), and
 *   multiEntry `*aliases` (every id the paper is known by, the record's own `id` included, so any id finds it).
 *   Long text (title, abstract, note) is never indexed.
 *
 * - where a paper was seen: its first sighting is part of its record (`firstSeenOn`, with `firstSeenAt`), so
 *   recording a page full of new papers writes nothing but their rows; every later (paper, page) pair is a
 *   `sightings` row `{ paperId, page, firstAt }`. Compound primary key `[paperId+page]`, indexes `paperId`
 *   ("where did I see this paper", with `firstSeenOn`) and `page`. Written once when a pair is first met and
 *   never rewritten, so revisiting a page costs no sighting writes. When two records are merged, the other's
 *   first sighting and rows move to the kept record; deleting a paper deletes its rows.
 *
 * - `visits` — one row per visit of a page, `{ id, page, at, ids, digest, epoch, staleAfter }`: the record
 *   ids seen on it, in page order (duplicates removed), and what an unchanged revisit needs to skip reading
 *   the records (see `recordBatch`). Auto-incremented key, compound index `[page+at]` to fetch the previous visit
 *   of a page, which answers "which entries are new since my last visit". A stored id may later have been
 *   merged into another record: it then survives as one of that record's aliases, so readers compare
 *   against every alias of a record, never only its current `id`.
 *
 * - `tombstones` — one row per deleted paper, `{ id, aliases, deletedAt }` (`TombstoneRow`), so that a deletion
 *   travels in backups and wins a merge against copies of the paper older than it (`lib/db/restore.ts`).
 *   Primary key `id` (the deleted record's id), multiEntry `*aliases` (its aliases, its id included).
 *   Written by `deletePaperRecords` and by restores; never read by the views.
 *
 * - `meta` — small named values, `{ key, value }`. `epoch` counts the changes that can make a stored visit
 *   stale (records merged or deleted); every writer that removes or replaces records must bump it
 *   (`bumpEpoch`).
 *
 * `page` is always the normalised page URL (`normalizeUrl` from `lib/ids`).
 *
 * Version 2 adds:
 * - `papers` index multiEntry `*tags` (tag filters and tag completion read it, never the table);
 * - `highlights` — one row per highlight (`HighlightRecord`), primary key `id`, indexes `paperId` (a paper's
 *   highlights, whatever page they were made on) and `updatedAt` (the Highlights view, newest first);
 * - `snapshots` — a paper's readable copy (`SnapshotRecord`), primary key `paperId`;
 * - `changes` — the change feed the search index follows: one row per write transaction,
 *   `{ seq, at, ids }` with the record ids whose searchable content changed (created, edited, merged away,
 *   deleted; a highlight's paper when its text or note changed). Auto-incremented `seq`. Writers append with
 *   `noteChanges` inside their transaction; the search index keeps the last `seq` it has folded in and
 *   prunes the rows before it (`pruneChanges`). Nothing else reads it.
 */
import Dexie, { type Table } from 'dexie';
import type { HighlightRecord, PaperId, PaperRecord, SnapshotRecord } from '../model';

export const DB_NAME = 'lectern';

export interface SightingRow {
  paperId: PaperId;
  /** Normalised page URL. */
  page: string;
  /** When the paper was first seen on that page. */
  firstAt: number;
}

export interface VisitRow {
  /** Auto-incremented. */
  id?: number;
  /** Normalised page URL. */
  page: string;
  at: number;
  /** Record ids of the entries of the page, in page order, without duplicates. */
  ids: PaperId[];
  /** A digest of the entries as detected, to recognise an unchanged page. */
  digest?: string;
  /** The library `epoch` when the visit was recorded. */
  epoch?: number;
  /** Until when none of the visit's records is due a `lastSeenAt` refresh. */
  staleAfter?: number;
}

/** A deleted paper (`tombstones` table). */
export interface TombstoneRow {
  /** The deleted record's id. */
  id: PaperId;
  /** Every id it was known by, `id` included. */
  aliases: PaperId[];
  deletedAt: number;
}

export interface MetaRow {
  key: string;
  value: number;
}

/** One write transaction's changed records, for the search index (see `changes` above). */
export interface ChangeRow {
  /** Auto-incremented. */
  seq?: number;
  at: number;
  ids: PaperId[];
  /** Too much changed to list (a restore, an import): the search index rebuilds. */
  all?: true;
}

export class LecternDB extends Dexie {
  papers!: Table<PaperRecord, PaperId>;
  sightings!: Table<SightingRow, [PaperId, string]>;
  visits!: Table<VisitRow, number>;
  meta!: Table<MetaRow, string>;
  tombstones!: Table<TombstoneRow, PaperId>;
  highlights!: Table<HighlightRecord, string>;
  snapshots!: Table<SnapshotRecord, PaperId>;
  changes!: Table<ChangeRow, number>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      papers: 'id, status, lastSeenAt, savedAt, firstSeenAt, [status+firstSeenAt], *aliases',
      sightings: '[paperId+page], paperId, page',
      visits: '++id, [page+at]',
      meta: 'key',
      tombstones: 'id, *aliases',
    });
    // Only new tables and a new index: every version 1 row is kept as it is.
    this.version(2).stores({
      papers: 'id, status, lastSeenAt, savedAt, firstSeenAt, [status+firstSeenAt], *aliases, *tags',
      highlights: 'id, paperId, updatedAt',
      snapshots: 'paperId',
      changes: '++seq',
    });
  }
}

/** Opens (creating or upgrading when needed) the library database. */
export function openLecternDb(name: string = DB_NAME): LecternDB {
  return new LecternDB(name);
}

/** The library's current epoch (see `meta`). */
export async function currentEpoch(db: LecternDB): Promise<number> {
  return (await db.meta.get('epoch'))?.value ?? 0;
}

/** Marks stored visits as stale: call inside the transaction that merges, deletes or replaces records. */
export async function bumpEpoch(db: LecternDB): Promise<void> {
  await db.meta.put({ key: 'epoch', value: (await currentEpoch(db)) + 1 });
}

/**
 * Tells the search index that these records' searchable content changed (created, edited, merged away or
 * deleted). Call inside the writing transaction, which must include `db.changes`; no-op for no ids.
 */
export async function noteChanges(db: LecternDB, ids: Iterable<PaperId>, at: number): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length) await db.changes.add({ at, ids: unique });
}

/** Tells the search index that the whole library may have changed (a restore, an import). */
export async function noteEverythingChanged(db: LecternDB, at: number): Promise<void> {
  await db.changes.add({ at, ids: [], all: true });
}
