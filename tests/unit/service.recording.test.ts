import { describe, expect, it } from 'vitest';
import type { HousekeepingResult } from '../../lib/messaging/areas/recording';
import type { EntryState, ReportResult, Result } from '../../lib/messaging/protocol';
import type { DetectedPaper } from '../../lib/model';
import { UNDO_WINDOW_MS } from '../../lib/service/handlers/recording';
import { createRouter, senderFrom, type Sender } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { DEFAULT_SETTINGS, recordingBlock, type Settings } from '../../lib/settings';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('recording-test');
const LIST = 'https://arxiv.org/list/cs.LG/new';
const T0 = Date.UTC(2026, 10, 1, 9);
const DAY = 24 * 60 * 60 * 1000;

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id], title: `Paper ${n}`, authors: ['A'], links: { abs: `https://arxiv.org/abs/2405.0000${n}` } };
}

/** The answer's value, typed as the request answers it. */
function value<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value as T;
}
const report = (result: Result<unknown>) => value<ReportResult>(result);
const housekeeping = (result: Result<unknown>) => value<HousekeepingResult>(result);

const tab1: Sender = { tabId: 1, url: LIST, fromExtensionPage: false };
const privateTab: Sender = { tabId: 2, url: LIST, fromExtensionPage: false, incognito: true };
const options: Sender = { url: 'chrome-extension://abcdefghijklmnop/options.html', fromExtensionPage: true };

function setup(settings: Partial<Settings> = {}) {
  const db = scratchDb();
  const tabs = createTabPapers(memoryArea());
  let current: Settings = { ...DEFAULT_SETTINGS, ...settings };
  let clock = T0;
  const router = createRouter({
    db,
    tabs,
    now: () => clock,
    recordingGate: async (page) => recordingBlock(current, page),
  });
  return {
    db,
    router,
    set: (patch: Partial<Settings>) => void (current = { ...current, ...patch }),
    tick: (ms: number) => void (clock += ms),
  };
}

describe('recording gates', () => {
  it('record nothing when automatic recording is off; the answer marks unknown papers and says why', async () => {
    const { router, db } = setup({ recordAutomatically: false });
    const answer = report(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    expect(answer.notRecorded).toBe('off');
    expect(answer.states).toEqual([
      { recordId: 'arxiv:2405.00001', status: 'seen', created: false, newSinceVisit: false, unrecorded: true },
      { recordId: 'arxiv:2405.00002', status: 'seen', created: false, newSinceVisit: false, unrecorded: true },
    ]);
    expect(await db.papers.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
  });

  it('saving one entry then records it as to read, and only it', async () => {
    const { router, db } = setup({ recordAutomatically: false });
    report(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    const states = value<EntryState[]>(await router.handle('page.save', { url: LIST, entries: [paper(2)], status: 'unread' }, tab1));
    expect(states).toEqual([{ recordId: 'arxiv:2405.00002', status: 'unread', created: true, newSinceVisit: false }]);
    expect((await db.papers.toArray()).map((r) => [r.id, r.status, r.firstSeenOn])).toEqual([['arxiv:2405.00002', 'unread', LIST]]);
    // A known paper shows its status on the next report, still without recording the others.
    const again = report(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    expect(again.states.map((s) => [s.status, s.unrecorded ?? false])).toEqual([['seen', true], ['unread', false]]);
    expect(await db.papers.count()).toBe(1);
  });

  it('a page may save only entries of its own tab and page', async () => {
    const { router, db } = setup({ recordingPaused: true });
    report(await router.handle('page.report', { url: LIST, entries: [paper(1)] }, tab1));
    const other = await router.handle('page.save', { url: LIST, entries: [paper(3)], status: 'unread' }, tab1);
    expect(other.ok).toBe(false);
    const elsewhere = await router.handle('page.save', { url: 'https://arxiv.org/list/math/new', entries: [paper(1)], status: 'unread' }, tab1);
    expect(elsewhere.ok).toBe(false);
    const fromOptions = await router.handle('page.save', { url: LIST, entries: [paper(1)], status: 'unread' }, options);
    expect(fromOptions.ok).toBe(false);
    expect(await db.papers.count()).toBe(0);
  });

  it('pause and private windows stop recording; resuming records again', async () => {
    const { router, db, set } = setup();
    expect(report(await router.handle('page.report', { url: LIST, entries: [paper(1)] }, privateTab)).notRecorded).toBe('private');
    set({ recordingPaused: true });
    expect(report(await router.handle('page.report', { url: LIST, entries: [paper(1)] }, tab1)).notRecorded).toBe('paused');
    expect(await db.papers.count()).toBe(0);
    set({ recordingPaused: false });
    const answer = report(await router.handle('page.report', { url: LIST, entries: [paper(1)] }, tab1));
    expect(answer.notRecorded).toBeUndefined();
    expect(answer.states[0]).toMatchObject({ created: true });
    expect(await db.papers.count()).toBe(1);
  });

  it('a site switched off records nothing', async () => {
    const { router, db } = setup({ disabledSites: ['arxiv.org'] });
    expect(report(await router.handle('page.report', { url: LIST, entries: [paper(1)] }, tab1)).notRecorded).toBe('site');
    expect(await db.papers.count()).toBe(0);
  });

  it('senderFrom passes on that a tab is private', () => {
    expect(senderFrom({ tab: { id: 3, url: LIST, incognito: true }, url: LIST, frameId: 0 }, 'chrome-extension://x/')).toEqual({
      fromExtensionPage: false,
      tabId: 3,
      url: LIST,
      incognito: true,
    });
  });
});

describe('housekeeping requests', () => {
  it('forget, then undo within the window restores; after it, undo is refused', async () => {
    const { router, db, tick } = setup();
    report(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2), paper(3)] }, tab1));
    value(await router.handle('library.setStatus', { ids: ['arxiv:2405.00003'], status: 'unread' }, options));
    tick(40 * DAY);
    const result = housekeeping(await router.handle('housekeeping.run', { action: 'forgetSeenOlderThan', days: 30 }, options));
    expect(result).toMatchObject({ papers: 2, sightings: 0, undoUntil: T0 + 40 * DAY + UNDO_WINDOW_MS });
    expect(await db.papers.count()).toBe(1);
    tick(UNDO_WINDOW_MS - 1);
    expect(value(await router.handle('housekeeping.undo', { token: result.undoToken! }, options))).toEqual({ papers: 2, sightings: 0 });
    expect(await db.papers.count()).toBe(3);

    const again = housekeeping(await router.handle('housekeeping.run', { action: 'forgetUnsaved' }, options));
    expect(again.papers).toBe(2);
    tick(UNDO_WINDOW_MS + 1);
    const late = await router.handle('housekeeping.undo', { token: again.undoToken! }, options);
    expect(late).toEqual({ ok: false, error: 'Too late to undo: the undo window has closed.' });
    expect(await db.papers.count()).toBe(1);
  });

  it('nothing to remove gives no undo; content scripts may not run housekeeping', async () => {
    const { router } = setup();
    expect(housekeeping(await router.handle('housekeeping.run', { action: 'compactSightings', cap: 5 }, options))).toEqual({ papers: 0, sightings: 0 });
    const refused = await router.handle('housekeeping.run', { action: 'forgetUnsaved' }, tab1);
    expect(refused.ok).toBe(false);
    const invalid = await router.handle('housekeeping.run', { action: 'forgetSeenOlderThan', days: 0 }, options);
    expect(invalid.ok).toBe(false);
  });
});
