/**
 * On-page triage in real headless Chromium with the built extension: badges next to each entry's title with
 * the library's state, new since the last visit, the page bar, keyboard triage, the toolbar count, live
 * updates from the side panel, entries added by the page itself, and no harm to the host page's layout or
 * styles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, fixtureCase, type FixtureCase } from '../helpers/fixtures';
import { clearLibrary, eventually, launch, storedPapers, tabIdOf, type Session, type StoredPaper } from './harness';

const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');
const HF = fixtureCase('huggingface/hf-daily-2026-09-28');
const LOAD_MORE_URL = 'https://arxiv.org/list/cs.LG/recent';
const LOAD_MORE_PAGE = readFileSync(path.join(PROJECT_ROOT, 'tests', 'e2e', 'pages', 'arxiv-list-load-more.html'), 'utf8');

interface Badge {
  id: string;
  state: string;
  sinceVisit: boolean;
  label: string;
}

/** Every badge of the page, in page order. */
function badges(page: Page): Promise<Badge[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('lectern-badge')).map((host) => ({
      id: host.getAttribute('data-lectern-id') ?? '',
      state: host.getAttribute('data-lectern-state') ?? '',
      sinceVisit: host.hasAttribute('data-lectern-new-since-visit'),
      label: host.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '',
    })),
  );
}

/** Waits until the page shows one badge per entry of `ids`, whatever their states, and answers them. */
async function badgesFor(page: Page, ids: string[], timeoutMs = 20_000): Promise<Badge[]> {
  return eventually(async () => {
    const shown = await badges(page);
    expect(shown.map((b) => b.id)).toEqual(ids);
    return shown;
  }, timeoutMs);
}

/** Waits until the page's badges settle on `states` (after the report answered). */
async function statesAre(page: Page, states: Record<string, string>, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => {
    const shown = Object.fromEntries((await badges(page)).map((b) => [b.id, b.state]));
    expect(shown).toEqual(states);
  }, timeoutMs);
}

async function toolbarText(session: Session, tabId: number): Promise<string> {
  const worker = await session.worker();
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

function findPaper(papers: StoredPaper[], id: string): StoredPaper | undefined {
  return papers.find((paper) => paper.id === id || paper.aliases.includes(id));
}

/** The arXiv listing without the entry of `bareId` (its dt and dd). */
function withoutArxivEntry(html: string, bareId: string): string {
  const pattern = new RegExp(`<dt>(?:(?!<dt>)[\\s\\S])*?id="${bareId.replace('.', '\\.')}"[\\s\\S]*?</dd>`);
  const out = html.replace(pattern, '');
  if (out === html) throw new Error(`No entry ${bareId} in the page`);
  return out;
}

function decodeAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Hugging Face daily page without the paper `bareId`: its card and its entry in the hydration data. */
function withoutHfPaper(html: string, bareId: string): string {
  const card = new RegExp(`<article(?:(?!<article)[\\s\\S])*?href="/papers/${bareId.replace('.', '\\.')}"[\\s\\S]*?</article>`);
  let out = html.replace(card, '');
  if (out === html) throw new Error(`No card for ${bareId}`);
  out = out.replace(/(data-target="DailyPapers" data-props=")([^"]*)(")/, (_all, before: string, props: string, after: string) => {
    const data = JSON.parse(decodeAttribute(props)) as { dailyPapers: { paper: { id: string } }[] };
    data.dailyPapers = data.dailyPapers.filter((item) => item.paper.id !== bareId);
    return before + encodeAttribute(JSON.stringify(data)) + after;
  });
  return out;
}

const ids = (fixture: FixtureCase) => fixture.truth.entries.map((e) => e.id!);
const allStates = (list: string[], state: string, except: Record<string, string> = {}) =>
  Object.fromEntries(list.map((id) => [id, except[id] ?? state]));

