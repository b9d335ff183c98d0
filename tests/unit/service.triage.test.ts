/**
 * The background's side of on-page triage: read-only lookups before recording, reports of entries added to
 * a page (`more`), bulk status changes of a tab's papers, opening a paper in the library, and the pushes
 * and toolbar counts that follow status changes.
 */
import { describe, expect, it } from 'vitest';
import type { PushMessage, RequestAnswer, RequestData, RequestType, Result, StatusChange } from '../../lib/messaging/protocol';
import type { DetectedPaper, PaperStatus } from '../../lib/model';
import { createPusher, newIdsAfter } from '../../lib/service/push';
import { createRouter, senderFrom, type Router, type Sender } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('triage-test');

const LIST = 'https://arxiv.org/list/cs.LG/new';
const HF = 'https://huggingface.co/papers';
const T0 = Date.UTC(2026, 10, 1, 9);

function setup() {
  const db = scratchDb();
  const tabs = createTabPapers(memoryArea());
  let clock = T0;
  const pushed: { tabId: number; message: PushMessage }[] = [];
  const counts: { tabId: number; count: number }[] = [];
  const openedInLibrary: { id: string; tabId: number }[] = [];
  const pusher = createPusher({
    tabs,
    sendToTab: async (tabId, message) => void pushed.push({ tabId, message }),
    setNewCount: async (tabId, count) => void counts.push({ tabId, count }),
  });
  const router = createRouter({
    db,
    tabs,
    now: () => clock,
    pusher,
    openInLibrary: async (id, tabId) => void openedInLibrary.push({ id, tabId }),
  });
  /** Pushes and counts are sent without holding up the answer: let them land. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { db, tabs, router, pushed, counts, openedInLibrary, settle, tick: (ms: number) => void (clock += ms) };
}

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return {
    id,
    aliases: [id, `url:https://arxiv.org/abs/2405.0000${n}`],
    title: `Paper ${n}`,
    authors: ['A'],
    links: { abs: `https://arxiv.org/abs/2405.0000${n}` },
  };
}

const idsOf = (p: DetectedPaper) => [p.id, ...p.aliases.filter((a) => a !== p.id)];
const tab1: Sender = { tabId: 1, url: LIST, fromExtensionPage: false };
const tab2: Sender = { tabId: 2, url: HF, fromExtensionPage: false };
const popup: Sender = { url: 'chrome-extension://abcdefghijklmnop/sidepanel.html', fromExtensionPage: true };

/** `router.handle`, typed by request. */
function ask<T extends RequestType>(router: Router, type: T, data: RequestData<T>, sender: Sender): Promise<Result<RequestAnswer<T>>> {
  return router.handle(type, data, sender) as Promise<Result<RequestAnswer<T>>>;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function refusal(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('page.lookup', () => {
  it('answers unknown papers as null with the id their record will get, and writes nothing', async () => {
    const { router, db } = setup();
    const answer = value(await ask(router, 'page.lookup', { url: LIST, entries: [idsOf(paper(1)), ['doi:10.1/x', 'arxiv:2405.00009']] }, tab1));
    expect(answer.states).toEqual([
      { recordId: 'arxiv:2405.00001', status: null, newSinceVisit: false },
      { recordId: 'arxiv:2405.00009', status: null, newSinceVisit: false },
    ]);
    expect(await db.papers.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
  });

  it('answers stored statuses, by any alias, and what is new since the last visit', async () => {
    const { router, tick } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00002', status: 'reading' }, tab1));
    value(await ask(router, 'page.report', { url: HF, entries: [paper(3)] }, tab2));
    tick(60_000);
    const answer = value(
      await ask(router, 
        'page.lookup',
        { url: LIST, entries: [['url:https://arxiv.org/abs/2405.00001'], idsOf(paper(2)), idsOf(paper(3)), idsOf(paper(4))] },
        tab1,
      ),
    );
    expect(answer.states).toEqual([
      { recordId: 'arxiv:2405.00001', status: 'seen', newSinceVisit: false },
      { recordId: 'arxiv:2405.00002', status: 'reading', newSinceVisit: false },
      // Known from another page, absent from this one last time.
      { recordId: 'arxiv:2405.00003', status: 'seen', newSinceVisit: true },
      { recordId: 'arxiv:2405.00004', status: null, newSinceVisit: true },
    ]);
  });

  it('is for the URL the tab shows only, and only from content scripts', async () => {
    const { router } = setup();
    expect(refusal(await ask(router, 'page.lookup', { url: HF, entries: [idsOf(paper(1))] }, tab1))).toMatch(
      /^Not allowed: .*URL its tab shows/,
    );
    expect(refusal(await ask(router, 'page.lookup', { url: LIST, entries: [] }, popup))).toMatch(/content script/);
  });
});

describe('page.report with more entries of the same page', () => {
  it('adds them to the tab’s papers and to the same visit', async () => {
    const { router, tabs, db, tick } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    tick(1_000);
    const more = value(await ask(router, 'page.report', { url: LIST, entries: [paper(3)], more: true }, tab1));
    // A first visit: nothing is new "since the last visit", even entries that arrive later.
    expect(more.states).toEqual([{ recordId: 'arxiv:2405.00003', status: 'seen', created: true, newSinceVisit: false }]);
    expect((await tabs.get(1))?.ids).toEqual(['arxiv:2405.00001', 'arxiv:2405.00002', 'arxiv:2405.00003']);
    const visits = await db.visits.toArray();
    expect(visits).toHaveLength(1);
    expect(visits[0]!.ids).toEqual(['arxiv:2405.00001', 'arxiv:2405.00002', 'arxiv:2405.00003']);
    // Every paper of the tab may be acted on.
    expect(value(await ask(router, 'page.setStatuses', { ids: ['arxiv:2405.00001', 'arxiv:2405.00003'], status: 'read' }, tab1))).toEqual([
      'arxiv:2405.00001',
      'arxiv:2405.00003',
    ]);
  });

  it('compares later entries with the previous visit, not with the page load’s own first batch', async () => {
    const { router, db, tick } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2), paper(3)] }, tab1));
    tick(60 * 60_000);
    // The next visit shows 1 first, then 3 and 4 are added by the page.
    const first = value(await ask(router, 'page.report', { url: LIST, entries: [paper(1)] }, tab1));
    expect(first.states[0]!.newSinceVisit).toBe(false);
    tick(1_000);
    const lookup = value(await ask(router, 'page.lookup', { url: LIST, entries: [idsOf(paper(3)), idsOf(paper(4))], more: true }, tab1));
    expect(lookup.states.map((s) => s.newSinceVisit)).toEqual([false, true]);
    const more = value(await ask(router, 'page.report', { url: LIST, entries: [paper(3), paper(4)], more: true }, tab1));
    expect(more.states.map((s) => [s.recordId, s.created, s.newSinceVisit])).toEqual([
      ['arxiv:2405.00003', false, false],
      ['arxiv:2405.00004', true, true],
    ]);
    const visits = (await db.visits.toArray()).sort((a, b) => a.at - b.at);
    expect(visits.map((v) => v.ids)).toEqual([
      ['arxiv:2405.00001', 'arxiv:2405.00002', 'arxiv:2405.00003'],
      ['arxiv:2405.00001', 'arxiv:2405.00003', 'arxiv:2405.00004'],
    ]);
    // The visit after that compares with the whole of this one.
    tick(60 * 60_000);
    const third = value(await ask(router, 'page.report', { url: LIST, entries: [paper(2), paper(4)] }, tab1));
    expect(third.states.map((s) => s.newSinceVisit)).toEqual([true, false]);
  });

  it('continues a visit whose first batch repeated the previous one (and was not stored again)', async () => {
    const { router, db, tick } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    tick(60_000);
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    expect(await db.visits.count()).toBe(1);
    tick(1_000);
    const more = value(await ask(router, 'page.report', { url: LIST, entries: [paper(5)], more: true }, tab1));
    expect(more.states[0]).toMatchObject({ created: true, newSinceVisit: true });
    const visits = (await db.visits.toArray()).sort((a, b) => a.at - b.at);
    expect(visits.map((v) => v.ids)).toEqual([
      ['arxiv:2405.00001', 'arxiv:2405.00002'],
      ['arxiv:2405.00001', 'arxiv:2405.00002', 'arxiv:2405.00005'],
    ]);
  });

  it('is a first report when the tab shows another page', async () => {
    const { router, tabs } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1)] }, tab1));
    const moved: Sender = { tabId: 1, url: 'https://arxiv.org/list/math/new', fromExtensionPage: false };
    value(await ask(router, 'page.report', { url: 'https://arxiv.org/list/math/new', entries: [paper(2)], more: true }, moved));
    expect((await tabs.get(1))?.ids).toEqual(['arxiv:2405.00002']);
  });
});

