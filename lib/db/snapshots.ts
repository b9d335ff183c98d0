/**
 * Readable copies of papers' pages (`snapshots` table): one per paper, keyed by the paper's record id.
 * The HTML arrives sanitised from the page that captured it (`lib/snapshot/capture.ts`) and is sanitised
 * again when the reader renders it.
 */
import type { PaperId, SnapshotRecord } from '../model';
import { MAX_SNAPSHOT_CHARS } from '../snapshot/limits';
import { noteChanges, type LecternDB } from './schema';

export { MAX_SNAPSHOT_CHARS };

export class SnapshotTooLarge extends Error {
  override name = 'SnapshotTooLarge';
}

export class UnknownPaper extends Error {
  override name = 'UnknownPaper';
}

/** What a capture hands over; the writer adds the paper's record id and the time. */
export interface NewSnapshot {
  url: string;
  title: string;
  byline?: string;
  content: string;
  text: string;
  droppedImages?: number;
}

function megabytes(chars: number): string {
  return (chars / 1_000_000).toFixed(1);
}

/**
 * Stores (or replaces) the snapshot of the paper known by `paperId` (record id or alias), under its record
 * id. Refuses a snapshot over `MAX_SNAPSHOT_CHARS` and a paper the library does not know. Answers the row.
 */
export async function putSnapshot(db: LecternDB, paperId: PaperId, snapshot: NewSnapshot, now: number): Promise<SnapshotRecord> {
  const size = snapshot.content.length + snapshot.text.length;
  if (size > MAX_SNAPSHOT_CHARS) {
    throw new SnapshotTooLarge(
      `This page is too large to keep a readable copy of (${megabytes(size)} MB; at most ${megabytes(MAX_SNAPSHOT_CHARS)} MB)`,
    );
  }
  return db.transaction('rw', [db.papers, db.snapshots, db.changes], async () => {
    const paper = (await db.papers.get(paperId)) ?? (await db.papers.where('aliases').equals(paperId).first());
    if (!paper) throw new UnknownPaper(`Unknown paper: ${paperId}`);
    const row: SnapshotRecord = {
      paperId: paper.id,
      url: snapshot.url,
      title: snapshot.title,
      ...(snapshot.byline ? { byline: snapshot.byline } : {}),
      content: snapshot.content,
      text: snapshot.text,
      savedAt: now,
      ...(snapshot.droppedImages ? { droppedImages: snapshot.droppedImages } : {}),
    };
    await db.snapshots.put(row);
    // The copy's text is part of what can be searched for the paper.
    await noteChanges(db, [paper.id], now);
    return row;
  });
}

/** The snapshot of the paper known by `paperId` (record id or alias), if any. */
export async function getSnapshot(db: LecternDB, paperId: PaperId): Promise<SnapshotRecord | undefined> {
  const direct = await db.snapshots.get(paperId);
  if (direct) return direct;
  const paper = await db.papers.where('aliases').equals(paperId).first();
  return paper ? db.snapshots.get(paper.id) : undefined;
}

/** Whether the paper (by record id) has a snapshot; reads the key only. */
export async function hasSnapshot(db: LecternDB, recordId: PaperId): Promise<boolean> {
  return (await db.snapshots.where('paperId').equals(recordId).count()) > 0;
}

/** Deletes the snapshot of a paper (record id); answers whether there was one. */
export async function deleteSnapshot(db: LecternDB, recordId: PaperId, now: number): Promise<boolean> {
  return db.transaction('rw', [db.snapshots, db.changes], async () => {
    const existed = (await db.snapshots.where('paperId').equals(recordId).count()) > 0;
    if (!existed) return false;
    await db.snapshots.delete(recordId);
    await noteChanges(db, [recordId], now);
    return true;
  });
}
