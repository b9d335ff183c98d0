/**
 * Recording what a page shows: one batch of detected entries becomes library records, sightings and a visit,
 * in one read-write transaction.
 *
 * Cost model (see the performance notes: a 2,000-row write of records with abstracts costs ~0.5 s):
 * - an unchanged revisit (same entries as the page's previous visit, nothing merged or deleted since)
 *   reads the previous visit, the epoch and the keys of the status index, and writes at most one visit row;
 * - a page never visited: one `papers.where('aliases').anyOf(…)` over the entries' aliases (absent keys
 *   are cheap: ~45 ms for 4,000 in Chromium);
 * - any other revisit: one `bulkGet` of the entries' ids (mostly record ids, so it finds almost everything)
 *   and an `anyOf` for the aliases no record found so far explains. Looking every alias up through the index
 *   instead reads each record once per matching alias through a cursor: measured in Chromium on a
 *   20,000-paper library with 2,000 entries of 2 aliases, ~340 ms against ~150 ms for the `bulkGet`;
 * - writes: only records that changed (one `bulkPut`), sightings only for (paper, page) pairs never met
 *   before and not the paper's first sighting (one `bulkPut`), and one visit row. A first visit writes the
 *   papers and the visit; an unchanged revisit writes no paper row and no sighting.
 */
import Dexie from 'dexie';
import { bestId, idsFromUrl, normalizeUrl } from '../ids';
import type { EntryState } from '../messaging/protocol';
import { STATUSES, type DetectedPaper, type PaperId, type PaperRecord, type PaperStatus } from '../model';
import { improveMetadata, mergeRecords, newPaperRecord } from './papers';
import { AliasSets } from './alias-sets';
import { moveAttachments } from './attachments';
import { notPaperIds } from './library-edits';
import { bumpEpoch, currentEpoch, noteChanges, type LecternDB, type SightingRow, type VisitRow } from './schema';

/**
 * `lastSeenAt` is refreshed at most once per this interval (6 h). It is an indexed field on rows that carry
 * long text: refreshing it on every visit would rewrite every record of a listing page each time it is
 * opened or reloaded (~0.5 s of IndexedDB writes for 2,000 entries), while the "seen recently" ordering it
 * serves needs no finer grain. The exact time of each visit is kept in `visits`.
 */
export const LAST_SEEN_RESOLUTION_MS = 6 * 60 * 60 * 1000;

/**
 * A visit whose record ids are exactly those of the page's previous visit, less than this long after it
 * (10 min), is not stored again: reloads would otherwise add one identical row each. The decision depends
 * only on the stored visit and `now`, so it is deterministic.
 */
export const VISIT_REPEAT_WINDOW_MS = 10 * 60 * 1000;

/**
 * One page load's visit, as `recordBatch` answers it, so that entries the page adds later (infinite
 * scroll, "load more") can join the same visit (`RecordBatchInput.visit`).
 */
export interface VisitContext {
  /** The visit row the page load wrote; absent when its entries repeated the previous visit (not stored). */
  id?: number;
  /** When the page's previous visit was: what "new since your last visit" compares with. Absent on a first visit. */
  previousAt?: number;
}

export interface RecordBatchInput {
  /** The page the entries were detected on (normalised here). */
  url: string;
  entries: DetectedPaper[];
  now: number;
  /**
   * Continue a page load's visit with entries added to the page since: `newSinceVisit` compares with the
   * same previous visit as the page load's first batch, and the ids join that page load's visit row instead
   * of making a visit of their own.
   */
  visit?: VisitContext;
}

export interface RecordBatchResult {
  /** One per entry, in input order. */
  states: EntryState[];
  /** Paper rows written: created or updated records plus records removed by merges. */
  wrotePapers: number;
  /** The page load's visit, to continue with a later batch of the same page load. */
  visit: VisitContext;
}

function visitContext(id: number | undefined, previous: VisitRow | undefined): VisitContext {
  const visit: VisitContext = {};
  if (id !== undefined) visit.id = id;
  if (previous !== undefined) visit.previousAt = previous.at;
  return visit;
}

