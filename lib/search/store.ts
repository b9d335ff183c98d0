/**
 * The saved copy of the library index, in a database of its own (`lectern-search`): a derived cache that can
 * be rebuilt from the library at any time, so it needs no migrations of the library database and is never
 * part of a backup. One row, replaced whole; `FORMAT` changes whenever the layout does (an old copy is then
 * ignored and the index rebuilt).
 */
import Dexie, { type Table } from 'dexie';
import type { SavedField } from './postings';

export const SEARCH_DB_NAME = 'lectern-search';
export const FORMAT = 1;
const KEY = 'library';

export interface SavedIndex {
  key: string;
  format: number;
  /** The last change-feed `seq` folded in. */
  seq: number;
  savedAt: number;
  ids: string[];
  status: Uint8Array;
  firstSeenAt: Float64Array;
  /** NaN: never saved. */
  savedAtTimes: Float64Array;
  published: (string | null)[];
  titles: string[];
  tagNames: string[];
  /** Per slot, indexes into `tagNames` (null: none). */
  tags: (number[] | null)[];
  siteNames: string[];
  sites: (number[] | null)[];
  fields: Record<string, SavedField>;
}

class SearchDB extends Dexie {
  copies!: Table<SavedIndex, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ copies: 'key' });
  }
}

export class SearchStore {
  private readonly db: SearchDB;

  constructor(name: string = SEARCH_DB_NAME) {
    this.db = new SearchDB(name);
  }

  /** The saved copy, or undefined when there is none or it cannot be read. */
  async load(): Promise<SavedIndex | undefined> {
    try {
      return await this.db.copies.get(KEY);
    } catch {
      return undefined;
    }
  }

  /** The `seq` of the saved copy (0: none). */
  async savedSeq(): Promise<number> {
    const row = await this.db.copies.get(KEY).catch(() => undefined);
    return row && typeof row.seq === 'number' ? row.seq : 0;
  }

  /**
   * Saves `copy` unless the stored copy already folds in a later `seq` (another page saved a newer one);
   * answers whether it was written.
   */
  async save(copy: Omit<SavedIndex, 'key' | 'format'>): Promise<boolean> {
    return this.db.transaction('rw', this.db.copies, async () => {
      const current = await this.db.copies.get(KEY).catch(() => undefined);
      if (current && current.format === FORMAT && typeof current.seq === 'number' && current.seq > copy.seq) return false;
      await this.db.copies.put({ ...copy, key: KEY, format: FORMAT });
      return true;
    });
  }

  /** Replaces the saved copy with arbitrary data (tests use it to store a damaged copy). */
  async putRaw(row: unknown): Promise<void> {
    await this.db.copies.put({ ...(row as object), key: KEY } as SavedIndex);
  }

  async clear(): Promise<void> {
    await this.db.copies.clear();
  }

  close(): void {
    this.db.close();
  }
}
