/**
 * What the page knows of its entries, and the rules of on-page triage. Pure: no DOM, no messaging, so every
 * rule is unit-tested on its own.
 *
 * An entry's life on a page load: detected → looked up (read-only: the stored status, or unknown, which
 * recording will create) → recorded (the background answered its report) → changed by the user here or
 * anywhere else (pushes).
 */
import type { EntryState, LookedUpState, StatusChange } from '../messaging/protocol';
import type { DetectedPaper, PaperId, PaperStatus } from '../model';
import { countsAsNew } from '../status';

/** What an entry's badge (and `data-lectern-state`) shows. */
export type BadgeState = 'new' | PaperStatus;

export interface Entry {
  /** The entry's own id (`DetectedPaper.id`): its key on this page. */
  key: PaperId;
  paper: DetectedPaper;
  /** The library record it belongs to. */
  recordId: PaperId;
  /** The stored status (`seen` for a paper this page load is recording for the first time). */
  status: PaperStatus;
  /** This page load created (or, before its report is answered, is about to create) the record. */
  created: boolean;
  /** Absent from this page at the previous visit. */
  newSinceVisit: boolean;
  /** Its state is known (looked up or recorded): its badge can show. */
  known: boolean;
  /** The report of this entry was answered: its record exists and the tab may act on it. */
  recorded: boolean;
  /** The record was deleted from the library while the page shows it. */
  deleted: boolean;
  /**
   * The report did not record it (automatic recording is off) and the library does not hold it: it shows
   * as new, and triaging it saves it (`page.save`) instead of changing a stored status.
   */
  unrecorded: boolean;
}

/** `new` while the paper is untriaged and this page load created its record; else the stored status. */
export function badgeState(entry: Pick<Entry, 'status' | 'created'>): BadgeState {
  return entry.created && entry.status === 'seen' ? 'new' : entry.status;
}

/** Counts as new for the page bar, the toolbar count and "Save all new" / "Dismiss all new". */
export function isNew(entry: Entry): boolean {
  return entry.known && !entry.deleted && countsAsNew(entry);
}

/** One undoable action: the records it changed, from which status to which. */
export interface UndoStep {
  recordIds: PaperId[];
  from: PaperStatus;
  to: PaperStatus;
}

const MAX_UNDO = 50;

export class PageState {
  private list: Entry[] = [];
  private readonly byKey = new Map<PaperId, Entry>();
  private undoSteps: UndoStep[] = [];

  /** In page order (the order entries were detected in). */
  get entries(): readonly Entry[] {
    return this.list;
  }

  get(key: PaperId): Entry | undefined {
    return this.byKey.get(key);
  }

  has(key: PaperId): boolean {
    return this.byKey.has(key);
  }

  /** Forgets everything (another page: client-side navigation). */
  clear(): void {
    this.list = [];
    this.byKey.clear();
    this.undoSteps = [];
  }

  /** Adds entries just detected (in page order), their state unknown until looked up or recorded. */
  add(papers: readonly DetectedPaper[]): Entry[] {
    const added: Entry[] = [];
    for (const paper of papers) {
      if (this.byKey.has(paper.id)) continue;
      const entry: Entry = {
        key: paper.id,
        paper,
        recordId: paper.id,
        status: 'seen',
        created: false,
        newSinceVisit: false,
        known: false,
        recorded: false,
        deleted: false,
        unrecorded: false,
      };
      this.byKey.set(entry.key, entry);
      this.list.push(entry);
      added.push(entry);
    }
    return added;
  }

  /**
   * Applies what `page.lookup` answered (index-aligned with `keys`): a paper the library does not know will
   * be created by this page load's report, so it shows as new. Entries already recorded keep the report's
   * word. Answers the entries whose state became known.
   */
  applyLookup(keys: readonly PaperId[], states: readonly LookedUpState[]): Entry[] {
    const known: Entry[] = [];
    keys.forEach((key, i) => {
      const entry = this.byKey.get(key);
      const state = states[i];
      if (!entry || !state || entry.recorded) return;
      entry.recordId = state.recordId;
      entry.status = state.status ?? 'seen';
      entry.created = state.status === null;
      entry.newSinceVisit = state.newSinceVisit;
      entry.known = true;
      known.push(entry);
    });
    return known;
  }

