/**
 * The library's own edits of records, beyond their status: notes and tags on many records, merging two
 * records that are one paper, splitting a wrong merge, "not a paper", and the undo of each of these (and of
 * deletions). Each edit is one transaction and answers an `Undo`: the exact rows as they were before, and the
 * version of every record the edit left, so that the undo (`restoreRecords`) can refuse to overwrite a record
 * changed since.
 *
 * "Not a paper" deletes the records (with the usual tombstone, so that backups carry the deletion) and
 * remembers each of their ids as a `meta` row `notPaper:<id>` (its value: when), plus a count under
 * `notPapers`. Recording (`recordBatch`) reads the count, and only when it is not 0 looks up the ids of the
 * papers it is about to create among those rows: a paper the user called "not a paper" is never created again.
 */
import { bestId, idsFromUrl, normalizeUrl } from '../ids';
import type { HighlightRecord, PaperId, PaperLinks, PaperRecord, SnapshotRecord } from '../model';
import { lastChangeOf, withNote, withTagEdits, withTags } from './changes';
import { findByAlias, findManyByAlias, mergeRecords, newPaperRecord } from './papers';
import { bumpEpoch, noteChanges, type LecternDB, type SightingRow, type TombstoneRow } from './schema';

/** `meta` key prefix of an id the user called "not a paper". */
export const NOT_PAPER_PREFIX = 'notPaper:';
/** `meta` key of the number of `notPaper:` rows (0 or absent: recording looks nothing up). */
export const NOT_PAPER_COUNT = 'notPapers';

/** A refused edit (unknown record, changed since, nonsensical request); its message says why. */
export class EditRefused extends Error {
  override name = 'EditRefused';
}

/**
 * A record as it was, for an undo. `sightings`, `highlights` and `snapshot` are absent when the edit did not
 * touch them (they are then left as they are on restore); `snapshot: null` means the record had none.
 */
export interface SavedRecord {
  paper: PaperRecord;
  sightings?: SightingRow[];
  highlights?: HighlightRecord[];
  snapshot?: SnapshotRecord | null;
}

/**
 * What a record is expected to be when an undo runs: `version` as `versionOf` gives it, or `null` when the
 * record must not exist (an undone deletion or merge; a record that now holds one of its ids also refuses).
 */
export interface RecordVersion {
  id: PaperId;
  version: string | null;
}

/** Everything an undo needs (`restoreRecords`). */
export interface Undo {
  records: SavedRecord[];
  expect: RecordVersion[];
}

/**
 * A record's version for undo: its latest user change (`lastChangeOf`, which every user edit moves) and its
 * aliases (which merges by recording change without a user edit).
 */
export function versionOf(record: PaperRecord): string {
  return `${lastChangeOf(record)}:${record.aliases.length}`;
}

const TABLES = (db: LecternDB) => [db.papers, db.sightings, db.highlights, db.snapshots, db.tombstones, db.meta, db.changes];

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Distinct records behind `ids` (record ids or aliases). */
async function recordsBehind(db: LecternDB, ids: readonly PaperId[]): Promise<PaperRecord[]> {
  const byId = new Map<PaperId, PaperRecord>();
  for (const record of (await findManyByAlias(db, unique(ids))).values()) byId.set(record.id, record);
  return [...byId.values()];
}

/** The record known by `id`, or a refusal naming it. */
async function mustFind(db: LecternDB, id: PaperId): Promise<PaperRecord> {
  const record = await findByAlias(db, id);
  if (!record) throw new EditRefused(`Unknown paper: ${id}`);
  return record;
}

/** A record with everything that refers to it, as stored now. */
async function saveFully(db: LecternDB, paper: PaperRecord): Promise<SavedRecord> {
  const [sightings, highlights, snapshot] = await Promise.all([
    db.sightings.where('paperId').equals(paper.id).toArray(),
    db.highlights.where('paperId').equals(paper.id).toArray(),
    db.snapshots.get(paper.id),
  ]);
  return { paper, sightings, highlights, snapshot: snapshot ?? null };
}

