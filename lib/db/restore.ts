/**
 * Writing a backup or an import into the library: `restoreBackup` (replace or merge) and `importPapers`
 * (papers read from BibTeX or CSL-JSON). Each runs in ONE read-write transaction: all of it is written or,
 * on any error, none of it. Rows are written in batches with an await between them, so a 50,000-paper file
 * never runs as one long synchronous loop, and progress is reported per batch.
 *
 * Merging (see docs/backup-format.md):
 * - copies of one paper are those that share an id or alias, in the library or in the file; they become one
 *   record (`mergeAll`: per-field rules, the older record's id);
 * - a tombstone (deleted paper) from one side removes the other side's copies of the paper whose last
 *   change (`lastChangeOf`) is older than the deletion; the tombstones of both sides are kept;
 * - sightings keep the earliest time per (paper, page); a record's first sighting that lost to an older one
 *   becomes a sighting row;
 * - highlights merge by id and snapshots by paper, the later copy winning (`lib/db/attachments.ts`); they
 *   follow their paper into the record it merged into, and go with a paper a deletion removes. A highlight
 *   deleted on one side comes back from the other (highlights have no tombstones).
 */
import { bestId } from '../ids';
import type { DetectedPaper, PaperId, PaperRecord, PaperStatus, SnapshotRecord } from '../model';
import { exportBackup, type BackupFile, type BackupSettings } from '../backup/format';
import { mergeAll, paperJson } from '../backup/merge';
import { BackupError, checkBackup, parseBackup } from '../backup/validate';
import { lastChangeOf, withNote, withTagEdits } from './changes';
import { improveMetadata, mergeRecords, newPaperRecord, withStatus } from './papers';
import { AliasSets } from './alias-sets';
import { dropAttachments, laterSnapshot, mergeHighlights, mergeSnapshots, moveAttachments } from './attachments';
import { bumpEpoch, noteEverythingChanged, type LecternDB, type SightingRow, type TombstoneRow } from './schema';

export type RestoreMode = 'replace' | 'merge';

export type RestorePhase = 'safety-backup' | 'tombstones' | 'papers' | 'sightings' | 'highlights' | 'snapshots';

export interface RestoreProgress {
  phase: RestorePhase;
  done: number;
  total: number;
}

export interface RestoreOptions {
  /** `replace`: the library becomes the file's (after a safety backup); `merge`: the file joins the library. */
  mode: RestoreMode;
  /** The current time: the safety backup's `exportedAt`. */
  now: number;
  /** This Lectern's version, for the safety backup. */
  appVersion: string;
  /** The current settings, to carry in the safety backup. */
  settings?: BackupSettings;
  /** Rows per batch (default 500). */
  batchSize?: number;
  onProgress?: (progress: RestoreProgress) => void;
}

export interface RestoreSummary {
  mode: RestoreMode;
  /** Records created. */
  added: number;
  /** Records changed (or, merging, replaced by a record of another id). */
  updated: number;
  /** Records deleted: merged into another record or removed by a newer deletion (replace: every old record). */
  removed: number;
  /** Papers of the file already in the library exactly as the file has them. */
  unchanged: number;
  /** Papers of the file not written because the library deleted them after their last change. */
  skipped: number;
  /** Sighting rows written. */
  sightings: number;
  /** Tombstone rows written. */
  tombstones: number;
  /** Highlight rows written. */
  highlights: number;
  /** Snapshot rows written. */
  snapshots: number;
  /** Rows of the file left out by validation (identical duplicates, sightings of absent papers). */
  dropped: number;
  /** The file's settings: the caller applies them (e.g. `saveSettings`), or not. */
  settings: BackupSettings;
  /** `replace` only: the library as it was just before, to be saved by the caller. */
  safetyBackup?: BackupFile;
}

export const DEFAULT_BATCH_SIZE = 500;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


