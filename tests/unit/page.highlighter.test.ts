/**
 * The in-page highlighter against the real router and a scratch library (happy-dom): highlights load once
 * the page is recorded, are placed or listed as orphans, are placed after the page's late rendering, and
 * the "Highlight with Lectern" push highlights the selection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PushMessage, RequestAnswer, RequestData, RequestType } from '../../lib/messaging/protocol';
import type { HighlightRecord } from '../../lib/model';
import { startHighlighter, type Highlighter, type HighlighterEnv } from '../../lib/page/highlighter';
import { createRouter } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('highlighter-test');
const URL_ = 'https://arxiv.org/abs/1706.03762';
const PAPER = 'arxiv:1706.03762';
const ARTICLE = `<h1>Attention Is All You Need</h1>
  <blockquote class="abstract">The dominant sequence transduction models are based on complex recurrent or
  convolutional neural networks. We propose a new simple network architecture, the <b>Trans</b>former, based
  solely on attention mechanisms.</blockquote>`;

/** Polls until `check` passes, for up to `timeoutMs`. */
async function eventually(check: () => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

let running: { highlighter: Highlighter; stop: () => void } | undefined;
afterEach(() => {
  running?.highlighter.destroy();
  running?.stop();
  running = undefined;
  document.body.innerHTML = '';
});

async function setup(stored: Omit<HighlightRecord, 'id' | 'createdAt' | 'updatedAt' | 'note'>[] = []) {
  const db = scratchDb();
  const tabs = createTabPapers(memoryArea());
  const router = createRouter({ db, tabs, now: () => 1_700_000_000_000 });
  const sender = { tabId: 1, url: URL_, fromExtensionPage: false };
  const request = async <T extends RequestType>(type: T, data: RequestData<T>): Promise<RequestAnswer<T>> => {
    const result = await router.handle(type, data, sender);
    if (!result.ok) throw new Error(result.error);
    return result.value as RequestAnswer<T>;
  };
  await request('page.report', { url: URL_, entries: [{ id: PAPER, aliases: [PAPER], title: 'Attention Is All You Need', authors: [], links: {} }] });
  for (const record of stored) await request('page.highlight.create', { ...record });
  const listeners: ((message: unknown) => void)[] = [];
  const invalidate: (() => void)[] = [];
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(URL_);
  const env: HighlighterEnv = {
    ctx: {
      addEventListener: ((target: EventTarget, type: string, handler: EventListener) => {
        target.addEventListener(type, handler);
        invalidate.push(() => target.removeEventListener(type, handler));
      }) as HighlighterEnv['ctx']['addEventListener'],
      onInvalidated: (cb: () => void) => {
        invalidate.push(cb);
        return () => undefined;
      },
      setTimeout: ((run: () => void, ms?: number) => window.setTimeout(run, ms)) as HighlighterEnv['ctx']['setTimeout'],
      requestAnimationFrame: ((run: FrameRequestCallback) => window.setTimeout(() => run(0), 0)) as HighlighterEnv['ctx']['requestAnimationFrame'],
      isInvalid: false,
    },
    doc: document,
    win: window,
    request,
    listen(listener) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    recorded: async () => undefined,
    paperId: () => PAPER,
    quietMs: 20,
  };
  const push = (message: PushMessage) => listeners.forEach((listener) => listener(message));
  return { db, env, push, stop: () => invalidate.forEach((run) => run()) };
}

function state() {
  const host = document.querySelector('lectern-highlighter') as HTMLElement | null;
  if (!host?.dataset.state) throw new Error('no state yet');
  return { drawn: Number(host.dataset.drawn), orphans: Number(host.dataset.orphans), items: JSON.parse(host.dataset.state) as { text: string | null; placed: boolean }[] };
}

const quote = (exact: string, prefix = '', suffix = '') => [{ type: 'TextQuoteSelector' as const, exact, prefix, suffix }];

describe('the in-page highlighter', () => {
  it('places the page’s highlights, lists the others as orphans with their quote, and keeps them', async () => {
    document.body.innerHTML = ARTICLE;
    const { db, env, stop } = await setup([
      { paperId: PAPER, url: URL_, selectors: quote('the Transformer, based solely', 'new simple network architecture, '), text: 'the Transformer, based solely', color: 'green' },
      { paperId: PAPER, url: URL_, selectors: quote('a sentence this page does not have'), text: 'a sentence this page does not have', color: 'yellow' },
    ]);
    running = { highlighter: startHighlighter(env), stop };
    await running.highlighter.ready;
    expect(state()).toMatchObject({ drawn: 1, orphans: 1 });
    expect(state().items.find((i) => i.placed)?.text).toBe('the Transformer, based solely');
    const orphans = document.querySelector('lectern-highlighter')!.shadowRoot!.querySelector('[aria-label="Highlights not found on this page"]')!;
    expect(orphans.textContent).toContain('1 highlight not found on this page');
    expect(orphans.textContent).toContain('a sentence this page does not have');
    expect(await db.highlights.count()).toBe(2);
  });

  it('places highlights again after the page renders late, a bounded number of times', async () => {
    document.body.innerHTML = '<h1>Attention Is All You Need</h1><main></main>';
    const { env, stop } = await setup([
      { paperId: PAPER, url: URL_, selectors: quote('We propose a new simple network architecture'), text: 'We propose a new simple network architecture', color: 'blue' },
    ]);
    running = { highlighter: startHighlighter({ ...env, maxReanchors: 2 }), stop };
    await running.highlighter.ready;
    expect(state()).toMatchObject({ drawn: 0, orphans: 1 });
    document.querySelector('main')!.innerHTML = ARTICLE;
    await eventually(async () => expect(state()).toMatchObject({ drawn: 1, orphans: 0 }), 3_000);
  });

  it('highlights the selection when the background pushes "Highlight with Lectern"', async () => {
    document.body.innerHTML = ARTICLE;
    const { db, env, push, stop } = await setup();
    running = { highlighter: startHighlighter(env), stop };
    await running.highlighter.ready;
    const text = document.querySelector('blockquote')!.firstChild as Text;
    const at = text.data.indexOf('complex recurrent');
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 'complex recurrent'.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    push({ lectern: 'push', type: 'page.highlightSelection', data: {} });
    await eventually(async () => expect(state().drawn).toBe(1), 3_000);
    const [stored] = await db.highlights.toArray();
    expect(stored).toMatchObject({ paperId: PAPER, text: 'complex recurrent', color: 'yellow', url: URL_ });
    expect(stored!.selectors.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
  });
});
