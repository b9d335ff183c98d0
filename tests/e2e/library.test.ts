/**
 * The side panel library and the popup's search in real Chromium: a virtualised list over many papers,
 * selection and bulk actions with undo, the keyboard, live updates from listing pages, accessibility.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, fixtureCase } from '../helpers/fixtures';
import { clearLibrary, eventually, launch, storedPapers, tabIdOf, type Session } from './harness';

const AXE = path.join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SHOTS = process.env.LECTERN_SCREENSHOTS;

interface SeedPaper {
  id: string;
  title: string;
  status: string;
  abstract?: string;
  tags?: string[];
  published?: string;
  firstSeenAt: number;
  /** The page it was first seen on (arXiv by default). */
  seenOn?: string;
}

const BASE = Date.UTC(2025, 0, 1);

/** `count` papers, newest first seen first; ids arxiv:2501.<n>. */
function papers(count: number, status: (n: number) => string, offset = 0): SeedPaper[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    return {
      id: `arxiv:2501.${String(10000 + n)}`,
      title: `Synthetic paper ${String(n).padStart(3, '0')} on sparse mixtures`,
      status: status(n),
      abstract: `We study model ${String(n)} and its behaviour.`,
      published: `2025-01-${String((Math.abs(n) % 28) + 1).padStart(2, '0')}`,
      firstSeenAt: BASE + (1000 - n) * 60_000,
    };
  });
}

/** Writes records straight into the library's IndexedDB from an extension page (Dexie made the schema). */
async function seed(page: Page, list: SeedPaper[]): Promise<void> {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['papers', 'changes'], 'readwrite');
          for (const row of rows) {
            tx.objectStore('papers').put({
              id: row.id,
              aliases: [row.id],
              title: row.title,
              authors: ['Ada Lovelace', 'Alan Mathison Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
              abstract: row.abstract,
              published: row.published,
              links: { abs: `https://arxiv.org/abs/${row.id.slice(6)}` },
              status: row.status,
              tags: row.tags ?? [],
              note: '',
              firstSeenAt: row.firstSeenAt,
              firstSeenOn: row.seenOn ?? 'https://arxiv.org/list/cs.LG/new',
              lastSeenAt: row.firstSeenAt,
              updatedAt: row.firstSeenAt,
            });
          }
          // Written beside the library's writers, after a raw clear: the search index rebuilds.
          tx.objectStore('changes').add({ at: Date.now(), ids: [], all: true });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    list,
  );
}

async function openPanel(session: Session, hash: string): Promise<Page> {
  const panel = await session.extensionPage(`sidepanel.html${hash}`);
  await panel.setViewportSize({ width: 400, height: 800 });
  return panel;
}

async function statuses(session: Session): Promise<Record<string, string>> {
  return Object.fromEntries((await storedPapers(session)).map((p) => [p.id, p.status]));
}

async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // The extension's CSP refuses an injected inline <script>; evaluating the source directly is not subject to it.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

