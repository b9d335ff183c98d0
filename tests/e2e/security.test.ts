/**
 * Security of the built extension in real Chromium:
 * - an XSS corpus (tests/fixtures/xss) placed in hostile variants of real arXiv and Hugging Face pages and in
 *   a backup's user fields never runs and never injects anything on any surface (tripwire host, `__xss`
 *   flags in every reachable world, a DOM scan through shadow roots), every payload reads as text, and a
 *   test build that renders one title as HTML trips the same check (positive control);
 * - page scripts cannot reach the library: no messaging from the page, forged `postMessage` and DOM events
 *   change nothing, the extension's pages cannot be framed or fetched, and requests forged from the content
 *   script's own world are refused outside its capabilities;
 * - the built extension loads no remote code and keeps the default extension-page CSP;
 * - an extension reload with pages open throws nothing into them, and badges come back on reload.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightUrl } from '../../lib/db/highlights';
import { fixtureCase, PROJECT_ROOT } from '../helpers/fixtures';
import { EXTENSION_DIR, eventually, launch, storedPapers, tabIdOf, type Session, type StoredPaper } from './harness';
import { ANCHORED_HIGHLIGHT_ID, hostileBackup, refusedBackup } from './security/backup';
import { collapse, loadPayloads } from './security/corpus';
import { hostileArxivAbs, hostileArxivListing, hostileHuggingFaceDaily, type HostilePage } from './security/hostile-pages';
import { evaluateInIsolatedWorlds, installTripwire, isolatedWorldFlags, OWN_FORMS, pageFlag, scanInPage, visibleText, workerFlag } from './security/scan';
import { SURFACES, type Surface, type SurfaceEnv } from './security/surfaces';

const payloads = loadPayloads();

type StoredWithUserFields = StoredPaper & { note?: string; tags?: string[] };

function findPaper(papers: StoredPaper[], id: string): StoredPaper | undefined {
  return papers.find((paper) => paper.id === id || paper.aliases.includes(id));
}

/** Opens a hostile page and waits until every paper placed in it is recorded; answers their record ids. */
async function openHostile(session: Session, hostile: HostilePage): Promise<{ url: string; page: Page; ids: string[] }> {
  await session.serve(hostile.url, hostile.html);
  const page = await session.context.newPage();
  await page.goto(hostile.url, { waitUntil: 'domcontentloaded' });
  const ids = await eventually(async () => {
    const stored = await storedPapers(session);
    return [...hostile.placed.keys()].map((id) => {
      const paper = findPaper(stored, id);
      expect(paper, `${hostile.url}: ${id} recorded`).toBeDefined();
      return paper!.id;
    });
  }, 30_000);
  return { url: hostile.url, page, ids };
}

/** Runs one surface of the table and answers every problem found (empty: the surface is safe). */
async function checkSurface(surface: Surface, env: SurfaceEnv): Promise<string[]> {
  const problems: string[] = [];
  const ownOrigin = `chrome-extension://${env.session.extensionId}`;
  await surface.open(env, async (page, expected, label) => {
    const findings = await page.evaluate(scanInPage, { scope: surface.scope, ownOrigin, ownForms: OWN_FORMS });
    problems.push(...findings.map((finding) => `${label}: ${finding}`));
    const flag = await pageFlag(page);
    if (flag !== undefined) problems.push(`${label}: a payload ran (__xss = ${String(flag)})`);
    if (expected.length) {
      const text = await visibleText(page);
      const within = new Map<string, string>();
      for (const wanted of expected) {
        if (typeof wanted === 'string') {
          if (!text.includes(wanted)) problems.push(`${label}: not shown as text: ${wanted.slice(0, 100)}`);
          continue;
        }
        if (!within.has(wanted.within)) within.set(wanted.within, await visibleText(page, wanted.within));
        if (!within.get(wanted.within)!.includes(wanted.text)) problems.push(`${label}: not shown as text in ${wanted.within}: ${wanted.text.slice(0, 100)}`);
      }
    }
  });
  return problems;
}

async function papersById(session: Session): Promise<Map<string, StoredWithUserFields>> {
  return new Map((await storedPapers(session)).map((paper) => [paper.id, paper as StoredWithUserFields]));
}

