import { describe, expect, it } from 'vitest';
import type { Result } from '../../lib/messaging/protocol';
import type { DetectedPaper } from '../../lib/model';
import { createRouter, senderFrom, type Sender } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('router-test');

const LIST = 'https://arxiv.org/list/cs.LG/new';
const HF = 'https://huggingface.co/papers';
const T0 = Date.UTC(2026, 10, 1, 9);

function setup() {
  const db = scratchDb();
  const tabs = createTabPapers(memoryArea());
  let clock = T0;
  const router = createRouter({ db, tabs, now: () => clock });
  return { db, tabs, router, tick: (ms: number) => void (clock += ms) };
}

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return {
    id,
    aliases: [id, `doi:10.48550/arxiv.2405.0000${n}`],
    title: `Paper ${n}`,
    authors: ['A'],
    links: { abs: `https://arxiv.org/abs/2405.0000${n}` },
  };
}

const tab1: Sender = { tabId: 1, url: LIST, fromExtensionPage: false };
const tab2: Sender = { tabId: 2, url: HF, fromExtensionPage: false };
const popup: Sender = { url: 'chrome-extension://abcdefghijklmnop/popup.html', fromExtensionPage: true };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function refusal(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

async function reported() {
  const ctx = setup();
  value(await ctx.router.handle('page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
  value(await ctx.router.handle('page.report', { url: HF, entries: [paper(3)] }, tab2));
  return ctx;
}

describe('router: content scripts', () => {
  it('records a report and answers the entry states', async () => {
    const { router, db } = setup();
    const answer = value(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2), paper(1)] }, tab1));
    expect(answer).toEqual({
      states: [
        { recordId: 'arxiv:2405.00001', status: 'seen', created: true, newSinceVisit: false },
        { recordId: 'arxiv:2405.00002', status: 'seen', created: true, newSinceVisit: false },
        { recordId: 'arxiv:2405.00001', status: 'seen', created: true, newSinceVisit: false },
      ],
    });
    expect(await db.papers.count()).toBe(2);
    expect(value(await router.handle('tab.papers', { tabId: 1 }, popup))).toEqual(['arxiv:2405.00001', 'arxiv:2405.00002']);
  });

  it('ignores the fragment when matching the report URL to the tab', async () => {
    const { router } = setup();
    const sender: Sender = { tabId: 1, url: `${LIST}#item2`, fromExtensionPage: false };
    expect((await router.handle('page.report', { url: LIST, entries: [paper(1)] }, sender)).ok).toBe(true);
    expect((await router.handle('page.states', { ids: ['arxiv:2405.00001'] }, tab1)).ok).toBe(true);
  });

  it('refuses a report for a URL that is not its tab’s', async () => {
    const { router, db } = setup();
    const error = refusal(await router.handle('page.report', { url: HF, entries: [paper(1)] }, tab1));
    expect(error).toMatch(/Not allowed: .*URL its tab shows/);
    expect(await db.papers.count()).toBe(0);
    const noUrl: Sender = { tabId: 1, fromExtensionPage: false };
    expect(refusal(await router.handle('page.report', { url: LIST, entries: [] }, noUrl))).toMatch(/Not allowed/);
  });

  it('answers states and sets statuses of its own tab’s papers, by record id or alias', async () => {
    const { router, db } = await reported();
    expect(value(await router.handle('page.states', { ids: ['arxiv:2405.00001', 'doi:10.48550/arxiv.2405.00002'] }, tab1))).toEqual({
      'arxiv:2405.00001': 'seen',
      'doi:10.48550/arxiv.2405.00002': 'seen',
    });
    expect(value(await router.handle('page.setStatus', { id: 'doi:10.48550/arxiv.2405.00001', status: 'reading' }, tab1))).toBe(
      'reading',
    );
    expect((await db.papers.get('arxiv:2405.00001'))?.status).toBe('reading');
  });

  it('refuses states and status changes for another tab’s paper', async () => {
    const { router, db } = await reported();
    expect(refusal(await router.handle('page.states', { ids: ['arxiv:2405.00001', 'arxiv:2405.00003'] }, tab1))).toBe(
      'Not allowed: arxiv:2405.00003 is not on this tab',
    );
    expect(refusal(await router.handle('page.setStatus', { id: 'arxiv:2405.00003', status: 'read' }, tab1))).toMatch(
      /Not allowed/,
    );
    expect(refusal(await router.handle('page.states', { ids: ['arxiv:9999.99999'] }, tab1))).toMatch(/Not allowed/);
    expect((await db.papers.get('arxiv:2405.00003'))?.status).toBe('seen');
  });

  it('refuses a tab’s papers once the tab shows another page', async () => {
    const { router } = await reported();
    const navigated: Sender = { tabId: 1, url: 'https://arxiv.org/list/math/new', fromExtensionPage: false };
    expect(refusal(await router.handle('page.states', { ids: ['arxiv:2405.00001'] }, navigated))).toMatch(/Not allowed/);
    expect(value(await router.handle('page.saveAll', {}, navigated))).toBe(0);
  });

  it('a tab that never reported owns no papers', async () => {
    const { router } = await reported();
    const tab9: Sender = { tabId: 9, url: LIST, fromExtensionPage: false };
    expect(refusal(await router.handle('page.states', { ids: ['arxiv:2405.00001'] }, tab9))).toMatch(/Not allowed/);
  });

  it('page.saveAll saves only its own tab’s seen papers', async () => {
    const { router, db } = await reported();
    expect(value(await router.handle('page.saveAll', {}, tab1))).toBe(2);
    expect((await db.papers.get('arxiv:2405.00003'))?.status).toBe('seen');
    expect(value(await router.handle('page.saveAll', {}, tab1))).toBe(0);
  });

  it('still knows its papers after they were merged into an older record', async () => {
    const { router, db, tick } = setup();
    const doiOnly: DetectedPaper = { id: 'doi:10.1/m', aliases: ['doi:10.1/m'], title: 'M', authors: [], links: {} };
    value(await router.handle('page.report', { url: HF, entries: [paper(4)] }, tab2));
    tick(1000);
    value(await router.handle('page.report', { url: LIST, entries: [doiOnly] }, tab1));
    tick(1000);
    // Tab 2 proves the DOI and arxiv 4 are one paper: the DOI record, newer, is merged away.
    value(await router.handle('page.report', { url: HF, entries: [{ ...paper(4), aliases: [...paper(4).aliases, 'doi:10.1/m'] }] }, tab2));
    expect(await db.papers.get('doi:10.1/m')).toBeUndefined();
    expect(value(await router.handle('page.states', { ids: ['doi:10.1/m'] }, tab1))).toEqual({ 'doi:10.1/m': 'seen' });
    expect(value(await router.handle('tab.papers', { tabId: 1 }, popup))).toEqual(['arxiv:2405.00004']);
  });

  it('refuses every extension-page request from a content script', async () => {
    const { router, db } = await reported();
    expect(refusal(await router.handle('library.delete', { ids: ['arxiv:2405.00001'] }, tab1))).toBe(
      "Not allowed: library.delete comes only from the extension's pages",
    );
    expect(refusal(await router.handle('library.setStatus', { ids: ['arxiv:2405.00003'], status: 'read' }, tab1))).toMatch(
      /Not allowed/,
    );
    expect(refusal(await router.handle('tab.papers', { tabId: 2 }, tab1))).toMatch(/Not allowed/);
    expect(refusal(await router.handle('tab.saveAll', { tabId: 2 }, tab1))).toMatch(/Not allowed/);
    expect(await db.papers.count()).toBe(3);
  });

  it('validates content-script data and names the path', async () => {
    const { router } = setup();
    const bad = { url: LIST, entries: [paper(1), { ...paper(2), title: 'x'.repeat(2_001) }] };
    expect(refusal(await router.handle('page.report', bad, tab1))).toBe(
      'Invalid page.report request: entries[1].title: at most 2000 characters',
    );
  });
});

