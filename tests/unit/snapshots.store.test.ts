/**
 * Readable copies in the library: the writer (one per paper, under its record id, size cap, change feed),
 * the page request that stores one (its own tab's page and paper only), and the capture on save.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_CHARS, getSnapshot, putSnapshot } from '../../lib/db/snapshots';
import type { SnapshotSaved } from '../../lib/messaging/areas/snapshots';
import type { Result, StatusChange } from '../../lib/messaging/protocol';
import type { DetectedPaper } from '../../lib/model';
import { createRouter, type Sender } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { createAutoCapture, createCaptureOnVisit, withAutoCapture } from '../../lib/snapshot/auto';
import type { CaptureOutcome } from '../../lib/snapshot/inject';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('snapshots-test');
const T0 = Date.UTC(2026, 10, 1, 9);
const HTML_PAGE = 'https://arxiv.org/html/2405.00001v1';
const LIST = 'https://arxiv.org/list/cs.LG/new';

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id, `doi:10.48550/arxiv.2405.0000${n}`], title: `Paper ${n}`, authors: ['A'], links: { abs: `https://arxiv.org/abs/2405.0000${n}` } };
}

const copy = { url: HTML_PAGE, title: 'Paper 1', content: '<p>Full text.</p>', text: 'Full text.', droppedImages: 0 };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

async function setup() {
  const db = scratchDb();
  const tabs = createTabPapers(memoryArea());
  const router = createRouter({ db, tabs, now: () => T0 });
  const articleTab: Sender = { tabId: 1, url: HTML_PAGE, fromExtensionPage: false };
  const listTab: Sender = { tabId: 2, url: LIST, fromExtensionPage: false };
  value(await router.handle('page.report', { url: HTML_PAGE, entries: [paper(1)] }, articleTab));
  value(await router.handle('page.report', { url: LIST, entries: [paper(2), paper(3)] }, listTab));
  return { db, tabs, router, articleTab, listTab };
}

describe('snapshot writer', () => {
  it('stores one copy per paper under its record id, found by any alias, and notes the change', async () => {
    const { db } = await setup();
    const before = await db.changes.count();
    const row = await putSnapshot(db, 'doi:10.48550/arxiv.2405.00001', { ...copy, byline: 'A. Author', droppedImages: 3 }, T0);
    expect(row).toMatchObject({ paperId: 'arxiv:2405.00001', url: HTML_PAGE, byline: 'A. Author', droppedImages: 3, savedAt: T0 });
    expect((await getSnapshot(db, 'doi:10.48550/arxiv.2405.00001'))?.text).toBe('Full text.');
    expect(await db.changes.count()).toBe(before + 1);
    expect((await db.changes.toArray()).at(-1)?.ids).toEqual(['arxiv:2405.00001']);
    await putSnapshot(db, 'arxiv:2405.00001', { ...copy, text: 'Second copy.' }, T0 + 1);
    expect(await db.snapshots.count()).toBe(1);
    expect((await getSnapshot(db, 'arxiv:2405.00001'))?.text).toBe('Second copy.');
    expect((await getSnapshot(db, 'arxiv:2405.00001'))?.droppedImages).toBeUndefined();
  });

  it('refuses a copy over the size cap with the size in the message, and an unknown paper', async () => {
    const { db } = await setup();
    const huge = 'x'.repeat(MAX_SNAPSHOT_CHARS);
    await expect(putSnapshot(db, 'arxiv:2405.00001', { ...copy, content: huge, text: 'more' }, T0)).rejects.toThrow(
      /too large to keep a readable copy of \(12\.0 MB; at most 12\.0 MB\)/,
    );
    await expect(putSnapshot(db, 'arxiv:2999.00001', copy, T0)).rejects.toThrow(/Unknown paper/);
    expect(await db.snapshots.count()).toBe(0);
  });
});

describe('page.snapshot.save', () => {
  it('stores the copy of the page its tab shows, for the one paper on it', async () => {
    const { db, router, articleTab } = await setup();
    const saved = value(await router.handle('page.snapshot.save', copy, articleTab));
    expect(saved).toEqual({ paperId: 'arxiv:2405.00001', size: copy.content.length + copy.text.length, droppedImages: 0 });
    expect((await db.snapshots.get('arxiv:2405.00001'))?.title).toBe('Paper 1');
  });

  it('refuses another page, a paper not on the tab, a listing without a paper named, and extension pages', async () => {
    const { db, router, articleTab, listTab } = await setup();
    const other = await router.handle('page.snapshot.save', { ...copy, url: 'https://arxiv.org/html/2405.00002v1' }, articleTab);
    expect(other).toMatchObject({ ok: false, error: expect.stringMatching(/URL its tab shows/) });
    const notOnTab = await router.handle('page.snapshot.save', { ...copy, paperId: 'arxiv:2405.00002' }, articleTab);
    expect(notOnTab).toMatchObject({ ok: false, error: expect.stringMatching(/not on this tab/) });
    const listing = await router.handle('page.snapshot.save', { ...copy, url: LIST }, listTab);
    expect(listing).toMatchObject({ ok: false, error: expect.stringMatching(/several papers/) });
    const popup: Sender = { url: 'chrome-extension://abcdefghijklmnop/popup.html', fromExtensionPage: true };
    expect(await router.handle('page.snapshot.save', copy, popup)).toMatchObject({ ok: false });
    expect(await db.snapshots.count()).toBe(0);
    // Named and on the tab: allowed even on a listing.
    value(await router.handle('page.snapshot.save', { ...copy, url: LIST, paperId: 'arxiv:2405.00002' }, listTab));
    expect(await db.snapshots.count()).toBe(1);
  });

  it('refuses a malformed copy before anything is written', async () => {
    const { router, articleTab } = await setup();
    expect(await router.handle('page.snapshot.save', { ...copy, droppedImages: -1 }, articleTab)).toMatchObject({ ok: false });
    expect(await router.handle('page.snapshot.save', { ...copy, url: 'javascript:alert(1)' }, articleTab)).toMatchObject({ ok: false });
  });

  it('snapshot.delete removes a copy, from extension pages only', async () => {
    const { db, router, articleTab } = await setup();
    value(await router.handle('page.snapshot.save', copy, articleTab));
    expect(await router.handle('snapshot.delete', { paperId: 'arxiv:2405.00001' }, articleTab)).toMatchObject({ ok: false });
    const popup: Sender = { url: 'chrome-extension://abcdefghijklmnop/popup.html', fromExtensionPage: true };
    expect(value(await router.handle('snapshot.delete', { paperId: 'doi:10.48550/arxiv.2405.00001' }, popup))).toBe(true);
    expect(await db.snapshots.count()).toBe(0);
  });
});

describe('capture on save', () => {
  const change = (id: string, status: StatusChange['status']): StatusChange => ({ id, aliases: [id], status });

  it('captures on the tab that shows the saved paper alone, never on a listing, and only once', async () => {
    const { db, tabs, router, articleTab } = await setup();
    const calls: [number, string][] = [];
    const captureSaved = createAutoCapture({
      db,
      tabs,
      async capture(tabId, paperId): Promise<CaptureOutcome> {
        calls.push([tabId, paperId]);
        // Stands in for the page: the snapshot script sends the copy.
        const saved = value(await router.handle('page.snapshot.save', { ...copy, paperId }, articleTab)) as SnapshotSaved;
        return { saved: true, ...saved };
      },
    });
    await captureSaved([change('arxiv:2405.00002', 'unread')]);
    expect(calls).toEqual([]);
    await captureSaved([change('arxiv:2405.00001', 'dismissed'), change('arxiv:2405.00001', 'seen')]);
    expect(calls).toEqual([]);
    const outcomes = await captureSaved([change('arxiv:2405.00001', 'unread')]);
    expect(calls).toEqual([[1, 'arxiv:2405.00001']]);
    expect(outcomes.get(1)).toMatchObject({ saved: true });
    await captureSaved([change('arxiv:2405.00001', 'reading')]);
    expect(calls).toHaveLength(1);
  });

  it('captures a saved paper without a copy when its full text is opened, and nothing else', async () => {
    const { db, router, articleTab, listTab } = await setup();
    const calls: [number, string][] = [];
    const captureVisited = createCaptureOnVisit({
      db,
      async capture(tabId, paperId): Promise<CaptureOutcome> {
        calls.push([tabId, paperId]);
        return { saved: false, reason: 'stand-in' };
      },
    });
    const articlePage = { url: HTML_PAGE, ids: ['arxiv:2405.00001'] };
    // Not saved yet.
    expect(await captureVisited(1, articlePage)).toBeUndefined();
    value(await router.handle('library.setStatus', { ids: ['arxiv:2405.00001', 'arxiv:2405.00002'], status: 'unread' }, { url: 'chrome-extension://abcdefghijklmnop/popup.html', fromExtensionPage: true }));
    // An abstract page, a listing: never.
    expect(await captureVisited(1, { url: 'https://arxiv.org/abs/2405.00001', ids: ['arxiv:2405.00001'] })).toBeUndefined();
    expect(await captureVisited(2, { url: LIST, ids: ['arxiv:2405.00002', 'arxiv:2405.00003'] })).toBeUndefined();
    expect(calls).toEqual([]);
    expect(await captureVisited(1, articlePage)).toMatchObject({ saved: false });
    expect(calls).toEqual([[1, 'arxiv:2405.00001']]);
    // Once there is a copy: never again.
    value(await router.handle('page.snapshot.save', copy, articleTab));
    expect(await captureVisited(1, articlePage)).toBeUndefined();
    expect(calls).toHaveLength(1);
    void listTab;
  });

  it('runs after the pushes and never fails them', async () => {
    const order: string[] = [];
    const pusher = withAutoCapture(
      {
        statusChanged: async () => void order.push('push'),
        tabReported: async () => void order.push('reported'),
      },
      async () => {
        order.push('capture');
        throw new Error('no tab');
      },
      async () => {
        order.push('visit');
        throw new Error('no tab');
      },
    );
    await pusher.statusChanged([change('arxiv:2405.00001', 'unread')]);
    await pusher.tabReported(1, { url: HTML_PAGE, ids: ['arxiv:2405.00001'] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['push', 'capture', 'reported', 'visit']);
  });
});
