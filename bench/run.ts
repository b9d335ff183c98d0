/**
 * `npm run bench`: what recording costs, measured in real headless Chromium with the built extension and an
 * on-disk profile, on the 1,675-entry arXiv month page served at its real URL.
 *
 * Figures (milliseconds, medians):
 * - floor scan: a bare `querySelectorAll('dl#articles > dt')` id + title scan in the page, first call / warm,
 *   on a fresh load of the same page at an address no content script runs on (so that nothing has touched its
 *   DOM before, as for the content script's own first call);
 * - content script: its own main-thread time for detect + send on each fresh load (User Timing marks the
 *   content script leaves in the page), and detection alone when warm (the same adapters run again in the page);
 * - background recording of the batch on a first visit (empty library) and on an unchanged revisit;
 * - a raw IndexedDB `put` of the same rows, in one transaction, into a store with the same indexes.
 * - on-page badges: their own content-script time for all entries, and document idle → first visible badge
 *   (`bench/badges.ts`), over first visits and revisits.
 * - the library at 50,000 papers (`bench/library.ts`): first rows painted, search ready, query p50/p95, index
 *   heap, full rebuild; `--papers N` sets the library size, `--profile <dir>` a seeded profile to use,
 *   `--library-only` skips the recording figures, `--no-library` skips the library.
 * Targets: content script first load ≤ 3 × floor (first call); first visit ≤ 1.2 × raw put; revisit ≤ 25 % of
 * the first visit; badges ≤ 150 ms; first badge ≤ 300 ms; the library's in `bench/library.ts`. `--json` prints
 * one JSON object; `--runs N` sets the number of fresh loads (default 15).
 */
import { build } from 'vite';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT, fixtureCase } from '../tests/helpers/fixtures';
import { clearLibrary, launch, type Session } from '../tests/e2e/harness';
import { badgeTimings } from './badges';
import { libraryFigures, libraryRows, libraryTargetsMet, type LibraryFigures } from './library';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 15;
const WARM_REPEATS = 7;
const papersArg = args.indexOf('--papers');
const LIBRARY_PAPERS = papersArg >= 0 ? Math.max(1, Number(args[papersArg + 1])) : 50_000;
const profileArg = args.indexOf('--profile');
const LIBRARY_PROFILE = profileArg >= 0 ? args[profileArg + 1] : undefined;
const LIBRARY_ONLY = args.includes('--library-only');
const WITH_LIBRARY = !args.includes('--no-library');
/** The month page again, at an address outside every content-script match pattern. */
const FLOOR_URL = 'https://bench.invalid/arxiv-month-listing';

const log = (...parts: unknown[]) => {
  if (!asJson) console.error(...parts);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The adapters as a script for the page's main world, to time warm detection there. */
async function detectionBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: path.join(PROJECT_ROOT, 'lib/sites/registry.ts'),
        formats: ['iife'],
        name: 'LecternDetection',
      },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  if (!result || !('output' in result)) throw new Error('Could not bundle the adapters');
  const chunk = result.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('Could not bundle the adapters');
  return chunk.code;
}

/**
 * The TypeScript loader keeps function names with a `__name` helper that does not exist in the page or the
 * worker where Playwright runs our functions: define it there.
 */
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((f) => f);';

async function workerOf(session: Session) {
  const handle = await session.worker();
  await handle.evaluate(NAME_HELPER);
  return handle;
}