/**
 * Visits kept per page. Only the previous visit answers "new since your last visit"; a few more are history.
 * Without a bound, a listing opened every day would add a row of its ids (~50 KB for 2,000 entries) forever.
 */
export const VISITS_KEPT_PER_PAGE = 20;

/** Stores a visit and drops the page's visits beyond the newest `VISITS_KEPT_PER_PAGE`. */
async function addVisit(db: LecternDB, row: Omit<VisitRow, 'id'>): Promise<number> {
  const id = await db.visits.add(row);
  const older = await db.visits
    .where('[page+at]')
    .between([row.page, Dexie.minKey], [row.page, Dexie.maxKey])
    .reverse()
    .offset(VISITS_KEPT_PER_PAGE)
    .primaryKeys();
  if (older.length) await db.visits.bulkDelete(older);
  return id;
}

/** The visit of a normalised page at `at`, if any. */
export function visitAt(db: LecternDB, page: string, at: number | undefined): Promise<VisitRow | undefined> {
  return at === undefined ? Promise.resolve(undefined) : db.visits.where('[page+at]').equals([page, at]).first();
}

/**
 * Adds `visitIds` to a page load's visit (see `RecordBatchInput.visit`): to its row, or, when its first batch
 * repeated the previous visit and stored none, to a new row holding the previous visit's ids and these.
 */
async function continueVisit(
  db: LecternDB,
  page: string,
  now: number,
  visit: VisitContext,
  previous: VisitRow | undefined,
  visitIds: readonly PaperId[],
  epoch: number,
  staleAfter: number,
): Promise<VisitContext> {
  const row = visit.id !== undefined ? await db.visits.get(visit.id) : undefined;
  if (row && row.page === page) {
    const ids = [...new Set([...row.ids, ...visitIds])];
    if (ids.length !== row.ids.length) {
      // The digest described the first batch only: an extended visit is never an unchanged revisit.
      await db.visits.put({ ...row, ids, digest: undefined, epoch, staleAfter: Math.min(row.staleAfter ?? staleAfter, staleAfter) });
    }
    return visit;
  }
  const base = visit.id === undefined ? (previous?.ids ?? []) : [];
  const id = await addVisit(db, { page, at: now, ids: [...new Set([...base, ...visitIds])], epoch, staleAfter });
  return visitContext(id, previous);
}


/** One paper of the batch: the entries that show it and the stored records it proves to be one. */
interface Group {
  entries: number[];
  records: PaperRecord[];
}

function aliasesOf(entry: DetectedPaper): PaperId[] {
  return [...new Set([entry.id, ...entry.aliases])];
}


/** Older record first (smaller firstSeenAt); on a tie, the better ranked id. */
function olderFirst(a: PaperRecord, b: PaperRecord): number {
  if (a.firstSeenAt !== b.firstSeenAt) return a.firstSeenAt - b.firstSeenAt;
  if (a.id === b.id) return 0;
  return bestId([a.id, b.id]) === a.id ? -1 : 1;
}

const sightingKey = (paperId: PaperId, page: string): string => JSON.stringify([paperId, page]);