describe('page.setStatuses', () => {
  it('changes only papers in `from`, answers the changed record ids, and an undo restores them', async () => {
    const { router, db } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2), paper(3)] }, tab1));
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00002', status: 'reading' }, tab1));
    const ids = ['arxiv:2405.00001', 'url:https://arxiv.org/abs/2405.00002', 'arxiv:2405.00003'];
    const changed = value(await ask(router, 'page.setStatuses', { ids, status: 'dismissed', from: ['seen'] }, tab1));
    expect(changed).toEqual(['arxiv:2405.00001', 'arxiv:2405.00003']);
    expect((await db.papers.get('arxiv:2405.00002'))?.status).toBe('reading');
    // Undo: back to seen, only if still dismissed.
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00003', status: 'read' }, tab1));
    expect(value(await ask(router, 'page.setStatuses', { ids: changed, status: 'seen', from: ['dismissed'] }, tab1))).toEqual([
      'arxiv:2405.00001',
    ]);
    const statuses = (await db.papers.toArray()).map((p) => [p.id, p.status]);
    expect(statuses).toEqual([
      ['arxiv:2405.00001', 'seen'],
      ['arxiv:2405.00002', 'reading'],
      ['arxiv:2405.00003', 'read'],
    ]);
  });

  it('refuses papers of another tab', async () => {
    const { router, db } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1)] }, tab1));
    value(await ask(router, 'page.report', { url: HF, entries: [paper(2)] }, tab2));
    expect(refusal(await ask(router, 'page.setStatuses', { ids: ['arxiv:2405.00001', 'arxiv:2405.00002'], status: 'read' }, tab1))).toBe(
      'Not allowed: arxiv:2405.00002 is not on this tab',
    );
    expect((await db.papers.get('arxiv:2405.00001'))?.status).toBe('seen');
  });
});

