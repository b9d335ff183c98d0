/**
 * The background's side of the safety net (`lib/safety`): checks the database against its marker when the
 * worker starts, refreshes the rolling copy every few minutes when the library changed, flags a lost
 * database on the toolbar, and remembers storage failures for the popup and side panel.
 */
import { browser } from 'wxt/browser';
import type { LecternDB } from '../../lib/db/schema';
import type { SafetyDeps } from '../../lib/service/handlers/data';
import { storageArea } from '../../lib/service/tabs';
import { checkDatabase, dismissLoss, refreshSafetyCopy, restoreSafetyCopy } from '../../lib/safety/copy';
import { kindOf, PROBLEM_KEY, type RecordedProblem } from '../../lib/safety/problems';

const ALARM = 'lectern-safety-copy';
const REFRESH_MINUTES = 5;

interface ActionLike {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

function action(): ActionLike | undefined {
  const api = browser as unknown as { action?: ActionLike; browserAction?: ActionLike };
  return api.action ?? api.browserAction;
}

/** A "!" on the toolbar button while a lost library waits for the user's answer. */
function flagLoss(lost: boolean): void {
  const button = action();
  if (!button) return;
  void button.setBadgeText({ text: lost ? '!' : '' }).catch(() => undefined);
  if (lost) void button.setBadgeBackgroundColor({ color: '#b91c1c' }).catch(() => undefined);
}

/** Remembers a failed write (e.g. a full disk) for the popup and side panel, for this browser session. */
export function recordStorageProblem(error: unknown): void {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const problem: RecordedProblem = { kind: kindOf(error), message, at: Date.now() };
  if (problem.kind === 'other') return;
  void browser.storage.session.set({ [PROBLEM_KEY]: problem }).catch(() => undefined);
}

/** Forgets the remembered failure once a write succeeds again. */
export function clearStorageProblem(): void {
  void browser.storage.session.remove(PROBLEM_KEY).catch(() => undefined);
}

/** What the background keeps of the safety net: the router's `data.*` side and a hook for user edits. */
export interface SafetyNet extends SafetyDeps {
  /** The user changed something: refresh the copy soon (a few seconds later, once edits settle). */
  userEdited(): void;
}

const SETTLE_MS = 3_000;

export function initSafetyNet(db: LecternDB): SafetyNet {
  const local = storageArea(browser.storage.local);
  const version = browser.runtime.getManifest().version;
  const refresh = () =>
    refreshSafetyCopy(db, local, Date.now()).catch((error: unknown) => {
      recordStorageProblem(error);
      console.error('Lectern could not refresh its safety copy:', error);
    });

  void checkDatabase(db, local, Date.now())
    .then((state) => {
      flagLoss(state === 'lost');
      if (state !== 'lost') void refresh();
    })
    .catch((error: unknown) => {
      recordStorageProblem(error);
      console.error('Lectern could not check its library:', error);
    });
  void browser.alarms.create(ALARM, { periodInMinutes: REFRESH_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void refresh();
  });

  let settle: ReturnType<typeof setTimeout> | undefined;
  return {
    userEdited() {
      clearTimeout(settle);
      settle = setTimeout(() => void refresh(), SETTLE_MS);
    },
    async restore() {
      const summary = await restoreSafetyCopy(db, local, version, Date.now());
      flagLoss(false);
      void refresh();
      return summary;
    },
    async dismiss() {
      await dismissLoss(local);
      flagLoss(false);
    },
  };
}