describe('the XSS corpus on every surface', () => {
  let session: Session;
  let tripwire: { hits: string[] };
  let env: SurfaceEnv;
  const hostile = {
    listing: hostileArxivListing('arxiv-rendered/list-astro-ph-new', payloads),
    abs: hostileArxivAbs('arxiv-rendered/abs-2101.10016', payloads),
    hf: hostileHuggingFaceDaily('huggingface/hf-daily-2026-09-28', payloads, 30),
  };

  beforeAll(async () => {
    session = await launch();
    tripwire = await installTripwire(session.context);
    const pages: SurfaceEnv['pages'] = {};
    for (const [role, page] of Object.entries(hostile)) pages[role] = await openHostile(session, page);

    // User fields: a backup whose papers carry the corpus as notes and tags, restored through the data view.
    const files = mkdtempSync(path.join(tmpdir(), 'lectern-xss-'));
    const backupFile = path.join(files, 'backup.json');
    // Highlights on the hostile abstract page: its title (a payload, as the page shows it) highlighted with
    // another payload as note, and one highlight per payload that the page does not contain.
    const absTitle = collapse(hostile.abs.placed.values().next().value!.title);
    const anchoredNote = payloads.find((p) => p.name === 'iframe-srcdoc')!.text;
    writeFileSync(backupFile, hostileBackup(payloads, { url: highlightUrl(hostile.abs.url), anchoredText: absTitle, anchoredNote }));
    const hostileName = path.join(files, `${payloads.find((p) => p.name === 'img-onerror-unquoted')!.text}.json`);
    writeFileSync(hostileName, hostileBackup(payloads.slice(0, 1)));
    const payloadField = payloads.find((p) => p.name === 'svg-onload')!.text.replace(/"/g, "'");
    const refusedFile = path.join(files, 'refused.json');
    writeFileSync(refusedFile, refusedBackup(payloads, payloadField));
    const data = await session.extensionPage('sidepanel.html#/data');
    await data.locator('input[type=file][accept^=".json"]').setInputFiles(backupFile);
    await data.getByRole('button', { name: 'Merge into the library' }).click();
    await eventually(async () => expect(await data.getByRole('status').textContent()).toMatch(new RegExp(`Restored: ${payloads.length} added`)));
    await data.close();

    const papers = await papersById(session);
    const userIds = payloads.map((p) => `doi:10.5555/xss.${p.id}`);
    env = {
      session,
      pages,
      papers,
      hostileIds: [...new Set([...Object.values(pages).flatMap((p) => p.ids), ...userIds])],
      payloads,
      highlightNotes: new Map([[ANCHORED_HIGHLIGHT_ID, anchoredNote]]),
      dataView: { hostileName, refusedFile, payloadField },
    };
  });
  afterAll(async () => {
    await session?.close();
  });

  it('records every payload as the page shows it: text, whitespace collapsed', () => {
    for (const page of Object.values(hostile)) {
      for (const [id, placed] of page.placed) {
        const paper = [...env.papers.values()].find((p) => p.id === id || p.aliases.includes(id))!;
        expect(paper.title, `title of ${id}`).toBe(collapse(placed.title));
        expect(paper.authors[0], `first author of ${id}`).toBe(collapse(placed.author));
        if (placed.abstract) expect(paper.abstract, `abstract of ${id}`).toBe(collapse(placed.abstract));
      }
    }
    for (const payload of payloads) {
      const paper = env.papers.get(`doi:10.5555/xss.${payload.id}`)!;
      expect(paper.note).toBe(payload.text);
      expect(paper.tags).toEqual([payload.text.slice(0, 200)]);
    }
  });

  it.each(SURFACES.map((surface) => [surface.name, surface] as const))(
    '%s: nothing injected, nothing run, every string shown as text',
    async (_name, surface) => {
      expect(await checkSurface(surface, env)).toEqual([]);
    },
  );

  it('no payload reached the tripwire host or ran in the background or the content script’s world', async () => {
    expect(tripwire.hits).toEqual([]);
    expect(await workerFlag(await session.worker())).toBeUndefined();
    for (const { page } of Object.values(env.pages)) {
      expect(await pageFlag(page)).toBeUndefined();
      const flags = await isolatedWorldFlags(session.context, page, session.extensionId);
      expect(flags.every((flag) => flag === undefined), `${page.url()}: ${flags.join()}`).toBe(true);
    }
  });
});

describe('positive control: a build that renders one title as HTML', () => {
  const UNSAFE_DIR = path.join(PROJECT_ROOT, '.output', 'e2e-unsafe-render');
  let session: Session;
  beforeAll(async () => {
    execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'wxt'), ['build', '-b', 'chrome'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LECTERN_UNSAFE_TEST: '1', LECTERN_OUT_DIR: UNSAFE_DIR },
      stdio: 'pipe',
    });
    session = await launch({ extensionDir: path.join(UNSAFE_DIR, 'chrome-mv3') });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('trips the check: injected elements found, the tripwire hit', async () => {
    const tripwire = await installTripwire(session.context);
    const listing = await openHostile(session, hostileArxivListing('arxiv-rendered/list-astro-ph-new', payloads));
    const env: SurfaceEnv = { session, pages: { listing }, papers: await papersById(session), hostileIds: listing.ids, payloads };
    const list = SURFACES.find((surface) => surface.name.startsWith('side panel list'))!;
    const problems = await checkSurface(list, env);
    expect(problems.some((problem) => /event handler attribute onerror/.test(problem)), problems.join('\n')).toBe(true);
    expect(problems.some((problem) => /element <iframe/.test(problem))).toBe(true);
    await eventually(async () => expect(tripwire.hits.length).toBeGreaterThan(0));
  });
});

