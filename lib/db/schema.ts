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
 */
import Dexie, { type Table } from 'dexie';
import type { PaperId, PaperRecord } from '../model';

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

export class LecternDB extends Dexie {
  papers!: Table<PaperRecord, PaperId>;
  sightings!: Table<SightingRow, [PaperId, string]>;
  visits!: Table<VisitRow, number>;
  meta!: Table<MetaRow, string>;
  tombstones!: Table<TombstoneRow, PaperId>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      papers: 'id, status, lastSeenAt, savedAt, firstSeenAt, [status+firstSeenAt], *aliases',
      sightings: '[paperId+page], paperId, page',
      visits: '++id, [page+at]',
      meta: 'key',
      tombstones: 'id, *aliases',
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
