/**
 * Reading and user-driven writing of library records, plus the pure rules that combine paper data
 * (`improveMetadata`, `mergeRecords`) shared with detection (`record.ts`).
 */
import type { DetectedPaper, PaperId, PaperLinks, PaperRecord, PaperStatus } from '../model';
import { displayId } from '../ids';
import { dropAttachments } from './attachments';
import { lastChangeOf, unionChangeTimes } from './changes';
import { bumpEpoch, noteChanges, type LecternDB, type SightingRow, type TombstoneRow } from './schema';

/** The descriptive part of a paper: what detection can improve. A `PaperRecord` or a `DetectedPaper` fits. */
export type PaperMetadata = Pick<DetectedPaper, 'id' | 'aliases' | 'title' | 'authors' | 'links'> &
  Partial<Pick<DetectedPaper, 'abstract' | 'published' | 'venue' | 'version'>>;

/**
 * How far along a status is, for combining two records of one paper. `seen` is what detection sets, so any
 * explicit user choice beats it, `dismissed` included; a user's explicit `unread`/`reading`/`read` beats
 * `dismissed`, because keeping a paper is the choice that loses nothing if the dismissal was the stale one.
 */
const STATUS_ORDER: Record<PaperStatus, number> = { seen: 0, dismissed: 1, unread: 2, reading: 3, read: 4 };