describe('page scripts cannot reach the library', () => {
  const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    session = await launch();
    // Keyboard triage on, so that forged key presses would have something to act on.
    await (await session.worker()).evaluate(() => chrome.storage.local.set({ 'settings.keyboardTriage': true }));
    await session.serve(QFIN.url, QFIN.html());
    page = await session.context.newPage();
    await page.goto(QFIN.url);
    await eventually(async () => expect(await page.locator('lectern-badge[data-lectern-state="new"]').count()).toBe(QFIN.truth.entries.length));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a page has no messaging to the extension, and cannot load or frame its files', async () => {
    const id = session.extensionId;
    const reach = await page.evaluate(async (extensionId) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome?.runtime;
      const fetched: string[] = [];
      for (const file of ['manifest.json', 'popup.html', 'sidepanel.html', 'background.js', 'content-scripts/content.js']) {
        try {
          await fetch(`chrome-extension://${extensionId}/${file}`);
          fetched.push(file);
        } catch {
          // refused: the file is not web accessible
        }
      }
      for (const file of ['popup.html', 'sidepanel.html#/view/all']) {
        const frame = document.createElement('iframe');
        frame.src = `chrome-extension://${extensionId}/${file}`;
        document.body.append(frame);
      }
      return { sendMessage: typeof runtime?.sendMessage, connect: typeof runtime?.connect, fetched };
    }, id);
    expect(reach).toEqual({ sendMessage: 'undefined', connect: 'undefined', fetched: [] });
    await page.waitForTimeout(1_000);
    const framed = [];
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      framed.push(await frame.evaluate(() => document.querySelector('#app')?.innerHTML ?? '').catch(() => ''));
    }
    expect(framed.filter(Boolean), 'an extension page rendered inside the web page').toEqual([]);
  });

  it('forged postMessage, DOM events, key presses and clicks from the page change nothing', async () => {
    const extensionId = session.extensionId;
    const firstId = (await page.locator('lectern-badge').first().getAttribute('data-lectern-id'))!;
    await page.evaluate(
      ({ extensionId, firstId }) => {
        const now = Date.now();
        const requests = [
          { id: 1, type: 'page.setStatus', data: { id: firstId, status: 'read' }, timestamp: now },
          { id: 2, type: 'library.delete', data: { ids: [firstId] }, timestamp: now },
          { id: 3, type: 'page.saveAll', data: {}, timestamp: now },
        ];
        const push = { lectern: 'push', type: 'page.statusChanged', data: { changes: [{ id: firstId, aliases: [firstId], status: 'dismissed' }] } };
        const started = `${extensionId}:content:wxt:content-script-started`;
        // 1. Messages posted to the window, in every shape the extension or its libraries use.
        for (const message of [...requests, push]) window.postMessage(message, '*');
        for (const message of requests) {
          window.postMessage({ type: '@webext-core/messaging/window', message, senderOrigin: location.origin, namespace: 'lectern', instanceId: 'forged' }, '*');
        }
        window.postMessage({ type: started, contentScriptName: 'content', messageId: 'forged' }, '*');
        // 2. DOM events: the "a newer copy started" event that would stop the content script, and event messaging.
        document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
        window.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
        for (const message of requests) {
          window.dispatchEvent(new CustomEvent('@webext-core/messaging/custom-events', { detail: { message, namespace: 'lectern', instanceId: 'forged' } }));
        }
        // 3. Key presses (keyboard triage is on): next paper, then save, read, dismiss.
        for (const key of ['j', 's', 'j', 'r', 'j', 'x']) {
          document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
        }
        // 4. Clicks on a badge (its shadow root is open), on its menu's items, and on the bar's buttons.
        const badge = document.querySelector('lectern-badge')!;
        badge.shadowRoot!.querySelector('button')!.click();
        const menu = document.querySelector('lectern-menu');
        for (const item of menu?.shadowRoot?.querySelectorAll('button') ?? []) if (/Read|Dismiss|To read/.test(item.textContent ?? '')) item.click();
        const bar = document.querySelector('lectern-bar');
        for (const button of bar?.shadowRoot?.querySelectorAll('button') ?? []) if (/Save all new|Dismiss all new/.test(button.textContent ?? '')) button.click();
      },
      { extensionId, firstId },
    );
    await page.waitForTimeout(2_000);
    const stored = await storedPapers(session);
    expect(stored).toHaveLength(QFIN.truth.entries.length);
    expect(stored.filter((paper) => paper.status !== 'seen').map((paper) => `${paper.id}: ${paper.status}`)).toEqual([]);
    expect(await page.locator('lectern-badge:not([data-lectern-state="new"])').count()).toBe(0);

    // The content script still runs and listens: a change made in the side panel reaches the page's badge.
    const panel = await session.extensionPage(`sidepanel.html#/paper/${encodeURIComponent(firstId)}`);
    await panel.locator('.detail select.status').selectOption('read');
    await eventually(async () => expect(await page.locator(`lectern-badge[data-lectern-id="${firstId}"]`).getAttribute('data-lectern-state')).toBe('read'));
    await panel.close();
  });
});

