/**
 * The library at 50,000 papers, in real headless Chromium with the built extension and an on-disk profile
 * filled by `scripts/seed.ts` (reused from one run to the next when it holds the same papers):
 * - first rows: opening sidepanel.html → the first `.paper-row` in the document (a MutationObserver set up
 *   before the page's scripts run; milliseconds from navigation start), median of fresh loads;
 * - search ready: opening the index in a fresh extension page → ready, from its saved copy (checked: no
 *   rebuild), median;
 * - index heap: the page's JavaScript heap (`Runtime.getHeapUsage`, after a forced garbage collection) before
 *   and after opening, plus the index's byte arrays (array-buffer backing stores, outside that figure);
 * - the 200 fixed queries of `bench/queries.json`, each timed once on the freshly opened index (cold code, as
 *   a user's first searches): p50/p95 for those over titles, authors, tags and notes, and for those reaching
 *   abstract words; then the p95 of a second run of the same queries;
 * - a full rebuild from the library (streaming it) in the same page.
 * Targets: first rows ≤ 250 ms; meta queries ≤ 30 ms p95; abstract queries ≤ 100 ms p95; ready ≤ 500 ms;
 * heap ≤ 50 MB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, type Session } from '../tests/e2e/harness';
import { PROJECT_ROOT } from '../tests/helpers/fixtures';
import { SEED_MARKER, seedProfile } from '../scripts/seed';
import { benchPage, libraryPageBundle, NAME_HELPER, type LibraryPageApi } from './library-session';
import type { BenchQuery } from './make-queries';

declare const LecternBench: LibraryPageApi;

export interface LibraryBenchOptions {
  papers: number;
  runs: number;
  profile?: string;
  log: (...parts: unknown[]) => void;
}

export interface LibraryFigures {
  papers: number;
  firstRowsMs: number;
  readyMs: number;
  heapMB: number;
  buffersMB: number;
  metaP50Ms: number;
  metaP95Ms: number;
  textP50Ms: number;
  textP95Ms: number;
  /** The same queries run a second time (code warm), p95. */
  metaP95WarmMs: number;
  textP95WarmMs: number;
  rebuildMs: number;
  seedWriteMs?: number;
}

export const LIBRARY_TARGETS = { firstRowsMs: 250, metaP95Ms: 30, textP95Ms: 100, readyMs: 500, heapMB: 50 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function firstRows(session: Session): Promise<number> {
  const page = await session.context.newPage();
  await page.addInitScript(() => {
    const record = () => {
      if ((globalThis as { firstRowAt?: number }).firstRowAt === undefined && document.querySelector('.paper-row')) {
        (globalThis as { firstRowAt?: number }).firstRowAt = performance.now();
      }
    };
    new MutationObserver(record).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
  await page.waitForFunction(() => (globalThis as { firstRowAt?: number }).firstRowAt !== undefined, undefined, { timeout: 60_000 });
  const at = await page.evaluate(() => (globalThis as { firstRowAt?: number }).firstRowAt!);
  await page.close();
  return at;
}

export async function libraryFigures(options: LibraryBenchOptions): Promise<LibraryFigures> {
  const { papers, runs, log } = options;
  const profile = options.profile ?? path.join(tmpdir(), `lectern-bench-library-${papers}`);
  const marker = path.join(profile, SEED_MARKER);
  let seedWriteMs: number | undefined;
  const seeded = existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { papers: number }).papers === papers;
  if (!seeded) {
    log(`seeding ${papers} papers into ${profile} (once; later runs reuse it)`);
    seedWriteMs = (await seedProfile({ papers, profile, seed: 1, log })).writeMs;
  }
  const queries = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'bench/queries.json'), 'utf8')) as BenchQuery[];
  const bundle = await libraryPageBundle();
  const session = await launch({ profileDir: profile });
  try {
    await session.context.addInitScript({ content: NAME_HELPER });
    // Make sure the saved copy is current (a previous run's rebuild saved one; a fresh seed too).
    {
      const page = await benchPage(session, bundle);
      await page.evaluate(() => LecternBench.open());
      await page.evaluate(() => LecternBench.close());
      await page.close();
    }

    const rows: number[] = [];
    for (let run = 0; run < runs; run++) rows.push(await firstRows(session));
    log(`first rows: ${rows.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    const ready: number[] = [];
    for (let run = 0; run < runs; run++) {
      const page = await benchPage(session, bundle);
      const opened = await page.evaluate(() => LecternBench.open());
      if (!opened.loadedSavedCopy || opened.rebuilds) throw new Error('The index did not open from its saved copy');
      ready.push(opened.readyMs);
      await page.evaluate(() => LecternBench.close());
      await page.close();
    }
    log(`search ready: ${ready.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    const page = await benchPage(session, bundle);
    const cdp = await session.context.newCDPSession(page);
    type HeapUsage = { usedSize: number; backingStorageSize?: number };
    const heap = async (): Promise<HeapUsage> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')) as HeapUsage;
    };
    const before = await heap();
    const opened = await page.evaluate(() => LecternBench.open());
    const after = await heap();
    const heapMB = (after.usedSize - before.usedSize) / 2 ** 20;
    const buffersMB =
      (after.backingStorageSize !== undefined && before.backingStorageSize !== undefined
        ? after.backingStorageSize - before.backingStorageSize
        : opened.bufferBytes) / 2 ** 20;
    log(`index: ${opened.papers} papers, heap ${heapMB.toFixed(1)} MB + buffers ${buffersMB.toFixed(1)} MB`);

    const timed = await page.evaluate((list) => LecternBench.queries(list), queries.map((q) => q.text));
    const warm = await page.evaluate((list) => LecternBench.queries(list), queries.map((q) => q.text));
    const ms = (cls: BenchQuery['class'], runs = timed) => runs.filter((_, i) => queries[i]!.class === cls).map((t) => t.ms);
    const empty = timed.filter((t) => t.results === 0).length;
    if (empty) log(`${empty} of ${queries.length} queries found nothing`);
    const slowest = timed.map((t, i) => ({ ...t, ...queries[i]! })).sort((a, b) => b.ms - a.ms).slice(0, 8);
    log(`slowest queries: ${slowest.map((q) => `"${q.text}" (${q.class}, ${q.results} results) ${q.ms.toFixed(1)} ms`).join('; ')}`);
    const rebuildMs = await page.evaluate(() => LecternBench.rebuild());
    log(`rebuild: ${rebuildMs.toFixed(0)} ms`);
    await page.evaluate(() => LecternBench.close());
    await page.close();

    const figures: LibraryFigures = {
      papers: opened.papers,
      firstRowsMs: median(rows),
      readyMs: median(ready),
      heapMB,
      buffersMB,
      metaP50Ms: percentile(ms('meta'), 50),
      metaP95Ms: percentile(ms('meta'), 95),
      textP50Ms: percentile(ms('text'), 50),
      textP95Ms: percentile(ms('text'), 95),
      metaP95WarmMs: percentile(ms('meta', warm), 95),
      textP95WarmMs: percentile(ms('text', warm), 95),
      rebuildMs,
    };
    if (seedWriteMs !== undefined) figures.seedWriteMs = seedWriteMs;
    return figures;
  } finally {
    await session.close();
  }
}