describe('page.openInLibrary', () => {
  it('opens a paper of its own tab by its record id', async () => {
    const { router, openedInLibrary } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1)] }, tab1));
    value(await ask(router, 'page.report', { url: HF, entries: [paper(2)] }, tab2));
    expect(value(await ask(router, 'page.openInLibrary', { id: 'url:https://arxiv.org/abs/2405.00001' }, tab1))).toBeNull();
    expect(openedInLibrary).toEqual([{ id: 'arxiv:2405.00001', tabId: 1 }]);
    expect(refusal(await ask(router, 'page.openInLibrary', { id: 'arxiv:2405.00002' }, tab1))).toMatch(/Not allowed/);
    expect(refusal(await ask(router, 'page.openInLibrary', { id: 'arxiv:2405.00001' }, popup))).toMatch(/content script/);
  });
});

describe('pushes and toolbar counts', () => {
  it('a report sets the tab’s count of new papers: created or new since the last visit, while untriaged', async () => {
    const { router, counts, settle, tick } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    await settle();
    expect(counts.at(-1)).toEqual({ tabId: 1, count: 2 });
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(3)], more: true }, tab1));
    await settle();
    expect(counts.at(-1)).toEqual({ tabId: 1, count: 3 });
    tick(60 * 60_000);
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2), paper(3)] }, tab1));
    await settle();
    expect(counts.at(-1)).toEqual({ tabId: 1, count: 0 });
    tick(60 * 60_000);
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00003', status: 'read' }, tab1));
    // 2 and 3 are absent this time; 4 is new; 1 stays.
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(4)] }, tab1));
    tick(60 * 60_000);
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2), paper(3), paper(4)] }, tab1));
    await settle();
    // 2 is back (seen, new since the last visit); 3 is back but already read.
    expect(counts.at(-1)).toEqual({ tabId: 1, count: 1 });
  });

  it('a status change anywhere is pushed to every tab that shows the paper, with only its changes', async () => {
    const { router, pushed, counts, settle } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
    value(await ask(router, 'page.report', { url: HF, entries: [paper(2), paper(3)] }, tab2));
    await settle();
    pushed.length = 0;
    counts.length = 0;
    value(await ask(router, 'library.setStatus', { ids: ['arxiv:2405.00002'], status: 'read' }, popup));
    await settle();
    const change: StatusChange = {
      id: 'arxiv:2405.00002',
      aliases: ['arxiv:2405.00002', 'url:https://arxiv.org/abs/2405.00002'],
      status: 'read',
    };
    expect(pushed.sort((a, b) => a.tabId - b.tabId)).toEqual([
      { tabId: 1, message: { lectern: 'push', type: 'page.statusChanged', data: { changes: [change] } } },
      { tabId: 2, message: { lectern: 'push', type: 'page.statusChanged', data: { changes: [change] } } },
    ]);
    // Tab 1 created 2, so it counted as new there; tab 2 met it already known (and on a first visit).
    expect(counts).toEqual([{ tabId: 1, count: 1 }]);

    pushed.length = 0;
    value(await ask(router, 'page.setStatuses', { ids: ['arxiv:2405.00003'], status: 'unread', from: ['seen'] }, tab2));
    await settle();
    expect(pushed.map((p) => p.tabId)).toEqual([2]);

    pushed.length = 0;
    value(await ask(router, 'library.delete', { ids: ['arxiv:2405.00001'] }, popup));
    await settle();
    expect(pushed).toEqual([
      {
        tabId: 1,
        message: {
          lectern: 'push',
          type: 'page.statusChanged',
          data: { changes: [{ id: 'arxiv:2405.00001', aliases: ['arxiv:2405.00001', 'url:https://arxiv.org/abs/2405.00001'], status: null }] },
        },
      },
    ]);
  });

  it('nothing is pushed when nothing changed', async () => {
    const { router, pushed, settle } = setup();
    value(await ask(router, 'page.report', { url: LIST, entries: [paper(1)] }, tab1));
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00001', status: 'read' }, tab1));
    await settle();
    pushed.length = 0;
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00001', status: 'read' }, tab1));
    value(await ask(router, 'page.saveAll', {}, tab1));
    await settle();
    expect(pushed).toEqual([]);
  });

  it('newIdsAfter: fresh papers leave when triaged and come back when set back to seen, in page order', () => {
    const page = { url: LIST, ids: ['a:1', 'a:2', 'a:3'], fresh: ['a:1', 'a:3'], newIds: ['a:1', 'a:3'] };
    const change = (id: string, status: PaperStatus | null): StatusChange => ({ id, aliases: [id], status });
    const relevant = (c: StatusChange) => ({ change: c, tabIds: [c.id] });
    expect(newIdsAfter(page, [relevant(change('a:1', 'unread'))])).toEqual(['a:3']);
    expect(newIdsAfter({ ...page, newIds: ['a:3'] }, [relevant(change('a:1', 'seen'))])).toEqual(['a:1', 'a:3']);
    expect(newIdsAfter(page, [relevant(change('a:2', 'seen'))])).toEqual(['a:1', 'a:3']);
    expect(newIdsAfter(page, [relevant(change('a:3', null))])).toEqual(['a:1']);
  });
});

