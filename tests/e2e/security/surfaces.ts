/**
 * The surfaces where Lectern renders strings from pages and users, as a table: each entry opens its surface
 * in a live session and says which stored strings must be visible there as text. The security test runs the
 * same checks on every entry; a new surface is one more entry.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { shortAuthorList } from '../../../lib/library/authors';
import { eventually, tabIdOf, type Session, type StoredPaper } from '../harness';
import { ANCHORED_HIGHLIGHT_ID, backupHighlightId, backupPaperId, orphanQuote, pageHighlightId, snapshotMarker } from './backup';
import { collapse, visibleWords, type Payload } from './corpus';
import type { ScanOptions } from './scan';

export interface SurfaceEnv {
  session: Session;
  /** Hostile web pages by role (`listing`, `abs`, `hf`), each already open in a tab. */
  pages: Record<string, { url: string; page: Page; ids: string[] }>;
  /** The papers as stored, by record id. */
  papers: Map<string, StoredPaper & { note?: string; tags?: string[] }>;
  /** Record ids whose strings came from the corpus. */
  hostileIds: string[];
  /** The corpus (the backup restored in the setup holds one paper, highlight and readable copy per payload). */
  payloads: Payload[];
  /** Notes of the highlights restored on web pages, by highlight id. */
  highlightNotes?: Map<string, string>;
  /** Files for the data view: a valid backup under a hostile name, and a refused one with a hostile field. */
  dataView?: { hostileName: string; refusedFile: string; payloadField: string };
}

/**
 * What must be visible on a surface: a string anywhere in the page's visible text, or within the elements
 * matching `within` only (where the same string also shows elsewhere, e.g. a note equal to its paper's title).
 */
export type Expectation = string | { within: string; text: string };

export interface Surface {
  name: string;
  scope: ScanOptions['scope'];
  /**
   * Opens the surface and brings it to the state to check (every row loaded, a menu open…). May walk
   * through several states (one detail view per paper): `visit` is called for each, with the strings that
   * must be visible there.
   */
  open(env: SurfaceEnv, visit: (page: Page, expected: Expectation[], label: string) => Promise<void>): Promise<void>;
}

/**
 * Titles and author lines of papers, as a list row shows them: the title whole, the authors as the row
 * abbreviates them (`shortAuthorList`: initials, the first few); every author in full is checked in the
 * detail view.
 */
function listStrings(env: SurfaceEnv, ids: string[]): string[] {
  return ids.flatMap((id) => {
    const paper = env.papers.get(id)!;
    return [paper.title, shortAuthorList(paper.authors)].filter(Boolean).map(collapse);
  });
}

