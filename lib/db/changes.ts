/**
 * User edits of a record's own fields (status, note, tags) and the change times that let two copies of a
 * record be merged field by field (`lib/backup/merge.ts`).
 *
 * - `changedAt[field]` is when the user last changed that field. A record written before change times
 *   existed has none: its field time is then `updatedAt` (the time of its latest user edit, an upper bound)
 *   when the field holds a user value, and 0 when it holds the default (`seen`, an empty note, no tags).
 * - `tagChanges` holds, per tag ever used on the record, its last change: added (the tag is in `tags`) or
 *   removed (`removed: true`, a tombstone), sorted by tag. A tag in `tags` without an entry was added at the
 *   record's tags time (`fieldTime(record, 'tags')`).
 *
 * Pure functions plus one writer (`editUserFields`); nothing here reads another module of `lib/db` but the schema.
 */
import type { PaperId, PaperRecord, TagChange, UserField } from '../model';
import { noteChanges, type LecternDB } from './schema';

/** Longest tag, in characters (after trimming). */
export const MAX_TAG_LENGTH = 200;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** When `field` of `record` last changed (see the module comment for records without change times). */
export function fieldTime(record: PaperRecord, field: UserField): number {
  const at = record.changedAt?.[field];
  if (at !== undefined) return at;
  const isDefault =
    field === 'status' ? record.status === 'seen' : field === 'note' ? record.note === '' : record.tags.length === 0;
  return isDefault ? 0 : record.updatedAt;
}

/** The latest time anything of the record changed by the user: what a deletion must be newer than to win. */
export function lastChangeOf(record: PaperRecord): number {
  let last = record.updatedAt;
  for (const at of Object.values(record.changedAt ?? {})) if (at !== undefined && at > last) last = at;
  for (const change of record.tagChanges ?? []) if (change.at > last) last = change.at;
  return last;
}

/** A tag's state on one copy of a record. */
export interface TagState {
  at: number;
  present: boolean;
}

/** Every tag's state on `record`: its `tags` (present) and its tombstones (absent). */
export function tagStates(record: PaperRecord): Map<string, TagState> {
  const states = new Map<string, TagState>();
  const fallback = fieldTime(record, 'tags');
  const changes = new Map<string, TagChange>();
  for (const change of record.tagChanges ?? []) changes.set(change.tag, change);
  for (const tag of record.tags) states.set(tag, { at: changes.get(tag)?.at ?? fallback, present: true });
  for (const change of changes.values()) {
    if (!states.has(change.tag)) states.set(change.tag, { at: change.at, present: false });
  }
  return states;
}

/** The later of two states of a tag; on a tie the addition wins (keeping a tag loses nothing). */
export function laterTagState(a: TagState | undefined, b: TagState | undefined): TagState | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return a.present ? a : b;
}

/** `tagChanges` for the given states, sorted by tag. */
export function tagChangesOf(states: ReadonlyMap<string, TagState>): TagChange[] {
  return [...states.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([tag, s]): TagChange => (s.present ? { tag, at: s.at } : { tag, at: s.at, removed: true }));
}

/**
 * The change bookkeeping of a record made of two records of one paper whose tags were unioned
 * (`mergeRecords`): per field the later change time, per tag the later state, every tag in `tags` present.
 */
export function unionChangeTimes(
  a: PaperRecord,
  b: PaperRecord,
  tags: readonly string[],
): Pick<PaperRecord, 'changedAt' | 'tagChanges'> {
  const out: Pick<PaperRecord, 'changedAt' | 'tagChanges'> = {};
  if (a.changedAt || b.changedAt) {
    const changedAt: Partial<Record<UserField, number>> = {};
    for (const field of ['status', 'note', 'tags'] as const) {
      const at = Math.max(fieldTime(a, field), fieldTime(b, field));
      if (a.changedAt?.[field] !== undefined || b.changedAt?.[field] !== undefined) changedAt[field] = at;
    }
    out.changedAt = changedAt;
  }
  if (a.tagChanges || b.tagChanges) {
    const sa = tagStates(a);
    const sb = tagStates(b);
    const states = new Map<string, TagState>();
    for (const tag of new Set([...sa.keys(), ...sb.keys()])) states.set(tag, laterTagState(sa.get(tag), sb.get(tag))!);
    for (const tag of tags) {
      const s = states.get(tag);
      const addedAt = Math.max(sa.get(tag)?.present ? sa.get(tag)!.at : 0, sb.get(tag)?.present ? sb.get(tag)!.at : 0);
      if (!s || !s.present) states.set(tag, { at: addedAt, present: true });
    }
    out.tagChanges = tagChangesOf(states);
  }
  return out;
}