async function serviceWorkerTimes(session: Session, name: string): Promise<number[]> {
  const worker = await workerOf(session);
  return worker.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface LoadFigures {
  contentScriptMs: number;
  recordMs: number;
  badgesMainThreadMs: number;
  firstBadgeMs: number;
}

/** Loads the page in a fresh tab and answers the content script's and the background's times for it. */
async function load(session: Session, url: string): Promise<LoadFigures> {
  const before = (await serviceWorkerTimes(session, 'lectern:page.report')).length;
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const contentScriptMs = await waitFor('the content script', () =>
    page.evaluate(() => {
      const detect = performance.getEntriesByName('lectern:detect')[0];
      const send = performance.getEntriesByName('lectern:send')[0];
      return detect && send ? detect.duration + send.duration : undefined;
    }),
  );
  const recordMs = await waitFor('the background', async () => {
    const times = await serviceWorkerTimes(session, 'lectern:page.report');
    return times.length > before ? times[times.length - 1] : undefined;
  });
  const badges = await badgeTimings(page);
  await page.close();
  return { contentScriptMs, recordMs, badgesMainThreadMs: badges.badgesMainThreadMs, firstBadgeMs: badges.firstBadgeMs };
}

async function floorScan(page: Page): Promise<{ first: number; warm: number; entries: number }> {
  return page.evaluate((repeats) => {
    const scan = () => {
      const t = performance.now();
      let entries = 0;
      for (const dt of document.querySelectorAll('dl#articles > dt')) {
        const id = dt.querySelector('a[title="Abstract"]')?.textContent;
        const title = (dt.nextElementSibling as Element | null)?.querySelector('.list-title')?.textContent;
        if (id && title) entries++;
      }
      return { ms: performance.now() - t, entries };
    };
    const first = scan();
    const warm: number[] = [];
    for (let i = 0; i < repeats; i++) warm.push(scan().ms);
    warm.sort((a, b) => a - b);
    return { first: first.ms, warm: warm[warm.length >> 1]!, entries: first.entries };
  }, WARM_REPEATS);
}

async function warmDetection(page: Page, bundle: string): Promise<{ first: number; warm: number; papers: number }> {
  await page.addScriptTag({ content: bundle });
  return page.evaluate((repeats) => {
    const api = (globalThis as unknown as { LecternDetection: { detectPage(d: Document, u: string): { papers: unknown[] } } })
      .LecternDetection;
    const run = () => {
      const t = performance.now();
      const { papers } = api.detectPage(document, location.href);
      return { ms: performance.now() - t, papers: papers.length };
    };
    const first = run();
    const warm: number[] = [];
    for (let i = 0; i < repeats; i++) warm.push(run().ms);
    warm.sort((a, b) => a - b);
    return { first: first.ms, warm: warm[warm.length >> 1]!, papers: first.papers };
  }, WARM_REPEATS);
}

/** A raw IndexedDB put of the library's current paper rows into a fresh store with the same indexes. */
async function rawPut(session: Session, repeats: number): Promise<{ ms: number; rows: number }> {
  const worker = await workerOf(session);
  return worker.evaluate(async (times) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const source = await request(indexedDB.open('lectern'));
    const rows = await request(source.transaction('papers').objectStore('papers').getAll());
    source.close();
    await request(indexedDB.deleteDatabase('lectern-bench-raw'));
    const open = indexedDB.open('lectern-bench-raw', 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('papers', { keyPath: 'id' });
      for (const index of ['status', 'lastSeenAt', 'savedAt', 'firstSeenAt']) store.createIndex(index, index);
      store.createIndex('status_firstSeenAt', ['status', 'firstSeenAt']);
      store.createIndex('aliases', 'aliases', { multiEntry: true });
    };
    const db = await request(open);
    const durations: number[] = [];
    for (let i = 0; i < times; i++) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('papers', 'readwrite');
        tx.objectStore('papers').clear();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const t = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('papers', 'readwrite');
        const store = tx.objectStore('papers');
        for (const row of rows) store.put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      durations.push(performance.now() - t);
    }
    db.close();
    await request(indexedDB.deleteDatabase('lectern-bench-raw'));
    durations.sort((a, b) => a - b);
    return { ms: durations[durations.length >> 1]!, rows: rows.length };
  }, repeats);
}

async function library(): Promise<LibraryFigures> {
  const options = { papers: LIBRARY_PAPERS, runs: Math.min(RUNS, 7), log };
  return libraryFigures(LIBRARY_PROFILE ? { ...options, profile: LIBRARY_PROFILE } : options);
}

function printLibraryOnly(figures: LibraryFigures): void {
  if (asJson) {
    console.log(JSON.stringify({ library: figures, libraryTargetsMet: libraryTargetsMet(figures) }));
    return;
  }
  const rows = libraryRows(figures);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
}

