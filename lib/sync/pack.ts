/**
 * What of the library travels through the browser's sync storage (`browser.storage.sync`), and how it is
 * packed to fit its quotas. Pure: no storage, no database.
 *
 * Only what the user made travels: a paper's status, note and tags with their change times (`changedAt`,
 * `tagChanges`), plus its id, a few aliases and a shortened title so that another device can match or show it.
 * Abstracts, authors, sightings, highlights and snapshots never travel.
 *
 * Entries are packed, in priority order, into items `sync.0`, `sync.1`, … of at most `perItem` bytes each
 * (measured as the browser does: the UTF-8 length of the key plus the JSON of the value), with a `sync.meta`
 * item naming how many there are. Priority: papers to read or being read first, then the rest by most recent
 * change, read and dismissed papers last (most recent first). When the room runs out, everything after that
 * point is left out (so the oldest read and dismissed entries stop syncing first) and reported.
 */
import type { PaperId, PaperRecord, PaperStatus, TagChange, UserField } from '../model';
import { STATUSES } from '../model';
import { fieldTime } from '../db/changes';

/** The browser's sync storage limits (Chrome's when the API does not say). */
export interface SyncQuotas {
  /** All items together, keys included. */
  total: number;
  /** One item, key included. */
  perItem: number;
  /** How many items. */
  maxItems: number;
}

export const CHROME_SYNC_QUOTAS: Readonly<SyncQuotas> = Object.freeze({ total: 102_400, perItem: 8_192, maxItems: 512 });

/** The quotas a `storage.sync` area announces, Chrome's for any it does not. */
export function quotasOf(area: { QUOTA_BYTES?: unknown; QUOTA_BYTES_PER_ITEM?: unknown; MAX_ITEMS?: unknown } | undefined): SyncQuotas {
  const pick = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    total: pick(area?.QUOTA_BYTES, CHROME_SYNC_QUOTAS.total),
    perItem: pick(area?.QUOTA_BYTES_PER_ITEM, CHROME_SYNC_QUOTAS.perItem),
    maxItems: pick(area?.MAX_ITEMS, CHROME_SYNC_QUOTAS.maxItems),
  };
}

export const META_KEY = 'sync.meta';
export const ITEM_PREFIX = 'sync.';
export const SYNC_FORMAT = 1;
/** Aliases carried besides the id (enough to match a paper known by another id on another device). */
export const MAX_SYNCED_ALIASES = 3;
/** Characters of the title carried (for showing a paper another device has not seen). */
export const MAX_SYNCED_TITLE = 80;

/** One paper as it travels. */
export interface SyncEntry {
  id: PaperId;
  aliases: PaperId[];
  title: string;
  status: PaperStatus;
  note: string;
  tags: string[];
  /** Every field's change time, explicit (0: never changed). */
  changedAt: Record<UserField, number>;
  tagChanges: TagChange[];
}

/** The compact stored form of an entry: short keys, times as numbers, tag changes as tuples. */
interface PackedEntry {
  i: string;
  a?: string[];
  t: string;
  s: PaperStatus;
  n?: string;
  g?: string[];
  /** Change times of status, note, tags. */
  c: [number, number, number];
  /** Tag changes: [tag, at] or [tag, at, 1] for a removal. */
  r?: ([string, number] | [string, number, 1])[];
}

interface MetaValue {
  v: number;
  /** Items `sync.0` … `sync.<items - 1>` hold the entries. */
  items: number;
}

const encoder = new TextEncoder();

/** The bytes an item takes against the quotas: key plus JSON of the value, in UTF-8 (as Chrome counts). */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key + JSON.stringify(value)).length;
}

/** Whether the user made anything of the record (anything worth syncing). */
export function userMade(record: PaperRecord): boolean {
  return (
    record.status !== 'seen' ||
    record.note !== '' ||
    record.tags.length > 0 ||
    (record.tagChanges?.length ?? 0) > 0 ||
    Object.values(record.changedAt ?? {}).some((at) => at !== undefined && at > 0)
  );
}

/** Cut to at most `max` characters without splitting a surrogate pair. */
function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

export function entryOf(record: PaperRecord): SyncEntry {
  return {
    id: record.id,
    aliases: record.aliases.filter((alias) => alias !== record.id).slice(0, MAX_SYNCED_ALIASES),
    title: shorten(record.title, MAX_SYNCED_TITLE),
    status: record.status,
    note: record.note,
    tags: [...record.tags],
    changedAt: { status: fieldTime(record, 'status'), note: fieldTime(record, 'note'), tags: fieldTime(record, 'tags') },
    tagChanges: (record.tagChanges ?? []).map((change) => ({ ...change })),
  };
}