describe('requests forged from the content script’s own world', () => {
  // What a page would hold if it took over the content script: `chrome.runtime.sendMessage` with a sender
  // the browser fills in (this tab, its top frame, its URL). The sender itself cannot be forged from a page.
  const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');
  const OTHER = fixtureCase('arxiv-rendered/list-astro-ph-recent');
  let session: Session;
  let page: Page;
  let otherId: string;
  let ownId: string;
  beforeAll(async () => {
    session = await launch();
    for (const fixture of [OTHER, QFIN]) await session.serve(fixture.url, fixture.html());
    const other = await session.context.newPage();
    await other.goto(OTHER.url);
    await eventually(async () => expect(await other.locator('lectern-badge').count()).toBe(OTHER.truth.entries.length));
    page = await session.context.newPage();
    await page.goto(QFIN.url);
    await eventually(async () => expect(await page.locator('lectern-badge').count()).toBe(QFIN.truth.entries.length));
    otherId = (await other.locator('lectern-badge').first().getAttribute('data-lectern-id'))!;
    ownId = (await page.locator('lectern-badge').first().getAttribute('data-lectern-id'))!;
  });
  afterAll(async () => {
    await session?.close();
  });

  /**
   * Sends one request as the content script does (the messaging library's wire format); answers the Result,
   * or null when nothing in the background listens for that type.
   */
  async function send(type: string, data: unknown): Promise<{ ok: boolean; error?: string } | null> {
    const message = JSON.stringify({ id: 1, type, data, timestamp: Date.now() });
    const [answer] = await evaluateInIsolatedWorlds(
      session.context,
      page,
      session.extensionId,
      `chrome.runtime.sendMessage(${message}).then((answer) => (answer ? answer.res : null))`,
    );
    return answer as { ok: boolean; error?: string } | null;
  }

  it('refuses every extension-page request, requests for papers not on its tab and reports for other pages', async () => {
    const before = await storedPapers(session);
    const refused: [string, unknown][] = [
      ['library.delete', { ids: [otherId] }],
      ['library.setStatus', { ids: [otherId], status: 'dismissed' }],
      ['tab.saveAll', { tabId: await tabIdOf(session, OTHER.url) }],
      ['tab.papers', { tabId: await tabIdOf(session, OTHER.url) }],
      ['tab.detect', { tabId: await tabIdOf(session, OTHER.url) }],
      ['site.register', { origin: 'https://evil.example/*' }],
      ['site.unregister', { origin: 'https://arxiv.org/*' }],
      ['page.setStatus', { id: otherId, status: 'dismissed' }],
      ['page.setStatuses', { ids: [otherId], status: 'dismissed' }],
      ['page.states', { ids: [otherId] }],
      ['page.openInLibrary', { id: otherId }],
      ['page.report', { url: OTHER.url, entries: [] }],
      ['page.lookup', { url: OTHER.url, entries: [[otherId]] }],
    ];
    for (const [type, data] of refused) {
      const answer = await send(type, data);
      expect(answer?.ok, `${type} was allowed`).toBe(false);
      expect(answer?.error, type).toMatch(/^Not allowed/);
    }
    // A type outside the protocol has no listener at all: no answer.
    expect(await send('no.such.request', {})).toBeNull();
    expect(await storedPapers(session)).toEqual(before);
  });

  it('still answers what a content script may ask about its own tab', async () => {
    expect(await send('page.setStatus', { id: ownId, status: 'unread' })).toEqual({ ok: true, value: 'unread' });
    await eventually(async () => expect(await page.locator(`lectern-badge[data-lectern-id="${ownId}"]`).getAttribute('data-lectern-state')).toBe('unread'));
  });
});

