/**
 * Writing what another device synced (`lib/sync/pack.ts` entries) into the library. Each entry is turned
 * into a copy of the local record carrying the entry's status, note and tags with their change times, and
 * merged with the local record by the backup merge (`mergeCopies`): per field the later change wins, tags
 * merge per tag with tombstones. So sync and backups obey one rule, and applying the same entries twice
 * changes nothing the second time.
 *
 * A paper this library does not have is created (with the entry's shortened title) unless it was deleted
 * here after the entry's last change.
 */
import type { PaperRecord } from '../model';
import { mergeCopies, paperJson } from '../backup/merge';
import { entryChangedAt, type SyncEntry } from '../sync/pack';
import { newPaperRecord } from './papers';
import { noteChanges, type LecternDB } from './schema';

export interface ApplySummary {
  /** Papers created. */
  added: number;
  /** Papers whose status, note or tags changed. */
  updated: number;
  /** Entries that changed nothing. */
  unchanged: number;
  /** Entries of papers deleted here after their last change. */
  skipped: number;
}

/** The record as the entry would have it: `base` with the entry's user fields and change times. */
export function copyWithEntry(base: PaperRecord, entry: SyncEntry): PaperRecord {
  const copy: PaperRecord = {
    ...base,
    status: entry.status,
    note: entry.note,
    tags: [...entry.tags],
    changedAt: { ...entry.changedAt },
    updatedAt: Math.max(base.updatedAt, entryChangedAt(entry)),
  };
  delete copy.tagChanges;
  if (entry.tagChanges.length) copy.tagChanges = entry.tagChanges.map((change) => ({ ...change }));
  return copy;
}

/** `local` merged with the entry (see the module comment), with the status dates a status change sets. */
export function mergeEntry(local: PaperRecord, entry: SyncEntry): PaperRecord {
  const merged = mergeCopies(local, copyWithEntry(local, entry));
  if (merged.status !== local.status) {
    const at = merged.changedAt?.status ?? merged.updatedAt;
    const status = merged.status;
    if (status === 'unread' || status === 'reading' || status === 'read') merged.savedAt ??= at;
    if (status === 'reading') merged.startedAt ??= at;
    if (status === 'read') merged.readAt = Math.max(merged.readAt ?? 0, at);
  }
  return merged;
}

/** Merges synced entries into the library, in one transaction. */
export async function applySyncEntries(db: LecternDB, entries: readonly SyncEntry[], now: number): Promise<ApplySummary> {
  const summary: ApplySummary = { added: 0, updated: 0, unchanged: 0, skipped: 0 };
  if (!entries.length) return summary;
  return db.transaction('rw', [db.papers, db.tombstones, db.changes], async () => {
    const written: string[] = [];
    for (const entry of entries) {
      const ids = [entry.id, ...entry.aliases];
      const local = (await db.papers.get(entry.id)) ?? (await db.papers.where('aliases').anyOf(ids).first());
      if (local) {
        const merged = mergeEntry(local, entry);
        if (paperJson(merged) === paperJson(local)) {
          summary.unchanged++;
          continue;
        }
        await db.papers.put(merged);
        written.push(merged.id);
        summary.updated++;
        continue;
      }
      const deletions = await db.tombstones.where('aliases').anyOf(ids).toArray();
      if (deletions.some((deletion) => deletion.deletedAt >= entryChangedAt(entry))) {
        summary.skipped++;
        continue;
      }
      const fresh = newPaperRecord(entry.id, { id: entry.id, aliases: ids, title: entry.title, authors: [], links: {} }, now);
      fresh.aliases = [...new Set(ids)];
      fresh.updatedAt = 0;
      const created = mergeEntry(fresh, entry);
      await db.papers.put(created);
      written.push(created.id);
      summary.added++;
    }
    await noteChanges(db, written, now);
    return summary;
  });
}