/** Answer of a user-field edit: the records as written and how to undo it. */
export interface EditResult {
  changed: PaperRecord[];
  undo: Undo;
}

/** Tags edit of many records: the full list (`set`), or tags to add and/or remove. */
export interface TagEdit {
  set?: readonly string[];
  add?: readonly string[];
  remove?: readonly string[];
}

async function editMany(
  db: LecternDB,
  ids: readonly PaperId[],
  now: number,
  edit: (record: PaperRecord) => PaperRecord | null,
): Promise<EditResult> {
  return db.transaction('rw', [db.papers, db.changes], async () => {
    const before: PaperRecord[] = [];
    const changed: PaperRecord[] = [];
    for (const record of await recordsBehind(db, ids)) {
      const next = edit(record);
      if (!next) continue;
      before.push(record);
      changed.push(next);
    }
    if (changed.length) await db.papers.bulkPut(changed);
    await noteChanges(db, changed.map((r) => r.id), now);
    return {
      changed,
      undo: { records: before.map((paper) => ({ paper })), expect: changed.map((r) => ({ id: r.id, version: versionOf(r) })) },
    };
  });
}

/** Sets, adds or removes tags of the papers behind `ids` (record ids or aliases), stamping tag change times. */
export function editTags(db: LecternDB, ids: readonly PaperId[], edit: TagEdit, now: number): Promise<EditResult> {
  return editMany(db, ids, now, (record) => {
    let next: PaperRecord | null = record;
    if (edit.set) next = withTags(next, edit.set, now) ?? next;
    if (edit.add || edit.remove) {
      const change: { add?: readonly string[]; remove?: readonly string[] } = {};
      if (edit.add) change.add = edit.add;
      if (edit.remove) change.remove = edit.remove;
      next = withTagEdits(next, change, now) ?? next;
    }
    return next === record ? null : next;
  });
}

/** Sets the note of the paper known by `id`. */
export async function setNote(db: LecternDB, id: PaperId, note: string, now: number): Promise<EditResult> {
  return db.transaction('rw', [db.papers, db.changes], async () => {
    await mustFind(db, id);
    return editMany(db, [id], now, (record) => withNote(record, note, now));
  });
}

/** Older record first (smaller firstSeenAt); on a tie, the better ranked id. */
function olderFirst(a: PaperRecord, b: PaperRecord): number {
  if (a.firstSeenAt !== b.firstSeenAt) return a.firstSeenAt - b.firstSeenAt;
  return bestId([a.id, b.id]) === a.id ? -1 : 1;
}

export interface MergeResult {
  /** The record kept, as written (the older of the two). */
  kept: PaperRecord;
  /** The record merged into it (deleted). */
  absorbed: PaperRecord;
  undo: Undo;
}

/**
 * Merges two records that are one paper: the older stays (whichever was named `keep`), with every alias,
 * sighting and user field of both (`mergeRecords`); the other's highlights move to it, and its snapshot too
 * when the kept record has none.
 */
export async function mergePapers(db: LecternDB, keepId: PaperId, absorbId: PaperId, now: number): Promise<MergeResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const a = await mustFind(db, keepId);
    const b = await mustFind(db, absorbId);
    if (a.id === b.id) throw new EditRefused(`${keepId} and ${absorbId} are already one record`);
    const [older, other] = [a, b].sort(olderFirst) as [PaperRecord, PaperRecord];
    const savedOlder = await saveFully(db, older);
    const savedOther = await saveFully(db, other);
    const kept = mergeRecords(older, other);

    // Sightings: the other's first sighting and rows join the kept record's, earliest time per page.
    const pages = new Map<string, number>();
    for (const row of savedOlder.sightings!) pages.set(row.page, row.firstAt);
    const join = (page: string, at: number) => {
      if (page === kept.firstSeenOn) return;
      const have = pages.get(page);
      if (have === undefined || at < have) pages.set(page, at);
    };
    if (other.firstSeenOn) join(other.firstSeenOn, other.firstSeenAt);
    for (const row of savedOther.sightings!) join(row.page, row.firstAt);
    await db.sightings.where('paperId').anyOf([older.id, other.id]).delete();
    await db.sightings.bulkPut([...pages].map(([page, firstAt]) => ({ paperId: kept.id, page, firstAt })));

    if (savedOther.highlights!.length) {
      await db.highlights.bulkPut(savedOther.highlights!.map((h) => ({ ...h, paperId: kept.id })));
    }
    if (savedOther.snapshot) {
      await db.snapshots.delete(other.id);
      if (!savedOlder.snapshot) await db.snapshots.put({ ...savedOther.snapshot, paperId: kept.id });
    }
    await db.papers.delete(other.id);
    await db.papers.put(kept);
    await bumpEpoch(db);
    await noteChanges(db, [kept.id, other.id], now);
    return {
      kept,
      absorbed: other,
      undo: {
        records: [savedOlder, savedOther],
        expect: [
          { id: kept.id, version: versionOf(kept) },
          { id: other.id, version: null },
        ],
      },
    };
  });
}

