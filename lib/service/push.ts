/**
 * Keeping open tabs in step with the library: when records change status (or are deleted) anywhere — the
 * popup, the side panel, a tab — every tab whose reported papers include one of them gets a
 * `page.statusChanged` push with those changes, and its count of new papers on the toolbar button follows.
 *
 * The browser APIs are passed in (`PushDeps`), so the logic runs in tests without a browser.
 */
import type { PushMessage, StatusChange } from '../messaging/protocol';
import type { PaperId, PaperRecord } from '../model';
import type { TabPage, TabPapers } from './tabs';

export interface PushDeps {
  tabs: TabPapers;
  /** `browser.tabs.sendMessage`; a tab without a content script rejects, which is fine. */
  sendToTab(tabId: number, message: PushMessage): Promise<unknown>;
  /** Shows a tab's count of new papers on the toolbar button (nothing at 0). */
  setNewCount(tabId: number, count: number): Promise<void>;
}

export interface Pusher {
  /** Tells the tabs that show them that these records changed. */
  statusChanged(changes: readonly StatusChange[]): Promise<void>;
  /** A tab reported its page: show its count of new papers. */
  tabReported(tabId: number, page: TabPage): Promise<void>;
}

/** The change a written (or, with `deleted`, removed) record makes, as pushed. */
export function changeOf(record: PaperRecord, deleted = false): StatusChange {
  return { id: record.id, aliases: record.aliases, status: deleted ? null : record.status };
}

/** The changes that concern a tab, with the tab's own id each one matched. */
function relevantTo(page: TabPage, changes: readonly StatusChange[]): { change: StatusChange; tabIds: PaperId[] }[] {
  const own = new Set(page.ids);
  const out: { change: StatusChange; tabIds: PaperId[] }[] = [];
  for (const change of changes) {
    const tabIds = [change.id, ...change.aliases].filter((id, i, all) => own.has(id) && all.indexOf(id) === i);
    if (tabIds.length) out.push({ change, tabIds });
  }
  return out;
}

/** The tab's new papers after `changes`: fresh papers enter when (back to) `seen`, and leave otherwise. */
export function newIdsAfter(page: TabPage, relevant: readonly { change: StatusChange; tabIds: PaperId[] }[]): PaperId[] {
  const fresh = new Set(page.fresh ?? []);
  const next = new Set(page.newIds ?? []);
  for (const { change, tabIds } of relevant) {
    for (const id of tabIds) {
      if (!fresh.has(id)) continue;
      if (change.status === 'seen') next.add(id);
      else next.delete(id);
    }
  }
  // Keep page order.
  return page.ids.filter((id) => next.has(id));
}

export function createPusher({ tabs, sendToTab, setNewCount }: PushDeps): Pusher {
  return {
    async statusChanged(changes) {
      if (!changes.length) return;
      const work: Promise<unknown>[] = [];
      for (const [tabId, page] of await tabs.list()) {
        const relevant = relevantTo(page, changes);
        if (!relevant.length) continue;
        const message: PushMessage = {
          lectern: 'push',
          type: 'page.statusChanged',
          data: { changes: relevant.map((r) => r.change) },
        };
        work.push(sendToTab(tabId, message).catch(() => undefined));
        const before = page.newIds ?? [];
        const after = newIdsAfter(page, relevant);
        if (after.length !== before.length || after.some((id, i) => id !== before[i])) {
          work.push(
            tabs
              .setNewIds(tabId, page.url, after)
              .then(() => setNewCount(tabId, after.length))
              .catch(() => undefined),
          );
        }
      }
      await Promise.all(work);
    },
    async tabReported(tabId, page) {
      await setNewCount(tabId, page.newIds?.length ?? 0).catch(() => undefined);
    },
  };
}
