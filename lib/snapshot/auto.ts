/**
 * Keeping a readable copy when a paper is saved: when a paper's status leaves `seen` for to read, reading or
 * read, and a tab shows that paper alone (its own page, never a listing), and the paper has no copy yet, the
 * snapshot script runs in that tab (it still checks that the page is an article before parsing anything).
 * Also when a saved paper without a copy is opened on a full-text address (arXiv HTML, ar5iv, a Hugging Face
 * paper page): what the popup's "Open the HTML version" on an arXiv PDF tab leads to.
 */
import { hasSnapshot } from '../db/snapshots';
import type { LecternDB } from '../db/schema';
import type { StatusChange } from '../messaging/protocol';
import type { PaperId, PaperStatus } from '../model';
import type { Pusher } from '../service/push';
import type { TabPage, TabPapers } from '../service/tabs';
import { isArticleUrl } from './article-urls';
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

/** On a tab's report: a saved paper without a copy, alone on a full-text address, gets one. Never throws. */
export function createCaptureOnVisit({ db, capture }: Pick<AutoCaptureDeps, 'db' | 'capture'>) {
  return async function captureVisited(tabId: number, page: TabPage): Promise<CaptureOutcome | undefined> {
    const [id] = page.ids;
    if (page.ids.length !== 1 || id === undefined || !isArticleUrl(page.url)) return undefined;
    const record = await db.papers.get(id);
    if (!record || !SAVED.has(record.status) || (await hasSnapshot(db, record.id))) return undefined;
    return capture(tabId, record.id).catch((error: unknown): CaptureOutcome => ({ saved: false, reason: String(error) }));
  };
}

/**
 * The pusher, also starting captures for saved papers and for saved papers' full-text pages when a tab
 * reports one (after the pushes, never delaying or failing them).
 */
export function withAutoCapture(
  pusher: Pusher,
  captureSaved: (changes: readonly StatusChange[]) => Promise<unknown>,
  captureVisited?: (tabId: number, page: TabPage) => Promise<unknown>,
): Pusher {
  return {
    async statusChanged(changes) {
      await pusher.statusChanged(changes);
      void captureSaved(changes).catch(() => undefined);
    },
    async tabReported(tabId, page) {
      await pusher.tabReported(tabId, page);
      if (captureVisited) void captureVisited(tabId, page).catch(() => undefined);
    },
  };
}