describe('the built extension: default CSP, no remote code, nothing exposed to pages', () => {
  const manifest = () => JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  function filesUnder(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  }

  it('keeps the default extension-page CSP and exposes nothing to web pages', () => {
    const built = manifest();
    // Any CSP Lectern declares may only be stricter than the default: no eval, no inline or remote scripts.
    const csp = built.content_security_policy as { extension_pages?: string; sandbox?: string } | undefined;
    if (csp?.extension_pages) expect(csp.extension_pages).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(csp?.sandbox).toBeUndefined();
    expect(built.sandbox).toBeUndefined();
    expect(built.externally_connectable, 'externally_connectable lets web pages message the extension').toBeUndefined();
    const resources = (built.web_accessible_resources ?? []) as unknown[];
    expect(resources, 'web_accessible_resources: pages can load and probe them').toEqual([]);
  });

  it('loads no remote code and never evaluates strings', () => {
    const problems: string[] = [];
    for (const file of filesUnder(EXTENSION_DIR)) {
      const name = path.relative(EXTENSION_DIR, file);
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.html')) {
        for (const tag of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
          if (/src=["']?(https?:)?\/\//i.test(tag)) problems.push(`${name}: remote script ${tag.slice(0, 120)}`);
          if (!/\ssrc=/i.test(tag)) problems.push(`${name}: inline script ${tag.slice(0, 120)}`);
        }
        for (const tag of text.match(/<link\b[^>]*>/gi) ?? []) {
          if (/href=["']?(https?:)?\/\//i.test(tag)) problems.push(`${name}: remote ${tag}`);
        }
      }
      if (file.endsWith('.js')) {
        const checks: [RegExp, string][] = [
          [/(^|[^.\w$])eval\s*\(/, 'eval('],
          [/new\s+Function\s*\(/, 'new Function('],
          [/import\s*\(\s*["'`]https?:/, 'import() of a remote module'],
          [/importScripts\s*\(\s*["'`]https?:/, 'importScripts() of a remote script'],
          [/\bfrom\s*["'`]https?:/, 'a remote module import'],
          [/set(Timeout|Interval)\s*\(\s*["'`]/, 'a timer given a string of code'],
        ];
        for (const [pattern, what] of checks) {
          const match = pattern.exec(text);
          if (match) problems.push(`${name}: ${what} near ${text.slice(Math.max(0, match.index - 40), match.index + 60)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the extension pages enforce that CSP: an inline script does not run', async () => {
    const session = await launch();
    try {
      for (const page of ['popup.html', 'sidepanel.html']) {
        const extensionPage = await session.extensionPage(page);
        const ran = await extensionPage.evaluate(async () => {
          const script = document.createElement('script');
          script.textContent = 'window.__inline = true';
          document.head.append(script);
          await new Promise((resolve) => setTimeout(resolve, 100));
          return (window as { __inline?: boolean }).__inline ?? false;
        });
        expect(ran, page).toBe(false);
        await extensionPage.close();
      }
    } finally {
      await session.close();
    }
  });
});

describe('extension reload while pages are open', () => {
  it('throws nothing into the open page, and badges come back when the page is reloaded', async () => {
    const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');
    const session = await launch({ developerMode: true });
    try {
      await session.serve(QFIN.url, QFIN.html());
      const page = await session.context.newPage();
      // Errors and warnings that come from the extension (its content script's code, or the browser telling
      // it its context is gone); the fixture page's own (its scripts, its refused network loads) are not ours.
      const errors: string[] = [];
      const ours = (text: string, where: string) => where.startsWith('chrome-extension://') || /extension context|lectern/i.test(text);
      page.on('pageerror', (error) => {
        if (ours(error.message, /chrome-extension:\/\/\S+/.exec(error.stack ?? '')?.[0] ?? '')) errors.push(`page error: ${error.stack ?? error.message}`);
      });
      page.on('console', (message) => {
        if ((message.type() === 'error' || message.type() === 'warning') && ours(message.text(), message.location().url)) {
          errors.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
        }
      });
      await page.goto(QFIN.url);
      const badges = page.locator('lectern-badge');
      await eventually(async () => expect(await badges.count()).toBe(QFIN.truth.entries.length));
      const firstId = (await badges.first().getAttribute('data-lectern-id'))!;
      // Uncaught exceptions of every world of the page, the content script's included.
      const cdp = await session.context.newCDPSession(page);
      cdp.on('Runtime.exceptionThrown', (event: { exceptionDetails: { text: string; url?: string; exception?: { description?: string } } }) => {
        const { text, url = '', exception } = event.exceptionDetails;
        const description = exception?.description ?? text;
        if (ours(description, url || (/chrome-extension:\/\/\S+/.exec(description)?.[0] ?? ''))) errors.push(`uncaught: ${description}`);
      });
      await cdp.send('Runtime.enable');
      // The collector hears the content script's world (else this test could not fail).
      await evaluateInIsolatedWorlds(session.context, page, session.extensionId, "console.error('Lectern: collector check')");
      await eventually(async () => expect(errors.some((e) => e.includes('collector check'))).toBe(true));
      errors.length = 0;

      // Reload the extension (an update does the same): the old worker goes, a new one starts.
      const oldWorker = await session.worker();
      await oldWorker.evaluate(() => ((globalThis as { __beforeReload?: boolean }).__beforeReload = true));
      await oldWorker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
      // The extension is back (its pages load) with a new worker (started on a message from one of them).
      await eventually(async () => {
        const probe = await session.context.newPage();
        try {
          await probe.goto(`chrome-extension://${session.extensionId}/popup.html`);
          await probe.evaluate(() => chrome.runtime.sendMessage({ id: 0, type: 'tab.papers', data: { tabId: 0 }, timestamp: Date.now() }));
        } finally {
          await probe.close();
        }
        const worker = await session.worker();
        expect(await worker.evaluate(() => (globalThis as { __beforeReload?: boolean }).__beforeReload ?? false)).toBe(false);
      }, 30_000);

      // The orphaned content script meets what a page does next: clicks on its badges and menu, keys, new
      // entries added to the list, the page's own navigation events. None of it may throw into the page.
      await badges.first().locator('button').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.press('j');
      await page.keyboard.press('s');
      await page.evaluate(() => {
        const list = document.querySelector('dl#articles');
        const dt = list?.querySelector('dt')?.cloneNode(true);
        const dd = list?.querySelector('dd')?.cloneNode(true);
        if (list && dt && dd) list.append(dt, dd);
        history.pushState({}, '', `${location.pathname}?moved=1`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await page.waitForTimeout(2_000);
      expect(errors).toEqual([]);

      // A reload brings the new content script, and with it the badges, with the stored state.
      await session.extensionPage(`sidepanel.html#/paper/${encodeURIComponent(firstId)}`).then(async (panel) => {
        await panel.locator('.detail select.status').selectOption('reading');
        await panel.close();
      });
      await page.goto(QFIN.url);
      await eventually(async () => expect(await badges.count()).toBe(QFIN.truth.entries.length));
      await eventually(async () => expect(await page.locator(`lectern-badge[data-lectern-id="${firstId}"]`).getAttribute('data-lectern-state')).toBe('reading'));
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
