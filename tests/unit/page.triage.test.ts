/**
 * On-page triage end to end inside one process: the content script's controller (`startTriage`) on a
 * listing document (happy-dom), talking to the real background router over an in-memory database, as the
 * tab showing that page. Pushes are delivered the way the background sends them.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLecternDb, type LecternDB } from '../../lib/db/schema';
import { RequestRefused } from '../../lib/messaging/client';
import type { PushMessage, RequestAnswer, RequestData, RequestType } from '../../lib/messaging/protocol';
import { startTriage, type Triage, type TriageEnv } from '../../lib/page/triage';
import { createPusher } from '../../lib/service/push';
import { createRouter } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { DEFAULT_SETTINGS, recordingBlock, type Settings } from '../../lib/settings';

const URL_LIST = 'https://arxiv.org/list/q-fin/new';

function entryHtml(n: number, title = `Paper number ${n}`): string {
  const id = `2405.${String(n).padStart(5, '0')}`;
  return `<dt><a name="item${n}">[${n}]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt>
    <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> ${title}</div>
    <div class="list-authors"><a href="/a/x">A. Author</a></div><p class="mathjax">Abstract ${n}.</p></div></dd>`;
}

function listing(ns: number[]): string {
  return `<div id="dlpage"><h3>New submissions</h3><dl id="articles">${ns.map((n) => entryHtml(n)).join('')}</dl></div>`;
}

const id = (n: number) => `arxiv:2405.${String(n).padStart(5, '0')}`;

let db: LecternDB;
let triage: Triage | undefined;
let invalidate: (() => void)[] = [];
let counter = 0;

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(URL_LIST);
  db = openLecternDb(`page-triage-${++counter}-${Math.random().toString(36).slice(2)}`);
});

afterEach(async () => {
  for (const cb of invalidate.splice(0)) cb();
  triage = undefined;
  document.body.innerHTML = '';
  for (const el of document.documentElement.querySelectorAll(':scope > lectern-menu, :scope > lectern-bar')) el.remove();
  db.close();
  await Dexie.delete(db.name);
});

function setup(settings: Partial<Settings> = {}, refuse: (type: string, data: unknown) => boolean = () => false) {
  const tabs = createTabPapers(memoryArea());
  const calls: { type: string; data: unknown }[] = [];
  let onPush: ((message: unknown) => void) | undefined;
  const pusher = createPusher({
    tabs,
    sendToTab: async (_tabId, message: PushMessage) => onPush?.(structuredClone(message)),
    setNewCount: async () => undefined,
  });
  let stored: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const router = createRouter({
    db,
    tabs,
    pusher,
    openInLibrary: async () => undefined,
    recordingGate: async (page) => recordingBlock(stored, page),
  });
  const watchers: ((patch: Partial<Settings>) => void)[] = [];
  const env: TriageEnv = {
    ctx: {
      addEventListener: ((target: EventTarget, type: string, handler: EventListener) => {
        target.addEventListener(type, handler);
        invalidate.push(() => target.removeEventListener(type, handler));
      }) as TriageEnv['ctx']['addEventListener'],
      onInvalidated: (cb: () => void) => {
        invalidate.push(cb);
        return () => undefined;
      },
      setTimeout: ((run: () => void, ms?: number) => window.setTimeout(run, ms)) as TriageEnv['ctx']['setTimeout'],
      requestAnimationFrame: ((run: FrameRequestCallback) => window.setTimeout(() => run(0), 0)) as TriageEnv['ctx']['requestAnimationFrame'],
      isInvalid: false,
    },
    doc: document,
    win: window,
    async request<T extends RequestType>(type: T, data: RequestData<T>): Promise<RequestAnswer<T>> {
      calls.push({ type, data: structuredClone(data) });
      if (refuse(type, data)) throw new RequestRefused('Refused for the test');
      const result = await router.handle(type, structuredClone(data), { tabId: 1, url: location.href, fromExtensionPage: false });
      if (!result.ok) throw new RequestRefused(result.error);
      return result.value as RequestAnswer<T>;
    },
    listen(listener) {
      onPush = listener;
      return () => (onPush = undefined);
    },
    settings: {
      load: async () => stored,
      save: async (patch) => {
        stored = { ...stored, ...patch };
        for (const w of watchers) w(patch);
      },
      watch: (cb) => {
        watchers.push(cb);
        return () => undefined;
      },
    },
    debounceMs: 20,
    navigationSettleMs: 200,
    sleep: async () => undefined,
  };
  return { env, calls, router, push: (message: unknown) => onPush?.(message) };
}

function badges(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('lectern-badge'));
}

function statesShown(): [string | null, string | null][] {
  return badges().map((b) => [b.getAttribute('data-lectern-id'), b.getAttribute('data-lectern-state')]);
}

function button(host: Element): HTMLButtonElement {
  return host.shadowRoot!.querySelector('button')!;
}

function barButton(name: string): HTMLButtonElement {
  const root = document.querySelector('lectern-bar')!.shadowRoot!;
  return Array.from(root.querySelectorAll('button')).find((b) => b.textContent === name)!;
}

const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

async function start(ns: number[], settings?: Partial<Settings>) {
  document.body.innerHTML = listing(ns);
  const ctx = setup(settings);
  triage = startTriage(ctx.env);
  await triage.idle();
  return ctx;
}

describe('startTriage on a listing', () => {
  it('looks states up before recording, shows a badge per title, and records the page once', async () => {
    const { calls } = await start([1, 2, 3]);
    // An empty lookup wakes the background while the page is read; then the entries' lookup, then the report.
    expect(calls.map((c) => c.type)).toEqual(['page.lookup', 'page.lookup', 'page.report']);
    expect((calls[0]!.data as RequestData<'page.lookup'>).entries).toEqual([]);
    expect((calls[1]!.data as RequestData<'page.lookup'>).entries.map((e) => e[0])).toEqual([id(1), id(2), id(3)]);
    expect(statesShown()).toEqual([
      [id(1), 'new'],
      [id(2), 'new'],
      [id(3), 'new'],
    ]);
    // Each badge sits in its title, after the title text; the adapters still read the same title.
    for (const host of badges()) expect(host.parentElement!.classList.contains('list-title')).toBe(true);
    expect(await db.papers.count()).toBe(3);
    expect(document.querySelector('lectern-bar')!.shadowRoot!.querySelector('.summary')!.textContent).toBe('3 papers here, 3 new');
  });

  it('on the next visit nothing is new, and an entry absent last time is marked', async () => {
    await start([1, 2]);
    for (const cb of invalidate.splice(0)) cb();
    await db.visits.toCollection().modify((v) => void (v.at -= 60 * 60_000));
    await start([1, 2, 3]);
    expect(statesShown()).toEqual([
      [id(1), 'seen'],
      [id(2), 'seen'],
      [id(3), 'new'],
    ]);
    expect(badges().map((b) => b.hasAttribute('data-lectern-new-since-visit'))).toEqual([false, false, true]);
  });

  it('shows badges for entries the page adds later, sends only those, and never twice', async () => {
    const { calls } = await start([1, 2]);
    const dl = document.getElementById('articles')!;
    dl.insertAdjacentHTML('beforeend', entryHtml(3) + entryHtml(4));
    await settle();
    await triage!.idle();
    expect(statesShown().map(([i]) => i)).toEqual([id(1), id(2), id(3), id(4)]);
    const reports = calls.filter((c) => c.type === 'page.report').map((c) => c.data as RequestData<'page.report'>);
    expect(reports.map((r) => [r.more ?? false, r.entries.map((e) => e.id)])).toEqual([
      [false, [id(1), id(2)]],
      [true, [id(3), id(4)]],
    ]);
    // A change that adds no entry (and our own badges) sends nothing.
    dl.insertAdjacentHTML('beforeend', '<dt>ad</dt>');
    await settle();
    await triage!.idle();
    expect(calls.filter((c) => c.type === 'page.report')).toHaveLength(2);
    expect(badges()).toHaveLength(4);
  });

  it('sends again, with the next change of the page, entries whose report failed', async () => {
    document.body.innerHTML = listing([1, 2]);
    let refusals = 1;
    const { env, calls } = setup({}, (type) => type === 'page.report' && refusals-- > 0);
    triage = startTriage(env);
    await triage.idle();
    // The lookup answered, so the badges show; the report was refused.
    expect(statesShown()).toEqual([
      [id(1), 'new'],
      [id(2), 'new'],
    ]);
    expect(await db.papers.count()).toBe(0);
    document.getElementById('articles')!.insertAdjacentHTML('beforeend', entryHtml(3));
    await settle();
    await triage.idle();
    const reports = calls.filter((c) => c.type === 'page.report').map((c) => c.data as RequestData<'page.report'>);
    expect(reports.map((r) => [r.more ?? false, r.entries.map((e) => e.id)])).toEqual([
      [false, [id(1), id(2)]],
      [false, [id(1), id(2), id(3)]],
    ]);
    expect(await db.papers.count()).toBe(3);
  });

  it('puts a badge back when the site re-renders a title, without duplicates', async () => {
    await start([1, 2]);
    const title = document.querySelectorAll('.list-title')[1]!;
    title.innerHTML = '<span class="descriptor">Title:</span> Paper number 2';
    expect(badges()).toHaveLength(1);
    await settle();
    await triage!.idle();
    expect(badges()).toHaveLength(2);
    expect(title.querySelectorAll('lectern-badge')).toHaveLength(1);
  });

  it('after client-side navigation, shows the new page’s entries only', async () => {
    const { calls } = await start([1, 2]);
    history.pushState({}, '', '/list/q-fin/new?skip=2');
    // WXT's location watcher tells the content script; the site renders the new page a little later.
    window.dispatchEvent(new Event('wxt:locationchange'));
    await settle(5);
    document.body.innerHTML = listing([5, 6, 7]);
    await settle(300);
    await triage!.idle();
    expect(statesShown().map(([i]) => i)).toEqual([id(5), id(6), id(7)]);
    const last = calls.filter((c) => c.type === 'page.report').at(-1)!.data as RequestData<'page.report'>;
    expect(last.url).toBe('https://arxiv.org/list/q-fin/new?skip=2');
    expect(last.more ?? false).toBe(false);
  });

  it('the menu changes a status, and a push from elsewhere updates the badge', async () => {
    const { push } = await start([1, 2]);
    const [first, second] = badges();
    button(first!).click();
    const menu = document.querySelector('lectern-menu')!.shadowRoot!;
    const item = Array.from(menu.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]')).find((b) => b.textContent === 'Reading')!;
    item.click();
    await settle();
    expect(first!.getAttribute('data-lectern-state')).toBe('reading');
    expect((await db.papers.get(id(1)))!.status).toBe('reading');
    push({ lectern: 'push', type: 'page.statusChanged', data: { changes: [{ id: id(2), aliases: [id(2)], status: 'read' }] } });
    expect(second!.getAttribute('data-lectern-state')).toBe('read');
    // Anything that is not a valid push is ignored.
    push({ lectern: 'push', type: 'page.statusChanged', data: { changes: [{ id: id(2), aliases: [], status: 'gone' }] } });
    push({ type: 'page.statusChanged', data: { changes: [{ id: id(2), aliases: [], status: 'seen' }] } });
    expect(second!.getAttribute('data-lectern-state')).toBe('read');
  });

  it('Save all new saves only untriaged papers; Dismiss all new too; Undo reverts', async () => {
    await start([1, 2, 3]);
    // Changed behind the page's back (no push): the page still counts it as new, the background does not.
    await db.papers.update(id(2), { status: 'reading' });
    barButton('Dismiss all new').click();
    await settle();
    expect((await db.papers.get(id(2)))!.status).toBe('reading');
    expect((await db.papers.get(id(1)))!.status).toBe('dismissed');
    expect(statesShown().map(([, s]) => s)).toEqual(['dismissed', 'new', 'dismissed']);
    barButton('Undo').click();
    await settle();
    expect((await db.papers.get(id(1)))!.status).toBe('seen');
    expect((await db.papers.get(id(3)))!.status).toBe('seen');
    barButton('Save all new').click();
    await settle();
    expect((await db.papers.toArray()).map((p) => p.status)).toEqual(['unread', 'reading', 'unread']);
  });

  it('keyboard triage: off by default; when on, j/k move, s/x/r set, u undoes, fields keep their keys', async () => {
    await start([1, 2, 3]);
    const key = (k: string, target: EventTarget = document.body) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
    key('j');
    key('s');
    await settle();
    expect((await db.papers.toArray()).every((p) => p.status === 'seen')).toBe(true);

    const root = document.querySelector('lectern-bar')!.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    key('j');
    expect(document.activeElement).toBe(badges()[0]);
    key('j');
    key('s');
    await settle();
    expect((await db.papers.get(id(2)))!.status).toBe('unread');
    key('k');
    key('x');
    await settle();
    expect((await db.papers.get(id(1)))!.status).toBe('dismissed');
    key('u');
    await settle();
    expect((await db.papers.get(id(1)))!.status).toBe('seen');

    document.body.insertAdjacentHTML('afterbegin', '<input id="q">');
    const input = document.getElementById('q')!;
    input.focus();
    key('x', input);
    key('j', input);
    await settle();
    expect((await db.papers.get(id(1)))!.status).toBe('seen');
  });

  it('dims read and dismissed entries when asked, without changing the page’s markup', async () => {
    const { push } = await start([1, 2], { dimTriaged: true });
    /** The page's own markup, our badges left out. */
    const pageMarkup = () => {
      const copy = document.getElementById('articles')!.cloneNode(true) as Element;
      for (const badge of copy.querySelectorAll('lectern-badge')) badge.remove();
      return copy.outerHTML;
    };
    const before = pageMarkup();
    const [dt, dd] = [document.querySelectorAll('dt')[0]!, document.querySelectorAll('dd')[0]!];
    expect(dd.getAnimations()).toHaveLength(0);
    push({ lectern: 'push', type: 'page.statusChanged', data: { changes: [{ id: id(1), aliases: [], status: 'read' }] } });
    expect(dt.getAnimations()).toHaveLength(1);
    expect(dd.getAnimations()).toHaveLength(1);
    expect(document.querySelectorAll('dd')[1]!.getAnimations()).toHaveLength(0);
    expect(pageMarkup()).toBe(before);
    push({ lectern: 'push', type: 'page.statusChanged', data: { changes: [{ id: id(1), aliases: [], status: 'unread' }] } });
    expect(dd.getAnimations()).toHaveLength(0);
  });

  it('removes everything it added when the extension stops', async () => {
    await start([1, 2]);
    expect(badges()).toHaveLength(2);
    for (const cb of invalidate.splice(0)) cb();
    expect(badges()).toHaveLength(0);
    expect(document.querySelector('lectern-bar')).toBeNull();
  });
});