function idsOf(record: { id: PaperId; aliases: readonly PaperId[] }): PaperId[] {
  return record.aliases.includes(record.id) ? [...record.aliases] : [record.id, ...record.aliases];
}

/** Distinct records (by id) among `rows`. */
function distinct(rows: readonly PaperRecord[]): PaperRecord[] {
  const byId = new Map<PaperId, PaperRecord>();
  for (const row of rows) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * Finds the library's records by alias while a restore or import writes, in one of two ways:
 * - small inputs: one `bulkGet` of the input's ids (mostly record ids, so it finds almost everything), then
 *   the aliases index only for the aliases no record found so far explains (an alias belongs to at most one
 *   record);
 * - inputs of more than `PRELOAD_ABOVE` papers: the library's aliases are read once, a page of records per
 *   request, into a map kept up to date with every write; each batch then costs one `bulkGet`. Querying the
 *   aliases index for every alias of a large file costs one index step per key, which grows with the file.
 */
class AliasLookup {
  private map: Map<PaperId, PaperId> | undefined;

  constructor(private readonly db: LecternDB) {}

  /** Reads every record's aliases (call inside the transaction, before the first `find`). */
  async preload(pageSize: number): Promise<void> {
    const map = new Map<PaperId, PaperId>();
    let last: PaperId | undefined;
    for (;;) {
      const rows =
        last === undefined
          ? await this.db.papers.orderBy(':id').limit(pageSize).toArray()
          : await this.db.papers.where(':id').above(last).limit(pageSize).toArray();
      for (const row of rows) for (const alias of idsOf(row)) map.set(alias, row.id);
      if (rows.length < pageSize) break;
      last = rows[rows.length - 1]!.id;
    }
    this.map = map;
  }

  /** The records known by any of `aliases` (`ids`: the ones most likely to be record ids). */
  async find(aliases: readonly PaperId[], ids: readonly PaperId[]): Promise<PaperRecord[]> {
    if (!aliases.length) return [];
    if (this.map) {
      const wanted = new Set<PaperId>();
      for (const alias of aliases) {
        const id = this.map.get(alias);
        if (id !== undefined) wanted.add(id);
      }
      const rows = await this.db.papers.bulkGet([...wanted]);
      // A record merged since may have left a stale entry: keep only records that do hold one of the aliases.
      const asked = new Set(aliases);
      return rows.filter((r): r is PaperRecord => r !== undefined && idsOf(r).some((a) => asked.has(a)));
    }
    const found = (await this.db.papers.bulkGet([...new Set(ids)])).filter((r): r is PaperRecord => r !== undefined);
    const explained = new Set<PaperId>();
    for (const record of found) for (const alias of idsOf(record)) explained.add(alias);
    const rest = [...new Set(aliases)].filter((alias) => !explained.has(alias));
    if (rest.length) found.push(...(await this.db.papers.where('aliases').anyOf(rest).toArray()));
    return distinct(found);
  }

  /** Tells the map about records written. (Removed records need nothing: `find` skips what is gone.) */
  wrote(records: readonly PaperRecord[]): void {
    if (!this.map) return;
    for (const record of records) for (const alias of idsOf(record)) this.map.set(alias, record.id);
  }
}

/** Inputs above this many papers read the library's aliases once instead of querying the index per batch. */
export const PRELOAD_ABOVE = 1_000;

/** Latest deletion time per alias among `tombstones`. */
function deletionsByAlias(tombstones: readonly TombstoneRow[]): Map<PaperId, number> {
  const out = new Map<PaperId, number>();
  for (const t of tombstones) {
    for (const alias of idsOf(t)) out.set(alias, Math.max(out.get(alias) ?? 0, t.deletedAt));
  }
  return out;
}

/** Whether a deletion in `deletions` is newer than the record's last change. */
function deletedAfter(record: PaperRecord, deletions: ReadonlyMap<PaperId, number>): boolean {
  let newest = 0;
  for (const alias of idsOf(record)) newest = Math.max(newest, deletions.get(alias) ?? 0);
  return newest > lastChangeOf(record);
}

/**
 * Sighting rows to add (earliest time per paper and page wins; a record's own first sighting needs no row)
 * and the rows of removed records moved to the record they went into (`moves`: old id → new id, or null
 * when the record was deleted, its rows with it).
 */
async function writeSightings(
  db: LecternDB,
  rows: readonly SightingRow[],
  moves: ReadonlyMap<PaperId, PaperId | null>,
  firstSeenOn: (id: PaperId) => string | undefined,
): Promise<number> {
  const wanted = new Map<string, SightingRow>();
  const want = (row: SightingRow) => {
    if (firstSeenOn(row.paperId) === row.page) return;
    const key = JSON.stringify([row.paperId, row.page]);
    const current = wanted.get(key);
    if (!current || row.firstAt < current.firstAt) wanted.set(key, row);
  };
  const deleteKeys: [PaperId, string][] = [];
  if (moves.size) {
    for (const row of await db.sightings.where('paperId').anyOf([...moves.keys()]).toArray()) {
      deleteKeys.push([row.paperId, row.page]);
      const to = moves.get(row.paperId);
      if (to) want({ paperId: to, page: row.page, firstAt: row.firstAt });
    }
  }
  for (const row of rows) want(row);
  if (deleteKeys.length) await db.sightings.bulkDelete(deleteKeys);
  if (!wanted.size) return 0;
  const list = [...wanted.values()];
  const existing = await db.sightings.bulkGet(list.map((r) => [r.paperId, r.page] as [PaperId, string]));
  const toPut = list.filter((row, i) => {
    const have = existing[i];
    return !have || have.firstAt > row.firstAt;
  });
  if (toPut.length) await db.sightings.bulkPut(toPut);
  return toPut.length;
}

/** Replace: the library becomes the file's, after a safety backup of what it was. */
async function replaceWith(db: LecternDB, backup: BackupFile, options: RestoreOptions, summary: RestoreSummary): Promise<void> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress = options.onProgress;
  const safetyOptions: Parameters<typeof exportBackup>[1] = {
    appVersion: options.appVersion,
    now: options.now,
    includeSnapshots: true,
    pageSize: size,
    onProgress: (p) => progress?.({ phase: 'safety-backup', done: p.done, total: p.total }),
  };
  if (options.settings) safetyOptions.settings = options.settings;
  summary.safetyBackup = await exportBackup(db, safetyOptions);
  summary.removed = summary.safetyBackup.papers.length;

  // Snapshots are optional in a file: without any, the library keeps those of the papers the file holds.
  const keptSnapshots = backup.snapshots.length
    ? []
    : (await db.snapshots.bulkGet(backup.papers.map((p) => p.id))).filter((s) => s !== undefined);
  await Promise.all([
    db.papers.clear(),
    db.sightings.clear(),
    db.tombstones.clear(),
    db.highlights.clear(),
    db.snapshots.clear(),
  ]);
  let done = 0;
  for (const batch of chunks(backup.tombstones, size)) {
    await db.tombstones.bulkAdd(batch);
    progress?.({ phase: 'tombstones', done: (done += batch.length), total: backup.tombstones.length });
  }
  done = 0;
  for (const batch of chunks(backup.papers, size)) {
    await db.papers.bulkAdd(batch);
    progress?.({ phase: 'papers', done: (done += batch.length), total: backup.papers.length });
  }
  done = 0;
  for (const batch of chunks(backup.sightings, size)) {
    await db.sightings.bulkAdd(batch);
    progress?.({ phase: 'sightings', done: (done += batch.length), total: backup.sightings.length });
  }
  done = 0;
  for (const batch of chunks(backup.highlights, size)) {
    await db.highlights.bulkAdd(batch);
    progress?.({ phase: 'highlights', done: (done += batch.length), total: backup.highlights.length });
  }
  const snapshots = backup.snapshots.length ? backup.snapshots : keptSnapshots;
  done = 0;
  for (const batch of chunks(snapshots, Math.max(1, Math.floor(size / 10)))) {
    await db.snapshots.bulkAdd(batch);
    progress?.({ phase: 'snapshots', done: (done += batch.length), total: snapshots.length });
  }
  summary.added = backup.papers.length;
  summary.sightings = backup.sightings.length;
  summary.tombstones = backup.tombstones.length;
  summary.highlights = backup.highlights.length;
  summary.snapshots = backup.snapshots.length;
  await bumpEpoch(db);
}