/** The more advanced of two statuses (see `STATUS_ORDER`). */
export function combineStatus(a: PaperStatus, b: PaperStatus): PaperStatus {
  return STATUS_ORDER[b] > STATUS_ORDER[a] ? b : a;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  const out = [...a];
  const have = new Set(a);
  for (const x of b) {
    if (!have.has(x)) {
      have.add(x);
      out.push(x);
    }
  }
  return out;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

const ELLIPSIS = /(?:\s*(?:…|\.\.\.))+\s*$/;

/**
 * True when `next` is a fuller form of `current`: longer and starting with `current` once a trailing
 * ellipsis is removed (listing pages often cut titles and abstracts).
 */
function isFullerForm(current: string, next: string): boolean {
  const stem = current.replace(ELLIPSIS, '').trimEnd();
  return stem.length > 0 && next.length > current.length && next.startsWith(stem) && !ELLIPSIS.test(next);
}

/**
 * A title that only repeats one of the paper's ids: what a PDF tab records before any page showed the
 * real title. Any real title replaces it.
 */
function isPlaceholderTitle(title: string, ids: readonly PaperId[]): boolean {
  return ids.some((id) => displayId(id) === title);
}

function textOf(s: string | undefined): string {
  return (s ?? '').trim();
}

/**
 * `record` improved with what `entry` knows, or `null` when nothing would change. Metadata only improves:
 * - aliases accumulate (the entry's `id` included);
 * - a title is never replaced by an empty one; it is replaced only when empty or when the new one extends it
 *   (a cut title: `Foo …` → `Foo bar`);
 * - the longer author list wins;
 * - a missing abstract is filled, and a cut-short abstract is completed;
 * - missing `published`/`venue` and missing links are filled; a `published` date gains precision
 *   (`2024` → `2024-05-02`);
 * - the highest `version` wins.
 * User fields (status, tags, note, dates) are never touched here.
 */
export function improveMetadata(record: PaperRecord, entry: PaperMetadata): PaperRecord | null {
  let next: PaperRecord | null = null;
  const edit = (): PaperRecord => (next ??= { ...record });

  const aliases = union(record.aliases, [entry.id, ...entry.aliases]);
  if (aliases.length !== record.aliases.length) edit().aliases = aliases;

  const title = textOf(entry.title);
  const currentTitle = textOf(record.title);
  if (
    title &&
    (!currentTitle ||
      isFullerForm(currentTitle, title) ||
      (isPlaceholderTitle(currentTitle, aliases) && !isPlaceholderTitle(title, aliases)))
  ) {
    edit().title = title;
  }

  if (entry.authors.length > record.authors.length) edit().authors = [...entry.authors];

  const abstract = textOf(entry.abstract);
  if (abstract && (!textOf(record.abstract) || isFullerForm(textOf(record.abstract), abstract))) {
    edit().abstract = abstract;
  }

  const published = textOf(entry.published);
  const current = textOf(record.published);
  if (published && (!current || (published.length > current.length && published.startsWith(current)))) {
    edit().published = published;
  }

  const venue = textOf(entry.venue);
  if (venue && !textOf(record.venue)) edit().venue = venue;

  if (entry.version !== undefined && entry.version > (record.version ?? 0)) edit().version = entry.version;

  let links: PaperLinks | null = null;
  for (const [key, value] of Object.entries(entry.links) as [keyof PaperLinks, string | undefined][]) {
    if (value && !record.links[key]) (links ??= { ...record.links })[key] = value;
  }
  if (links) edit().links = links;

  return next;
}

function joinNotes(a: string, b: string): string {
  const x = a.trim();
  const y = b.trim();
  if (!y || x.includes(y)) return a;
  if (!x || y.includes(x)) return b;
  return `${a.trimEnd()}\n\n${b.trim()}`;
}

/**
 * One record out of two records of the same paper. `keep` gives the id; the result has the most advanced
 * status (`combineStatus`), tags unioned, notes joined with a blank line (a note already contained in the
 * other is not repeated), the earliest firstSeenAt/savedAt/startedAt/readAt, the latest lastSeenAt and
 * updatedAt, every alias of both (the other's id included) and metadata improved by the other's. Change times
 * (`changedAt`, `tagChanges`) take the later of both, and every tag kept counts as present.
 */
export function mergeRecords(keep: PaperRecord, other: PaperRecord): PaperRecord {
  const base = improveMetadata(keep, other) ?? keep;
  const merged: PaperRecord = {
    ...base,
    status: combineStatus(keep.status, other.status),
    tags: union(keep.tags, other.tags),
    note: joinNotes(keep.note, other.note),
    firstSeenAt: Math.min(keep.firstSeenAt, other.firstSeenAt),
    lastSeenAt: Math.max(keep.lastSeenAt, other.lastSeenAt),
    updatedAt: Math.max(keep.updatedAt, other.updatedAt),
  };
  // The kept record is the older one, so its first sighting stays first; the other's becomes a sighting row.
  const firstSeenOn = keep.firstSeenOn ?? other.firstSeenOn;
  if (firstSeenOn !== undefined) merged.firstSeenOn = firstSeenOn;
  const savedAt = earliest(keep.savedAt, other.savedAt);
  const startedAt = earliest(keep.startedAt, other.startedAt);
  const readAt = earliest(keep.readAt, other.readAt);
  if (savedAt !== undefined) merged.savedAt = savedAt;
  if (startedAt !== undefined) merged.startedAt = startedAt;
  if (readAt !== undefined) merged.readAt = readAt;
  const times = unionChangeTimes(keep, other, merged.tags);
  if (times.changedAt) merged.changedAt = times.changedAt;
  else delete merged.changedAt;
  if (times.tagChanges) merged.tagChanges = times.tagChanges;
  else delete merged.tagChanges;
  return merged;
}

/**
 * The record with `status` applied by the user at `now`, or `null` when it already has that status.
 * The first move to unread/reading/read sets `savedAt`, the first move to reading sets `startedAt`, every move
 * to read sets `readAt`. The status change time (`changedAt.status`) becomes `now`.
 */
export function withStatus(record: PaperRecord, status: PaperStatus, now: number): PaperRecord | null {
  if (record.status === status) return null;
  const next: PaperRecord = { ...record, status, updatedAt: now, changedAt: { ...record.changedAt, status: now } };
  if (status === 'unread' || status === 'reading' || status === 'read') next.savedAt ??= now;
  if (status === 'reading') next.startedAt ??= now;
  if (status === 'read') next.readAt = now;
  return next;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** The record known by `id` (its record id or any alias), if any. */
export async function findByAlias(db: LecternDB, id: PaperId): Promise<PaperRecord | undefined> {
  return (await db.papers.get(id)) ?? (await db.papers.where('aliases').equals(id).first());
}

/** For each of `ids` (record ids or aliases) that is known, its record. One index query. */
export async function findManyByAlias(db: LecternDB, ids: readonly PaperId[]): Promise<Map<PaperId, PaperRecord>> {
  const wanted = new Set(ids);
  const found = new Map<PaperId, PaperRecord>();
  if (wanted.size === 0) return found;
  const rows = await db.papers.where('aliases').anyOf([...wanted]).toArray();
  for (const row of rows) {
    for (const alias of row.aliases) if (wanted.has(alias)) found.set(alias, row);
    if (wanted.has(row.id)) found.set(row.id, row);
  }
  return found;
}

/** Distinct records behind `ids`. */
async function recordsOf(db: LecternDB, ids: readonly PaperId[]): Promise<PaperRecord[]> {
  const byId = new Map<PaperId, PaperRecord>();
  for (const record of (await findManyByAlias(db, ids)).values()) byId.set(record.id, record);
  return [...byId.values()];
}

/**
 * Sets the status of the papers behind `ids` (record ids or aliases) and answers the records that changed,
 * as written. With `from`, only papers whose current status is one of `from` change.
 */
export async function applyStatus(
  db: LecternDB,
  ids: readonly PaperId[],
  status: PaperStatus,
  now: number,
  from?: readonly PaperStatus[],
): Promise<PaperRecord[]> {
  return db.transaction('rw', [db.papers, db.changes], async () => {
    const changed = (await recordsOf(db, unique(ids)))
      .filter((record) => from === undefined || from.includes(record.status))
      .map((record) => withStatus(record, status, now))
      .filter((r): r is PaperRecord => r !== null);
    if (changed.length) await db.papers.bulkPut(changed);
    await noteChanges(db, changed.map((r) => r.id), now);
    return changed;
  });
}

/** Sets the status of the papers behind `ids` (record ids or aliases); answers how many records changed. */
export async function setStatus(
  db: LecternDB,
  ids: readonly PaperId[],
  status: PaperStatus,
  now: number,
): Promise<number> {
  return (await applyStatus(db, ids, status, now)).length;
}

/** Saves to read (`seen` → `unread`) the papers behind `ids`; any other status is left alone. Answers how many changed. */
export async function saveAll(db: LecternDB, ids: readonly PaperId[], now: number): Promise<number> {
  return (await applyStatus(db, ids, 'unread', now, ['seen'])).length;
}

/**
 * The tombstone of `record` deleted at `now`, joined with the record's previous tombstone if any (aliases
 * of both, the later time). It is stamped after the record's last change, so that it wins a merge against
 * the copy it deleted even when the clock went back.
 */
function tombstoneOf(record: PaperRecord, now: number, previous: TombstoneRow | undefined): TombstoneRow {
  const deletedAt = Math.max(now, lastChangeOf(record) + 1, previous?.deletedAt ?? 0);
  return { id: record.id, aliases: union(previous?.aliases ?? [], union([record.id], record.aliases)), deletedAt };
}

/**
 * Deletes the papers behind `ids` (record ids or aliases) and their sightings, highlights and snapshot, and leaves a tombstone of each
 * (see `tombstones` in `schema.ts`); answers the deleted records.
 */
export async function deletePaperRecords(
  db: LecternDB,
  ids: readonly PaperId[],
  now: number = Date.now(),
): Promise<PaperRecord[]> {
  return db.transaction('rw', [db.papers, db.sightings, db.meta, db.tombstones, db.changes, db.highlights, db.snapshots], async () => {
    const records = await recordsOf(db, unique(ids));
    const recordIds = records.map((r) => r.id);
    if (!recordIds.length) return [];
    const previous = await db.tombstones.bulkGet(recordIds);
    await db.papers.bulkDelete(recordIds);
    await db.sightings.where('paperId').anyOf(recordIds).delete();
    await dropAttachments(db, recordIds);
    await db.tombstones.bulkPut(records.map((r, i) => tombstoneOf(r, now, previous[i])));
    await bumpEpoch(db);
    await noteChanges(db, recordIds, now);
    return records;
  });
}

/** Deletes the papers behind `ids` (record ids or aliases) and their sightings; answers how many records went. */
export async function deletePapers(db: LecternDB, ids: readonly PaperId[], now: number = Date.now()): Promise<number> {
  return (await deletePaperRecords(db, ids, now)).length;
}

/** The status of each of `ids` that is known, keyed by the id as asked. */
export async function statesOf(db: LecternDB, ids: readonly PaperId[]): Promise<Record<PaperId, PaperStatus>> {
  const out: Record<PaperId, PaperStatus> = {};
  for (const [id, record] of await findManyByAlias(db, ids)) out[id] = record.status;
  return out;
}

/**
 * Where a paper (by record id or alias) was seen: its pages with the first time, earliest first (then by
 * page). The first sighting is kept on the record itself (`firstSeenOn`), the later ones as rows.
 */
export async function sightingsOf(db: LecternDB, id: PaperId): Promise<SightingRow[]> {
  const record = await findByAlias(db, id);
  if (!record) return [];
  const rows = await db.sightings.where('paperId').equals(record.id).toArray();
  if (record.firstSeenOn && !rows.some((row) => row.page === record.firstSeenOn)) {
    rows.push({ paperId: record.id, page: record.firstSeenOn, firstAt: record.firstSeenAt });
  }
  return rows.sort((a, b) => a.firstAt - b.firstAt || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
}

/**
 * A new library record for a paper Lectern meets for the first time at `now` (status `seen`, no user data),
 * from what an entry shows; `firstSeenOn` is the page it was met on, when it was met on a page.
 */
export function newPaperRecord(id: PaperId, entry: PaperMetadata, now: number, firstSeenOn?: string): PaperRecord {
  const record: PaperRecord = {
    id,
    aliases: [id],
    title: entry.title.trim(),
    authors: [...entry.authors],
    links: { ...entry.links },
    status: 'seen',
    tags: [],
    note: '',
    firstSeenAt: now,
    lastSeenAt: now,
    updatedAt: now,
  };
  if (firstSeenOn !== undefined) record.firstSeenOn = firstSeenOn;
  if (entry.abstract) record.abstract = entry.abstract;
  if (entry.published) record.published = entry.published;
  if (entry.venue) record.venue = entry.venue;
  if (entry.version !== undefined) record.version = entry.version;
  return record;
}
