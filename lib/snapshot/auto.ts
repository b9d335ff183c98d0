/**
 * Keeping a readable copy when a paper is saved: when a paper's status leaves `seen` for to read, reading or
 * read, and a tab shows that paper alone (its own page, never a listing), and the paper has no copy yet, the
 * snapshot script runs in that tab (it still checks that the page is an article before parsing anything).
 */
import { hasSnapshot } from '../db/snapshots';
import type { LecternDB } from '../db/schema';
import type { StatusChange } from '../messaging/protocol';
import type { PaperId, PaperStatus } from '../model';
import type { Pusher } from '../service/push';
import type { TabPapers } from '../service/tabs';
import type { CaptureOutcome } from './inject';

const SAVED: ReadonlySet<PaperStatus> = new Set<PaperStatus>(['unread', 'reading', 'read']);

export interface AutoCaptureDeps {
  db: LecternDB;
  tabs: TabPapers;
  /** Runs the snapshot script in a tab for a paper (`captureInTab` with `force: false`). */
  capture(tabId: number, paperId: PaperId): Promise<CaptureOutcome>;
}

/** Captures the pages of newly saved papers; answers the outcomes, by tab. Never throws. */
export function createAutoCapture({ db, tabs, capture }: AutoCaptureDeps) {
  return async function captureSaved(changes: readonly StatusChange[]): Promise<Map<number, CaptureOutcome>> {
    const outcomes = new Map<number, CaptureOutcome>();
    const saved = changes.filter((change) => change.status !== null && SAVED.has(change.status));
    if (!saved.length) return outcomes;
    const pages = await tabs.list();
    for (const change of saved) {
      const names = new Set([change.id, ...change.aliases]);
      const single = pages.filter(([, page]) => page.ids.length === 1 && names.has(page.ids[0]!));
      if (!single.length || (await hasSnapshot(db, change.id))) continue;
      for (const [tabId, page] of single) {
        const outcome = await capture(tabId, page.ids[0]!).catch(
          (error: unknown): CaptureOutcome => ({ saved: false, reason: String(error) }),
        );
        outcomes.set(tabId, outcome);
        if (outcome.saved) break;
      }
    }
    return outcomes;
  };
}

/** The pusher, also starting captures for saved papers (after the pushes, never delaying them). */
export function withAutoCapture(pusher: Pusher, captureSaved: (changes: readonly StatusChange[]) => Promise<unknown>): Pusher {
  return {
    ...pusher,
    async statusChanged(changes) {
      await pusher.statusChanged(changes);
      void captureSaved(changes).catch(() => undefined);
    },
  };
}