/** Merge: the file's papers, sightings and deletions join the library's (see the module comment). */
async function mergeWith(db: LecternDB, backup: BackupFile, options: RestoreOptions, summary: RestoreSummary): Promise<void> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress = options.onProgress;
  let changed = false;
  const lookup = new AliasLookup(db);
  if (backup.papers.length + backup.tombstones.length > PRELOAD_ABOVE) await lookup.preload(Math.max(size, 1_000));
  // The library's own deletions, as they are before the file's join them (step 4).
  const localDeletions = deletionsByAlias(await db.tombstones.toArray());

  // 1. The file's deletions remove the library's older copies.
  let done = 0;
  for (const batch of chunks(backup.tombstones, size)) {
    const deletions = deletionsByAlias(batch);
    const locals = await lookup.find([...deletions.keys()], batch.map((t) => t.id));
    const gone = locals.filter((r) => deletedAfter(r, deletions)).map((r) => r.id);
    if (gone.length) {
      await db.papers.bulkDelete(gone);
      await db.sightings.where('paperId').anyOf(gone).delete();
      await dropAttachments(db, gone);
      summary.removed += gone.length;
      changed = true;
    }
    progress?.({ phase: 'tombstones', done: (done += batch.length), total: backup.tombstones.length * 2 });
  }

  // 2. Papers, a batch at a time: each with the library's copies it shares an alias with.
  /** Where each paper of the file went: the record id, or null when a deletion dropped it. */
  const target = new Map<PaperId, PaperId | null>();
  const firstSeenOnOf = new Map<PaperId, string | undefined>();
  done = 0;
  for (const chunk of chunks(backup.papers, size)) {
    // Papers the library deleted after their last change are left out first: they prove nothing any more
    // (the same papers would have been removed from the other side, had the merge gone the other way).
    const batch = chunk.filter((p) => {
      if (!deletedAfter(p, localDeletions)) return true;
      target.set(p.id, null);
      summary.skipped++;
      return false;
    });
    const aliases = unique(batch.flatMap(idsOf));
    const locals = await lookup.find(aliases, batch.map((p) => p.id));
    const sets = new AliasSets();
    for (const r of [...batch, ...locals]) for (const alias of idsOf(r)) sets.union(r.id, alias);
    const groups = new Map<string, { incoming: PaperRecord[]; locals: PaperRecord[] }>();
    const groupOf = (id: PaperId) => {
      const root = sets.find(id);
      let group = groups.get(root);
      if (!group) groups.set(root, (group = { incoming: [], locals: [] }));
      return group;
    };
    for (const p of batch) groupOf(p.id).incoming.push(p);
    for (const r of locals) groupOf(r.id).locals.push(r);

    const toPut: PaperRecord[] = [];
    const moves = new Map<PaperId, PaperId | null>();
    const extraSightings: SightingRow[] = [];
    // Every group holds at least one paper of the file (the library's records were found through them).
    for (const group of groups.values()) {
      const incoming = group.incoming;
      const copies = [...group.locals, ...incoming];
      const merged = mergeAll(copies);
      const existing = group.locals.find((r) => r.id === merged.id);
      for (const local of group.locals) if (local.id !== merged.id) moves.set(local.id, merged.id);
      if (existing && paperJson(existing) === paperJson(merged)) {
        summary.unchanged += incoming.length;
      } else {
        toPut.push(merged);
        if (group.locals.length) summary.updated++;
        else summary.added++;
      }
      for (const p of incoming) target.set(p.id, merged.id);
      firstSeenOnOf.set(merged.id, merged.firstSeenOn);
      for (const copy of copies) {
        if (copy.firstSeenOn !== undefined && copy.firstSeenOn !== merged.firstSeenOn) {
          extraSightings.push({ paperId: merged.id, page: copy.firstSeenOn, firstAt: copy.firstSeenAt });
        }
      }
    }
    if (moves.size) {
      await db.papers.bulkDelete([...moves.keys()]);
      summary.removed += moves.size;
      await moveAttachments(db, moves as Map<PaperId, PaperId>);
    }
    if (toPut.length) await db.papers.bulkPut(toPut);
    lookup.wrote(toPut);
    if (moves.size || toPut.length) changed = true;
    if (moves.size || extraSightings.length) {
      summary.sightings += await writeSightings(db, extraSightings, moves, (id) => firstSeenOnOf.get(id));
    }
    progress?.({ phase: 'papers', done: (done += chunk.length), total: backup.papers.length });
  }

  // 3. The file's sightings, under the record each paper went into.
  done = 0;
  for (const batch of chunks(backup.sightings, size)) {
    const rows: SightingRow[] = [];
    for (const row of batch) {
      const to = target.get(row.paperId);
      if (to) rows.push(to === row.paperId ? row : { ...row, paperId: to });
    }
    summary.sightings += await writeSightings(db, rows, new Map(), (id) => firstSeenOnOf.get(id));
    progress?.({ phase: 'sightings', done: (done += batch.length), total: backup.sightings.length });
  }
  if (summary.sightings) changed = true;

  // 4. The file's tombstones join the library's (same id: every alias, the later time).
  done = 0;
  for (const batch of chunks(backup.tombstones, size)) {
    const existing = await db.tombstones.bulkGet(batch.map((t) => t.id));
    const toPut: TombstoneRow[] = [];
    batch.forEach((t, i) => {
      const have = existing[i];
      if (have && have.deletedAt === t.deletedAt && JSON.stringify(have.aliases) === JSON.stringify(t.aliases)) return;
      if (!have) {
        toPut.push(t);
        return;
      }
      const aliases = unique([...have.aliases, ...t.aliases]).sort(compareStrings);
      toPut.push({ id: t.id, aliases, deletedAt: Math.max(have.deletedAt, t.deletedAt) });
    });
    if (toPut.length) {
      await db.tombstones.bulkPut(toPut);
      summary.tombstones += toPut.length;
      changed = true;
    }
    progress?.({
      phase: 'tombstones',
      done: backup.tombstones.length + (done += batch.length),
      total: backup.tombstones.length * 2,
    });
  }

  // 5. The file's highlights and snapshots, under the record each paper went into (none when a deletion
  // dropped the paper).
  const home = (paperId: PaperId): PaperId | null => target.get(paperId) ?? null;
  const highlights = backup.highlights.flatMap((h) => {
    if (h.paperId === undefined) return [h];
    const to = home(h.paperId);
    return to === null ? [] : [to === h.paperId ? h : { ...h, paperId: to }];
  });
  done = 0;
  for (const batch of chunks(highlights, size)) {
    summary.highlights += await mergeHighlights(db, batch);
    progress?.({ phase: 'highlights', done: (done += batch.length), total: highlights.length });
  }
  // Two papers of the file may have gone into one record: the later of their snapshots stands for both.
  const byRecord = new Map<PaperId, SnapshotRecord>();
  for (const snap of backup.snapshots) {
    const to = home(snap.paperId);
    if (to === null) continue;
    const moved = to === snap.paperId ? snap : { ...snap, paperId: to };
    const other = byRecord.get(to);
    byRecord.set(to, other ? laterSnapshot(other, moved) : moved);
  }
  const snapshots = [...byRecord.values()];
  done = 0;
  for (const batch of chunks(snapshots, Math.max(1, Math.floor(size / 10)))) {
    summary.snapshots += await mergeSnapshots(db, batch);
    progress?.({ phase: 'snapshots', done: (done += batch.length), total: snapshots.length });
  }

  if (changed) await bumpEpoch(db);
}

