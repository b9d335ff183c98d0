/**
 * Sync across devices in real headless Chromium with the built extension. The browser's sync account cannot
 * be reached offline, but `chrome.storage.sync` still stores locally, so another device is stood in for by
 * writing its items into the area: turning sync on pulls them into the library and pushes what only this
 * library has, and the settings page counts both.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCase } from '../helpers/fixtures';
import { eventually, launch, storedPapers, type Session } from './harness';

const T = Date.UTC(2026, 0, 5, 9);
const SCREENSHOT = path.join(tmpdir(), 'lectern-sync-settings.png');

describe('sync across devices', () => {
  let session: Session;
  let options: Page;

  beforeAll(async () => {
    session = await launch();
    options = await session.extensionPage('options.html');
    await options.getByRole('heading', { name: 'Sync across devices' }).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('turning sync on merges the other device’s entries and pushes this library’s', async () => {
    // This library: a paper being read, written straight into IndexedDB.
    const worker = await session.worker();
    await worker.evaluate(
      (t) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('lectern');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('papers', 'readwrite');
            tx.objectStore('papers').put({
              id: 'arxiv:2401.00002',
              aliases: ['arxiv:2401.00002'],
              title: 'Here only',
              authors: [],
              links: {},
              status: 'reading',
              tags: [],
              note: '',
              firstSeenAt: t,
              lastSeenAt: t,
              updatedAt: t + 1,
              changedAt: { status: t + 1 },
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      T,
    );
    // The other device's items.
    await options.evaluate(
      (t) =>
        chrome.storage.sync.set({
          'sync.0': [{ i: 'arxiv:2401.00001', t: 'From the other device', s: 'unread', n: 'ünïcode “note”', g: ['ml'], c: [t, t, t] }],
          'sync.meta': { v: 1, items: 1 },
        }),
      T,
    );
    await options.locator('input[name="syncEnabled"]').check();

    const papers = await eventually(async () => {
      const all = await storedPapers(session);
      expect(all.map((p) => p.id).sort()).toEqual(['arxiv:2401.00001', 'arxiv:2401.00002']);
      return all as unknown as { id: string; status: string; note: string; tags: string[] }[];
    });
    expect(papers.find((p) => p.id === 'arxiv:2401.00001')).toMatchObject({ status: 'unread', note: 'ünïcode “note”', tags: ['ml'] });

    const synced = await eventually(async () => {
      const items = (await options.evaluate(() => chrome.storage.sync.get(null))) as Record<string, { i: string }[]>;
      const ids = (items['sync.0'] ?? []).map((e) => e.i).sort();
      expect(ids).toEqual(['arxiv:2401.00001', 'arxiv:2401.00002']);
      return items;
    });
    expect(synced['sync.meta']).toEqual({ v: 1, items: 1 });

    await eventually(async () => expect(await options.locator('[data-count="sync-synced"]').textContent()).toBe('2'));
    expect(await options.locator('[data-count="sync-left-out"]').textContent()).toBe('0');
    await options.locator('#sync-heading').scrollIntoViewIfNeeded();
    await options.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('an edit here reaches the sync area shortly after (the push waits 10 seconds for more edits)', async () => {
    const ABS = fixtureCase('arxiv-rendered/abs-2310.08262');
    await session.serve(ABS.url, ABS.html());
    const page = await session.context.newPage();
    await page.goto(ABS.url, { waitUntil: 'domcontentloaded' });
    const id = ABS.truth.entries[0]!.id!;
    await eventually(async () => expect((await storedPapers(session)).find((p) => p.id === id)?.status).toBe('seen'));
    const worker = await session.worker();
    type Controls = { savePage(tab: object): Promise<{ changed: boolean }> };
    const saved = await worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return (globalThis as unknown as { lectern: { controls: Controls } }).lectern.controls.savePage(tab!);
    }, ABS.url);
    expect(saved.changed).toBe(true);
    await eventually(async () => {
      const items = (await options.evaluate(() => chrome.storage.sync.get(null))) as Record<string, unknown>;
      const entries = Object.entries(items)
        .filter(([key]) => key !== 'sync.meta')
        .flatMap(([, value]) => value as { i: string; s: string }[]);
      expect(entries.find((e) => e.i === id)?.s).toBe('unread');
    }, 30_000);
    await page.close();
  }, 60_000);
});
