import { describe, expect, it } from 'vitest';
import type { NewHighlight } from '../../lib/messaging/areas/highlights';
import type { RequestAnswer, RequestData, RequestType, Result } from '../../lib/messaging/protocol';
import type { DetectedPaper, HighlightRecord } from '../../lib/model';
import { createRouter, type Sender } from '../../lib/service/router';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('highlights-test');

const ABS = 'https://arxiv.org/abs/2405.00001';
const OTHER = 'https://arxiv.org/abs/2405.00002';
const BLOG = 'https://blog.example.org/post';
const T0 = Date.UTC(2026, 10, 1, 9);

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id, `doi:10.48550/arxiv.2405.0000${n}`], title: `Paper ${n}`, authors: ['A'], links: { abs: `https://arxiv.org/abs/2405.0000${n}` } };
}

const tab1: Sender = { tabId: 1, url: ABS, fromExtensionPage: false };
const tab2: Sender = { tabId: 2, url: OTHER, fromExtensionPage: false };
const blogTab: Sender = { tabId: 3, url: `${BLOG}#lectern-highlight=x`, fromExtensionPage: false };
const panel: Sender = { url: 'chrome-extension://abcdefghijklmnop/sidepanel.html', fromExtensionPage: true };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function quote(exact: string): NewHighlight['selectors'] {
  return [
    { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
    { type: 'TextPositionSelector', start: 10, end: 10 + exact.length },
  ];
}

async function setup() {
  const db = scratchDb();
  const tabs = createTabPapers(memoryArea());
  let clock = T0;
  const router = createRouter({ db, tabs, now: () => (clock += 1_000) });
  /** A request with its answer typed (the router answers `unknown`). */
  const ask = <T extends RequestType>(type: T, data: RequestData<T>, sender: Sender) =>
    router.handle(type, data, sender) as Promise<Result<RequestAnswer<T>>>;
  value(await ask('page.report', { url: ABS, entries: [paper(1)] }, tab1));
  value(await ask('page.report', { url: OTHER, entries: [paper(2)] }, tab2));
  return { db, router, ask };
}

describe('highlight requests', () => {
  it('creates a highlight under the paper’s record, whichever alias the page gave, and notes the change', async () => {
    const { db, ask } = await setup();
    const before = await db.changes.count();
    const made = value(
      await ask('page.highlight.create', { paperId: 'doi:10.48550/arxiv.2405.00001', url: ABS, selectors: quote('the claim'), text: 'the claim', color: 'yellow' }, tab1),
    );
    expect(made).toMatchObject({ paperId: 'arxiv:2405.00001', url: 'https://arxiv.org/abs/2405.00001', note: '', color: 'yellow', text: 'the claim' });
    expect(made.createdAt).toBe(made.updatedAt);
    expect(await db.highlights.get(made.id)).toEqual(made);
    expect(await db.changes.count()).toBe(before + 1);
    expect((await db.changes.toCollection().last())?.ids).toEqual(['arxiv:2405.00001']);
  });

  it('gives a page the highlights of its papers and those made on its URL, and nothing else', async () => {
    const { router, ask } = await setup();
    const own = value(await ask('page.highlight.create', { paperId: 'arxiv:2405.00001', url: ABS, selectors: quote('mine'), text: 'mine', color: 'green' }, tab1));
    // Made in the reader (another address) for the same paper: shown on the live page too.
    const fromReader = value(await ask('highlight.create', { paperId: 'arxiv:2405.00001', url: 'chrome-extension://abcdefghijklmnop/reader.html?paper=arxiv%3A2405.00001', selectors: quote('read'), text: 'read', color: 'blue' }, panel));
    value(await ask('page.highlight.create', { paperId: 'arxiv:2405.00002', url: OTHER, selectors: quote('theirs'), text: 'theirs', color: 'pink' }, tab2));
    const onBlog = value(await ask('page.highlight.create', { url: BLOG, selectors: quote('blog'), text: 'blog', color: 'purple' }, blogTab));
    expect(onBlog.paperId).toBeUndefined();

    const shown = value(await ask('page.highlights', { url: ABS }, tab1));
    expect(shown.map((h) => h.id).sort()).toEqual([own.id, fromReader.id].sort());
    expect(value(await ask('page.highlights', { url: BLOG }, blogTab)).map((h) => h.id)).toEqual([onBlog.id]);
  });

  it('keeps a content script to its own tab', async () => {
    const { router, ask } = await setup();
    const theirs = value(await ask('page.highlight.create', { paperId: 'arxiv:2405.00002', url: OTHER, selectors: quote('theirs'), text: 'theirs', color: 'pink' }, tab2));
    const refused = async (type: string, data: unknown, sender = tab1) => {
      const result = await router.handle(type, data, sender);
      expect(result.ok, type).toBe(false);
      return result.ok ? '' : result.error;
    };
    expect(await refused('page.highlights', { url: OTHER })).toMatch(/Not allowed/);
    expect(await refused('page.highlight.create', { paperId: 'arxiv:2405.00002', url: ABS, selectors: quote('x'), text: 'x', color: 'pink' })).toMatch(/not on this tab/);
    expect(await refused('page.highlight.update', { id: theirs.id, note: 'mine now' })).toMatch(/not on this tab/);
    expect(await refused('page.highlight.delete', { id: theirs.id })).toMatch(/not on this tab/);
    // Extension-page requests are refused to content scripts.
    expect(await refused('highlight.delete', { ids: [theirs.id] })).toMatch(/Not allowed|not allowed/i);
  });

  it('edits, deletes and restores (undo), noting the paper each time', async () => {
    const { db, ask } = await setup();
    const made = value(await ask('page.highlight.create', { paperId: 'arxiv:2405.00001', url: ABS, selectors: quote('q'), text: 'q', color: 'yellow' }, tab1));
    const edited = value(await ask('page.highlight.update', { id: made.id, note: 'Why it matters', color: 'green' }, tab1));
    expect(edited).toMatchObject({ note: 'Why it matters', color: 'green' });
    expect(edited.updatedAt).toBeGreaterThan(made.updatedAt);

    const deleted = value(await ask('page.highlight.delete', { id: made.id }, tab1));
    expect(deleted).toEqual(edited);
    expect(await db.highlights.count()).toBe(0);
    expect(value(await ask('highlight.restore', { highlights: [deleted] }, panel))).toBe(1);
    expect(await db.highlights.get(made.id)).toEqual(deleted);

    const rows: HighlightRecord[] = value(await ask('highlight.delete', { ids: [made.id, 'missing'] }, panel));
    expect(rows.map((r) => r.id)).toEqual([made.id]);
    const noted = (await db.changes.toArray()).filter((c) => c.ids.includes('arxiv:2405.00001'));
    // create, note edit, delete, restore, delete (the report notes the paper once too).
    expect(noted.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses invalid highlights', async () => {
    const { router, ask } = await setup();
    const bad = await router.handle('page.highlight.create', { url: ABS, selectors: [{ type: 'TextPositionSelector', start: 1, end: 2 }], text: 'x', color: 'red' }, tab1);
    expect(bad.ok).toBe(false);
    const unknown = await router.handle('highlight.create', { paperId: 'arxiv:9999.99999', url: ABS, selectors: quote('x'), text: 'x', color: 'yellow' }, panel);
    expect(unknown).toEqual({ ok: false, error: expect.stringMatching(/Unknown paper/) });
  });
});