/**
 * Restores a backup file (its text, or parsed JSON) into the library. The whole file is validated first: an
 * invalid one throws a `BackupError` (message and `issues`) and nothing is written. Then, in one
 * transaction, `replace` saves a safety backup of the library (answered as `safetyBackup`, for the caller to
 * keep) and makes the library the file's; `merge` joins the file to the library. Visits (page history) are
 * kept either way; the epoch is bumped whenever records were replaced or removed.
 */
export async function restoreBackup(db: LecternDB, source: string | unknown, options: RestoreOptions): Promise<RestoreSummary> {
  const checked = typeof source === 'string' ? parseBackup(source) : checkBackup(source);
  if (!checked.ok) throw new BackupError(checked.error, checked.issues);
  const backup = checked.backup;
  const summary: RestoreSummary = {
    mode: options.mode,
    added: 0,
    updated: 0,
    removed: 0,
    unchanged: 0,
    skipped: 0,
    sightings: 0,
    tombstones: 0,
    highlights: 0,
    snapshots: 0,
    dropped: checked.dropped,
    settings: backup.settings,
  };
  const tables = [db.papers, db.sightings, db.tombstones, db.highlights, db.snapshots, db.meta, db.changes];
  await db.transaction('rw', tables, async () => {
    if (options.mode === 'replace') await replaceWith(db, backup, options, summary);
    else await mergeWith(db, backup, options, summary);
    if (summary.added || summary.updated || summary.removed || summary.highlights) {
      await noteEverythingChanged(db, options.now);
    }
  });
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Imports

/** A paper read from a bibliography file: what detection gives, plus the user fields the file carries. */
export interface ImportedPaper extends DetectedPaper {
  tags?: string[];
  note?: string;
}

export interface ImportOptions {
  /**
   * The status of imported papers that are new or only `seen` so far (default `unread`, "to read"); papers
   * with any other status keep it.
   */
  status?: PaperStatus;
  batchSize?: number;
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Library records merged into another because an imported paper proved them one paper. */
  merged: number;
  /** The record id of each imported paper, in input order. */
  recordIds: PaperId[];
}

/** Older record first (smaller firstSeenAt); on a tie, the better-ranked id, then the smaller id. */
function olderFirst(a: PaperRecord, b: PaperRecord): number {
  if (a.firstSeenAt !== b.firstSeenAt) return a.firstSeenAt - b.firstSeenAt;
  if (a.id === b.id) return 0;
  const best = bestId([a.id, b.id]);
  if (bestId([b.id, a.id]) === best) return best === a.id ? -1 : 1;
  return compareStrings(a.id, b.id);
}

function newImportedRecord(id: PaperId, entry: ImportedPaper, now: number): PaperRecord {
  // An import is not a sighting: no page is its first.
  const record = newPaperRecord(id, entry, now);
  return improveMetadata(record, entry) ?? record;
}

function noteWith(current: string, added: string): string {
  const x = current.trim();
  const y = added.trim();
  if (!y || x.includes(y)) return current;
  if (!x) return added.trim();
  return `${current.trimEnd()}\n\n${y}`;
}

/**
 * Records imported papers (`lib/import`) in one transaction, by the library's rules: an imported paper
 * joins the record that shares one of its ids (metadata only improves, `improveMetadata`), records it proves
 * to be one paper are merged (`mergeRecords`, the older stays), and a new paper gets the best-ranked of its
 * ids. Its tags are added, its note appended, and a new or `seen` paper moves to `options.status`, all at
 * `now` as user changes. Nothing records where it was seen: an import is not a sighting.
 */
export async function importPapers(
  db: LecternDB,
  entries: readonly ImportedPaper[],
  now: number,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const status = options.status ?? 'unread';
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, merged: 0, recordIds: new Array(entries.length) };
  const entryIds = entries.map((e) => unique([e.id, ...e.aliases]));

  await db.transaction('rw', [db.papers, db.sightings, db.highlights, db.snapshots, db.meta, db.changes], async () => {
    let removedAny = false;
    const lookup = new AliasLookup(db);
    if (entries.length > PRELOAD_ABOVE) await lookup.preload(Math.max(size, 1_000));
    for (let start = 0; start < entries.length; start += size) {
      const end = Math.min(entries.length, start + size);
      const batch = entryIds.slice(start, end);
      const locals = await lookup.find(unique(batch.flat()), batch.map((ids) => ids[0]!));
      const sets = new AliasSets();
      for (const ids of batch) for (const id of ids) sets.union(ids[0]!, id);
      for (const r of locals) for (const alias of idsOf(r)) sets.union(r.id, alias);
      const groups = new Map<string, { entries: number[]; records: PaperRecord[] }>();
      batch.forEach((ids, i) => {
        const root = sets.find(ids[0]!);
        let group = groups.get(root);
        if (!group) groups.set(root, (group = { entries: [], records: [] }));
        group.entries.push(start + i);
      });
      for (const r of locals) groups.get(sets.find(r.id))?.records.push(r);

      const toPut: PaperRecord[] = [];
      const moves = new Map<PaperId, PaperId | null>();
      const firstSeenOn = new Map<PaperId, string | undefined>();
      for (const group of groups.values()) {
        let record: PaperRecord;
        const created = group.records.length === 0;
        let dirty = created;
        if (created) {
          const first = entries[group.entries[0]!]!;
          record = newImportedRecord(bestId(group.entries.flatMap((i) => entryIds[i]!)) ?? first.id, first, now);
        } else {
          const [oldest, ...others] = group.records.sort(olderFirst);
          record = oldest!;
          for (const other of others) {
            record = mergeRecords(record, other);
            moves.set(other.id, record.id);
            dirty = true;
          }
        }
        for (const i of group.entries) {
          const entry = entries[i]!;
          record = improveMetadata(record, entry) ?? record;
          if (entry.tags?.length) record = withTagEdits(record, { add: entry.tags }, now) ?? record;
          if (entry.note?.trim()) record = withNote(record, noteWith(record.note, entry.note), now) ?? record;
        }
        if (record.status === 'seen' && status !== 'seen') record = withStatus(record, status, now) ?? record;
        const before = group.records.find((r) => r.id === record.id);
        if (!dirty && before && paperJson(before) === paperJson(record)) summary.unchanged++;
        else {
          toPut.push(record);
          if (created) summary.created++;
          else summary.updated++;
        }
        firstSeenOn.set(record.id, record.firstSeenOn);
        for (const i of group.entries) summary.recordIds[i] = record.id;
      }
      if (moves.size) {
        await db.papers.bulkDelete([...moves.keys()]);
        await moveAttachments(db, moves as Map<PaperId, PaperId>);
        summary.merged += moves.size;
        removedAny = true;
        // A merged-away record's first sighting becomes a row of the record it went into.
        const extra: SightingRow[] = [];
        for (const r of locals) {
          const to = moves.get(r.id);
          if (to && r.firstSeenOn) extra.push({ paperId: to, page: r.firstSeenOn, firstAt: r.firstSeenAt });
        }
        await writeSightings(db, extra, moves, (id) => firstSeenOn.get(id));
      }
      if (toPut.length) await db.papers.bulkPut(toPut);
      lookup.wrote(toPut);
      options.onProgress?.({ done: end, total: entries.length });
    }
    if (removedAny) await bumpEpoch(db);
    if (summary.created || summary.updated || summary.merged) await noteEverythingChanged(db, now);
  });
  return summary;
}
