/** Bulk tag edits: one transaction over many records, each change stamped and noted for the search index. */
import type { PaperId, PaperRecord } from '../model';
import { withTagEdits } from './changes';
import { noteChanges, type LecternDB } from './schema';

/** Adds `add` and removes `remove` on every record (by record id); answers the records that changed. */
export async function editTagsOf(
  db: LecternDB,
  ids: readonly PaperId[],
  edit: { add?: readonly string[]; remove?: readonly string[] },
  now: number,
): Promise<PaperRecord[]> {
  return db.transaction('rw', [db.papers, db.changes], async () => {
    const found = await db.papers.bulkGet([...new Set(ids)]);
    const changed: PaperRecord[] = [];
    for (const record of found) {
      if (!record) continue;
      const next = withTagEdits(record, edit, now);
      if (next) changed.push(next);
    }
    if (changed.length) {
      await db.papers.bulkPut(changed);
      await noteChanges(db, changed.map((record) => record.id), now);
    }
    return changed;
  });
}