/** The ids a URL names: its `url:` id and any paper id it is an address of. */
function idsOfAddress(raw: string): PaperId[] {
  const page = normalizeUrl(raw);
  return page === null ? idsFromUrl(raw).ids : [`url:${page}`, ...idsFromUrl(page).ids];
}

function namesAny(raw: string | undefined, ids: ReadonlySet<PaperId>): boolean {
  return raw !== undefined && idsOfAddress(raw).some((id) => ids.has(id));
}

export interface SplitResult {
  /** The record split, as written (without the aliases that left). */
  kept: PaperRecord;
  /** The new record of the aliases that left. */
  created: PaperRecord;
  undo: Undo;
}

/**
 * Splits a wrong merge: the given aliases of the record known by `id` leave it for a new record (its id the
 * best of them), with the links and the sightings whose address names one of them. The new record copies the
 * descriptive metadata (the next visit of its pages improves it) and starts as `seen`, without user data.
 */
export async function splitPaper(db: LecternDB, id: PaperId, aliases: readonly PaperId[], now: number): Promise<SplitResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const record = await mustFind(db, id);
    const leaving = new Set(aliases);
    if (!leaving.size) throw new EditRefused('Choose at least one id to split off');
    for (const alias of leaving) {
      if (!record.aliases.includes(alias)) throw new EditRefused(`${alias} is not an id of ${record.id}`);
    }
    if (leaving.has(record.id)) throw new EditRefused(`${record.id} is the record's own id and stays with it`);
    const saved = await saveFully(db, record);

    const links: PaperLinks = {};
    const newLinks: PaperLinks = {};
    for (const [key, url] of Object.entries(record.links) as [keyof PaperLinks, string | undefined][]) {
      if (url === undefined) continue;
      if (namesAny(url, leaving)) newLinks[key] = url;
      else links[key] = url;
    }
    const moving = saved.sightings!.filter((row) => namesAny(row.page, leaving));
    const staying = saved.sightings!.filter((row) => !namesAny(row.page, leaving));
    const firstMovesToo = namesAny(record.firstSeenOn, leaving);

    const newId = bestId(leaving)!;
    const pages = [...moving].sort((x, y) => x.firstAt - y.firstAt);
    const createdFirst = firstMovesToo
      ? { page: record.firstSeenOn!, firstAt: record.firstSeenAt }
      : pages.shift();
    const base = newPaperRecord(newId, { ...record, links: newLinks }, createdFirst?.firstAt ?? now, createdFirst?.page);
    const created: PaperRecord = {
      ...base,
      aliases: [newId, ...[...leaving].filter((a) => a !== newId)],
      lastSeenAt: Math.max(base.firstSeenAt, ...moving.map((row) => row.firstAt)),
    };
    if (created.firstSeenAt > now) created.firstSeenAt = now;

    let kept: PaperRecord = { ...record, aliases: record.aliases.filter((a) => !leaving.has(a)), links };
    const keptRows = [...staying];
    if (firstMovesToo) {
      // The record's first sighting left: its earliest remaining one takes its place.
      keptRows.sort((x, y) => x.firstAt - y.firstAt);
      const next = keptRows.shift();
      kept = { ...kept };
      if (next) kept.firstSeenOn = next.page;
      else delete kept.firstSeenOn;
    }
    const clash = await db.papers.get(newId);
    if (clash) throw new EditRefused(`Another record already has the id ${newId}`);

    await db.sightings.where('paperId').equals(record.id).delete();
    await db.sightings.bulkPut([
      ...keptRows,
      ...pages.filter((row) => row.page !== created.firstSeenOn).map((row) => ({ ...row, paperId: newId })),
    ]);
    await db.papers.bulkPut([kept, created]);
    await bumpEpoch(db);
    await noteChanges(db, [kept.id, created.id], now);
    return {
      kept,
      created,
      undo: {
        records: [saved],
        expect: [
          { id: kept.id, version: versionOf(kept) },
          { id: created.id, version: versionOf(created) },
        ],
      },
    };
  });
}

