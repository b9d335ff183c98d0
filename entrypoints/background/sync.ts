/**
 * Sync across devices through the browser's sync storage, when the `syncEnabled` setting is on
 * (`lib/sync/run.ts`): a pull at start and whenever the sync area changes, a push shortly after user edits
 * (debounced: the browser limits sync writes per minute). What happened last is kept in
 * `local:syncState` for the settings page.
 */
import { browser } from 'wxt/browser';
import type { LecternDB } from '../../lib/db/schema';
import { loadSettings, watchSettings } from '../../lib/settings';
import { ITEM_PREFIX, quotasOf } from '../../lib/sync/pack';
import { pullLibrary, pushLibrary, type SyncArea } from '../../lib/sync/run';
import { SYNC_STATE_KEY, type SyncState } from '../../lib/sync/state';

const PUSH_DELAY_MS = 10_000;

export function initSync(db: LecternDB): { userEdited(): void } {
  const area = browser.storage.sync as unknown as SyncArea;
  const quotas = quotasOf(browser.storage.sync as unknown as Parameters<typeof quotasOf>[0]);
  let enabled: boolean | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One run at a time: a pull and a push never interleave their reads and writes.
  let running: Promise<unknown> = Promise.resolve();

  const record = (state: SyncState) => browser.storage.local.set({ [SYNC_STATE_KEY]: state }).catch(() => undefined);
  const run = (what: 'push' | 'pull') => {
    running = running.then(async () => {
      if (!(enabled ?? (enabled = (await loadSettings()).syncEnabled))) return;
      try {
        if (what === 'push') await pushLibrary(db, area, quotas);
        else await pullLibrary(db, area, quotas, Date.now());
        await record({ at: Date.now(), ok: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error('Lectern could not sync:', message);
        await record({ at: Date.now(), ok: false, error: message });
      }
    });
  };

  watchSettings((patch) => {
    if (patch.syncEnabled === undefined) return;
    enabled = patch.syncEnabled;
    if (enabled) run('pull');
  });
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'sync' && Object.keys(changes).some((key) => key.startsWith(ITEM_PREFIX))) run('pull');
  });
  run('pull');

  return {
    userEdited() {
      if (enabled === false) return;
      clearTimeout(timer);
      timer = setTimeout(() => run('push'), PUSH_DELAY_MS);
    },
  };
}