describe('the library in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists a large view through a window of rows and reaches its end by scrolling', async () => {
    const panel = await openPanel(session, '#/view/all');
    await clearLibrary(session);
    await seed(panel, papers(600, () => 'seen'));
    await panel.reload();
    const rows = panel.locator('.paper-row[data-paper-id]');
    await eventually(async () => expect(await rows.first().textContent()).toContain('Synthetic paper 000'));
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(60);
    await expect(panel.locator('.views [data-view="all"] .count').textContent()).resolves.toBe('600');
    // Authors shortened with initials, the site badge from the page it was seen on.
    await expect(rows.first().locator('.paper-authors').textContent()).resolves.toBe('A. Lovelace, A. M. Turing, … +3');
    await expect(rows.first().locator('.site-badge').getAttribute('data-site')).resolves.toBe('arxiv');
    await panel.locator('.scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await eventually(async () =>
      expect(await panel.locator('.paper-row[data-paper-id="arxiv:2501.10599"]').count()).toBe(1),
    );
    expect(await rows.count()).toBeLessThan(60);
    await panel.close();
  });

  it('bulk-marks 100 papers read and undoes it, each back to its own status', async () => {
    const panel = await openPanel(session, '#/view/unread');
    await clearLibrary(session);
    const order = ['reading', 'seen', 'dismissed', 'read'];
    await seed(panel, [...papers(100, () => 'unread'), ...papers(20, (n) => order[(n + 20) % 4]!, -20)]);
    await panel.reload();
    const before = await statuses(session);

    await eventually(async () => expect(await panel.getByText('Select all 100').count()).toBe(1));
    await panel.getByText('Select all 100').click();
    await expect(panel.getByText('100 of 100 selected').count()).resolves.toBe(1);
    await panel.getByLabel('Set the status of the selected papers').selectOption('read');
    await eventually(async () => {
      const now = await statuses(session);
      expect(Object.keys(now).filter((id) => now[id] === 'read' && before[id] === 'unread')).toHaveLength(100);
    });
    await eventually(async () => expect(await panel.locator('.toast').textContent()).toContain('100 papers marked read'));
    await eventually(async () => expect(await panel.locator('.empty').count()).toBe(1));
    await panel.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => expect(await statuses(session)).toEqual(before));
    await eventually(async () => expect(await panel.getByText('Select all 100').count()).toBe(1));

    // Mixed statuses in "All": a shift-click range, then undo restores each one's own status.
    await panel.goto(panel.url().replace(/#.*$/, '#/view/all'));
    const checks = panel.locator('.paper-row .row-check');
    await eventually(async () => expect(await checks.count()).toBeGreaterThan(10));
    // The mixed papers are the newest: they come first.
    await eventually(async () =>
      expect(await panel.locator('.paper-row').first().getAttribute('data-paper-id')).toBe('arxiv:2501.9980'),
    );
    await checks.nth(0).click();
    await checks.nth(7).click({ modifiers: ['Shift'] });
    await expect(panel.getByText('8 of 120 selected').count()).resolves.toBe(1);
    await panel.getByLabel('Set the status of the selected papers').selectOption('read');
    await eventually(async () => {
      const now = await statuses(session);
      expect(Object.entries(now).filter(([id, s]) => s === 'read' && before[id] !== 'read')).toHaveLength(6);
    });
    await panel.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => expect(await statuses(session)).toEqual(before));
    await panel.close();
  }, 60_000);

  it('tags, exports and deletes a selection, with undo', async () => {
    const panel = await openPanel(session, '#/view/all');
    await clearLibrary(session);
    await seed(panel, papers(5, () => 'unread'));
    await panel.reload();
    const checks = panel.locator('.paper-row .row-check');
    await eventually(async () => expect(await checks.count()).toBe(5));
    await checks.nth(1).click();
    await checks.nth(2).click();
    await panel.getByLabel('Tag for the selected papers').fill('to cite');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await eventually(async () =>
      expect(await panel.locator('.paper-row').nth(1).locator('.tag').allTextContents()).toEqual(['to cite']),
    );
    await eventually(async () => expect(await panel.locator('.toast').textContent()).toContain('2 papers tagged “to cite”'));

    const download = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^lectern-selection-\d{4}-\d\d-\d\d\.bib$/);
    const text = await (async () => {
      const stream = await file.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    })();
    expect(text.match(/^@/gm)).toHaveLength(2);
    expect(text).toContain('paper 001 on sparse mixtures');

    await panel.getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(3));
    await expect(panel.locator('.toast').textContent()).resolves.toContain('2 papers deleted');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(5));
    expect(await storedPapers(session)).toHaveLength(5);

    await checks.nth(0).click();
    await panel.getByRole('button', { name: 'Delete' }).click();
    await panel.getByRole('button', { name: 'Close message' }).click();
    await eventually(async () => expect((await storedPapers(session)).map((p) => p.id)).not.toContain('arxiv:2501.10000'));
    expect(await storedPapers(session)).toHaveLength(4);
    await panel.close();
  });

  it('moves with j/k, changes status with r, opens with Enter and comes back with Esc', async () => {
    const panel = await openPanel(session, '#/view/unread');
    await clearLibrary(session);
    await seed(panel, papers(10, () => 'unread'));
    await panel.reload();
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(10));
    await panel.locator('body').click({ position: { x: 2, y: 2 } });
    await panel.keyboard.press('j');
    await panel.keyboard.press('j');
    await expect(panel.locator('.paper-row.selected').getAttribute('data-paper-id')).resolves.toBe('arxiv:2501.10001');
    await panel.keyboard.press('r');
    await eventually(async () => expect((await statuses(session))['arxiv:2501.10001']).toBe('read'));
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(9));
    await panel.keyboard.press('Enter');
    await eventually(async () => expect(panel.url()).toContain('#/paper/'));
    await eventually(async () => expect(await panel.locator('.detail h2').count()).toBe(1));
    await panel.keyboard.press('Escape');
    await eventually(async () => expect(panel.url()).toMatch(/#\/view\/unread$/));
    // Back on the list (rendered again) before the next key.
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(9));
    // `/` focuses the search box; typing there never triggers the keys.
    await panel.keyboard.press('/');
    await expect(panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Search the library');
    await panel.keyboard.type('r');
    expect(Object.values(await statuses(session)).filter((s) => s === 'read')).toHaveLength(1);
    await panel.close();
  });

  it('shows papers recorded on a listing page live', async () => {
    const panel = await openPanel(session, '#/view/seen');
    await clearLibrary(session);
    await seed(panel, []);
    await eventually(async () => expect(await panel.locator('.empty').count()).toBe(1));
    const fixture = fixtureCase('arxiv-rendered/list-q-fin-new');
    await session.serve(fixture.url, fixture.html());
    const listing = await session.context.newPage();
    await listing.goto(fixture.url, { waitUntil: 'domcontentloaded' });
    await eventually(async () =>
      expect(await panel.locator('.views [data-view="seen"] .count').textContent()).toBe(String(fixture.truth.entries.length)),
    );
    // The rows are the page's papers (recorded together: their order among themselves is not fixed).
    const titles = new Set(fixture.truth.entries.map((entry) => entry.title));
    await eventually(async () => {
      const shown = await panel.locator('.paper-title').allTextContents();
      expect(shown.length).toBeGreaterThan(0);
      for (const title of shown) expect(titles.has(title), title).toBe(true);
    });
    // A status set on the listing page's own controls leaves the view.
    const tabId = await tabIdOf(session, fixture.url);
    const popup = await session.extensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByRole('button', { name: 'Save all' }).click();
    await eventually(async () => expect(await panel.locator('.empty').count()).toBe(1));
    await popup.close();
    await listing.close();
    await panel.close();
  });

  it('opens a search from the popup in the library', async () => {
    // An open library (here a tab) follows the popup's search; the side panel is set to open at it.
    const library = await openPanel(session, '#/view/unread');
    await eventually(async () => expect(await library.getByLabel('Search the library').count()).toBe(1));
    const popup = await session.extensionPage('popup.html?tabId=0');
    await popup.getByLabel('Search the library').fill('mixtures');
    await popup.getByRole('button', { name: 'Search', exact: true }).click();
    await eventually(async () => expect(library.url()).toMatch(/sidepanel\.html#\/view\/all\?q=mixtures$/));
    await eventually(async () => expect(await library.getByLabel('Search the library').inputValue()).toBe('mixtures'));
    const worker = await session.worker();
    const panelPath = await worker.evaluate(async () => (await chrome.sidePanel.getOptions({})).path);
    expect(panelPath).toBe('sidepanel.html#/view/all?q=mixtures');
    await popup.close();
    await library.close();
  });

  it('has no serious accessibility violations, light and dark, at 320 px', async () => {
    const panel = await openPanel(session, '#/view/all');
    await clearLibrary(session);
    await seed(panel, [
      ...papers(30, (n) => ['unread', 'reading', 'read', 'seen', 'dismissed'][n % 5]!),
      { id: 'arxiv:2501.20000', title: 'Tagged paper', status: 'unread', tags: ['nlp', 'to cite'], firstSeenAt: BASE + 2_000_000_000 },
    ]);
    await panel.setViewportSize({ width: 320, height: 640 });
    await panel.reload();
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBeGreaterThan(3));
    await panel.locator('.paper-row .row-check').nth(0).click();
    const popup = await session.extensionPage('popup.html?tabId=0');
    await popup.setViewportSize({ width: 320, height: 600 });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, page] of [['sidepanel', panel], ['popup', popup]] as const) {
        await page.emulateMedia({ colorScheme });
        await page.waitForTimeout(100);
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}-320.png`) });
        expect(await axeViolations(page), `${name} (${colorScheme})`).toEqual([]);
      }
    }
    await popup.close();
    await panel.close();
  });

  it('search finds a paper by a misspelled word of its abstract; filters and sorts work', async () => {
    const panel = await openPanel(session, '#/view/all');
    await clearLibrary(session);
    await seed(panel, [
      ...papers(40, () => 'seen').map((p, i) => (i % 2 ? { ...p, seenOn: 'https://huggingface.co/papers' } : p)),
      {
        id: 'arxiv:2501.30000',
        title: 'A paper about something else',
        status: 'unread',
        abstract: 'We introduce a hierarchical tokenizer for protein sequences.',
        tags: ['biology'],
        published: '2023-06-01',
        firstSeenAt: BASE,
        seenOn: 'https://huggingface.co/papers/2501.30000',
      },
    ]);
    await panel.reload();
    const search = panel.getByLabel('Search the library');
    await eventually(async () => expect(await panel.locator('.search-note').count()).toBe(0), 20_000);
    await search.fill('heirarchical');
    await eventually(async () =>
      expect(await panel.locator('.paper-row').first().getAttribute('data-paper-id')).toBe('arxiv:2501.30000'),
    );
    expect(panel.url()).toContain('?q=heirarchical');
    await search.fill('');
    await panel.getByText('Filters').click();
    await panel.getByLabel('Filter by tag').selectOption('biology');
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(1));
    await panel.getByLabel('Filter by tag').selectOption('');
    await panel.getByLabel('Filter by site').selectOption('arxiv.org');
    // The list renders a window of rows: the count is the "select all" label's.
    await eventually(async () => expect(await panel.getByText('Select all 20', { exact: true }).count()).toBe(1));
    await panel.getByLabel('Filter by site').selectOption('');
    await panel.getByLabel('Published from').fill('2023-01-01');
    await panel.getByLabel('Published to').fill('2023-12-31');
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBe(1));
    expect(panel.url()).toContain('publishedFrom=2023-01-01');
    await panel.getByRole('button', { name: 'Clear filters' }).click();
    await panel.getByLabel('Sort by').selectOption('published');
    await panel.getByRole('button', { name: /Reverse order/ }).click();
    await eventually(async () =>
      expect(await panel.locator('.paper-row').first().getAttribute('data-paper-id')).toBe('arxiv:2501.30000'),
    );
    await panel.getByLabel('Sort by').selectOption('title');
    await eventually(async () =>
      expect(await panel.locator('.paper-row').first().getAttribute('data-paper-id')).not.toBe('arxiv:2501.30000'),
    );
    await panel.close();
  });
});