describe('router: extension pages', () => {
  it('may list and save a tab’s papers, set statuses and delete', async () => {
    const { router, db } = await reported();
    expect(value(await router.handle('tab.papers', { tabId: 2 }, popup))).toEqual(['arxiv:2405.00003']);
    expect(value(await router.handle('tab.papers', { tabId: 42 }, popup))).toEqual([]);
    expect(value(await router.handle('tab.saveAll', { tabId: 2 }, popup))).toBe(1);
    expect(value(await router.handle('library.setStatus', { ids: ['arxiv:2405.00001', 'arxiv:2405.00002'], status: 'read' }, popup))).toBe(2);
    expect(value(await router.handle('library.delete', { ids: ['doi:10.48550/arxiv.2405.00001'] }, popup))).toBe(1);
    expect(await db.papers.count()).toBe(2);
    expect(value(await router.handle('tab.papers', { tabId: 1 }, popup))).toEqual(['arxiv:2405.00002']);
  });

  it('may not send page requests (they have no page of their own)', async () => {
    const { router } = await reported();
    const popupInTab: Sender = { tabId: 5, url: 'chrome-extension://abcdefghijklmnop/popup.html', fromExtensionPage: true };
    expect(refusal(await router.handle('page.report', { url: LIST, entries: [] }, popupInTab))).toMatch(/content script/);
    expect(refusal(await router.handle('page.states', { ids: ['arxiv:2405.00001'] }, popup))).toMatch(/content script/);
  });

  it('validates extension-page data too', async () => {
    const { router } = setup();
    expect(refusal(await router.handle('library.setStatus', { ids: ['arxiv:1'], status: 'done' }, popup))).toMatch(
      /^Invalid library.setStatus request: status: expected one of/,
    );
  });
});

