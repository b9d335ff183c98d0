/**
 * What hangs off a paper besides its record and sightings: its highlights and its snapshot. They follow the
 * paper when it is merged into another record, go with it when it is deleted, and merge row by row when a
 * backup joins the library. Call inside a transaction that includes `db.highlights` and `db.snapshots`.
 */
import { canonicalHighlight, canonicalSnapshot } from '../backup/format';
import type { HighlightRecord, PaperId, SnapshotRecord } from '../model';
import type { LecternDB } from './schema';

/** The later of two copies of a highlight (by `updatedAt`; on a tie, a fixed order of their JSON). */
export function laterHighlight(a: HighlightRecord, b: HighlightRecord): HighlightRecord {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return JSON.stringify(canonicalHighlight(a)) >= JSON.stringify(canonicalHighlight(b)) ? a : b;
}

/** The later of two snapshots of a paper (by `savedAt`; on a tie, a fixed order of their JSON). */
export function laterSnapshot(a: SnapshotRecord, b: SnapshotRecord): SnapshotRecord {
  if (a.savedAt !== b.savedAt) return a.savedAt > b.savedAt ? a : b;
  return JSON.stringify(canonicalSnapshot(a)) >= JSON.stringify(canonicalSnapshot(b)) ? a : b;
}

/**
 * Re-homes the highlights and snapshot of records merged away (`moves`: old record id → kept record id).
 * A kept record that has a snapshot of its own keeps the later of the two.
 */
export async function moveAttachments(db: LecternDB, moves: ReadonlyMap<PaperId, PaperId>): Promise<void> {
  if (!moves.size) return;
  const from = [...moves.keys()];
  const highlights = await db.highlights.where('paperId').anyOf(from).toArray();
  if (highlights.length) await db.highlights.bulkPut(highlights.map((h) => ({ ...h, paperId: moves.get(h.paperId!)! })));
  const snapshots = (await db.snapshots.bulkGet(from)).filter((s): s is SnapshotRecord => s !== undefined);
  if (!snapshots.length) return;
  await db.snapshots.bulkDelete(snapshots.map((s) => s.paperId));
  const byTarget = new Map<PaperId, SnapshotRecord>();
  for (const snapshot of snapshots) {
    const to = moves.get(snapshot.paperId)!;
    const moved = { ...snapshot, paperId: to };
    const other = byTarget.get(to);
    byTarget.set(to, other ? laterSnapshot(other, moved) : moved);
  }
  const targets = [...byTarget.keys()];
  const existing = await db.snapshots.bulkGet(targets);
  const toPut = targets.flatMap((to, i) => {
    const incoming = byTarget.get(to)!;
    const have = existing[i];
    const winner = have ? laterSnapshot(have, incoming) : incoming;
    return winner === have ? [] : [winner];
  });
  if (toPut.length) await db.snapshots.bulkPut(toPut);
}

/** Deletes the highlights and snapshots of deleted records; answers the highlights removed. */
export async function dropAttachments(db: LecternDB, ids: readonly PaperId[]): Promise<HighlightRecord[]> {
  if (!ids.length) return [];
  const highlights = await db.highlights.where('paperId').anyOf(ids).toArray();
  if (highlights.length) await db.highlights.bulkDelete(highlights.map((h) => h.id));
  await db.snapshots.bulkDelete([...ids]);
  return highlights;
}

/** Joins highlights to the library's, the later copy of each id winning; answers how many rows were written. */
export async function mergeHighlights(db: LecternDB, rows: readonly HighlightRecord[]): Promise<number> {
  if (!rows.length) return 0;
  const existing = await db.highlights.bulkGet(rows.map((h) => h.id));
  const toPut = rows.filter((row, i) => {
    const have = existing[i];
    return !have || laterHighlight(have, row) !== have;
  });
  if (toPut.length) await db.highlights.bulkPut(toPut);
  return toPut.length;
}

/** Joins snapshots to the library's, the later copy of each paper's winning; answers how many were written. */
export async function mergeSnapshots(db: LecternDB, rows: readonly SnapshotRecord[]): Promise<number> {
  if (!rows.length) return 0;
  const existing = await db.snapshots.bulkGet(rows.map((s) => s.paperId));
  const toPut = rows.filter((row, i) => {
    const have = existing[i];
    return !have || laterSnapshot(have, row) !== have;
  });
  if (toPut.length) await db.snapshots.bulkPut(toPut);
  return toPut.length;
}
