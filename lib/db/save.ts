/**
 * Saving papers the user chose, whether or not the library holds them yet: an entry of a page that
 * automatic recording left out (recording off, paused, a private window), or a link's paper ("Save to
 * Lectern" on a link). Unlike `recordBatch` it writes no visit: it records a choice, not a page view.
 */
import { bestId, normalizeUrl } from '../ids';
import type { EntryState } from '../messaging/protocol';
import type { DetectedPaper, PaperId, PaperRecord, PaperStatus } from '../model';
import { improveMetadata, newPaperRecord, withStatus } from './papers';
import { noteChanges, type LecternDB } from './schema';

export interface SaveEntriesInput {
  entries: readonly DetectedPaper[];
  status: PaperStatus;
  now: number;
  /** The page the entries were on: a new record's first sighting (none for a link saved from a menu). */
  page?: string;
  /**
   * Only records whose status is one of these change (e.g. `['seen', 'dismissed']`: saving a paper never
   * moves one being read or read back to "to read"). New records always get `status`.
   */
  from?: readonly PaperStatus[];
}

export interface SaveEntriesResult {
  /** One per entry, in input order. */
  states: EntryState[];
  /** Records created or changed, as written. */
  records: PaperRecord[];
}

/**
 * Records each entry the library does not hold (by any of its ids) with `status`, and sets `status` on
 * those it holds (their metadata improved by what the entry shows). Entries of one paper become one record.
 * One transaction.
 */
export async function saveEntries(db: LecternDB, input: SaveEntriesInput): Promise<SaveEntriesResult> {
  const { entries, status, now, from } = input;
  const page = input.page !== undefined ? (normalizeUrl(input.page) ?? undefined) : undefined;
  return db.transaction('rw', [db.papers, db.changes], async () => {
    const aliasesOf = (entry: DetectedPaper) => [...new Set([entry.id, ...entry.aliases])];
    const allAliases = [...new Set(entries.flatMap(aliasesOf))];
    const byAlias = new Map<PaperId, PaperRecord>();
    for (const record of await db.papers.where('aliases').anyOf(allAliases).toArray()) {
      for (const alias of record.aliases) byAlias.set(alias, record);
    }
    const written = new Map<PaperId, PaperRecord>();
    const states: EntryState[] = [];
    for (const entry of entries) {
      const aliases = aliasesOf(entry);
      const known = aliases.map((alias) => byAlias.get(alias)).find((r) => r !== undefined);
      let record: PaperRecord;
      let created = false;
      if (known) {
        record = written.get(known.id) ?? known;
        const improved = improveMetadata(record, entry);
        if (improved) record = improved;
        const moved = from === undefined || from.includes(record.status) ? withStatus(record, status, now) : null;
        if (moved) record = moved;
        if (improved || moved) written.set(record.id, record);
      } else {
        const id = bestId(aliases) ?? entry.id;
        record = withStatus(newPaperRecord(id, entry, now, page), status, now) ?? newPaperRecord(id, entry, now, page);
        created = true;
        written.set(record.id, record);
      }
      for (const alias of record.aliases) byAlias.set(alias, record);
      states.push({ recordId: record.id, status: record.status, created, newSinceVisit: false });
    }
    const records = [...written.values()];
    if (records.length) await db.papers.bulkPut(records);
    await noteChanges(db, records.map((r) => r.id), now);
    return { states, records };
  });
}