describe('router: detection on other sites', () => {
  const LAB = 'https://lab.example.org/*';

  function withSites() {
    const calls: string[] = [];
    const db = scratchDb();
    const router = createRouter({
      db,
      tabs: createTabPapers(memoryArea()),
      sites: {
        register: async (origin) => void calls.push(`register ${origin}`),
        unregister: async (origin) => void calls.push(`unregister ${origin}`),
        inject: async (tabId) => void calls.push(`inject ${String(tabId)}`),
      },
    });
    return { router, calls };
  }

  it('extension pages may run detection in a tab and register or remove a site', async () => {
    const { router, calls } = withSites();
    expect(value(await router.handle('tab.detect', { tabId: 4 }, popup))).toBeNull();
    expect(value(await router.handle('site.register', { origin: LAB, tabId: 4 }, popup))).toBeNull();
    expect(value(await router.handle('site.register', { origin: LAB }, popup))).toBeNull();
    expect(value(await router.handle('site.unregister', { origin: LAB }, popup))).toBeNull();
    expect(calls).toEqual(['inject 4', `register ${LAB}`, 'inject 4', `register ${LAB}`, `unregister ${LAB}`]);
  });

  it('content scripts may not: a page never widens what Lectern reads or injects', async () => {
    const { router, calls } = withSites();
    const labPage: Sender = { tabId: 4, url: 'https://lab.example.org/publications', fromExtensionPage: false };
    for (const [type, data] of [
      ['tab.detect', { tabId: 4 }],
      ['tab.detect', { tabId: 9 }],
      ['site.register', { origin: LAB, tabId: 4 }],
      ['site.unregister', { origin: LAB }],
    ] as const) {
      expect(refusal(await router.handle(type, data, labPage))).toBe(`Not allowed: ${type} comes only from the extension's pages`);
      expect(refusal(await router.handle(type, data, { fromExtensionPage: false }))).toMatch(/^Not allowed/);
    }
    expect(calls).toEqual([]);
  });

  it('validates the origin before anything runs', async () => {
    const { router, calls } = withSites();
    for (const origin of ['<all_urls>', 'https://*/*', 'https://*.example.org/*', 'file:///*']) {
      expect(refusal(await router.handle('site.register', { origin }, popup))).toMatch(/^Invalid site\.register request: origin:/);
    }
    expect(refusal(await router.handle('tab.detect', { tabId: 'x' }, popup))).toMatch(/^Invalid tab\.detect request: tabId:/);
    expect(calls).toEqual([]);
  });

  it('refuses when the background has no site access, and passes its failures on as errors', async () => {
    const { router } = setup();
    expect(refusal(await router.handle('tab.detect', { tabId: 4 }, popup))).toMatch(/not available/);
    const db = scratchDb();
    const failing = createRouter({
      db,
      tabs: createTabPapers(memoryArea()),
      sites: {
        register: () => Promise.reject(new Error('Lectern may not read lab.example.org: the permission was not granted')),
        unregister: () => Promise.resolve(),
        inject: () => Promise.reject(new Error('Cannot access contents of the page.')),
      },
    });
    expect(refusal(await failing.handle('site.register', { origin: LAB, tabId: 4 }, popup))).toMatch(/not granted/);
    expect(refusal(await failing.handle('tab.detect', { tabId: 4 }, popup))).toBe('Cannot access contents of the page.');
  });
});

