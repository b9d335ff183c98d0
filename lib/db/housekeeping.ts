/**
 * Housekeeping: forgetting papers that were only seen, and compacting where each paper was seen. Each writer
 * answers exactly the rows it removed, so that `restoreRemoved` can put them back (the undo window of the
 * options page); each has a read-only twin that counts what it would remove, for the confirmation.
 *
 * Forgetting never touches a paper the user did anything with: only status `seen`, and never one with a
 * note, tags, highlights or a snapshot. It leaves no tombstone: forgetting is not a decision against the
 * paper (a later page that shows it records it again as new), and a backup restored later may bring it back.
 */
import type { PaperId, PaperRecord } from '../model';
import { mergeRecords } from './papers';
import { bumpEpoch, noteChanges, type LecternDB, type SightingRow } from './schema';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Pages kept per paper by default when sightings are compacted (its first and its newest). */
export const DEFAULT_SIGHTINGS_CAP = 20;

/** Rows removed by a housekeeping writer, as they were. */
export interface RemovedRows {
  papers: PaperRecord[];
  sightings: SightingRow[];
}

export interface ForgetOptions {
  /** Only papers last seen before this time (ms); all `seen` papers when absent. */
  lastSeenBefore?: number;
}

function untouched(record: PaperRecord): boolean {
  return record.status === 'seen' && !record.note.trim() && record.tags.length === 0;
}

/** The `seen` papers that `forgetSeen` would remove (inside a transaction over papers, highlights, snapshots). */
async function forgettable(db: LecternDB, options: ForgetOptions): Promise<PaperRecord[]> {
  const before = options.lastSeenBefore;
  const candidates = await db.papers
    .where('status')
    .equals('seen')
    .filter((record) => untouched(record) && (before === undefined || record.lastSeenAt < before))
    .toArray();
  if (!candidates.length) return [];
  const ids = candidates.map((record) => record.id);
  const [highlighted, snapshots] = await Promise.all([
    db.highlights.where('paperId').anyOf(ids).keys(),
    db.snapshots.bulkGet(ids),
  ]);
  const keep = new Set<PaperId>(highlighted.map(String));
  snapshots.forEach((snapshot, i) => snapshot && keep.add(ids[i]!));
  return candidates.filter((record) => !keep.has(record.id));
}

/** How many papers `forgetSeen` would remove now. */
export function countForgettable(db: LecternDB, options: ForgetOptions = {}): Promise<number> {
  return db.transaction('r', [db.papers, db.highlights, db.snapshots], async () => (await forgettable(db, options)).length);
}

/**
 * Removes papers that were only seen (status `seen`; no note, tags, highlights or snapshot), last seen
 * before `lastSeenBefore` when given, with their sightings. Answers the removed rows.
 */
export async function forgetSeen(db: LecternDB, options: ForgetOptions, now: number): Promise<RemovedRows> {
  return db.transaction('rw', [db.papers, db.sightings, db.highlights, db.snapshots, db.meta, db.changes], async () => {
    const papers = await forgettable(db, options);
    if (!papers.length) return { papers: [], sightings: [] };
    const ids = papers.map((record) => record.id);
    const sightings = await db.sightings.where('paperId').anyOf(ids).toArray();
    await db.sightings.where('paperId').anyOf(ids).delete();
    await db.papers.bulkDelete(ids);
    // Stored visits list these ids: they must not skip reading records that are gone.
    await bumpEpoch(db);
    await noteChanges(db, ids, now);
    return { papers, sightings };
  });
}

/**
 * The sighting rows beyond `cap` pages per paper: a paper keeps its first page (`firstSeenOn`, else its
 * earliest row) and its newest ones, `cap` in all.
 */
