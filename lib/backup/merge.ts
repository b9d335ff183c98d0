/**
 * Merging two copies of one paper (from two libraries: this one and a backup), field by field. The result
 * does not depend on which copy is "ours": `mergeCopies(a, b)` equals `mergeCopies(b, a)`, and merging a copy
 * with itself answers it unchanged.
 *
 * - Which copy leads: the older one (smaller `firstSeenAt`), then the better-ranked id, then the smaller id,
 *   then the smaller canonical JSON. Its id is the result's id (the older record stays, as in `mergeRecords`)
 *   and its metadata is improved by the other's (`improveMetadata`: metadata only improves).
 * - User fields (status, note): the value changed last wins (`fieldTime`); on a tie, the more advanced
 *   status (`combineStatus`) or the greater note (in code-unit order).
 * - Tags: per tag, its later change wins (an addition on a tie); removals travel as `tagChanges` tombstones.
 *   The order is that of the copy whose tags changed last, then the other's.
 * - Dates: earliest `firstSeenAt`, `savedAt`, `startedAt`; latest `lastSeenAt`, `readAt`, `updatedAt`;
 *   `firstSeenOn` from the leading copy (else the other's).
 */
import { bestId } from '../ids';
import type { PaperRecord, PaperStatus, UserField } from '../model';
import { fieldTime, laterTagState, tagChangesOf, tagStates, type TagState } from '../db/changes';
import { combineStatus, improveMetadata } from '../db/papers';
import { canonicalPaper } from './format';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical JSON of a record (fields in backup order). */
export function paperJson(record: PaperRecord): string {
  return JSON.stringify(canonicalPaper(record));
}

/**
 * A total order on copies of a paper: older first (`firstSeenAt`), then the better-ranked id, the smaller
 * id, the smaller canonical JSON. Negative when `a` leads.
 */
export function leadOrder(a: PaperRecord, b: PaperRecord): number {
  if (a.firstSeenAt !== b.firstSeenAt) return a.firstSeenAt - b.firstSeenAt;
  if (a.id !== b.id) {
    const best = bestId([a.id, b.id]);
    if (bestId([b.id, a.id]) === best) return best === a.id ? -1 : 1;
    return compareStrings(a.id, b.id);
  }
  return compareStrings(paperJson(a), paperJson(b));
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function statusWinner(a: PaperRecord, b: PaperRecord): { status: PaperStatus; at: number } {
  const ta = fieldTime(a, 'status');
  const tb = fieldTime(b, 'status');
  if (ta !== tb) return ta > tb ? { status: a.status, at: ta } : { status: b.status, at: tb };
  return { status: combineStatus(a.status, b.status), at: ta };
}

function noteWinner(a: PaperRecord, b: PaperRecord): { note: string; at: number } {
  const ta = fieldTime(a, 'note');
  const tb = fieldTime(b, 'note');
  if (ta !== tb) return ta > tb ? { note: a.note, at: ta } : { note: b.note, at: tb };
  return { note: compareStrings(a.note, b.note) >= 0 ? a.note : b.note, at: ta };
}

function mergeTags(a: PaperRecord, b: PaperRecord): Pick<PaperRecord, 'tags' | 'tagChanges'> & { at: number } {
  const sa = tagStates(a);
  const sb = tagStates(b);
  const states = new Map<string, TagState>();
  for (const tag of new Set([...sa.keys(), ...sb.keys()])) states.set(tag, laterTagState(sa.get(tag), sb.get(tag))!);
  const ta = fieldTime(a, 'tags');
  const tb = fieldTime(b, 'tags');
  const aLeads = ta !== tb ? ta > tb : compareStrings(JSON.stringify(a.tags), JSON.stringify(b.tags)) >= 0;
  const [first, second] = aLeads ? [a, b] : [b, a];
  const tags: string[] = [];
  for (const tag of [...first.tags, ...second.tags]) {
    if (states.get(tag)?.present && !tags.includes(tag)) tags.push(tag);
  }
  return { tags, tagChanges: tagChangesOf(states), at: Math.max(ta, tb) };
}

/** One copy of a paper out of two (see the module comment). */
export function mergeCopies(a: PaperRecord, b: PaperRecord): PaperRecord {
  const ja = paperJson(a);
  const jb = paperJson(b);
  if (ja === jb) return a;
  const [lead, other] = leadOrder(a, b) <= 0 ? [a, b] : [b, a];
  const base = improveMetadata(lead, other) ?? lead;

  const status = statusWinner(a, b);
  const note = noteWinner(a, b);
  const tags = mergeTags(a, b);
  const changedAt: Partial<Record<UserField, number>> = {};
  if (status.at > 0) changedAt.status = status.at;
  if (note.at > 0) changedAt.note = note.at;
  if (tags.at > 0) changedAt.tags = tags.at;

  const merged: PaperRecord = {
    ...base,
    status: status.status,
    tags: tags.tags,
    note: note.note,
    firstSeenAt: Math.min(a.firstSeenAt, b.firstSeenAt),
    lastSeenAt: Math.max(a.lastSeenAt, b.lastSeenAt),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
  delete merged.firstSeenOn;
  delete merged.savedAt;
  delete merged.startedAt;
  delete merged.readAt;
  delete merged.changedAt;
  delete merged.tagChanges;
  const firstSeenOn = lead.firstSeenOn ?? other.firstSeenOn;
  if (firstSeenOn !== undefined) merged.firstSeenOn = firstSeenOn;
  const savedAt = earliest(a.savedAt, b.savedAt);
  const startedAt = earliest(a.startedAt, b.startedAt);
  const readAt = latest(a.readAt, b.readAt);
  if (savedAt !== undefined) merged.savedAt = savedAt;
  if (startedAt !== undefined) merged.startedAt = startedAt;
  if (readAt !== undefined) merged.readAt = readAt;
  if (Object.keys(changedAt).length) merged.changedAt = changedAt;
  if (tags.tagChanges?.length) merged.tagChanges = tags.tagChanges;
  return canonicalPaper(merged);
}

/** Copies of one paper merged in lead order (see `leadOrder`), whatever order they come in. */
export function mergeAll(copies: readonly PaperRecord[]): PaperRecord {
  const sorted = [...copies].sort(leadOrder);
  let out = sorted[0]!;
  for (const copy of sorted.slice(1)) out = mergeCopies(out, copy);
  return out;
}