describe('router: boundary', () => {
  it('refuses senders that are neither a tab nor an extension page', async () => {
    const { router } = setup();
    const nobody: Sender = { fromExtensionPage: false };
    expect(refusal(await router.handle('page.report', { url: LIST, entries: [] }, nobody))).toMatch(/Not allowed/);
    expect(refusal(await router.handle('library.delete', { ids: [] }, nobody))).toMatch(/Not allowed/);
  });

  it('refuses unknown types', async () => {
    const { router } = setup();
    expect(refusal(await router.handle('__proto__', {}, popup))).toBe('Unknown request type: "__proto__"');
    expect(refusal(await router.handle('library.dropAll', {}, popup))).toMatch(/Unknown request type/);
  });

  it('turns handler failures into errors instead of throwing', async () => {
    const { router, db } = setup();
    db.close();
    const result = await router.handle('library.delete', { ids: ['arxiv:1'] }, popup);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).not.toBe('');
  });
});

describe('senderFrom', () => {
  const origin = 'chrome-extension://abcdefghijklmnop';

  it('a content script in a tab’s top frame is that tab', () => {
    expect(senderFrom({ tab: { id: 3, url: LIST }, url: LIST, frameId: 0 }, origin)).toEqual({
      tabId: 3,
      url: LIST,
      fromExtensionPage: false,
    });
  });

  it('a content script in a subframe gets no tab', () => {
    expect(senderFrom({ tab: { id: 3, url: LIST }, url: 'https://ads.example/frame', frameId: 7 }, origin)).toEqual({
      fromExtensionPage: false,
    });
  });

  it('the popup or side panel is an extension page, opened as a tab or not', () => {
    expect(senderFrom({ url: `${origin}/sidepanel.html` }, origin)).toEqual({
      url: `${origin}/sidepanel.html`,
      fromExtensionPage: true,
    });
    expect(
      senderFrom({ tab: { id: 8, url: `${origin}/popup.html` }, url: `${origin}/popup.html`, frameId: 0 }, `${origin}/`),
    ).toEqual({ url: `${origin}/popup.html`, fromExtensionPage: true });
  });

  it('decides by the sending document, not the tab', () => {
    // A web page framed inside an extension tab is not the extension.
    expect(senderFrom({ tab: { id: 8, url: `${origin}/reader.html` }, url: LIST, frameId: 2 }, origin).fromExtensionPage).toBe(
      false,
    );
    // A look-alike origin is not the extension.
    expect(senderFrom({ url: `${origin}zzz/popup.html` }, origin).fromExtensionPage).toBe(false);
    // A web page is not the extension even when its URL mentions it.
    expect(senderFrom({ tab: { id: 1 }, url: `https://evil.example/?${origin}/`, frameId: 0 }, origin)).toEqual({
      tabId: 1,
      url: `https://evil.example/?${origin}/`,
      fromExtensionPage: false,
    });
  });

  it('an unknown sender has no privilege', () => {
    expect(senderFrom(undefined, origin)).toEqual({ fromExtensionPage: false });
    expect(senderFrom({ tab: { id: -1 }, url: LIST }, origin)).toEqual({ fromExtensionPage: false });
  });
});