describe('on-page triage in Chromium', () => {
  let session: Session;

  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function open(url: string, body: string): Promise<Page> {
    await session.serve(url, body);
    const page = await session.context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return page;
  }

  it('arXiv listing: new on the first visit, then seen; only entries absent last time are new since the visit', async () => {
    await clearLibrary(session);
    const all = ids(QFIN);
    const missing = all[2]!;
    const bare = missing.slice('arxiv:'.length);
    const without = all.filter((id) => id !== missing);

    // First visit, of the page without one entry: everything is new, nothing is "new since the last visit".
    const first = await open(QFIN.url, withoutArxivEntry(QFIN.html(), bare));
    await badgesFor(first, without);
    await statesAre(first, allStates(without, 'new'));
    expect((await badges(first)).some((b) => b.sinceVisit)).toBe(false);
    const tabId = await tabIdOf(session, QFIN.url);
    await eventually(async () => expect(await toolbarText(session, tabId)).toBe(String(without.length)));
    await first.close();

    // Second visit, with that entry back: it alone is new (created now) and new since the visit.
    const second = await open(QFIN.url, QFIN.html());
    await badgesFor(second, all);
    await statesAre(second, allStates(all, 'seen', { [missing]: 'new' }));
    expect((await badges(second)).filter((b) => b.sinceVisit).map((b) => b.id)).toEqual([missing]);
    const secondTab = await tabIdOf(session, QFIN.url);
    await eventually(async () => expect(await toolbarText(session, secondTab)).toBe('1'));
    await expect(second.locator('lectern-bar .summary').textContent()).resolves.toBe(`${all.length} papers here, 1 new`);

    // Third visit, same page: nothing is new at all, and the toolbar shows no count.
    await second.reload({ waitUntil: 'domcontentloaded' });
    await badgesFor(second, all);
    await statesAre(second, allStates(all, 'seen'));
    expect((await badges(second)).some((b) => b.sinceVisit)).toBe(false);
    await eventually(async () => expect(await toolbarText(session, secondTab)).toBe(''));

    // Without the entry, then with it again: known already (seen), but new since the last visit.
    await session.serve(QFIN.url, withoutArxivEntry(QFIN.html(), bare));
    await second.reload({ waitUntil: 'domcontentloaded' });
    await badgesFor(second, without);
    await session.serve(QFIN.url, QFIN.html());
    await second.reload({ waitUntil: 'domcontentloaded' });
    await badgesFor(second, all);
    await statesAre(second, allStates(all, 'seen'));
    expect((await badges(second)).filter((b) => b.sinceVisit).map((b) => b.id)).toEqual([missing]);
    await eventually(async () => expect(await toolbarText(session, secondTab)).toBe('1'));

    // Accessible names: state and title.
    const label = (await badges(second)).find((b) => b.id === all[0])!.label;
    expect(label).toBe(`Lectern: Seen — change status of “${QFIN.truth.entries[0]!.title}”`);
    expect(await second.getByRole('button', { name: label, exact: true }).count()).toBe(1);
    await second.close();
  });

  it('Hugging Face daily: a badge on every card, new then seen, new since the visit for a paper added', async () => {
    await clearLibrary(session);
    const all = ids(HF);
    const missing = all[5]!;
    const without = all.filter((id) => id !== missing);
    const first = await open(HF.url, withoutHfPaper(HF.html(), missing.slice('arxiv:'.length)));
    await badgesFor(first, without);
    await statesAre(first, allStates(without, 'new'));
    // Each badge follows its card's title heading.
    const placed = await first.evaluate(() =>
      Array.from(document.querySelectorAll('lectern-badge')).every((host) => host.parentElement?.localName === 'h3' && host.closest('article') !== null && host.closest('a') === null),
    );
    expect(placed).toBe(true);
    await first.close();

    const second = await open(HF.url, HF.html());
    await badgesFor(second, all);
    await statesAre(second, allStates(all, 'seen', { [missing]: 'new' }));
    expect((await badges(second)).filter((b) => b.sinceVisit).map((b) => b.id)).toEqual([missing]);
    await second.close();
  });

  it('Save all new saves the new papers only, and the toolbar count follows', async () => {
    await clearLibrary(session);
    const all = ids(QFIN);
    const page = await open(QFIN.url, QFIN.html());
    await statesAre(page, allStates(all, 'new'));
    const tabId = await tabIdOf(session, QFIN.url);
    await eventually(async () => expect(await toolbarText(session, tabId)).toBe(String(all.length)));

    // One paper is being read already: "Save all new" must leave it alone.
    await page.locator(`lectern-badge[data-lectern-id="${all[0]}"] button`).click();
    await page.locator('lectern-menu').getByRole('menuitemradio', { name: 'Reading', exact: true }).click();
    await statesAre(page, allStates(all, 'new', { [all[0]!]: 'reading' }));
    await eventually(async () => expect(await toolbarText(session, tabId)).toBe(String(all.length - 1)));

    await page.locator('lectern-bar').getByRole('button', { name: 'Save all new' }).click();
    await statesAre(page, allStates(all, 'unread', { [all[0]!]: 'reading' }));
    const stored = await storedPapers(session);
    for (const id of all) expect(findPaper(stored, id)!.status, id).toBe(id === all[0] ? 'reading' : 'unread');
    await eventually(async () => expect(await toolbarText(session, tabId)).toBe(''));
    await expect(page.locator('lectern-bar .summary').textContent()).resolves.toBe(`${all.length} papers here, 0 new`);

    // Undo puts them back.
    await page.locator('lectern-bar').getByRole('button', { name: 'Undo' }).click();
    await statesAre(page, allStates(all, 'new', { [all[0]!]: 'reading' }));
    await eventually(async () => expect(await toolbarText(session, tabId)).toBe(String(all.length - 1)));
    await page.close();
  });

  it('the badge menu opens the paper in the library and copies its citation link', async () => {
    await clearLibrary(session);
    const all = ids(QFIN);
    const page = await open(QFIN.url, QFIN.html());
    await statesAre(page, allStates(all, 'new'));
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://arxiv.org' });

    await page.locator(`lectern-badge[data-lectern-id="${all[1]}"] button`).click();
    const opened = session.context.waitForEvent('page');
    await page.locator('lectern-menu').getByRole('menuitem', { name: 'Open in library' }).click();
    const library = await opened;
    // The side panel where the browser lets the page open it, else the library in a tab: either way, this paper.
    expect(library.url()).toMatch(new RegExp(`/sidepanel\\.html#/paper/${encodeURIComponent(all[1]!)}$`));
    await eventually(async () => expect(await library.locator('.detail h2').textContent()).toBe(QFIN.truth.entries[1]!.title));
    await library.close();

    await page.bringToFront();
    await page.locator(`lectern-badge[data-lectern-id="${all[1]}"] button`).click();
    await page.locator('lectern-menu').getByRole('menuitem', { name: 'Copy citation link' }).click();
    await eventually(async () => expect(await page.locator('lectern-menu [role="status"]').textContent()).toBe('Link copied.'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`https://arxiv.org/abs/${all[1]!.slice('arxiv:'.length)}`);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('a status changed in the side panel shows on the open listing tab', async () => {
    await clearLibrary(session);
    const all = ids(QFIN);
    const listing = await open(QFIN.url, QFIN.html());
    await statesAre(listing, allStates(all, 'new'));
    const panel = await session.extensionPage('sidepanel.html#/view/all');
    const title = QFIN.truth.entries[3]!.title;
    const select = panel.getByLabel(`Status of “${title}”`);
    await eventually(async () => expect(await select.count()).toBe(1));
    const started = Date.now();
    await select.selectOption('read');
    await listing.waitForFunction(
      (id) => document.querySelector(`lectern-badge[data-lectern-id="${id}"]`)?.getAttribute('data-lectern-state') === 'read',
      all[3],
      { timeout: 5_000, polling: 20 },
    );
    const latency = Date.now() - started;
    console.log(`side panel → listing tab: ${latency} ms`);
    // Within a second (generous bound for a loaded machine; the figure is printed above).
    expect(latency).toBeLessThan(3_000);
    await panel.close();
    await listing.close();
  });

  it('keyboard triage: off until turned on, then j/k/s/x/u, never while typing in a field', async () => {
    await clearLibrary(session);
    const all = ids(QFIN);
    const page = await open(QFIN.url, QFIN.html());
    await statesAre(page, allStates(all, 'new'));
    const focusedBadge = () =>
      page.evaluate(() => (document.activeElement?.localName === 'lectern-badge' ? document.activeElement.getAttribute('data-lectern-id') : null));

    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await page.waitForTimeout(300);
    expect(await focusedBadge()).toBeNull();
    await statesAre(page, allStates(all, 'new'));

    // Turned on from the popup; the page bar's switch follows.
    const tabId = await tabIdOf(session, QFIN.url);
    const popup = await session.extensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByLabel(/Keyboard triage/).check();
    await expect
      .poll(() => page.locator('lectern-bar').getByLabel(/Keyboard triage/).isChecked(), { timeout: 5_000 })
      .toBe(true);
    await popup.close();
    await page.bringToFront();

    await page.keyboard.press('j');
    await eventually(async () => expect(await focusedBadge()).toBe(all[0]));
    await page.keyboard.press('j');
    await eventually(async () => expect(await focusedBadge()).toBe(all[1]));
    await page.keyboard.press('s');
    await statesAre(page, allStates(all, 'new', { [all[1]!]: 'unread' }));
    await page.keyboard.press('k');
    await eventually(async () => expect(await focusedBadge()).toBe(all[0]));
    await page.keyboard.press('x');
    await statesAre(page, allStates(all, 'new', { [all[1]!]: 'unread', [all[0]!]: 'dismissed' }));
    await page.keyboard.press('u');
    await statesAre(page, allStates(all, 'new', { [all[1]!]: 'unread' }));
    expect(findPaper(await storedPapers(session), all[0]!)!.status).toBe('seen');
    expect(findPaper(await storedPapers(session), all[1]!)!.status).toBe('unread');

    // Typing in the page's own field: the keys are the field's.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'lectern-test-field';
      document.body.prepend(input);
    });
    await page.locator('#lectern-test-field').click();
    await page.keyboard.type('jksxu');
    await page.waitForTimeout(300);
    await expect(page.locator('#lectern-test-field').inputValue()).resolves.toBe('jksxu');
    await statesAre(page, allStates(all, 'new', { [all[1]!]: 'unread' }));

    // Off again from the page bar.
    await page.locator('lectern-bar').getByLabel(/Keyboard triage/).uncheck();
    await page.locator(`lectern-badge[data-lectern-id="${all[2]}"] button`).focus();
    await page.keyboard.press('r');
    await page.waitForTimeout(300);
    await statesAre(page, allStates(all, 'new', { [all[1]!]: 'unread' }));
    await page.close();
  });

  it('dims read and dismissed entries when asked, and follows the site’s dark theme', async () => {
    await clearLibrary(session);
    const all = ids(QFIN);
    const page = await open(QFIN.url, QFIN.html());
    await statesAre(page, allStates(all, 'new'));
    await page.locator(`lectern-badge[data-lectern-id="${all[0]}"] button`).click();
    await page.locator('lectern-menu').getByRole('menuitemradio', { name: 'Read', exact: true }).click();
    await statesAre(page, allStates(all, 'new', { [all[0]!]: 'read' }));
    const opacities = () =>
      page.evaluate(() => Array.from(document.querySelectorAll('dl#articles > dd')).slice(0, 2).map((dd) => Number(getComputedStyle(dd).opacity)));
    expect(await opacities()).toEqual([1, 1]);
    await page.locator('lectern-bar').getByLabel('Dim read and dismissed').check();
    await eventually(async () => {
      const [first, second] = await opacities();
      expect(first).toBeLessThan(0.5);
      expect(second).toBe(1);
    });
    // Faded by an animation effect: the page's own attributes are untouched.
    expect(await page.evaluate(() => document.querySelector('dl#articles > dd')!.hasAttribute('style'))).toBe(false);
    await page.locator('lectern-bar').getByLabel('Dim read and dismissed').uncheck();
    await eventually(async () => expect(await opacities()).toEqual([1, 1]));

    const badgeColours = () =>
      page.evaluate((id) => {
        const button = document.querySelector(`lectern-badge[data-lectern-id="${id}"]`)!.shadowRoot!.querySelector('button')!;
        const style = getComputedStyle(button);
        return [style.backgroundColor, style.color];
      }, all[1]);
    const light = await badgeColours();
    await page.evaluate(() => {
      document.body.style.backgroundColor = 'rgb(17, 19, 23)';
      document.documentElement.classList.add('dark');
    });
    await eventually(async () => expect(await badgeColours()).not.toEqual(light));
    await page.close();
  });

  it('entries the page adds later get badges, once, and a client-side navigation gets its own', async () => {
    await clearLibrary(session);
    const page = await open(LOAD_MORE_URL, LOAD_MORE_PAGE);
    const id = (n: number) => `arxiv:2611.${String(n).padStart(5, '0')}`;
    const reports = async () => {
      const worker = await session.worker();
      return worker.evaluate(() => performance.getEntriesByName('lectern:page.report').length);
    };
    const before = await reports();

    const tabId = await tabIdOf(session, LOAD_MORE_URL);
    const remembered = async () => {
      const worker = await session.worker();
      return worker.evaluate(async (key) => (await chrome.storage.session.get(key))[key] as { url: string; ids: string[] }, `tabPapers:${tabId}`);
    };
    const visits = async () => {
      const worker = await session.worker();
      return worker.evaluate(
        () =>
          new Promise<string[][]>((resolve, reject) => {
            const open = indexedDB.open('lectern');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('visits').objectStore('visits').getAll();
              all.onsuccess = () => {
                open.result.close();
                resolve((all.result as { ids: string[] }[]).map((v) => v.ids));
              };
            };
          }),
      );
    };

    // Three in the markup, one rendered late by the page: in the tab's papers and one visit, each once.
    await badgesFor(page, [1, 2, 3, 4].map(id));
    await statesAre(page, allStates([1, 2, 3, 4].map(id), 'new'));
    await eventually(async () => expect((await remembered())?.ids).toEqual([1, 2, 3, 4].map(id)));
    expect(await visits()).toEqual([[1, 2, 3, 4].map(id)]);
    // One report, or two when the late entry came after the first one was sent; never one entry twice.
    const afterLoad = await reports();
    expect(afterLoad - before).toBeGreaterThanOrEqual(1);
    expect(afterLoad - before).toBeLessThanOrEqual(2);

    // "Load more": two more, sent alone; our badges' clicks never reach the page's handlers.
    await page.locator('#load-more').click();
    await badgesFor(page, [1, 2, 3, 4, 5, 6].map(id));
    await statesAre(page, allStates([1, 2, 3, 4, 5, 6].map(id), 'new'));
    await eventually(async () => expect(await reports()).toBe(afterLoad + 1));
    await eventually(async () => expect(await visits()).toEqual([[1, 2, 3, 4, 5, 6].map(id)]));
    const clicks = await page.evaluate(() => (window as unknown as { pageClicks: number }).pageClicks);
    await page.locator(`lectern-badge[data-lectern-id="${id(2)}"] button`).click();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window as unknown as { pageClicks: number }).pageClicks)).toBe(clicks);

    // A change of the page that adds no entry sends nothing.
    await page.evaluate(() => document.getElementById('articles')!.append(document.createElement('dt')));
    await page.waitForTimeout(800);
    expect(await reports()).toBe(afterLoad + 1);
    expect(await page.locator('lectern-badge').count()).toBe(6);
    expect((await remembered()).ids).toEqual([1, 2, 3, 4, 5, 6].map(id));

    // Client-side navigation: the list is replaced and the URL pushed.
    await page.locator('#next-page').click();
    await badgesFor(page, [20, 21, 22].map(id));
    await statesAre(page, allStates([20, 21, 22].map(id), 'new'));
    await eventually(async () => expect(await remembered()).toEqual({ url: `${LOAD_MORE_URL}?page=2`, ids: [20, 21, 22].map(id), fresh: expect.anything(), newIds: expect.anything(), visit: expect.anything() }));
    const stored = await storedPapers(session);
    expect([1, 2, 3, 4, 5, 6, 20, 21, 22].every((n) => findPaper(stored, id(n)))).toBe(true);
    await page.close();
  });

  it('leaves the host page’s layout and styles alone', async () => {
    await clearLibrary(session);
    const source = QFIN.html();
    const page = await open(QFIN.url, source);
    await statesAre(page, allStates(ids(QFIN), 'new'));
    // Open a badge's menu too, so that every element of ours is in the page.
    await page.locator('lectern-badge button').first().click();
    expect(await page.locator('lectern-menu [role="menu"]').count()).toBe(1);

    // Styles: the page's style sheets are exactly those of its own markup, and no element of the page
    // gained a style attribute; ours live in shadow roots.
    const styles = await page.evaluate((html) => {
      const original = new DOMParser().parseFromString(html, 'text/html');
      const sheetOwners = 'link[rel~="stylesheet"], style';
      const owners = Array.from(document.styleSheets).map((sheet) => sheet.ownerNode);
      return {
        adopted: document.adoptedStyleSheets.length,
        sheetOwnersInMarkup: original.querySelectorAll(sheetOwners).length,
        sheetOwnersNow: document.querySelectorAll(sheetOwners).length,
        sheetsOwnedByPage: owners.every((node) => node instanceof Element && node.matches(sheetOwners) && node.getRootNode() === document && !node.closest('lectern-badge, lectern-bar, lectern-menu')),
        styledInMarkup: original.querySelectorAll('[style]').length,
        styledNow: document.querySelectorAll('[style]').length,
        ours: Array.from(document.querySelectorAll('lectern-badge, lectern-bar, lectern-menu')).map((el) => ({
          shadow: el.shadowRoot !== null,
          lightChildren: el.childNodes.length,
          styleAttribute: el.hasAttribute('style'),
        })),
      };
    }, source);
    expect(styles.adopted).toBe(0);
    expect(styles.sheetOwnersNow).toBe(styles.sheetOwnersInMarkup);
    expect(styles.sheetsOwnedByPage).toBe(true);
    expect(styles.styledNow).toBe(styles.styledInMarkup);
    expect(new Set(styles.ours.map((o) => JSON.stringify(o)))).toEqual(new Set([JSON.stringify({ shadow: true, lightChildren: 0, styleAttribute: false })]));
    await page.keyboard.press('Escape');

    // Layout: the page's boxes with our elements, then without them (removed for the measurement).
    const layout = await page.evaluate(() => {
      const boxes = () => {
        const of = (el: Element) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, top: r.top + scrollY, width: r.width, height: r.height };
        };
        return {
          entries: Array.from(document.querySelectorAll('dl#articles > dt, dl#articles > dd')).map(of),
          header: Array.from(document.querySelectorAll('#dlpage > h1, #dlpage > h3, #header, header')).map(of),
        };
      };
      const withBadges = boxes();
      const hosts = Array.from(document.querySelectorAll('lectern-badge'));
      const badgeLine = Math.max(
        ...hosts.map((host) => {
          const title = host.parentElement!;
          const style = getComputedStyle(title);
          const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
          return Math.max(host.getBoundingClientRect().height, lineHeight);
        }),
      );
      const places = hosts.map((host) => [host, host.parentNode!, host.nextSibling] as const);
      for (const [host] of places) host.remove();
      const without = boxes();
      for (const [host, parent, next] of places) parent.insertBefore(host, next);
      return { withBadges, without, badgeLine };
    });

    const { withBadges, without, badgeLine } = layout;
    expect(withBadges.entries.length).toBe(without.entries.length);
    expect(withBadges.entries.length).toBeGreaterThan(0);
    let shiftAbove = 0;
    for (let i = 0; i < without.entries.length; i++) {
      const a = without.entries[i]!;
      const b = withBadges.entries[i]!;
      // Left edges and widths never move: the badge sits inline at the end of the title.
      expect(Math.abs(b.left - a.left), `entry box ${i}: left`).toBeLessThanOrEqual(0.5);
      expect(Math.abs(b.width - a.width), `entry box ${i}: width`).toBeLessThanOrEqual(0.5);
      // An entry grows by at most the badge's own line (when the title's last line has no room for it)…
      const growth = b.height - a.height;
      expect(growth, `entry box ${i}: height`).toBeGreaterThanOrEqual(-0.5);
      expect(growth, `entry box ${i}: height`).toBeLessThanOrEqual(badgeLine + 0.5);
      // …and moves down by exactly what the entries above it grew, nothing else.
      expect(Math.abs(b.top - a.top - shiftAbove), `entry box ${i}: top`).toBeLessThanOrEqual(1);
      shiftAbove += growth;
    }
    // The page's header does not move at all.
    expect(withBadges.header).toEqual(without.header);
    await page.close();
  });
});
