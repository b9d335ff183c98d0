/**
 * The offline reader in Chromium: saving a paper on its article page keeps a readable copy; the reader opens
 * with the network blocked and shows the copy with the highlights made on the live page; a highlight made in
 * the reader is stored; the Highlights view lists them and its links open the page at the highlight.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HighlightRecord, HighlightSelector, SnapshotRecord } from '../../lib/model';
import { PROJECT_ROOT, fixtureCase } from '../helpers/fixtures';
import { clearLibrary, eventually, launch, storedPapers, tabIdOf, type Session } from './harness';

const AR5IV = fixtureCase('arxiv/ar5iv-html-1706.03762-2023');
const PAPER = 'arxiv:1706.03762';
const QUOTES = [
  // Plain text in the abstract, and a sentence in the body.
  { selector: '.ltx_abstract', quote: 'We propose a new simple network architecture, the Transformer', color: 'yellow' },
  { selector: '#S3', quote: 'An attention function can be described as mapping a query and a set of key-value pairs to an output', color: 'blue' },
] as const;
const READER_QUOTE = 'The dominant sequence transduction models are based on complex recurrent';

let session: Session;
let describeBundle: string;

/** Reads a whole store straight from IndexedDB in the service worker. */
async function storeRows<T>(store: string): Promise<T[]> {
  const worker = await session.worker();
  return worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as T[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

/** Stores highlights as the page's highlighter does (its selectors were described on the live page). */
async function putHighlights(rows: HighlightRecord[]): Promise<void> {
  const worker = await session.worker();
  await worker.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('highlights', 'readwrite');
          for (const item of items) tx.objectStore('highlights').put(item);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

/** The text of every range the reader draws, by colour (CSS Custom Highlight API). */
async function drawnQuotes(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    for (const [name, highlight] of registry) out[name] = [...highlight].map((range) => range.toString().replace(/\s+/g, ' '));
    return out;
  });
}

beforeAll(async () => {
  const bundled = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'tests/e2e/pages/anchoring-entry.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  });
  describeBundle = bundled.outputFiles[0]!.text;
  session = await launch();
  await clearLibrary(session);
});

afterAll(async () => {
  await session?.close();
});

describe('offline reader', () => {
  let live: Page;
  let highlightIds: string[] = [];

  it('keeps a readable copy when the paper is saved on its article page', async () => {
    await session.serve(AR5IV.url, AR5IV.html());
    live = await session.context.newPage();
    await live.goto(AR5IV.url, { waitUntil: 'domcontentloaded' });
    await eventually(async () => expect((await storedPapers(session)).map((p) => p.id)).toContain(PAPER));
    expect(await storeRows('snapshots')).toEqual([]);

    const tabId = await tabIdOf(session, AR5IV.url);
    const popup = await session.extensionPage(`popup.html?tabId=${String(tabId)}`);
    await popup.getByRole('button', { name: 'Save all' }).click();
    const [copy] = await eventually(async () => {
      const rows = await storeRows<SnapshotRecord>('snapshots');
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(copy!.paperId).toBe(PAPER);
    expect(copy!.url).toBe(AR5IV.url);
    expect(copy!.title).toContain('Attention Is All You Need');
    expect(copy!.text).toContain(READER_QUOTE);
    expect(copy!.content).toContain('<math');
    expect(copy!.content).not.toMatch(/<script|<iframe|\son[a-z]+=/i);
    // The popup now offers the copy, and keeps a fresh one when asked.
    await popup.getByRole('button', { name: 'Open the readable copy' }).waitFor();
    await popup.getByRole('button', { name: 'Keep a fresh readable copy' }).click();
    await popup.getByRole('status').getByText(/Readable copy kept \(8 images could not be stored/).waitFor();
    const [fresh] = await storeRows<SnapshotRecord>('snapshots');
    expect(fresh!.savedAt).toBeGreaterThan(copy!.savedAt);
    await popup.screenshot({ path: '/tmp/lectern-popup-copy.png' });
    await popup.close();

    // Highlights made on the live page: selectors described against the page's own text.
    await live.addScriptTag({ content: describeBundle });
    const now = Date.now();
    const rows: HighlightRecord[] = [];
    for (const [i, { selector, quote, color }] of QUOTES.entries()) {
      const selectors = await live.evaluate(
        ([sel, q]) => (window as unknown as { lecternDescribe(s: string, q: string): HighlightSelector[] }).lecternDescribe(sel, q),
        [selector, quote] as const,
      );
      rows.push({ id: `live-${String(i)}`, paperId: PAPER, url: AR5IV.url, selectors, text: quote, color, note: i === 0 ? 'the core idea' : '', createdAt: now + i, updatedAt: now + i });
    }
    await putHighlights(rows);
    highlightIds = rows.map((row) => row.id);
    // And one whose text the copy does not hold (made on a later version of the page): an orphan.
    await putHighlights([
      {
        id: 'gone',
        paperId: PAPER,
        url: AR5IV.url,
        selectors: [{ type: 'TextQuoteSelector', exact: 'A paragraph that this version of the paper never had in it', prefix: '', suffix: '' }],
        text: 'A paragraph that this version of the paper never had in it',
        color: 'pink',
        note: '',
        createdAt: now - 10,
        updatedAt: now - 10,
      },
    ]);
  });

  it('opens with the network blocked and draws the live page highlights over the copy', async () => {
    const attempted: string[] = [];
    const blockAll = (route: Route) => {
      attempted.push(route.request().url());
      return route.abort();
    };
    await session.context.route(/^https?:\/\//, blockAll);
    try {
      const reader = await session.context.newPage();
      reader.on('request', (request) => {
        if (/^https?:/.test(request.url())) attempted.push(request.url());
      });
      await reader.goto(`chrome-extension://${session.extensionId}/reader.html?paper=${encodeURIComponent(PAPER)}`);
      await reader.getByRole('heading', { level: 1, name: /Attention Is All You Need/ }).waitFor();
      expect(await reader.locator('.reader-content').innerText()).toContain(READER_QUOTE);
      expect(await reader.locator('.reader-content math').count()).toBeGreaterThan(50);
      expect(await reader.locator('.reader-content script, .reader-content iframe').count()).toBe(0);
      const drawn = await eventually(async () => {
        const quotes = await drawnQuotes(reader);
        expect(quotes['lectern-yellow']).toHaveLength(1);
        expect(quotes['lectern-blue']).toHaveLength(1);
        return quotes;
      });
      expect(drawn['lectern-yellow']).toEqual([QUOTES[0].quote]);
      expect(drawn['lectern-blue']).toEqual([QUOTES[1].quote]);
      // The orphan is listed at the top with its quote, and drawn nowhere.
      await reader.locator('.reader-orphans').getByText('A paragraph that this version of the paper never had in it').waitFor();
      expect(drawn['lectern-pink'] ?? []).toEqual([]);
      expect(await reader.locator('.reader-highlights li').count()).toBe(2);
      await reader.locator('.reader-orphans').getByRole('button', { name: 'Delete' }).click();
      await reader.getByRole('status').getByText('Highlight deleted.').waitFor();
      expect((await storeRows<HighlightRecord>('highlights')).map((h) => h.id)).not.toContain('gone');

      // A highlight made in the reader: select a quote, pick a colour.
      await reader.evaluate((quote) => {
        const root = document.querySelector('.reader-content')!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(quote);
          if (at === -1) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + quote.length);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          node.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
          return;
        }
        throw new Error('quote not in the reader');
      }, READER_QUOTE);
      await reader.getByRole('dialog', { name: 'New highlight' }).getByLabel('Note').fill('made offline');
      await reader.getByRole('button', { name: 'Highlight in Green' }).click();
      const made = await eventually(async () => {
        const rows = await storeRows<HighlightRecord>('highlights');
        const green = rows.filter((row) => row.color === 'green');
        expect(green).toHaveLength(1);
        return green[0]!;
      });
      expect(made).toMatchObject({ paperId: PAPER, url: AR5IV.url, text: READER_QUOTE, note: 'made offline' });
      expect(made.selectors.map((s) => s.type).sort()).toEqual(['TextPositionSelector', 'TextQuoteSelector']);
      highlightIds.push(made.id);
      await eventually(async () => expect((await drawnQuotes(reader))['lectern-green']).toEqual([READER_QUOTE]));

      // No serious or critical accessibility violations (axe-core, evaluated: the page's CSP allows no inline script).
      await reader.evaluate(readFileSync(path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
      const violations = await reader.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${String(v.nodes.length)})`);
      });
      expect(violations).toEqual([]);

      await reader.setViewportSize({ width: 1100, height: 900 });
      await reader.evaluate(() => window.scrollTo(0, 0));
      await reader.screenshot({ path: '/tmp/lectern-reader-light.png' });
      await reader.getByRole('button', { name: 'Dark' }).click();
      await reader.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      const violationsDark = await reader.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violationsDark).toEqual([]);
      await reader.screenshot({ path: '/tmp/lectern-reader-dark.png' });
      await reader.close();
    } finally {
      await session.context.unroute(/^https?:\/\//, blockAll);
    }
    expect(attempted).toEqual([]);
  });

  it('lists every highlight in the Highlights view, and its link opens the page at the highlight', async () => {
    const view = await session.extensionPage('highlights.html');
    await view.getByRole('heading', { name: 'Highlights (3)' }).waitFor();
    // Delete with undo, and a note edited in place.
    const newest = view.locator('li.highlight-item').first();
    await newest.getByRole('button', { name: 'Delete' }).click();
    await view.getByRole('heading', { name: 'Highlights (2)' }).waitFor();
    await view.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await view.getByRole('heading', { name: 'Highlights (3)' }).waitFor();
    await view.locator(`li[data-highlight-id="${highlightIds[1]!}"]`).getByRole('button', { name: 'Add note' }).click();
    await view.getByRole('textbox', { name: 'Note', exact: true }).fill('keys and values');
    await view.getByRole('button', { name: 'Save note' }).click();
    await eventually(async () => {
      const rows = await storeRows<HighlightRecord>('highlights');
      expect(rows.find((h) => h.id === highlightIds[1])?.note).toBe('keys and values');
      expect(rows).toHaveLength(3);
    });
    const group = view.getByRole('article', { name: /Attention Is All You Need/ });
    expect(await group.locator('li.highlight-item').count()).toBe(3);
    // Newest first: the one whose note was just edited, then the one made in the reader.
    expect(await group.locator('li.highlight-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-highlight-id')))).toEqual([
      highlightIds[1],
      highlightIds[2],
      highlightIds[0],
    ]);
    await view.getByLabel('Search highlights and notes').fill('core idea');
    expect(await view.locator('li.highlight-item').count()).toBe(1);
    await view.getByLabel('Search highlights and notes').fill('');
    await view.getByLabel('Show colour').selectOption('blue');
    expect(await view.locator('li.highlight-item').count()).toBe(1);
    await view.screenshot({ path: '/tmp/lectern-highlights-view.png', fullPage: true });

    const [opened] = await Promise.all([
      session.context.waitForEvent('page'),
      view.locator('li.highlight-item blockquote a').first().click(),
    ]);
    await opened.waitForLoadState('domcontentloaded');
    expect(opened.url()).toBe(`${AR5IV.url}#lectern-highlight=${highlightIds[1]!}`);
    await opened.close();
    await view.close();
  });
});