async function excessSightings(db: LecternDB, cap: number): Promise<SightingRow[]> {
  const limit = Math.max(2, Math.floor(cap));
  const groups = new Map<PaperId, SightingRow[]>();
  // Rows in paperId order: only papers with more rows than the cap could lose any.
  await db.sightings.orderBy('paperId').each((row) => {
    const group = groups.get(row.paperId);
    if (group) group.push(row);
    else groups.set(row.paperId, [row]);
  });
  const over = [...groups].filter(([, rows]) => rows.length >= limit);
  if (!over.length) return [];
  const records = await db.papers.bulkGet(over.map(([id]) => id));
  const excess: SightingRow[] = [];
  over.forEach(([, rows], i) => {
    const record = records[i];
    const sorted = [...rows].sort((a, b) => a.firstAt - b.firstAt || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
    const hasFirst = record?.firstSeenOn !== undefined && !rows.some((row) => row.page === record.firstSeenOn);
    // The first page is on the record, or else it is the earliest row; the other places go to the newest rows.
    const kept = hasFirst ? sorted.slice(-(limit - 1)) : [sorted[0]!, ...sorted.slice(1).slice(-(limit - 1))];
    const keep = new Set(kept);
    for (const row of sorted) if (!keep.has(row)) excess.push(row);
  });
  return excess;
}

/** How many sighting rows `compactSightings` would remove now. */
export function countExcessSightings(db: LecternDB, cap: number = DEFAULT_SIGHTINGS_CAP): Promise<number> {
  return db.transaction('r', [db.papers, db.sightings], async () => (await excessSightings(db, cap)).length);
}

/** Drops the sighting rows of pages beyond `cap` per paper (its first and newest kept). Answers the removed rows. */
export async function compactSightings(db: LecternDB, cap: number, now: number): Promise<RemovedRows> {
  return db.transaction('rw', [db.papers, db.sightings, db.changes], async () => {
    const sightings = await excessSightings(db, cap);
    if (!sightings.length) return { papers: [], sightings: [] };
    await db.sightings.bulkDelete(sightings.map((row) => [row.paperId, row.page] as [PaperId, string]));
    // The sites a paper was seen on are searchable: its index entry is re-read.
    await noteChanges(db, sightings.map((row) => row.paperId), now);
    return { papers: [], sightings };
  });
}

/**
 * Puts back rows a housekeeping writer removed. A paper recorded again since (a page showed it) is joined
 * with its removed row (the removed one is older and keeps its id and first sighting); a sighting row
 * written again since keeps the earlier time. Answers how many rows went back.
 */
export async function restoreRemoved(db: LecternDB, removed: RemovedRows, now: number): Promise<{ papers: number; sightings: number }> {
  return db.transaction('rw', [db.papers, db.sightings, db.meta, db.changes], async () => {
    const current = await db.papers.bulkGet(removed.papers.map((record) => record.id));
    const papers = removed.papers.map((record, i) => {
      const now = current[i];
      return now ? mergeRecords(record, now) : record;
    });
    const keys = removed.sightings.map((row) => [row.paperId, row.page] as [PaperId, string]);
    const existing = await db.sightings.bulkGet(keys);
    const sightings = removed.sightings.filter((row, i) => !existing[i] || existing[i]!.firstAt > row.firstAt);
    if (papers.length) {
      await db.papers.bulkPut(papers);
      await bumpEpoch(db);
    }
    if (sightings.length) await db.sightings.bulkPut(sightings);
    await noteChanges(db, [...papers.map((r) => r.id), ...sightings.map((r) => r.paperId)], now);
    return { papers: papers.length, sightings: removed.sightings.length };
  });
}

/** What the library holds, by table (each an index count: no table is read). */
export interface StorageCounts {
  papers: number;
  sightings: number;
  highlights: number;
  snapshots: number;
}

export async function storageCounts(db: LecternDB): Promise<StorageCounts> {
  const [papers, sightings, highlights, snapshots] = await Promise.all([
    db.papers.count(),
    db.sightings.count(),
    db.highlights.count(),
    db.snapshots.count(),
  ]);
  return { papers, sightings, highlights, snapshots };
}