/** The latest change time of an entry. */
export function entryChangedAt(entry: SyncEntry): number {
  let last = Math.max(entry.changedAt.status, entry.changedAt.note, entry.changedAt.tags);
  for (const change of entry.tagChanges) last = Math.max(last, change.at);
  return last;
}

function packEntry(entry: SyncEntry): PackedEntry {
  const packed: PackedEntry = {
    i: entry.id,
    t: entry.title,
    s: entry.status,
    c: [entry.changedAt.status, entry.changedAt.note, entry.changedAt.tags],
  };
  if (entry.aliases.length) packed.a = entry.aliases;
  if (entry.note) packed.n = entry.note;
  if (entry.tags.length) packed.g = entry.tags;
  if (entry.tagChanges.length) packed.r = entry.tagChanges.map((c) => (c.removed ? [c.tag, c.at, 1] : [c.tag, c.at]));
  return packed;
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** An entry from its stored form, or `null` when malformed (another version, a damaged item). */
function unpackEntry(value: unknown): SyncEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Partial<Record<keyof PackedEntry, unknown>>;
  if (!isString(p.i) || p.i === '' || !isString(p.t)) return null;
  if (!(STATUSES as readonly unknown[]).includes(p.s)) return null;
  if (!Array.isArray(p.c) || p.c.length !== 3 || !p.c.every(isTime)) return null;
  const aliases = p.a === undefined ? [] : p.a;
  const tags = p.g === undefined ? [] : p.g;
  const note = p.n === undefined ? '' : p.n;
  const changes = p.r === undefined ? [] : p.r;
  if (!Array.isArray(aliases) || !aliases.every(isString)) return null;
  if (!Array.isArray(tags) || !tags.every(isString) || !isString(note) || !Array.isArray(changes)) return null;
  const tagChanges: TagChange[] = [];
  for (const c of changes) {
    if (!Array.isArray(c) || !isString(c[0]) || !isTime(c[1])) return null;
    tagChanges.push(c[2] === 1 ? { tag: c[0], at: c[1], removed: true } : { tag: c[0], at: c[1] });
  }
  const [status, noteAt, tagsAt] = p.c as [number, number, number];
  return {
    id: p.i,
    aliases: [...aliases],
    title: p.t,
    status: p.s as PaperStatus,
    note,
    tags: [...tags],
    changedAt: { status, note: noteAt, tags: tagsAt },
    tagChanges,
  };
}

/** Why a user-made paper does not travel. */
export type LeftOutReason = 'full' | 'too-large';

export interface SyncPlan {
  /** Storage items to write, `sync.meta` included. */
  items: Record<string, unknown>;
  /** Ids of the papers that travel, in priority order. */
  synced: PaperId[];
  /** User-made papers that do not travel, and why. */
  leftOut: { id: PaperId; title: string; status: PaperStatus; reason: LeftOutReason }[];
  /** Bytes the items take. */
  bytesUsed: number;
  /** Bytes left under the total quota. */
  bytesFree: number;
  quotas: SyncQuotas;
}

/** 0: to read or reading; 1: seen (with a note or tags); 2: read or dismissed. */
function rank(status: PaperStatus): number {
  if (status === 'unread' || status === 'reading') return 0;
  if (status === 'read' || status === 'dismissed') return 2;
  return 1;
}

/**
 * The user-made records in the order they claim room (see the module comment); ties by id. The time is that
 * of the synced fields only, which two devices agree on once they merged, so they pick the same papers.
 */
