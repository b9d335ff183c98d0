/**
 * Settings and browser integration in real headless Chromium with the built extension: the options page
 * stores its settings and they take effect on a routed arXiv listing (recording off, a site switched off),
 * forgetting with undo, the manifest's commands, "Save to Lectern" on a link (its handler called in the
 * service worker: a context-menu click cannot be scripted), accessibility and the page at 320 px in light
 * and dark.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, fixtureCase } from '../helpers/fixtures';
import { EXTENSION_DIR, clearLibrary, eventually, launch, storedPapers, type Session } from './harness';

const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');
const ids = QFIN.truth.entries.map((e) => e.id!);
/** Where the 320 px screenshots go, to be looked at (never into the repository). */
const SCREENSHOTS = process.env.LECTERN_SCREENSHOTS ?? path.join(tmpdir(), 'lectern-settings-screens');

async function stored(session: Session, key: string): Promise<unknown> {
  const worker = await session.worker();
  return worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
}

async function badgeStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('lectern-badge')).map((host) => [host.getAttribute('data-lectern-id'), host.getAttribute('data-lectern-state')]),
    ),
  );
}

describe('the built manifest', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    commands?: Record<string, { suggested_key?: Record<string, string>; description?: string }>;
    options_ui?: { page?: string };
  };

  it('suggests at most four keys (Chrome refuses more), none that other paper tools use', () => {
    const commands = manifest.commands ?? {};
    expect(Object.keys(commands).sort()).toEqual(['highlight-selection', 'open-library', 'save-page', 'toggle-keyboard-triage']);
    const suggested = Object.values(commands).flatMap((command) => Object.values(command.suggested_key ?? {}).slice(0, 1));
    expect(suggested.length).toBeLessThanOrEqual(4);
    const keys = Object.values(commands).flatMap((command) => Object.values(command.suggested_key ?? {}));
    const normal = (key: string) => key.replace(/\s+/g, '').toLowerCase().replace('command', 'ctrl').replace('macctrl', 'ctrl');
    for (const key of keys) expect(['ctrl+shift+s', 'ctrl+shift+e']).not.toContain(normal(key));
    for (const command of Object.values(commands)) expect(command.description).toBeTruthy();
    expect(manifest.options_ui?.page).toBe('options.html');
  });
});