/** Which targets the figures meet (the heap target counts the byte arrays too). */
export function libraryTargetsMet(f: LibraryFigures): Record<string, boolean> {
  return {
    firstRows: f.firstRowsMs <= LIBRARY_TARGETS.firstRowsMs,
    metaQueries: f.metaP95Ms <= LIBRARY_TARGETS.metaP95Ms,
    textQueries: f.textP95Ms <= LIBRARY_TARGETS.textP95Ms,
    searchReady: f.readyMs <= LIBRARY_TARGETS.readyMs,
    indexHeap: f.heapMB + f.buffersMB <= LIBRARY_TARGETS.heapMB,
  };
}

/** Table rows for `bench/run.ts`. */
export function libraryRows(f: LibraryFigures): [string, string][] {
  const met = libraryTargetsMet(f);
  const mark = (ok: boolean | undefined) => (ok ? 'met' : 'MISSED');
  return [
    ['library: papers', String(f.papers)],
    ['library: first rows painted (target ≤ 250)', `${f.firstRowsMs.toFixed(0)} ms ${mark(met.firstRows)}`],
    ['library: search ready from saved copy (target ≤ 500)', `${f.readyMs.toFixed(0)} ms ${mark(met.searchReady)}`],
    ['library: title/authors/tags/notes queries p50', `${f.metaP50Ms.toFixed(1)} ms`],
    ['library: title/authors/tags/notes queries p95 (target ≤ 30)', `${f.metaP95Ms.toFixed(1)} ms ${mark(met.metaQueries)}`],
    ['library: title/authors/tags/notes queries p95, second run', `${f.metaP95WarmMs.toFixed(1)} ms`],
    ['library: abstract/highlight queries p50', `${f.textP50Ms.toFixed(1)} ms`],
    ['library: abstract/highlight queries p95 (target ≤ 100)', `${f.textP95Ms.toFixed(1)} ms ${mark(met.textQueries)}`],
    ['library: abstract/highlight queries p95, second run', `${f.textP95WarmMs.toFixed(1)} ms`],
    ['library: index heap + byte arrays (target ≤ 50)', `${f.heapMB.toFixed(1)} + ${f.buffersMB.toFixed(1)} MB ${mark(met.indexHeap)}`],
    ['library: full index rebuild', `${(f.rebuildMs / 1000).toFixed(1)} s`],
  ];
}
