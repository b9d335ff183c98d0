/**
 * Recording and housekeeping requests. Part of `Requests` in `../protocol.ts`; validated by
 * `./recording-schemas.ts`, handled by `lib/service/handlers/recording.ts`. Each request is `[data, answer]`.
 *
 * When automatic recording is off (switched off, paused, a private window), a page's report records nothing:
 * its answer marks the papers the library does not hold (`EntryState.unrecorded`), and the page saves one of
 * them with `page.save`, which creates its record.
 */
import type { DetectedPaper, PaperStatus } from '../../model';
import type { EntryState } from '../protocol';

/** What a housekeeping action removed (or an undo put back). */
export interface HousekeepingCounts {
  papers: number;
  sightings: number;
}

export const HOUSEKEEPING_ACTIONS = ['forgetSeenOlderThan', 'forgetUnsaved', 'compactSightings'] as const;
export type HousekeepingAction = (typeof HOUSEKEEPING_ACTIONS)[number];

export interface HousekeepingResult extends HousekeepingCounts {
  /** Names this action for `housekeeping.undo`, until `undoUntil`. Absent when nothing was removed. */
  undoToken?: string;
  /** When the undo window closes (ms since the epoch). */
  undoUntil?: number;
}

export interface RecordingRequests {
  // ---- content script (own tab only) ----
  /**
   * The user saves (or otherwise triages) entries of the sender's page, as detected: each is recorded if
   * the library does not hold it yet (even when automatic recording is off) and gets `status`. Entries must
   * be on the tab's last report. Answers one state per entry, in order.
   */
  'page.save': [{ url: string; entries: DetectedPaper[]; status: PaperStatus }, EntryState[]];

  // ---- extension pages only ----
  /**
   * Housekeeping, each undoable for a short while (`housekeeping.undo`):
   * - `forgetSeenOlderThan`: papers still `seen` and not seen for `days` days;
   * - `forgetUnsaved`: every paper still `seen`;
   * both never touch a paper with a note, tags, highlights or a snapshot;
   * - `compactSightings`: keeps at most `cap` pages per paper (its first and its newest).
   */
  'housekeeping.run': [{ action: HousekeepingAction; days?: number; cap?: number }, HousekeepingResult];
  /** Puts back exactly what a housekeeping action removed, within its undo window. */
  'housekeeping.undo': [{ token: string }, HousekeepingCounts];
}

/** Recording requests a content script may send. */
export const RECORDING_CONTENT_REQUESTS = ['page.save'] as const satisfies readonly (keyof RecordingRequests)[];