describe('settings in Chromium', () => {
  let session: Session;
  let options: Page;

  beforeAll(async () => {
    session = await launch();
    await session.serve(QFIN.url, QFIN.html());
    options = await session.context.newPage();
    await options.setViewportSize({ width: 320, height: 900 });
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Lectern settings' }).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function openListing(): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(QFIN.url, { waitUntil: 'domcontentloaded' });
    return page;
  }

  it('recording off: the listing shows badges and records nothing; saving one records it to read', async () => {
    await clearLibrary(session);
    await options.getByLabel('Record papers I see automatically').uncheck();
    await eventually(async () => expect(await stored(session, 'settings.recordAutomatically')).toBe(false));
    await expect(options.getByText('Automatic recording is off: only papers you save are kept.').first().isVisible()).resolves.toBe(true);

    const page = await openListing();
    // The bar's notice comes with the report's answer: by then the page has reported and nothing was written.
    await page.locator('lectern-bar').getByText('Automatic recording is off: only papers you save are kept.').waitFor();
    await eventually(async () => expect(Object.keys(await badgeStates(page))).toHaveLength(ids.length));
    expect(Object.values(await badgeStates(page)).every((state) => state === 'new')).toBe(true);
    expect(await storedPapers(session)).toEqual([]);

    await page.locator(`lectern-badge[data-lectern-id="${ids[1]}"] button`).click();
    await page.locator('lectern-menu').getByRole('menuitemradio', { name: 'Save to read', exact: true }).click();
    await eventually(async () => expect((await storedPapers(session)).map((p) => [p.id, p.status])).toEqual([[ids[1], 'unread']]));
    await eventually(async () => expect((await badgeStates(page))[ids[1]!]).toBe('unread'));
    await page.close();
  });

  it('forgetting everything seen but never saved, then undo, restores it; the saved paper stays', async () => {
    await options.getByLabel('Record papers I see automatically').check();
    await eventually(async () => expect(await stored(session, 'settings.recordAutomatically')).toBe(true));
    const page = await openListing();
    await eventually(async () => expect(await storedPapers(session)).toHaveLength(ids.length));
    await page.close();

    await eventually(async () =>
      expect(await options.locator('[data-count="papers"]').textContent()).toBe(String(ids.length)),
    );
    await options.getByRole('button', { name: 'Forget all…' }).click();
    const dialog = options.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain(`Forget ${ids.length - 1} papers seen but never saved?`);
    await dialog.getByRole('button', { name: 'Forget', exact: true }).click();
    await options.getByText(`Forgot ${ids.length - 1} papers.`).waitFor();
    expect((await storedPapers(session)).map((p) => [p.id, p.status])).toEqual([[ids[1], 'unread']]);
    await eventually(async () => expect(await options.locator('[data-count="papers"]').textContent()).toBe('1'));

    await options.getByRole('button', { name: /^Undo/ }).click();
    await options.getByText(`Undone: ${ids.length - 1} papers back.`).waitFor();
    const back = await storedPapers(session);
    expect(back).toHaveLength(ids.length);
    expect(back.filter((p) => p.status === 'seen')).toHaveLength(ids.length - 1);
  });

  it('a site switched off gets no badges, and switching it back on shows them', async () => {
    await options.getByLabel('Switch off on').fill('https://arxiv.org/');
    await options.getByRole('button', { name: 'Switch off', exact: true }).click();
    await eventually(async () => expect(await stored(session, 'settings.disabledSites')).toEqual(['arxiv.org']));
    await options.getByLabel('Switch off on').fill('not a site');
    await options.getByRole('button', { name: 'Switch off', exact: true }).click();
    await options.getByRole('alert').filter({ hasText: 'is not a site name' }).waitFor();

    const page = await openListing();
    await page.waitForLoadState('load');
    expect(await page.locator('lectern-badge').count()).toBe(0);
    expect(await page.locator('lectern-bar').count()).toBe(0);
    // The content script is there and follows the setting: switched back on, the badges come.
    await options.getByRole('button', { name: 'Switch Lectern back on at arxiv.org' }).click();
    await eventually(async () => expect(Object.keys(await badgeStates(page))).toHaveLength(ids.length));
    await page.close();
  });

  it('"Save to Lectern" on a link records the linked paper to read (handler called in the service worker)', async () => {
    const worker = await session.worker();
    const outcome = await worker.evaluate(async () => {
      const controls = (globalThis as unknown as {
        lectern: { controls: { saveLinkFrom(info: object): Promise<{ changed: boolean; record?: { id: string; title: string; status: string } }> } };
      }).lectern.controls;
      return controls.saveLinkFrom({
        linkUrl: 'https://openreview.net/forum?id=Xyz12345Ab',
        linkText: 'Learning Things From Other Things',
        pageUrl: 'https://example.org/reading-group',
      });
    });
    expect(outcome).toMatchObject({ changed: true, record: { id: 'openreview:Xyz12345Ab', title: 'Learning Things From Other Things', status: 'unread' } });
    expect((await storedPapers(session)).find((p) => p.id === 'openreview:Xyz12345Ab')?.status).toBe('unread');
  });

  it("the commands' handlers: save this page's paper, and switch keyboard triage (called in the service worker)", async () => {
    const ABS = fixtureCase('arxiv-rendered/abs-2310.08262');
    await session.serve(ABS.url, ABS.html());
    const page = await session.context.newPage();
    await page.goto(ABS.url, { waitUntil: 'domcontentloaded' });
    const id = ABS.truth.entries[0]!.id!;
    await eventually(async () => expect((await storedPapers(session)).find((p) => p.id === id)?.status).toBe('seen'));
    const worker = await session.worker();
    type Controls = { savePage(tab: object): Promise<{ changed: boolean }>; toggleKeyboardTriage(): Promise<boolean> };
    const saved = await worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return (globalThis as unknown as { lectern: { controls: Controls } }).lectern.controls.savePage(tab!);
    }, ABS.url);
    expect(saved.changed).toBe(true);
    expect((await storedPapers(session)).find((p) => p.id === id)?.status).toBe('unread');
    await eventually(async () => expect(await page.locator('lectern-badge').getAttribute('data-lectern-state')).toBe('unread'));
    await page.close();

    const before = (await stored(session, 'settings.keyboardTriage')) === true;
    const on = await worker.evaluate(() => (globalThis as unknown as { lectern: { controls: Controls } }).lectern.controls.toggleKeyboardTriage());
    expect(on).toBe(!before);
    expect(await stored(session, 'settings.keyboardTriage')).toBe(!before);
  });

  it('the options page has no serious or critical accessibility violations, in light and dark', async () => {
    // Extension pages refuse inline scripts (CSP `script-src 'self'`), so `addScriptTag` is blocked there:
    // axe's source is evaluated through the DevTools protocol instead, which the page's CSP does not govern.
    await options.evaluate(readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    for (const theme of ['Light', 'Dark'] as const) {
      await options.getByRole('radio', { name: theme }).check();
      await eventually(async () => expect(await options.evaluate(() => document.documentElement.dataset.theme)).toBe(theme.toLowerCase()));
      const violations = await options.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document);
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, theme).toEqual([]);
      await options.screenshot({ path: path.join(SCREENSHOTS, `options-320-${theme.toLowerCase()}.png`), fullPage: true });
    }
    await options.getByRole('radio', { name: 'As the browser' }).check();
    await eventually(async () => expect(await stored(session, 'settings.theme')).toBe('system'));
    expect(await options.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false);
  });
});