/** The badges of a web page: every badge's accessible name, and its menu opened one by one. */
function pageSurface(role: string): Surface {
  return {
    name: `page badges, menu and bar (${role})`,
    scope: 'lectern',
    async open(env, visit) {
      const { page, ids } = env.pages[role]!;
      const badges = page.locator('lectern-badge');
      await eventually(async () => expect(await badges.count()).toBeGreaterThanOrEqual(ids.length), 20_000);
      const names = await page.locator('lectern-badge button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
      const titles = ids.map((id) => collapse(env.papers.get(id)!.title));
      for (const title of titles) expect(names.some((name) => collapse(name).includes(title)), `badge named for “${title}”`).toBe(true);
      await visit(page, [], `${role}: badges`);
      // Each menu shows its paper's title as text.
      for (const id of ids) {
        const badge = page.locator(`lectern-badge[data-lectern-id="${id.replace(/["\\]/g, '\\$&')}"] button`).first();
        // Opened from the keyboard (a real key press): as fast as a click, without waiting for the pointer.
        await badge.focus();
        await page.keyboard.press('Enter');
        const menuTitle = page.locator('lectern-menu .title');
        await eventually(async () => expect(collapse((await menuTitle.textContent()) ?? '')).toBe(collapse(env.papers.get(id)!.title)));
        await visit(page, [], `${role}: menu of ${id}`);
        await page.keyboard.press('Escape');
      }
    },
  };
}

export const SURFACES: Surface[] = [
  pageSurface('listing'),
  pageSurface('abs'),
  pageSurface('hf'),
  {
    name: 'highlights on a web page (abs): drawn with its note, and the ones not found listed',
    scope: 'lectern',
    async open(env, visit) {
      const { page } = env.pages.abs!;
      // The highlights were restored after the page was opened: a reload draws them.
      await page.reload({ waitUntil: 'domcontentloaded' });
      const host = page.locator('lectern-highlighter');
      await eventually(async () => {
        expect(await host.getAttribute('data-drawn')).toBe('1');
        expect(await host.getAttribute('data-orphans')).toBe(String(env.payloads.length));
      }, 30_000);
      const problems: string[] = [];
      // The orphans, listed: each quote and note as text (the list lives in the host's shadow root).
      await host.locator('.orphans > button').click();
      const listed = new Map(
        await host.locator('.orphans li').evaluateAll((items) =>
          items.map((li) => [(li as HTMLElement).dataset.id ?? '', [(li.querySelector('.exact') as HTMLElement | null)?.innerText ?? '', (li.querySelector('.note') as HTMLElement | null)?.innerText ?? '']] as const),
        ),
      );
      for (const payload of env.payloads) {
        const [exact, note] = listed.get(pageHighlightId(payload)) ?? ['', ''];
        if (collapse(exact) !== collapse(orphanQuote(payload))) problems.push(`orphan quote of ${payload.id} reads “${exact.slice(0, 80)}”`);
        if (collapse(note) !== collapse(payload.text)) problems.push(`orphan note of ${payload.id} reads “${note.slice(0, 80)}”`);
      }
      await visit(page, [], 'abs: highlights drawn, orphans listed');
      // The drawn one: the pointer over the highlighted title shows its note.
      const point = await page.evaluate(() => {
        const title = document.querySelector('h1.title')!;
        const text = [...title.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim()).at(-1)!;
        const range = document.createRange();
        range.selectNodeContents(text);
        const rect = range.getClientRects()[0]!;
        return { x: rect.left + Math.min(20, rect.width / 2), y: rect.top + rect.height / 2 };
      });
      const note = collapse(env.highlightNotes?.get(ANCHORED_HIGHLIGHT_ID) ?? '');
      const tooltip = host.locator('.tooltip');
      await eventually(async () => {
        await page.mouse.move(point.x, point.y - 1);
        await page.mouse.move(point.x, point.y);
        expect(collapse((await tooltip.innerText()) ?? '')).toBe(note);
      });
      await visit(page, [], 'abs: note of the drawn highlight shown');
      await page.mouse.move(0, 0);
      expect(problems).toEqual([]);
    },
  },
  {
    name: 'popup (the listing tab)',
    scope: 'document',
    async open(env, visit) {
      const { url, ids } = env.pages.listing!;
      const popup = await env.session.extensionPage(`popup.html?tabId=${await tabIdOf(env.session, url)}`);
      await eventually(async () => expect(await popup.locator('.paper-row').count()).toBeGreaterThanOrEqual(ids.length));
      await visit(popup, listStrings(env, ids), 'popup');
      await popup.close();
    },
  },
  {
    name: 'side panel list (all papers)',
    scope: 'document',
    async open(env, visit) {
      const panel = await env.session.extensionPage('sidepanel.html#/view/all');
      // The list draws only the rows in view (plus a few): a tall window, scrolled one screen at a time,
      // brings every row into the DOM once; each screen is checked as it stands.
      await panel.setViewportSize({ width: 900, height: 3000 });
      const rows = panel.locator('.paper-list.virtual > li.paper-row');
      // Every paper known to the test is listed (the page may have recorded more since it was read).
      await eventually(async () => expect(Number(await rows.first().getAttribute('aria-setsize'))).toBeGreaterThanOrEqual(env.papers.size));
      const scroller = panel.locator('.scroller');
      const seen = new Set<string>();
      for (let screen = 0; ; screen++) {
        const last = await scroller.evaluate((element, n) => {
          element.scrollTop = n * element.clientHeight;
          return element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
        }, screen);
        // Drawn: the rendered rows cover the whole visible part of the list, and none waits for its paper.
        const ids = await eventually(async () => {
          const drawn = await scroller.evaluate((element) => {
            const view = element.getBoundingClientRect();
            const items = [...element.querySelectorAll<HTMLElement>('.paper-list.virtual > li')];
            const first = items[0]?.getBoundingClientRect();
            const last = items.at(-1)?.getBoundingClientRect();
            const total = Number(items[0]?.getAttribute('aria-setsize'));
            return (
              !!first &&
              !!last &&
              (first.top <= view.top || items[0]!.getAttribute('aria-posinset') === '1') &&
              (last.bottom >= view.bottom || items.at(-1)!.getAttribute('aria-posinset') === String(total))
            );
          });
          expect(drawn, `screen ${screen + 1} drawn`).toBe(true);
          expect(await panel.locator('.paper-list.virtual > li:not([data-paper-id])').count()).toBe(0);
          return rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-paper-id') ?? ''));
        });
        const hostile = ids.filter((id) => env.hostileIds.includes(id));
        for (const id of ids) seen.add(id);
        await visit(panel, listStrings(env, hostile), `side panel list, screen ${screen + 1}`);
        if (last) break;
      }
      expect(
        env.hostileIds.filter((id) => !seen.has(id)),
        'hostile papers whose row never came into view',
      ).toEqual([]);
      // Every row was drawn once at least (a build that injects markup may change rows under the walk).
      expect(seen.size, 'rows visited').toBeGreaterThanOrEqual(Number(await rows.first().getAttribute('aria-setsize')));
      await panel.close();
    },
  },
  {
    name: 'side panel search (a payload typed into the search box)',
    scope: 'document',
    async open(env, visit) {
      // A search for a payload's words (the query itself is shown back in the box and in the address).
      const payload = env.payloads.find((p) => p.name === 'img-onerror-unquoted')!;
      const panel = await env.session.extensionPage(`sidepanel.html#/view/all?q=${encodeURIComponent(payload.text)}`);
      const row = panel.locator(`.paper-list.virtual > li[data-paper-id="${backupPaperId(payload)}"]`);
      await eventually(async () => expect(await row.count()).toBe(1), 20_000);
      await visit(panel, listStrings(env, [backupPaperId(payload)]), 'side panel search');
      await panel.close();
    },
  },
  {
    name: 'side panel detail, with notes and tags (every hostile paper)',
    scope: 'document',
    async open(env, visit) {
      const panel = await env.session.extensionPage('sidepanel.html#/view/all');
      // The panel follows the address once it has started (its list drawn): only then is it navigated.
      await eventually(async () => expect(await panel.locator('.paper-list.virtual > li[data-paper-id]').count()).toBeGreaterThan(0));
      for (const id of env.hostileIds) {
        const paper = env.papers.get(id)!;
        await panel.evaluate((hash) => (location.hash = hash), `#/paper/${encodeURIComponent(id)}`);
        await eventually(async () => expect(await panel.locator(`article.detail[data-paper-id="${id.replace(/["\\]/g, '\\$&')}"]`).count(), `detail of ${id} shown`).toBe(1));
        await eventually(async () => expect(collapse((await panel.locator('.detail h2').textContent()) ?? '')).toBe(collapse(paper.title)));
        const expected: Expectation[] = [paper.title, ...paper.authors, paper.abstract ?? ''].filter(Boolean).map(collapse);
        // Tags are text: each one exactly, within the tag list.
        for (const tag of paper.tags ?? []) expected.push({ within: '.tag-list', text: collapse(tag) });
        // The note is Markdown rendered as sanitised HTML: its markup is dropped, not shown, so it is compared
        // word by word (see `visibleWords`), within the rendered note.
        if (paper.note?.trim()) {
          await eventually(async () => expect(await panel.locator('.note-rendered').count()).toBe(1));
          for (const word of visibleWords(paper.note)) expected.push({ within: '.note-rendered', text: word });
        }
        await visit(panel, expected, `detail of ${id}`);
      }
      await panel.close();
    },
  },
  {
    name: 'side panel highlights (highlight notes)',
    scope: 'document',
    async open(env, visit) {
      const panel = await env.session.extensionPage('sidepanel.html#/highlights');
      const items = panel.locator('.highlight-item');
      // The backup's paper highlights, and the highlights of the hostile abstract page (quotes and notes).
      await eventually(async () => expect(await items.count()).toBe(2 * env.payloads.length + 1));
      const expected: Expectation[] = env.payloads.flatMap((payload) => {
        const item = `.highlight-item[data-highlight-id="${backupHighlightId(payload)}"]`;
        return [
          { within: `${item} blockquote`, text: collapse(payload.text) },
          { within: `${item} .highlight-note`, text: collapse(payload.text) },
        ];
      });
      await visit(panel, expected, 'highlights');
      await panel.close();
    },
  },
  {
    name: 'reader (hostile readable copies and highlight notes)',
    scope: 'document',
    async open(env, visit) {
      const reader = await env.session.extensionPage('reader.html');
      for (const payload of env.payloads) {
        const id = backupPaperId(payload);
        await reader.goto(`chrome-extension://${env.session.extensionId}/reader.html?paper=${encodeURIComponent(id)}`);
        await eventually(async () => expect(await reader.getByText(snapshotMarker(payload), { exact: true }).count()).toBe(1));
        // The highlight (its quote is the payload as text in the copy) is listed with its note.
        await eventually(async () => expect(await reader.locator('.reader-note').count()).toBe(1));
        await visit(
          reader,
          [
            { within: '.reader-title', text: collapse(payload.text) },
            { within: '.reader-note', text: collapse(payload.text) },
            // The copy's text paragraph (the same payload as raw HTML follows it, sanitised).
            { within: 'article', text: collapse(payload.text) },
          ],
          `reader of ${id}`,
        );
      }
      await reader.close();
    },
  },
  {
    name: 'options (sites switched off, named by payloads)',
    scope: 'document',
    async open(env, visit) {
      // Host names come from pages the user switched Lectern off on; stored values are shown as text.
      const sites = env.payloads.map((payload) => payload.text.slice(0, 253));
      const worker = await env.session.worker();
      await worker.evaluate((list) => chrome.storage.local.set({ 'settings.disabledSites': list }), sites);
      try {
        const options = await env.session.extensionPage('options.html');
        await eventually(async () => expect(await options.locator('.sites-off li').count()).toBe(new Set(sites).size));
        await visit(options, sites.map((site) => ({ within: '.sites-off', text: collapse(site) })), 'options');
        await options.close();
      } finally {
        await worker.evaluate(() => chrome.storage.local.set({ 'settings.disabledSites': [] }));
      }
    },
  },
  {
    name: 'data view (hostile backup file name, refused file naming a hostile field)',
    scope: 'document',
    async open(env, visit) {
      const { hostileName, refusedFile, payloadField } = env.dataView!;
      const panel = await env.session.extensionPage('sidepanel.html#/data');
      const input = panel.locator('input[type=file][accept^=".json"]');
      // A file is chosen: its name shows in the notice (nothing is restored here: the test's setup did that).
      await input.setInputFiles(hostileName);
      await eventually(async () => expect(await panel.getByRole('button', { name: 'Merge into the library' }).count()).toBe(1));
      await visit(panel, [collapse(path.basename(hostileName))], 'data view: file chosen');
      // A refused file: the message names the unknown field, a payload.
      await input.setInputFiles(refusedFile);
      await eventually(async () => expect(await panel.getByRole('alert').count()).toBe(1));
      await visit(panel, [collapse(payloadField)], 'data view: file refused');
      await panel.close();
    },
  },
];

/**
 * Surfaces that do not exist yet, and what they will check (add them to `SURFACES` when they land): the
 * highlight popovers on a web page (highlights drawn by the content script) and the readable copy's
 * capture on a hostile page.
 */
export const PENDING_SURFACES = ['highlight popovers on web pages'] as const;