export function syncOrder(records: readonly PaperRecord[]): PaperRecord[] {
  return records
    .filter(userMade)
    .map((record) => ({ record, rank: rank(record.status), at: entryChangedAt(entryOf(record)) }))
    .sort((a, b) => a.rank - b.rank || b.at - a.at || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
    .map(({ record }) => record);
}

/**
 * The items that carry as many of `records`' user-made papers as fit, in priority order (see the module
 * comment). An entry too large for one item on its own (a very long note) is left out as `too-large` and the
 * packing goes on; the first entry that does not fit in the room left ends it, and it and every later one are
 * left out as `full`.
 */
export function packLibrary(records: readonly PaperRecord[], quotas: SyncQuotas = CHROME_SYNC_QUOTAS): SyncPlan {
  const ordered = syncOrder(records);
  const items: Record<string, unknown> = {};
  const synced: PaperId[] = [];
  const leftOut: SyncPlan['leftOut'] = [];
  // Room for the meta item at its largest (item count with as many digits as `maxItems`).
  const metaReserve = itemBytes(META_KEY, { v: SYNC_FORMAT, items: quotas.maxItems });
  let used = 0;
  let current: PackedEntry[] = [];
  let currentBytes = 0;
  let full = false;
  const keyOf = (n: number) => `${ITEM_PREFIX}${n}`;
  const close = () => {
    if (!current.length) return;
    items[keyOf(Object.keys(items).length)] = current;
    used += currentBytes;
    current = [];
    currentBytes = 0;
  };
  for (const record of ordered) {
    const entry = entryOf(record);
    if (full) {
      leftOut.push({ id: record.id, title: entry.title, status: record.status, reason: 'full' });
      continue;
    }
    const packed = packEntry(entry);
    const alone = itemBytes(keyOf(quotas.maxItems), [packed]);
    if (alone > quotas.perItem) {
      leftOut.push({ id: record.id, title: entry.title, status: record.status, reason: 'too-large' });
      continue;
    }
    let withIt = current.length ? itemBytes(keyOf(Object.keys(items).length), [...current, packed]) : Infinity;
    if (withIt > quotas.perItem) {
      close();
      withIt = itemBytes(keyOf(Object.keys(items).length), [packed]);
    }
    const itemCount = Object.keys(items).length + 1 + 1; // this item and the meta item
    if (used + withIt + metaReserve > quotas.total || itemCount > quotas.maxItems) {
      full = true;
      leftOut.push({ id: record.id, title: entry.title, status: record.status, reason: 'full' });
      continue;
    }
    current.push(packed);
    currentBytes = withIt;
    synced.push(record.id);
  }
  close();
  const meta: MetaValue = { v: SYNC_FORMAT, items: Object.keys(items).length };
  items[META_KEY] = meta;
  used += itemBytes(META_KEY, meta);
  return { items, synced, leftOut, bytesUsed: used, bytesFree: Math.max(0, quotas.total - used), quotas };
}

/**
 * The entries stored sync items carry (as read with `storage.sync.get(null)`); items of another format,
 * beyond the meta item's count, or malformed entries are ignored. Answers `[]` when there is no meta item.
 */
export function unpackItems(stored: Record<string, unknown>): SyncEntry[] {
  const meta = stored[META_KEY] as Partial<MetaValue> | undefined;
  if (!meta || meta.v !== SYNC_FORMAT || !isTime(meta.items)) return [];
  const out: SyncEntry[] = [];
  for (let n = 0; n < meta.items; n++) {
    const item = stored[`${ITEM_PREFIX}${n}`];
    if (!Array.isArray(item)) continue;
    for (const value of item) {
      const entry = unpackEntry(value);
      if (entry) out.push(entry);
    }
  }
  return out;
}

/** The keys of stored items that a new plan no longer uses (to remove). */
export function staleKeys(stored: Record<string, unknown>, plan: SyncPlan): string[] {
  return Object.keys(stored).filter((key) => key.startsWith(ITEM_PREFIX) && !(key in plan.items));
}

/** The items of `plan` whose stored value differs (to write). */
export function changedItems(stored: Record<string, unknown>, plan: SyncPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plan.items)) {
    if (JSON.stringify(stored[key]) !== JSON.stringify(value)) out[key] = value;
  }
  return out;
}

function syncedFields(entry: SyncEntry): string {
  return JSON.stringify([entry.status, entry.note, entry.tags, entry.changedAt, entry.tagChanges]);
}

/** The bytes an entry adds to an item. */
export function entryBytes(entry: SyncEntry): number {
  return itemBytes('', [packEntry(entry), packEntry(entry)]) - itemBytes('', [packEntry(entry)]);
}

/** The bytes stored items take. */
export function storedBytes(stored: Record<string, unknown>): number {
  let total = 0;
  for (const [key, value] of Object.entries(stored)) total += itemBytes(key, value);
  return total;
}

/**
 * Whether `remote` already carries what `local` would add (matched by id or alias: two devices may know a
 * paper by different ids): every local entry is there as it is, or is missing only because `remote` has no
 * room for it (`roomLeft` bytes). When it does, writing `local` would add nothing, so two devices that agree,
 * or that disagree only on which papers to leave out of a full area, never write back and forth.
 */
export function coveredBy(local: readonly SyncEntry[], remote: readonly SyncEntry[], roomLeft = Infinity): boolean {
  const byId = new Map<string, string[]>();
  for (const entry of remote) {
    const fields = syncedFields(entry);
    for (const id of [entry.id, ...entry.aliases]) byId.set(id, [...(byId.get(id) ?? []), fields]);
  }
  return local.every((entry) => {
    const ids = [entry.id, ...entry.aliases];
    const known = ids.some((id) => byId.has(id));
    if (!known) return entryBytes(entry) > roomLeft;
    const fields = syncedFields(entry);
    return ids.some((id) => byId.get(id)?.includes(fields));
  });
}