/** A tag as stored: trimmed, inner whitespace collapsed; '' when nothing is left. */
export function normalizeTag(tag: string): string {
  return tag.replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH);
}

/** The record with its note set by the user at `now`, or `null` when it already has that note. */
export function withNote(record: PaperRecord, note: string, now: number): PaperRecord | null {
  if (record.note === note) return null;
  return { ...record, note, updatedAt: now, changedAt: { ...record.changedAt, note: now } };
}

/**
 * The record with its tags set by the user at `now` (normalised, duplicates and empty tags dropped, order
 * kept), or `null` when they are the same. Added tags and removed tags (tombstones) are stamped `now`.
 */
export function withTags(record: PaperRecord, tags: readonly string[], now: number): PaperRecord | null {
  const next = [...new Set(tags.map(normalizeTag).filter((t) => t !== ''))];
  if (next.length === record.tags.length && next.every((t, i) => t === record.tags[i])) return null;
  const states = tagStates(record);
  const before = new Set(record.tags);
  const after = new Set(next);
  for (const tag of next) if (!before.has(tag)) states.set(tag, { at: now, present: true });
  for (const tag of record.tags) if (!after.has(tag)) states.set(tag, { at: now, present: false });
  // Tags kept keep their (possibly unknown) add time, made explicit so that it does not move with `changedAt`.
  return {
    ...record,
    tags: next,
    tagChanges: tagChangesOf(states),
    updatedAt: now,
    changedAt: { ...record.changedAt, tags: now },
  };
}

/** `withTags` adding `add` and removing `remove`. */
export function withTagEdits(
  record: PaperRecord,
  edit: { add?: readonly string[]; remove?: readonly string[] },
  now: number,
): PaperRecord | null {
  const remove = new Set((edit.remove ?? []).map(normalizeTag));
  return withTags(record, [...record.tags.filter((t) => !remove.has(t)), ...(edit.add ?? [])], now);
}

export interface UserFieldEdit {
  note?: string;
  /** The full new tag list. */
  tags?: readonly string[];
  /** Tags to add (after `tags`, when both are given). */
  addTags?: readonly string[];
  /** Tags to remove. */
  removeTags?: readonly string[];
}

/**
 * Applies a user's edit of the note and/or tags of the paper known by `id` (record id or alias), stamping
 * the change times. Answers the record as written, the unchanged record when nothing changed, or
 * `undefined` when no record has that id.
 */
export async function editUserFields(
  db: LecternDB,
  id: PaperId,
  edit: UserFieldEdit,
  now: number,
): Promise<PaperRecord | undefined> {
  return db.transaction('rw', [db.papers, db.changes], async () => {
    const found = (await db.papers.get(id)) ?? (await db.papers.where('aliases').equals(id).first());
    if (!found) return undefined;
    let record = found;
    if (edit.note !== undefined) record = withNote(record, edit.note, now) ?? record;
    if (edit.tags !== undefined) record = withTags(record, edit.tags, now) ?? record;
    if (edit.addTags || edit.removeTags) {
      const edits: { add?: readonly string[]; remove?: readonly string[] } = {};
      if (edit.addTags) edits.add = edit.addTags;
      if (edit.removeTags) edits.remove = edit.removeTags;
      record = withTagEdits(record, edits, now) ?? record;
    }
    if (record !== found) {
      await db.papers.put(record);
      await noteChanges(db, [record.id], now);
    }
    return record;
  });
}