/** Tombstone of a deleted record (as `deletePaperRecords` leaves one): after its last change, joined with a previous one. */
function tombstoneOf(record: PaperRecord, now: number, previous: TombstoneRow | undefined): TombstoneRow {
  const deletedAt = Math.max(now, lastChangeOf(record) + 1, previous?.deletedAt ?? 0);
  return { id: record.id, aliases: unique([...(previous?.aliases ?? []), record.id, ...record.aliases]), deletedAt };
}

async function notPaperCount(db: LecternDB): Promise<number> {
  return (await db.meta.get(NOT_PAPER_COUNT))?.value ?? 0;
}

export interface NotPaperResult {
  removed: PaperRecord[];
  undo: Undo;
}

/**
 * "Not a paper": deletes the records behind `ids` (their sightings and snapshot; their highlights stay,
 * attached to their page only), leaves a tombstone of each, and remembers every id they had so that
 * detection never records them again.
 */
export async function markNotPaper(db: LecternDB, ids: readonly PaperId[], now: number): Promise<NotPaperResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const records = await recordsBehind(db, ids);
    if (!records.length) return { removed: [], undo: { records: [], expect: [] } };
    const saved = await Promise.all(records.map((record) => saveFully(db, record)));
    const recordIds = records.map((r) => r.id);
    const previous = await db.tombstones.bulkGet(recordIds);
    await db.papers.bulkDelete(recordIds);
    await db.sightings.where('paperId').anyOf(recordIds).delete();
    await db.snapshots.bulkDelete(recordIds);
    const highlights = saved.flatMap((s) => s.highlights!);
    if (highlights.length) {
      await db.highlights.bulkPut(
        highlights.map((h) => {
          const { paperId: _paperId, ...rest } = h;
          return rest;
        }),
      );
    }
    await db.tombstones.bulkPut(records.map((r, i) => tombstoneOf(r, now, previous[i])));
    await rememberNotPaper(db, unique(records.flatMap((r) => r.aliases)), now);
    await bumpEpoch(db);
    await noteChanges(db, recordIds, now);
    return { removed: records, undo: { records: saved, expect: recordIds.map((id) => ({ id, version: null })) } };
  });
}

async function rememberNotPaper(db: LecternDB, aliases: readonly PaperId[], now: number): Promise<void> {
  const keys = aliases.map((a) => NOT_PAPER_PREFIX + a);
  const existing = await db.meta.bulkGet(keys);
  const added = existing.filter((row) => row === undefined).length;
  await db.meta.bulkPut(keys.map((key) => ({ key, value: now })));
  if (added) await db.meta.put({ key: NOT_PAPER_COUNT, value: (await notPaperCount(db)) + added });
}

async function forgetNotPaper(db: LecternDB, aliases: readonly PaperId[]): Promise<void> {
  const keys = unique(aliases).map((a) => NOT_PAPER_PREFIX + a);
  const existing = await db.meta.bulkGet(keys);
  const present = keys.filter((_, i) => existing[i] !== undefined);
  if (!present.length) return;
  await db.meta.bulkDelete(present);
  await db.meta.put({ key: NOT_PAPER_COUNT, value: Math.max(0, (await notPaperCount(db)) - present.length) });
}

