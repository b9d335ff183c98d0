/**
 * Undo of bulk actions (pure): what to send to put things back, and the toast's words.
 */
import type { PaperId, PaperStatus } from '../model';
import { STATUS_LABELS } from '../status';

/**
 * Groups records by the status they had before a bulk change, leaving out those already at `newStatus`
 * (they did not change): one `library.setStatus` per group restores every record's own previous status.
 */
export function statusUndoGroups(
  before: readonly { id: PaperId; status: PaperStatus }[],
  newStatus: PaperStatus,
): { status: PaperStatus; ids: PaperId[] }[] {
  const groups = new Map<PaperStatus, PaperId[]>();
  for (const record of before) {
    if (record.status === newStatus) continue;
    const ids = groups.get(record.status) ?? [];
    ids.push(record.id);
    groups.set(record.status, ids);
  }
  return [...groups].map(([status, ids]) => ({ status, ids }));
}

export function papersWord(count: number): string {
  return `${String(count)} ${count === 1 ? 'paper' : 'papers'}`;
}

const STATUS_DONE: Record<PaperStatus, string> = {
  seen: 'moved back to Seen',
  unread: 'saved to read',
  reading: 'marked reading',
  read: 'marked read',
  dismissed: 'dismissed',
};

/** "3 papers marked read" — the toast text of a bulk status change. */
export function statusMessage(count: number, status: PaperStatus): string {
  return `${papersWord(count)} ${STATUS_DONE[status] ?? `set to ${STATUS_LABELS[status]}`}`;
}