async function main() {
  if (LIBRARY_ONLY) return printLibraryOnly(await library());
  const fixture = fixtureCase('arxiv-rendered/list-large-astro-ph-2020-06-show2000');
  const bundle = await detectionBundle();
  const session = await launch();
  try {
    await session.context.addInitScript({ content: NAME_HELPER });
    await session.serve(fixture.url, fixture.html());
    await session.serve(FLOOR_URL, fixture.html());
    const contentScript: number[] = [];
    const firstVisit: number[] = [];
    const revisit: number[] = [];
    const floorFirst: number[] = [];
    const floorWarm: number[] = [];
    const detectWarm: number[] = [];
    const badgesMs: number[] = [];
    const firstBadge: number[] = [];
    let entries = 0;
    for (let run = 0; run < RUNS; run++) {
      await clearLibrary(session);
      const first = await load(session, fixture.url);
      const again = await load(session, fixture.url);
      contentScript.push(first.contentScriptMs, again.contentScriptMs);
      badgesMs.push(first.badgesMainThreadMs, again.badgesMainThreadMs);
      firstBadge.push(first.firstBadgeMs, again.firstBadgeMs);
      firstVisit.push(first.recordMs);
      revisit.push(again.recordMs);

      const bare = await session.context.newPage();
      await bare.goto(FLOOR_URL, { waitUntil: 'domcontentloaded' });
      const floor = await floorScan(bare);
      await bare.close();

      const page = await session.context.newPage();
      await page.goto(fixture.url, { waitUntil: 'domcontentloaded' });
      const detection = await warmDetection(page, bundle);
      floorFirst.push(floor.first);
      floorWarm.push(floor.warm);
      detectWarm.push(detection.warm);
      entries = detection.papers;
      await page.close();
      log(`run ${run + 1}/${RUNS}: content script ${first.contentScriptMs.toFixed(1)} ms, first visit ${first.recordMs.toFixed(0)} ms, revisit ${again.recordMs.toFixed(0)} ms`);
    }
    const raw = await rawPut(session, RUNS);

    const figures = {
      entries,
      runs: RUNS,
      floorScanFirstMs: median(floorFirst),
      floorScanWarmMs: median(floorWarm),
      contentScriptFirstLoadMs: median(contentScript),
      contentScriptDetectWarmMs: median(detectWarm),
      recordFirstVisitMs: median(firstVisit),
      recordRevisitMs: median(revisit),
      rawPutMs: raw.ms,
      rawPutRows: raw.rows,
      badgesMainThreadMs: median(badgesMs),
      firstBadgeMs: median(firstBadge),
    };
    const targets = {
      contentScriptVsFloor: figures.contentScriptFirstLoadMs / figures.floorScanFirstMs,
      firstVisitVsRawPut: figures.recordFirstVisitMs / figures.rawPutMs,
      revisitVsFirstVisit: figures.recordRevisitMs / figures.recordFirstVisitMs,
    };
    await session.close();
    const libraryResult = WITH_LIBRARY ? await library() : undefined;
    const met = {
      contentScriptVsFloor: targets.contentScriptVsFloor <= 3,
      firstVisitVsRawPut: targets.firstVisitVsRawPut <= 1.2,
      revisitVsFirstVisit: targets.revisitVsFirstVisit <= 0.25,
      badgesMainThread: figures.badgesMainThreadMs <= 150,
      firstBadge: figures.firstBadgeMs <= 300,
    };
    if (asJson) {
      const extra = libraryResult ? { library: libraryResult, libraryTargetsMet: libraryTargetsMet(libraryResult) } : {};
      console.log(JSON.stringify({ ...figures, ratios: targets, targetsMet: met, ...extra }));
    } else {
      const rows: [string, string][] = [
        ['entries on the page', String(entries)],
        ['fresh loads (median over)', String(RUNS)],
        ['floor scan, first call', `${figures.floorScanFirstMs.toFixed(1)} ms`],
        ['floor scan, warm', `${figures.floorScanWarmMs.toFixed(1)} ms`],
        ['content script detect + send, fresh load', `${figures.contentScriptFirstLoadMs.toFixed(1)} ms`],
        ['content script detect, warm', `${figures.contentScriptDetectWarmMs.toFixed(1)} ms`],
        ['recording, first visit', `${figures.recordFirstVisitMs.toFixed(0)} ms`],
        ['recording, unchanged revisit', `${figures.recordRevisitMs.toFixed(0)} ms`],
        [`raw IndexedDB put of ${raw.rows} rows`, `${figures.rawPutMs.toFixed(0)} ms`],
        ['content script ÷ floor (target ≤ 3)', `${targets.contentScriptVsFloor.toFixed(2)} ${met.contentScriptVsFloor ? 'met' : 'MISSED'}`],
        ['first visit ÷ raw put (target ≤ 1.2)', `${targets.firstVisitVsRawPut.toFixed(2)} ${met.firstVisitVsRawPut ? 'met' : 'MISSED'}`],
        ['revisit ÷ first visit (target ≤ 0.25)', `${targets.revisitVsFirstVisit.toFixed(2)} ${met.revisitVsFirstVisit ? 'met' : 'MISSED'}`],
        ['badges, content-script time (target ≤ 150)', `${figures.badgesMainThreadMs.toFixed(1)} ms ${met.badgesMainThread ? 'met' : 'MISSED'}`],
        ['document idle → first badge (target ≤ 300)', `${figures.firstBadgeMs.toFixed(0)} ms ${met.firstBadge ? 'met' : 'MISSED'}`],
        ...(libraryResult ? libraryRows(libraryResult) : []),
      ];
      const width = Math.max(...rows.map(([k]) => k.length));
      console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
    }
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