/**
 * Of `aliases`, those the user called "not a paper". Reads one `meta` row when there are none (the usual
 * case); call inside a transaction that includes `db.meta`.
 */
export async function notPaperIds(db: LecternDB, aliases: readonly PaperId[]): Promise<Set<PaperId>> {
  const out = new Set<PaperId>();
  if (!aliases.length || (await notPaperCount(db)) === 0) return out;
  const rows = await db.meta.bulkGet(aliases.map((a) => NOT_PAPER_PREFIX + a));
  aliases.forEach((alias, i) => {
    if (rows[i] !== undefined) out.add(alias);
  });
  return out;
}

/** The exact current rows of the papers behind `ids`, and their versions: an undo token for an edit about to be made. */
export async function snapshotRecords(db: LecternDB, ids: readonly PaperId[]): Promise<Undo> {
  return db.transaction('r', [db.papers, db.sightings, db.highlights, db.snapshots], async () => {
    const records = await recordsBehind(db, ids);
    return {
      records: await Promise.all(records.map((record) => saveFully(db, record))),
      expect: records.map((r) => ({ id: r.id, version: versionOf(r) })),
    };
  });
}

export interface RestoreResult {
  /** The records put back, as they were. */
  restored: PaperRecord[];
  /** Records the undo removed (one made by the edit, e.g. a split's new record). */
  removed: PaperRecord[];
}

/**
 * Puts back records exactly as they were (`Undo.records`) with their sightings, highlights and snapshot
 * when saved, removes the records the edit made (named in `expect` but not saved), and removes the tombstones
 * and "not a paper" marks a deletion left. Refuses, changing nothing, when any record in `expect` is not at
 * its expected version (changed since), or when a record outside the undo now holds an id of a record to put
 * back (the paper was recorded again since).
 */
export async function restoreRecords(db: LecternDB, undo: Undo, now: number): Promise<RestoreResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const involved = new Set([...undo.expect.map((e) => e.id), ...undo.records.map((s) => s.paper.id)]);
    const current = new Map<PaperId, PaperRecord>();
    for (const { id, version } of undo.expect) {
      const record = await db.papers.get(id);
      if (version === null) {
        if (record) throw new EditRefused(`${id} was recorded again since; nothing was undone`);
      } else if (!record || versionOf(record) !== version) {
        throw new EditRefused(`${id} changed since; nothing was undone`);
      } else {
        current.set(id, record);
      }
    }
    const holders = await db.papers.where('aliases').anyOf(unique(undo.records.flatMap((s) => s.paper.aliases))).toArray();
    const outsider = holders.find((r) => !involved.has(r.id));
    if (outsider) throw new EditRefused(`${outsider.id} now holds an id of a record to put back; nothing was undone`);

    const savedIds = new Set(undo.records.map((s) => s.paper.id));
    const removed = [...current.values()].filter((r) => !savedIds.has(r.id));
    const removedIds = removed.map((r) => r.id);
    if (removedIds.length) {
      await db.papers.bulkDelete(removedIds);
      await db.sightings.where('paperId').anyOf(removedIds).delete();
      await db.snapshots.bulkDelete(removedIds);
    }

    for (const saved of undo.records) {
      const id = saved.paper.id;
      await db.papers.put(saved.paper);
      if (saved.sightings) {
        await db.sightings.where('paperId').equals(id).delete();
        await db.sightings.bulkPut(saved.sightings);
      }
      if (saved.highlights) await db.highlights.bulkPut(saved.highlights);
      if (saved.snapshot === null) await db.snapshots.delete(id);
      else if (saved.snapshot) await db.snapshots.put(saved.snapshot);
    }
    const restoredIds = [...savedIds];
    await db.tombstones.bulkDelete(restoredIds);
    await forgetNotPaper(db, undo.records.flatMap((s) => s.paper.aliases));
    await bumpEpoch(db);
    await noteChanges(db, [...restoredIds, ...removedIds], now);
    return { restored: undo.records.map((s) => s.paper), removed };
  });
}
