/**
 * The safety net end to end: the user's work is copied to extension storage; when the library's database
 * disappears (as after an eviction or a wipe) the next start says so loudly in the popup and restores the
 * work in one click.
 */
import { describe, expect, it } from 'vitest';
import { fixtureCase } from '../helpers/fixtures';
import { eventually, launch, storedPapers, tabIdOf, type Session } from './harness';

const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');

async function safetyCopySize(session: Session): Promise<number> {
  const worker = await session.worker();
  return worker.evaluate(async () => {
    const items = await chrome.storage.local.get('lectern.safetyCopy');
    const copy = items['lectern.safetyCopy'] as { papers: unknown[] } | undefined;
    return copy?.papers.length ?? 0;
  });
}

describe('a lost database', () => {
  it('is detected at the next start, shown in the popup, and restored from the safety copy', async () => {
    const session = await launch();
    try {
      await session.serve(QFIN.url, QFIN.html());
      const listing = await session.context.newPage();
      await listing.goto(QFIN.url);
      const total = QFIN.truth.entries.length;
      await eventually(async () => expect(await storedPapers(session)).toHaveLength(total));
      const tabId = await tabIdOf(session, QFIN.url);
      const popup = await session.extensionPage(`popup.html?tabId=${tabId}`);
      await popup.getByRole('button', { name: 'Save all' }).click();
      // The copy follows the user's edits a few seconds later.
      await eventually(async () => expect(await safetyCopySize(session)).toBe(total), 20_000);
      await popup.close();

      // The database disappears, then the extension starts again.
      const worker = await session.worker();
      await worker.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase('lectern');
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error);
          }),
      );
      // The worker is stopped; the popup's first request starts a new one, which checks the library.
      const after = await session.extensionPage('popup.html?tabId=0');
      const cdp = await session.context.newCDPSession(after);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await after.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
      const banner = after.locator('[data-safety="lost"]');
      await eventually(async () => expect(await banner.textContent()).toMatch(new RegExp(`holds ${total} papers`)));
      expect(await banner.getAttribute('role')).toBe('alert');
      await after.getByRole('button', { name: 'Restore my library' }).click();
      await eventually(async () => {
        const papers = await storedPapers(session);
        expect(papers).toHaveLength(total);
        expect(papers.every((p) => p.status === 'unread')).toBe(true);
      });
      await eventually(async () => expect(await after.locator('[data-safety="lost"]').count()).toBe(0));
      await expect(after.getByRole('status').first().textContent()).resolves.toMatch(`Restored ${total} papers`);
    } finally {
      await session.close();
    }
  });
});
