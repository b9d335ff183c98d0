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
 * - `sightings` — where a paper was seen: one row per (paper, page) pair, `{ paperId, page, firstAt }`.
 *   Compound primary key `[paperId+page]`, indexes `paperId` ("where did I see this paper") and `page`
 *   ("which papers were on this page"). Written once when a pair is first met and never rewritten, so
 *   revisiting a page costs no sighting writes. When two records are merged, the other's rows move to the
 *   kept record; deleting a paper deletes its rows.
 *
 * - `visits` — one row per visit of a page, `{ id, page, at, ids }`: the record ids seen on it, in page
 *   order (duplicates removed). Auto-incremented key, compound index `[page+at]` to fetch the previous visit
 *   of a page, which answers "which entries are new since my last visit". A stored id may later have been
 *   merged into another record: it then survives as one of that record's aliases, so readers compare
 *   against every alias of a record, never only its current `id`.
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
}

export class LecternDB extends Dexie {
  papers!: Table<PaperRecord, PaperId>;
  sightings!: Table<SightingRow, [PaperId, string]>;
  visits!: Table<VisitRow, number>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      papers: 'id, status, lastSeenAt, savedAt, firstSeenAt, [status+firstSeenAt], *aliases',
      sightings: '[paperId+page], paperId, page',
      visits: '++id, [page+at]',
    });
  }
}

/** Opens (creating or upgrading when needed) the library database. */
export function openLecternDb(name: string = DB_NAME): LecternDB {
  return new LecternDB(name);
}