describe('client-side navigation', () => {
  it('senderFrom keeps the tab’s current URL when the page moved within its origin', () => {
    const origin = 'chrome-extension://abcdefghijklmnop';
    expect(senderFrom({ tab: { id: 3, url: `${LIST}?skip=25` }, url: LIST, frameId: 0 }, origin)).toEqual({
      tabId: 3,
      url: LIST,
      tabUrl: `${LIST}?skip=25`,
      fromExtensionPage: false,
    });
    // Another origin in the tab is not this document's navigation.
    expect(senderFrom({ tab: { id: 3, url: HF }, url: LIST, frameId: 0 }, origin)).toEqual({ tabId: 3, url: LIST, fromExtensionPage: false });
  });

  it('a page that pushed a new URL may report it and act on its papers, and only it', async () => {
    const { router, db } = setup();
    const moved: Sender = { tabId: 1, url: LIST, tabUrl: `${LIST}?skip=25`, fromExtensionPage: false };
    value(await ask(router, 'page.report', { url: `${LIST}?skip=25`, entries: [paper(1)] }, moved));
    value(await ask(router, 'page.setStatus', { id: 'arxiv:2405.00001', status: 'read' }, moved));
    expect((await db.papers.get('arxiv:2405.00001'))?.status).toBe('read');
    expect(refusal(await ask(router, 'page.report', { url: `${LIST}?skip=50`, entries: [paper(2)] }, moved))).toMatch(/Not allowed/);
  });
});
