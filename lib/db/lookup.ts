/**
 * Read-only: what the library knows of a page's entries before the page is recorded (`page.lookup`), so the
 * page can show each entry's state at once and record afterwards.
 *
 * It reads no record. The record id behind each alias comes from the `aliases` index without values: for
 * a few aliases (the entries on screen, looked up first) one `getKey` each, all sent at once, which costs
 * about one round trip to the database (a cursor jumping from key to key pays one per key: ~40 ms for 80
 * aliases in Chromium, against ~5 ms); for many, one key cursor over the index (thousands of separate
 * requests cost more than the cursor: ~1.5 s against ~50 ms for 3,300 aliases). Statuses come from the
 * keys of the `status` index for the statuses other than `seen` (few papers leave `seen`, so those key
 * lists stay short), and the page's previous visit gives "new since your last visit". Reading 2,000
 * records with their abstracts costs ~150 ms in Chromium; this path reads none.
 */
import { bestId, normalizeUrl } from '../ids';
import type { LookedUpState } from '../messaging/protocol';
import { STATUSES, type PaperId, type PaperStatus } from '../model';
import { lastVisit, visitAt, type VisitContext } from './record';
import { notPaperIds } from './library-edits';
import type { LecternDB } from './schema';

export interface LookupInput {
  /** The page the entries are on (normalised here). */
  url: string;
  /** Each entry's ids: its own id first, then its aliases. */
  entries: readonly (readonly PaperId[])[];
  /** The page load's visit when these entries were added to an already recorded page (see `recordBatch`). */
  visit?: VisitContext;
}

/** Up to this many aliases are looked up with one request each; more with one cursor. */
const SEPARATE_KEYS_UP_TO = 300;

/** One state per entry, in input order. */
export async function lookupEntries(db: LecternDB, input: LookupInput): Promise<LookedUpState[]> {
  const page = normalizeUrl(input.url);
  if (page === null) throw new Error(`Not an http(s) page URL: ${input.url.slice(0, 200)}`);
  // Nothing to look up: a page asking early so that the database is open when its entries come.
  if (!input.entries.length) {
    await db.open();
    return [];
  }
  const aliases = [...new Set(input.entries.flat())];

  return db.transaction('r', [db.papers, db.visits, db.meta], async (tx) => {
    const recordOf = new Map<PaperId, PaperId>();
    const notSeen = STATUSES.filter((s): s is Exclude<PaperStatus, 'seen'> => s !== 'seen');
    const index = tx.idbtrans.objectStore(db.papers.name).index('aliases');
    const keyOf = (alias: PaperId) =>
      new Promise<void>((resolve, reject) => {
        const request = index.getKey(alias);
        request.onsuccess = () => {
          if (request.result !== undefined) recordOf.set(alias, String(request.result));
          resolve();
        };
        request.onerror = () => reject(request.error);
      });
    const [previous, , statusKeys] = await Promise.all([
      input.visit ? visitAt(db, page, input.visit.previousAt) : lastVisit(db, page),
      aliases.length <= SEPARATE_KEYS_UP_TO
        ? Promise.all(aliases.map(keyOf))
        : db.papers
            .where('aliases')
            .anyOf(aliases)
            .eachKey((alias, cursor) => void recordOf.set(String(alias), String(cursor.primaryKey))),
      Promise.all(notSeen.map((s) => db.papers.where('status').equals(s).primaryKeys())),
    ]);
    const statusOf = new Map<PaperId, PaperStatus>();
    notSeen.forEach((s, i) => {
      for (const id of statusKeys[i]!) statusOf.set(id, s);
    });
    const previousIds = new Set(previous?.ids ?? []);
    // Entries the user called "not a paper" answer as `page.report` will: dismissed, never recorded.
    const notPapers = await notPaperIds(db, aliases.filter((alias) => !recordOf.has(alias)));

    return input.entries.map((ids): LookedUpState => {
      // The first id that names a record decides (an entry's ids belong to one record but after a merge).
      let recordId: PaperId | undefined;
      for (const id of ids) {
        recordId = recordOf.get(id);
        if (recordId !== undefined) break;
      }
      const known = recordId !== undefined;
      // A visit stores record ids; a record merged since is listed under an id that is now its alias.
      const seenLastTime = ids.some((id) => previousIds.has(id)) || (known && previousIds.has(recordId!));
      return {
        recordId: recordId ?? bestId([...ids]) ?? ids[0]!,
        status: known ? (statusOf.get(recordId!) ?? 'seen') : ids.some((id) => notPapers.has(id)) ? 'dismissed' : null,
        newSinceVisit: previous !== undefined && !seenLastTime,
      };
    });
  });
}
