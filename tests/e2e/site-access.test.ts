/**
 * Detection on sites Lectern does not match by default, in real headless Chromium.
 *
 * Permission prompts cannot be answered in a headless browser, and `activeTab` is granted only by a real
 * toolbar or context-menu click. So the granted state is tested with a test build whose manifest lists the
 * hosts (`LECTERN_EXTRA_HOSTS`, built into its own folder), as if the user had granted them:
 * - `https://lab.example.org/*`, a single site: the background registers its content script, and the
 *   site's pages are recorded on load;
 * - `https://*.example.net/*`, a host pattern the user never grants through Lectern: the popup still offers
 *   "Detect papers on this page" there, and the host permission stands in for the `activeTab` grant that
 *   clicking the popup's button relies on in real use.
 * The regular build is checked to record nothing on an unmatched site and to be refused injection there.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { PROJECT_ROOT } from '../helpers/fixtures';
import { EXTENSION_DIR, eventually, launch, storedPapers, tabIdOf, type Session } from './harness';

const PAGE = readFileSync(path.join(PROJECT_ROOT, 'tests', 'e2e', 'pages', 'lab-publications.html'), 'utf8');
const PAPERS: Record<string, string> = {
  'arxiv:2601.01234': 'Sparse Routing for Efficient Retrieval-Augmented Models',
  'doi:10.5555/jex.2026.0042': 'Calibrated Uncertainty for Protein Structure Ranking',
  'arxiv:2602.04567': 'Learning Curricula from Teacher Disagreement',
  'arxiv:2507.08910': 'A Benchmark for Long-Context Scientific Question Answering',
};
const LAB_ORIGIN = 'https://lab.example.org/*';
const TEST_OUT_DIR = path.join(PROJECT_ROOT, '.output', 'e2e-site-access');
const TEST_EXTENSION_DIR = path.join(TEST_OUT_DIR, 'chrome-mv3');

async function expectAllRecorded(session: Session): Promise<void> {
  await eventually(async () => {
    const stored = await storedPapers(session);
    for (const [id, title] of Object.entries(PAPERS)) {
      const paper = stored.find((p) => p.id === id || p.aliases.includes(id));
      expect(paper, `${id} not recorded`).toBeDefined();
      expect(paper!.title).toBe(title);
    }
  }, 20_000);
}

describe('a test build that lists lab.example.org and *.example.net', () => {
  let session: Session;
  beforeAll(async () => {
    execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'wxt'), ['build', '-b', 'chrome'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LECTERN_EXTRA_HOSTS: `${LAB_ORIGIN},https://*.example.net/*`, LECTERN_OUT_DIR: TEST_OUT_DIR },
      stdio: 'pipe',
    });
    session = await launch({ extensionDir: TEST_EXTENSION_DIR });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('registers a content script for the granted site and records its papers on load', async () => {
    const worker = await session.worker();
    await eventually(async () => {
      const scripts = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
      expect(scripts).toEqual([
        expect.objectContaining({ id: `site:${LAB_ORIGIN}`, matches: [LAB_ORIGIN], js: ['content-scripts/content.js'], persistAcrossSessions: true }),
      ]);
    });
    const url = 'https://lab.example.org/publications';
    await session.serve(url, PAGE);
    const page = await session.context.newPage();
    await page.goto(url);
    await expectAllRecorded(session);
    await eventually(async () => expect(await page.locator('lectern-badge').count()).toBe(4));

    // Injected again (popup or context menu on a page where it already runs): still one run, still alive.
    const tabId = await tabIdOf(session, url);
    await worker.evaluate(
      (target) => chrome.scripting.executeScript({ target: { tabId: target }, files: ['/content-scripts/content.js'] }),
      tabId,
    );
    await page.waitForTimeout(1_500);
    expect(await page.locator('lectern-badge').count()).toBe(4);
    // Each run of the content script marks its start in the page's User Timing buffer.
    expect(await page.evaluate(() => performance.getEntriesByName('lectern:start').length)).toBe(1);
    // The first run still follows the library: a status changed in the popup reaches its badge.
    const popup = await session.extensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByLabel(`Status of “${PAPERS['arxiv:2601.01234']!}”`).selectOption('read');
    await eventually(async () =>
      expect(await page.locator('lectern-badge[data-lectern-id="arxiv:2601.01234"]').getAttribute('data-lectern-state')).toBe('read'),
    );
    await popup.close();
    await page.close();
  });

  it('runs detection once from the popup on a page it does not read by itself', async () => {
    const url = 'https://papers.example.net/publications';
    await session.serve(url, PAGE);
    const before = (await storedPapers(session)).length;
    const page = await session.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1_500);
    expect(await page.locator('lectern-badge').count()).toBe(0);
    expect((await storedPapers(session)).length).toBe(before);

    const tabId = await tabIdOf(session, url);
    const popup = await session.extensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByRole('button', { name: 'Always detect on papers.example.net' }).waitFor();
    await popup.getByRole('button', { name: 'Detect papers on this page' }).click();
    await eventually(async () => expect(await page.locator('lectern-badge').count()).toBe(4));
    // The popup notices the papers that detection found and lists them.
    await eventually(async () => expect(await popup.locator('.paper-row').count()).toBe(4));
    await popup.close();
    await page.close();
  });
});

describe('the regular build on a site it does not match', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('asks for no host beyond the matched ones, and may be granted others one at a time', () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      permissions: string[];
      host_permissions: string[];
      optional_host_permissions: string[];
    };
    expect(manifest.host_permissions).toEqual(CONTENT_SCRIPT_HOSTS);
    expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting', 'contextMenus']));
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('records nothing on load, and may not inject there without a grant', async () => {
    const url = 'https://other.example.org/publications';
    await session.serve(url, PAGE);
    const worker = await session.worker();
    const tabsBefore = await worker.evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.id));
    const page = await session.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(2_000);
    expect(await storedPapers(session)).toEqual([]);
    expect(await page.locator('lectern-badge').count()).toBe(0);

    // Without host access the extension cannot even see the tab's URL: find the tab as the new one.
    const tabId = await worker.evaluate(async (known) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.id !== undefined && !known.includes(tab.id))?.id;
    }, tabsBefore);
    expect(tabId).toBeDefined();
    const refusal = await worker.evaluate(async (target) => {
      try {
        await chrome.scripting.executeScript({ target: { tabId: target }, files: ['/content-scripts/content.js'] });
        return 'injected';
      } catch (error) {
        return String(error);
      }
    }, tabId!);
    expect(refusal).toMatch(/Cannot access|permission/i);
    await page.waitForTimeout(500);
    expect(await storedPapers(session)).toEqual([]);
    await page.close();
  });
});
