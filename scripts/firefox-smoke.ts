/**
 * `npm run test:firefox`: the Firefox build in Debian's firefox-esr.
 *
 * 1. `web-ext lint` on .output/firefox-mv2: no errors (warnings are listed);
 * 2. Firefox started headless through WebDriver BiDi (puppeteer-core), Lectern installed as a temporary
 *    add-on with a fixed internal UUID (so its pages have a known moz-extension:// address);
 * 3. an arXiv listing fixture served at its real URL by request interception (nothing reaches the network);
 * 4. the content script marks its entries; "Open in library" from a badge's menu opens the sidebar page
 *    (sidepanel.html, in a tab: BiDi cannot navigate to moz-extension:// itself), which lists the papers.
 *
 * Each step that cannot run says which and why, and the script exits non-zero. Options: `--no-build` (use
 * the existing build), `--no-lint`. FIREFOX_PATH overrides /usr/bin/firefox-esr.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { fixtureCase, PROJECT_ROOT } from '../tests/helpers/fixtures';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const BUILD = path.join(PROJECT_ROOT, '.output', 'firefox-mv2');
const FIXTURE = 'arxiv-rendered/list-q-fin-new';
const args = new Set(process.argv.slice(2));

class StepFailed extends Error {}

function step(name: string): (ok: boolean, detail?: string) => void {
  const started = Date.now();
  return (ok, detail = '') => {
    const line = `${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`;
    console.log(line);
    if (!ok) throw new StepFailed(line);
  };
}

function build(): void {
  const done = step('build the Firefox add-on (wxt build -b firefox)');
  const run = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  done(run.status === 0 && existsSync(path.join(BUILD, 'manifest.json')), run.status === 0 ? '' : run.stderr.slice(-500));
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: { code: string; message: string; file?: string }[];
  warnings: { code: string; message: string; file?: string }[];
}

function lint(): void {
  const done = step('web-ext lint .output/firefox-mv2 (no errors)');
  // The linter works offline; --no-config-discovery keeps a user's web-ext config out of the result.
  const run = spawnSync('npx', ['web-ext', 'lint', '--source-dir', BUILD, '--output', 'json', '--no-config-discovery'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    return done(false, `web-ext lint gave no report (exit ${run.status}): ${(run.stderr || run.stdout).slice(-500)}`);
  }
  for (const w of report.warnings) console.log(`     warning ${w.code} ${w.file ?? ''}: ${w.message}`);
  for (const e of report.errors) console.log(`     error ${e.code} ${e.file ?? ''}: ${e.message}`);
  done(report.summary.errors === 0, `${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new StepFailed(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function smoke(): Promise<void> {
  const found = step(`firefox-esr at ${FIREFOX}`);
  const present = existsSync(FIREFOX);
  found(present, present ? '' : 'missing: install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH');

  const manifest = JSON.parse(readFileSync(path.join(BUILD, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new StepFailed('FAIL the Firefox manifest names no browser_specific_settings.gecko.id');
  const uuid = randomUUID();
  const profile = mkdtempSync(path.join(tmpdir(), 'lectern-firefox-'));
  let browser: Browser | undefined;
  try {
    const launched = step('start Firefox headless over WebDriver BiDi');
    try {
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: true,
        userDataDir: profile,
        extraPrefsFirefox: {
          // A known moz-extension://<uuid>/ for the add-on's pages.
          'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
          // No network of its own: no updates, telemetry or captive-portal probes.
          'network.captive-portal-service.enabled': false,
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          'extensions.update.enabled': false,
          'browser.safebrowsing.malware.enabled': false,
          'browser.safebrowsing.phishing.enabled': false,
        },
      });
      launched(true, await browser.version());
    } catch (error) {
      launched(false, String(error).slice(0, 400));
    }

    const installed = step('install Lectern as a temporary add-on');
    try {
      const id = await browser!.installExtension(BUILD);
      installed(id === addonId, `id ${id}`);
    } catch (error) {
      installed(false, String(error).slice(0, 400));
    }

    const fixture = fixtureCase(FIXTURE);
    const served = step(`serve ${fixture.url} by request interception`);
    const page: Page = await browser!.newPage();
    try {
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url() === fixture.url) {
          void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html() });
        } else {
          void request.abort();
        }
      });
      await page.goto(fixture.url, { waitUntil: 'domcontentloaded' });
      const title = await page.title();
      served(await page.evaluate(() => document.querySelectorAll('dl#articles dt').length > 0), `page title ${JSON.stringify(title)}`);
    } catch (error) {
      served(false, `${String(error).slice(0, 300)} (BiDi interception could not serve the page)`);
    }

    const want = fixture.truth.entries;
    const badges = step(`the content script marks the ${want.length} entries`);
    try {
      const count = await until('badges', async () => {
        const n = await page.evaluate(() => document.querySelectorAll('lectern-badge').length);
        return n >= want.length ? n : undefined;
      });
      badges(true, `${count} badges`);
    } catch (error) {
      badges(false, String(error));
    }

    // Recorded: after a reload the badges' states come from the library, where the papers are now `seen`.
    const recorded = step('after a reload, every badge shows the stored state (seen): the papers are in the library');
    try {
      await page.reload({ waitUntil: 'domcontentloaded' });
      const states = await until('stored states', async () => {
        const found = await page.evaluate(() => [...document.querySelectorAll('lectern-badge')].map((b) => b.getAttribute('data-lectern-state')));
        return found.length >= want.length && found.every((state) => state === 'seen') ? found.length : undefined;
      });
      recorded(true, `${states} badges seen`);
    } catch (error) {
      recorded(false, String(error));
    }

    // WebDriver BiDi refuses to navigate a tab to a moz-extension:// page, so the library page is opened
    // the way a user does from a listing: a badge's menu, "Open in library". Without a user gesture the
    // background cannot open the sidebar and opens the same page (sidepanel.html) in a tab instead.
    const opened = step('open the sidebar page from a badge menu ("Open in library")');
    let panel: Page | undefined;
    try {
      const target = browser!.waitForTarget((t) => t.url().startsWith(`moz-extension://${uuid}/sidepanel.html`), { timeout: 20_000 });
      await page.locator('lectern-badge >>> button').click();
      await page.locator('lectern-menu >>> ::-p-text(Open in library)').click();
      panel = (await (await target).page()) ?? undefined;
      opened(panel !== undefined, panel?.url());
    } catch (error) {
      opened(
        false,
        `${String(error).slice(0, 200)}: no moz-extension:// page became reachable. WebDriver BiDi refuses to navigate to moz-extension:// pages, and the library opened from the badge menu did not appear as a tab (the background asks Firefox for the sidebar first, and an open sidebar is not a browsing context BiDi can read)`,
      );
    }

    const library = step('the sidebar page lists the recorded papers');
    try {
      await panel!.evaluate(() => {
        location.hash = '#/view/all';
      });
      const titles = want.map((entry) => entry.title);
      const shown = await until(
        'the titles in the sidebar page',
        async () => {
          const text = await panel!.evaluate(() => document.body.innerText);
          const present = titles.filter((t) => text.includes(t));
          return present.length === titles.length ? present.length : undefined;
        },
        30_000,
      ).catch(async (error: unknown) => {
        const text = await panel!.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '');
        throw new StepFailed(`${String(error)}; the page shows: ${JSON.stringify(text)}`);
      });
      library(true, `${shown} of ${titles.length} titles shown`);
    } catch (error) {
      library(false, String(error).replace(/^Error: /, ''));
    }
  } finally {
    await browser?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

try {
  if (!args.has('--no-build')) build();
  if (!args.has('--no-lint')) lint();
  await smoke();
  console.log('Firefox smoke test passed.');
} catch (error) {
  if (!(error instanceof StepFailed)) console.error(error);
  console.error('Firefox smoke test failed.');
  process.exitCode = 1;
}