function sameIds(a: readonly PaperId[], b: readonly PaperId[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The latest visit of a normalised page, if any. */
export function lastVisit(db: LecternDB, page: string): Promise<VisitRow | undefined> {
  return db.visits.where('[page+at]').between([page, Dexie.minKey], [page, Dexie.maxKey]).last();
}

/** Two independent 32-bit FNV-1a hashes of a string, as 16 hex digits: a digest, not a security measure. */
function digestOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The aliases worth looking up for an entry: a `url:` alias that is an address of one of the entry's other
 * ids (`url:https://arxiv.org/abs/X` beside `arxiv:X`) adds nothing, since every reader derives that id from
 * that address too.
 */
function lookupAliases(aliases: readonly PaperId[]): PaperId[] {
  const ids = new Set(aliases);
  return aliases.filter((alias) => {
    if (!alias.startsWith('url:')) return true;
    return !idsFromUrl(alias.slice('url:'.length)).ids.some((id) => id !== alias && ids.has(id));
  });
}

/**
 * The states of an unchanged revisit, read from the previous visit without reading the records, or
 * `undefined` when the short cut does not apply. It applies when the page shows exactly the entries it
 * showed at the previous visit (same digest, one record each), no record was merged or deleted since (same
 * epoch) and none is due a `lastSeenAt` refresh: then recording could change no record, and only the
 * statuses are needed, read as keys of the status index (a few requests, whatever the page size).
 */
async function unchangedRevisit(
  db: LecternDB,
  previous: VisitRow | undefined,
  digest: string,
  entryCount: number,
  epoch: number,
  now: number,
): Promise<EntryState[] | undefined> {
  if (
    !previous ||
    previous.digest !== digest ||
    previous.epoch !== epoch ||
    previous.ids.length !== entryCount ||
    previous.staleAfter === undefined ||
    now < previous.at ||
    now >= previous.staleAfter
  ) {
    return undefined;
  }
  const status = new Map<PaperId, PaperStatus>();
  const kept = STATUSES.filter((s) => s !== 'seen');
  const keys = await Promise.all(kept.map((s) => db.papers.where('status').equals(s).primaryKeys()));
  kept.forEach((s, i) => {
    for (const id of keys[i]!) status.set(id, s);
  });
  return previous.ids.map((recordId) => ({
    recordId,
    status: status.get(recordId) ?? 'seen',
    created: false,
    newSinceVisit: false,
  }));
}

/**
 * Records the entries detected on a page and answers each entry's state, and the page load's visit.
 *
 * - Entries are matched to stored records by any alias. Entries that share an alias are one paper; an
 *   entry whose aliases hit several records proves them one paper, and they are merged here (the older
 *   record stays, see `mergeRecords`; the other's sightings move to it and it is deleted).
 * - A new paper gets the best ranked id among all its aliases as its permanent record id, status `seen`,
 *   and this page as its first sighting (`firstSeenOn`).
 * - A known paper keeps its user fields; its metadata only improves (`improveMetadata`) and its
 *   `lastSeenAt` moves at most once per `LAST_SEEN_RESOLUTION_MS`. It is written only when it changed.
 * - `newSinceVisit` compares with the previous visit of the page (false when there is none).
 * - An unchanged revisit reads no record at all (`unchangedRevisit`).
 */
export async function recordBatch(db: LecternDB, input: RecordBatchInput): Promise<RecordBatchResult> {
  const { entries, now } = input;
  const page = normalizeUrl(input.url);
  if (page === null) throw new Error(`Not an http(s) page URL: ${input.url.slice(0, 200)}`);
  const entryAliases = entries.map(aliasesOf);
  const digest = digestOf(JSON.stringify(entries));

  return db.transaction('rw', [db.papers, db.sightings, db.visits, db.meta, db.changes, db.highlights, db.snapshots], async () => {
    const [previous, epochAtStart] = await Promise.all([
      input.visit ? visitAt(db, page, input.visit.previousAt) : lastVisit(db, page),
      currentEpoch(db),
    ]);
    const quick = input.visit ? undefined : await unchangedRevisit(db, previous, digest, entries.length, epochAtStart, now);
    if (quick) {
      let id: number | undefined;
      if (now - previous!.at >= VISIT_REPEAT_WINDOW_MS) {
        const { id: _previousKey, ...visit } = previous!;
        id = await addVisit(db, { ...visit, at: now });
      }
      return { states: quick, wrotePapers: 0, visit: visitContext(id, previous) };
    }

    const stored = new Map<PaperId, PaperRecord>();
    if (previous) {
      // A revisit: the entries' ids are mostly record ids, so one bulkGet finds almost everything, and only
      // aliases not explained by a record found so far need the aliases index (an alias belongs to at most
      // one record: records sharing one are merged as soon as that is known).
      const explained = new Set<PaperId>();
      for (const record of await db.papers.bulkGet([...new Set(entries.map((e) => e.id))])) {
        if (!record) continue;
        stored.set(record.id, record);
        explained.add(record.id);
        for (const alias of record.aliases) explained.add(alias);
      }
      const unexplained = [...new Set(entryAliases.flatMap(lookupAliases))].filter((a) => !explained.has(a));
      if (unexplained.length) {
        for (const record of await db.papers.where('aliases').anyOf(unexplained).toArray()) stored.set(record.id, record);
      }
    } else {
      // A page never visited: its papers are mostly new, so one query of the aliases index answers all.
      const aliases = [...new Set(entryAliases.flatMap(lookupAliases))];
      for (const record of await db.papers.where('aliases').anyOf(aliases).toArray()) stored.set(record.id, record);
    }

    // Group entries and stored records into papers.
    const sets = new AliasSets();
    for (const aliases of entryAliases) for (const alias of aliases) sets.union(aliases[0]!, alias);
    for (const record of stored.values()) {
      for (const alias of record.aliases) sets.union(record.id, alias);
    }
    const groups = new Map<string, Group>();
    entryAliases.forEach((aliases, i) => {
      const root = sets.find(aliases[0]!);
      let group = groups.get(root);
      if (!group) groups.set(root, (group = { entries: [], records: [] }));
      group.entries.push(i);
    });
    for (const record of stored.values()) groups.get(sets.find(record.id))?.records.push(record);
    // Papers the user called "not a paper" are never created again (one meta read when there are none).
    const notPapers = await notPaperIds(
      db,
      [...groups.values()].filter((g) => g.records.length === 0).flatMap((g) => g.entries.flatMap((i) => entryAliases[i]!)),
    );

    const previousIds = new Set(previous?.ids ?? []);
    const toPut: PaperRecord[] = [];
    /** Records whose searchable content changed (not a mere `lastSeenAt` refresh), for the change feed. */
    const searchChanged: PaperId[] = [];
    const removed: PaperRecord[] = [];
    const merged: { from: PaperRecord; to: PaperId }[] = [];
    /** Known records that may need a sighting of this page. */
    const pageSightings: PaperId[] = [];
    const states: EntryState[] = new Array(entries.length);
    const visitIds: PaperId[] = [];
    const inVisit = new Set<PaperId>();
    let staleAfter = Infinity;

    for (const group of groups.values()) {
      const created = group.records.length === 0;
      if (created && notPapers.size && group.entries.some((i) => entryAliases[i]!.some((a) => notPapers.has(a)))) {
        for (const i of group.entries) {
          states[i] = { recordId: entries[i]!.id, status: 'dismissed', created: false, newSinceVisit: false, notPaper: true };
        }
        continue;
      }
      let record: PaperRecord;
      let changed = created;
      let contentChanged = created;
      if (created) {
        const first = group.entries[0]!;
        const id = bestId(group.entries.flatMap((i) => entryAliases[i]!)) ?? entries[first]!.id;
        record = newPaperRecord(id, entries[first]!, now, page);
      } else {
        const [oldest, ...others] = group.records.sort(olderFirst);
        record = oldest!;
        for (const other of others) {
          record = mergeRecords(record, other);
          merged.push({ from: other, to: record.id });
          removed.push(other);
          changed = true;
          contentChanged = true;
        }
      }
      for (const i of group.entries) {
        const improved = improveMetadata(record, entries[i]!);
        if (improved) {
          record = improved;
          changed = true;
          contentChanged = true;
        }
      }
      if (now >= record.lastSeenAt + LAST_SEEN_RESOLUTION_MS) {
        record = { ...record, lastSeenAt: now };
        changed = true;
      }
      if (changed) toPut.push(record);
      if (contentChanged) searchChanged.push(record.id);
      staleAfter = Math.min(staleAfter, record.lastSeenAt + LAST_SEEN_RESOLUTION_MS);

      const seenLastTime =
        previousIds.has(record.id) || record.aliases.some((alias) => previousIds.has(alias));
      const newSinceVisit = previous !== undefined && !seenLastTime;
      // A record listed under its own id in the page's previous visit, and older than that visit, has its
      // sighting there already (visits and sightings are written together), so the usual revisit needs no
      // sighting lookup; nor does a record first seen on this page. Any other record is checked: one matched
      // through an alias, one merged now, or one whose id in that visit belonged to a since deleted record.
      const sightedBefore =
        record.firstSeenOn === page ||
        (previous !== undefined && previousIds.has(record.id) && record.firstSeenAt <= previous.at);
      if (!created && (!sightedBefore || group.records.length > 1)) pageSightings.push(record.id);
      for (const i of group.entries) {
        states[i] = { recordId: record.id, status: record.status, created, newSinceVisit };
      }
    }

    // Visit ids in page order.
    for (const state of states) {
      if (!state.notPaper && !inVisit.has(state.recordId)) {
        inVisit.add(state.recordId);
        visitIds.push(state.recordId);
      }
    }

    await writeSightings(db, page, now, pageSightings, merged, new Map(toPut.map((r) => [r.id, r])));
    if (removed.length) {
      await db.papers.bulkDelete(removed.map((r) => r.id));
      // Highlights and the snapshot of a merged-away record belong to the paper: they follow it.
      await moveAttachments(db, new Map(merged.map((m) => [m.from.id, m.to])));
      await bumpEpoch(db);
    }
    if (toPut.length) await db.papers.bulkPut(toPut);
    // A record seen on another page may show a new site in the library: the search index re-reads it too.
    await noteChanges(db, [...searchChanged, ...pageSightings, ...removed.map((r) => r.id)], now);

    const epoch = removed.length ? await currentEpoch(db) : epochAtStart;
    if (input.visit) {
      const visit = await continueVisit(db, page, now, input.visit, previous, visitIds, epoch, staleAfter);
      return { states, wrotePapers: toPut.length + removed.length, visit };
    }
    const repeat =
      previous !== undefined &&
      now >= previous.at &&
      now - previous.at < VISIT_REPEAT_WINDOW_MS &&
      previous.digest === digest &&
      previous.epoch === epoch &&
      sameIds(previous.ids, visitIds);
    let visitId: number | undefined;
    if (!repeat) {
      visitId = await addVisit(db, { page, at: now, ids: visitIds, digest, epoch, staleAfter });
    }

    return { states, wrotePapers: toPut.length + removed.length, visit: visitContext(visitId, previous) };
  });
}

/**
 * Adds the sightings of this page that do not exist yet, and moves the sightings of merged-away records
 * (their first sighting and their rows) to the record they were merged into, keeping the earliest `firstAt`
 * per page. A page that is the kept record's own first sighting needs no row.
 */
async function writeSightings(
  db: LecternDB,
  page: string,
  now: number,
  pageSightings: readonly PaperId[],
  merged: readonly { from: PaperRecord; to: PaperId }[],
  records: ReadonlyMap<PaperId, PaperRecord>,
): Promise<void> {
  const wanted = new Map<string, SightingRow>();
  const deleteKeys: [PaperId, string][] = [];
  const want = (row: SightingRow) => {
    if (records.get(row.paperId)?.firstSeenOn === row.page) return;
    const key = sightingKey(row.paperId, row.page);
    const current = wanted.get(key);
    if (!current || row.firstAt < current.firstAt) wanted.set(key, row);
  };

  if (merged.length) {
    const target = new Map(merged.map((m) => [m.from.id, m.to]));
    for (const { from, to } of merged) {
      if (from.firstSeenOn) want({ paperId: to, page: from.firstSeenOn, firstAt: from.firstSeenAt });
    }
    for (const row of await db.sightings.where('paperId').anyOf([...target.keys()]).toArray()) {
      deleteKeys.push([row.paperId, row.page]);
      want({ paperId: target.get(row.paperId)!, page: row.page, firstAt: row.firstAt });
    }
  }
  for (const id of pageSightings) want({ paperId: id, page, firstAt: now });
  if (!wanted.size && !deleteKeys.length) return;

  const lookup = [...wanted.entries()];
  const existing = await db.sightings.bulkGet(lookup.map(([, row]) => [row.paperId, row.page] as [PaperId, string]));
  const toPut: SightingRow[] = [];
  lookup.forEach(([, row], i) => {
    const have = existing[i];
    if (!have || have.firstAt > row.firstAt) toPut.push(row);
  });

  if (deleteKeys.length) await db.sightings.bulkDelete(deleteKeys);
  if (toPut.length) await db.sightings.bulkPut(toPut);
}