  /** Applies a report's answer (index-aligned with `keys`); answers the entries whose badge changes. */
  applyReport(keys: readonly PaperId[], states: readonly EntryState[]): Entry[] {
    const changed: Entry[] = [];
    keys.forEach((key, i) => {
      const entry = this.byKey.get(key);
      const state = states[i];
      if (!entry || !state) return;
      const before = snapshot(entry);
      entry.recordId = state.recordId;
      entry.status = state.status;
      // Not recorded: new to the library all the same.
      entry.created = state.created || state.unrecorded === true;
      entry.unrecorded = state.unrecorded === true;
      entry.newSinceVisit = state.newSinceVisit;
      entry.recorded = true;
      // An entry the user called "not a paper" gets no badge: it is not in the library, on purpose.
      entry.deleted = state.notPaper === true;
      if (snapshot(entry) !== before || !entry.known) changed.push(entry);
      entry.known = true;
    });
    return changed;
  }

  /** Applies changes pushed by the background (any alias of a record matches); answers the entries changed. */
  applyChanges(changes: readonly StatusChange[]): Entry[] {
    const byId = new Map<PaperId, StatusChange>();
    for (const change of changes) for (const id of [change.id, ...change.aliases]) byId.set(id, change);
    const changed: Entry[] = [];
    for (const entry of this.list) {
      const change = byId.get(entry.recordId) ?? byId.get(entry.key);
      if (!change) continue;
      const before = snapshot(entry);
      if (change.status === null) {
        entry.deleted = true;
      } else {
        entry.recordId = change.id;
        entry.status = change.status;
        entry.deleted = false;
      }
      if (snapshot(entry) !== before) changed.push(entry);
    }
    return changed;
  }

  /** Sets the status of every entry of these records (after the background confirmed the change). */
  setStatus(recordIds: readonly PaperId[], status: PaperStatus): Entry[] {
    const ids = new Set(recordIds);
    const changed: Entry[] = [];
    for (const entry of this.list) {
      if (!ids.has(entry.recordId) || entry.status === status) continue;
      entry.status = status;
      changed.push(entry);
    }
    return changed;
  }

  /** Drops entries the page no longer shows. */
  remove(keys: readonly PaperId[]): void {
    const gone = new Set(keys);
    if (!gone.size) return;
    for (const key of gone) this.byKey.delete(key);
    this.list = this.list.filter((entry) => !gone.has(entry.key));
  }

  /** Entries the page shows (deleted records left out). */
  get shown(): Entry[] {
    return this.list.filter((entry) => !entry.deleted);
  }

  /** How many papers the page shows, and how many of them count as new. */
  counts(): { total: number; fresh: number } {
    let total = 0;
    let fresh = 0;
    const counted = new Set<PaperId>();
    for (const entry of this.list) {
      if (entry.deleted || counted.has(entry.recordId)) continue;
      counted.add(entry.recordId);
      total++;
      if (isNew(entry)) fresh++;
    }
    return { total, fresh };
  }

  /**
   * The records "Save all new" and "Dismiss all new" act on: those of the entries that count as new, so
   * only untriaged (`seen`) papers, never one being read, read or dismissed. In page order, each once.
   */
  newRecordIds(): PaperId[] {
    const ids: PaperId[] = [];
    const seen = new Set<PaperId>();
    for (const entry of this.list) {
      if (!isNew(entry) || seen.has(entry.recordId)) continue;
      seen.add(entry.recordId);
      ids.push(entry.recordId);
    }
    return ids;
  }

  /** Remembers an action for `undo` (an action that changed nothing is not remembered). */
  pushUndo(step: UndoStep): void {
    if (!step.recordIds.length || step.from === step.to) return;
    this.undoSteps.push({ ...step, recordIds: [...step.recordIds] });
    if (this.undoSteps.length > MAX_UNDO) this.undoSteps.shift();
  }

  /**
   * The last action, taken off the stack, as the change that reverts it: back to `from`, only for records
   * still in `to` (a paper changed again since, here or elsewhere, is left alone).
   */
  popUndo(): { recordIds: PaperId[]; status: PaperStatus; onlyFrom: PaperStatus } | undefined {
    const step = this.undoSteps.pop();
    return step && { recordIds: step.recordIds, status: step.from, onlyFrom: step.to };
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }
}

function snapshot(entry: Entry): string {
  return `${entry.recordId}|${entry.status}|${entry.created}|${entry.newSinceVisit}|${entry.deleted}|${entry.unrecorded}`;
}
