/**
 * The safety net for a database the browser evicts or a cleanup tool wipes: Lectern keeps, in extension
 * storage (a separate store from IndexedDB, kept by `unlimitedStorage`), a small rolling copy of everything
 * the user made — papers they triaged, tagged or annotated (with the metadata needed to show them), and
 * every highlight — plus a marker saying a library exists. The database holds a sentinel row (`meta`
 * key `sentinel`). On start:
 * - neither marker nor sentinel: a fresh install; both are written;
 * - sentinel but no marker: extension storage was cleared, the database is intact; the marker is rewritten;
 * - marker but no sentinel: **the database was lost**. Lectern says so loudly (popup, side panel, toolbar)
 *   and offers to restore the copy, merged into whatever the browser has recorded since.
 *
 * The copy is refreshed when the library changed (the change feed moved) and at most every few minutes
 * (an alarm), so a few minutes of edits may be missing from it; a full backup file is the complete record.
 */
import type { BackupFile } from '../backup/format';
import { changesPrunedThrough } from '../db/feed';
import { restoreBackup, type RestoreSummary } from '../db/restore';
import type { LecternDB } from '../db/schema';
import type { HighlightRecord, PaperRecord } from '../model';
import type { KeyValueArea } from '../service/tabs';

export const MARKER_KEY = 'lectern.library';
export const COPY_KEY = 'lectern.safetyCopy';
export const LOSS_KEY = 'lectern.libraryLost';
/** The copy set aside when the user declined to restore it. */
export const PREVIOUS_COPY_KEY = 'lectern.safetyCopy.declined';
const SENTINEL_KEY = 'sentinel';

/** Says a library exists: kept in extension storage, apart from the database. */
export interface LibraryMarker {
  /** When the database's sentinel was written (it must match). */
  createdAt: number;
}

export interface SafetyCopy {
  version: 1;
  /** When it was taken. */
  at: number;
  /** The change feed's last `seq` when it was taken (0 when the feed was empty). */
  seq: number;
  /** Papers the user acted on, without their abstracts (detection gives those back). */
  papers: PaperRecord[];
  highlights: HighlightRecord[];
}

/** What the popup and side panel show when the database was lost. */
export interface LibraryLoss {
  detectedAt: number;
  /** The safety copy available, if any. */
  copyAt?: number;
  papers: number;
  highlights: number;
}

/** Whether the user made something of this record (anything a restore must bring back), highlights aside. */
export function isUserMade(record: PaperRecord): boolean {
  return record.status !== 'seen' || record.note !== '' || record.tags.length > 0 || (record.tagChanges?.length ?? 0) > 0;
}

/** The last `seq` of the change feed (0 when nothing ever changed), whether or not its rows were pruned since. */
export async function lastChange(db: LecternDB): Promise<number> {
  const [last, pruned] = await Promise.all([db.changes.orderBy(':id').last(), changesPrunedThrough(db)]);
  return Math.max(last?.seq ?? 0, pruned);
}

/**
 * Reads the copy: the user-made papers and the papers that have highlights (one pass over the table, a page
 * at a time), and every highlight.
 */
export async function takeSafetyCopy(db: LecternDB, now: number): Promise<SafetyCopy> {
  return db.transaction('r', [db.papers, db.highlights, db.changes, db.meta], async () => {
    const highlights = await db.highlights.toArray();
    const highlighted = new Set(highlights.flatMap((h) => (h.paperId === undefined ? [] : [h.paperId])));
    const papers: PaperRecord[] = [];
    await db.papers.each((record) => {
      if (!isUserMade(record) && !highlighted.has(record.id)) return;
      const { abstract: _abstract, ...kept } = record;
      papers.push(kept);
    });
    return { version: 1, at: now, seq: await lastChange(db), papers, highlights };
  });
}

/** The copy as a backup file, to restore with the usual validation and merge rules. */
export function safetyCopyToBackup(copy: SafetyCopy, appVersion: string): BackupFile {
  return {
    format: 'lectern-backup',
    formatVersion: 2,
    appVersion,
    exportedAt: copy.at,
    papers: copy.papers,
    sightings: [],
    highlights: copy.highlights,
    snapshots: [],
    settings: {},
    tombstones: [],
  };
}

/**
 * Restores the copy into the library (merged with whatever was recorded since the loss, by the backup merge
 * rules) and clears the loss. The copy itself is kept. Throws when there is no copy.
 */
export async function restoreSafetyCopy(db: LecternDB, area: KeyValueArea, appVersion: string, now: number): Promise<RestoreSummary> {
  const copy = (await area.get(COPY_KEY)) as SafetyCopy | undefined;
  if (!copy) throw new Error('There is no safety copy to restore.');
  const summary = await restoreBackup(db, safetyCopyToBackup(copy, appVersion), { mode: 'merge', now, appVersion });
  await area.remove(LOSS_KEY);
  return summary;
}

/** The user chose not to restore: the loss is cleared, the copy set aside (never overwritten by an empty library). */
export async function dismissLoss(area: KeyValueArea): Promise<void> {
  const copy = await area.get(COPY_KEY);
  if (copy) await area.set(PREVIOUS_COPY_KEY, copy);
  await area.remove(LOSS_KEY);
}

export type DatabaseState = 'fresh' | 'intact' | 'marker-restored' | 'lost';

/**
 * Compares the database's sentinel with the marker in extension storage (see the module comment) and
 * writes whichever is missing. On `lost`, records the loss for the UI (`LOSS_KEY`) with what the copy holds.
 */
export async function checkDatabase(db: LecternDB, area: KeyValueArea, now: number): Promise<DatabaseState> {
  const sentinel = (await db.meta.get(SENTINEL_KEY))?.value;
  const marker = (await area.get(MARKER_KEY)) as LibraryMarker | undefined;
  if (sentinel !== undefined) {
    if (marker?.createdAt === sentinel) return 'intact';
    await area.set(MARKER_KEY, { createdAt: sentinel } satisfies LibraryMarker);
    return 'marker-restored';
  }
  await db.meta.put({ key: SENTINEL_KEY, value: now });
  await area.set(MARKER_KEY, { createdAt: now } satisfies LibraryMarker);
  if (!marker) return 'fresh';
  const copy = (await area.get(COPY_KEY)) as SafetyCopy | undefined;
  const loss: LibraryLoss = {
    detectedAt: now,
    ...(copy ? { copyAt: copy.at } : {}),
    papers: copy?.papers.length ?? 0,
    highlights: copy?.highlights.length ?? 0,
  };
  await area.set(LOSS_KEY, loss);
  return 'lost';
}

/**
 * Refreshes the copy when the library changed since it was taken. Never while a loss is waiting to be
 * restored: the copy is then the only record of the user's work and must not be overwritten by an empty
 * library. Answers whether it wrote.
 */
export async function refreshSafetyCopy(db: LecternDB, area: KeyValueArea, now: number): Promise<boolean> {
  if (await area.get(LOSS_KEY)) return false;
  const copy = (await area.get(COPY_KEY)) as SafetyCopy | undefined;
  const seq = await lastChange(db);
  if (copy && copy.seq === seq && seq !== 0) return false;
  if (copy && seq === 0 && now - copy.at < 60 * 60 * 1000) return false;
  await area.set(COPY_KEY, await takeSafetyCopy(db, now));
  return true;
}