describe('startTriage when automatic recording is off', () => {
  it('shows badges and records nothing; the bar says so; saving one entry records it to read', async () => {
    const { calls } = await start([1, 2, 3], { recordAutomatically: false });
    expect(statesShown()).toEqual([
      [id(1), 'new'],
      [id(2), 'new'],
      [id(3), 'new'],
    ]);
    expect(await db.papers.count()).toBe(0);
    const bar = document.querySelector('lectern-bar')!.shadowRoot!;
    expect(bar.querySelector('.notice')!.textContent).toBe('Automatic recording is off: only papers you save are kept.');
    button(badges()[1]!).click();
    const menu = document.querySelector('lectern-menu')!.shadowRoot!;
    Array.from(menu.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]')).find((b) => b.textContent === 'Save to read')!.click();
    await settle();
    expect(calls.filter((c) => c.type === 'page.save')).toHaveLength(1);
    expect((await db.papers.toArray()).map((r) => [r.id, r.status])).toEqual([[id(2), 'unread']]);
    expect(badges()[1]!.getAttribute('data-lectern-state')).toBe('unread');
  });

  it('Save all new records the new entries to read, and a paused page says it is paused', async () => {
    await start([1, 2], { recordingPaused: true });
    const bar = document.querySelector('lectern-bar')!.shadowRoot!;
    expect(bar.querySelector('.notice')!.textContent).toBe('Recording paused: only papers you save are kept.');
    barButton('Save all new').click();
    await settle();
    await triage!.idle();
    expect((await db.papers.toArray()).map((r) => r.status)).toEqual(['unread', 'unread']);
    expect(statesShown().map(([, state]) => state)).toEqual(['unread', 'unread']);
  });
});
