/**
 * On-page badges on the 1,675-entry arXiv month page: their cost to the page, from the User Timing entries
 * the content script leaves in the page's buffer.
 *
 * - `badgesMainThreadMs`: the content script's own main-thread time building and placing every badge (the sum
 *   of its `lectern:badges` measures; badges go in as few tasks as possible, on-screen ones first).
 * - `firstBadgeMs`: from document idle (`lectern:start`, the content script's first line) to the first frame
 *   that shows badges (`lectern:first-badge`, marked after that frame).
 * - `badgeRenderMs` (context, not a target): the style and layout time of the animation frames that follow
 *   each `lectern:badges` task, from the Long Animation Frames API when the page observed it (see
 *   `observeFrames`); it is the browser's work for the page with badges, not script time.
 *
 * `badgeTimings(page)` is for the benchmark (`bench/run.ts` calls it on a page loaded on the large fixture);
 * run this file alone for medians over fresh loads: `npm run -s build:chrome && node --import tsx bench/badges.ts [--runs N] [--json]`.
 */
import type { Page } from 'playwright-core';

export interface BadgeTimings {
  badgesMainThreadMs: number;
  firstBadgeMs: number;
  /** Badges on the page when measured. */
  badges: number;
  /** Style and layout of the frames after badge tasks; `undefined` unless `observeFrames` ran first. */
  badgeRenderMs?: number;
}

/**
 * Call before `page.goto` to record Long Animation Frames from the start (for `badgeRenderMs`). Optional:
 * `badgeTimings` works without it.
 */
export async function observeFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const frames: { start: number; end: number; styleAndLayoutStart: number }[] = [];
    (globalThis as unknown as { __lecternFrames: typeof frames }).__lecternFrames = frames;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { startTime: number; duration: number; styleAndLayoutStart: number }[]) {
          frames.push({ start: entry.startTime, end: entry.startTime + entry.duration, styleAndLayoutStart: entry.styleAndLayoutStart });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No Long Animation Frames in this browser.
    }
  });
}

/**
 * Waits (up to `timeoutMs`) until the content script has marked its first badge and every detected entry
 * has a badge, then answers the timings. `expectedBadges` defaults to the number of entries the content
 * script detected (its `lectern:detect` measure).
 */
export async function badgeTimings(page: Page, options: { expectedBadges?: number; timeoutMs?: number } = {}): Promise<BadgeTimings> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let complete = false;
  for (;;) {
    const result = await page.evaluate(([expected, final]) => {
      const start = performance.getEntriesByName('lectern:start')[0];
      const first = performance.getEntriesByName('lectern:first-badge')[0];
      const detect = performance.getEntriesByName('lectern:detect')[0] as PerformanceMeasure | undefined;
      const wanted = expected ?? (detect?.detail as { papers?: number } | undefined)?.papers;
      const badges = document.querySelectorAll('lectern-badge').length;
      if (!start || !first || wanted === undefined || badges < wanted) return undefined;
      const measures = performance.getEntriesByName('lectern:badges');
      const frames = (globalThis as unknown as { __lecternFrames?: { start: number; end: number; styleAndLayoutStart: number }[] }).__lecternFrames;
      // Long Animation Frame entries arrive a little after their frame: ask again once they can have.
      if (frames && !final) return 'wait' as const;
      let render: number | undefined;
      if (frames) {
        render = 0;
        for (const measure of measures) {
          const end = measure.startTime + measure.duration;
          // The frame whose work includes this task renders its badges.
          const frame = frames.find((f) => f.start <= end + 1 && f.end >= end && f.styleAndLayoutStart > 0);
          if (frame) render += frame.end - Math.max(frame.styleAndLayoutStart, end);
        }
      }
      return {
        badgesMainThreadMs: measures.reduce((sum, m) => sum + m.duration, 0),
        firstBadgeMs: first.startTime - start.startTime,
        badges,
        ...(render !== undefined ? { badgeRenderMs: render } : {}),
      };
    }, [options.expectedBadges, complete] as const);
    if (result === 'wait') {
      complete = true;
      await new Promise((r) => setTimeout(r, 1_000));
      continue;
    }
    if (result) return result;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the badges (no lectern:first-badge mark, or fewer badges than entries)');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Run alone: medians over fresh loads of the large page, first visits (empty library) and revisits.

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const { fixtureCase } = await import('../tests/helpers/fixtures');
  const { launch } = await import('../tests/e2e/harness');
  type Session = Awaited<ReturnType<typeof launch>>;
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 9;
  const asJson = args.includes('--json');
  const fixture = fixtureCase('arxiv-rendered/list-large-astro-ph-2020-06-show2000');

  const reports = async (session: Session) =>
    (await session.worker()).evaluate(() => performance.getEntriesByName('lectern:page.report').length);
  /** One load, measured; waits for its recording to finish so that loads do not overlap. */
  const load = async (session: Session): Promise<BadgeTimings> => {
    const before = await reports(session);
    const page = await session.context.newPage();
    await observeFrames(page);
    await page.goto(fixture.url, { waitUntil: 'domcontentloaded' });
    const timings = await badgeTimings(page, { expectedBadges: fixture.truth.entries.length });
    for (let t = 0; t < 600 && (await reports(session)) <= before; t++) await page.waitForTimeout(100);
    await page.close();
    return timings;
  };

  const figures: Record<'first' | 'revisit', BadgeTimings[]> = { first: [], revisit: [] };
  // First visits: a fresh profile each time (an emptied library is not the same as a new one).
  for (let i = 0; i < runs; i++) {
    const session = await launch();
    try {
      await session.serve(fixture.url, fixture.html());
      figures.first.push(await load(session));
      if (!asJson) console.error('first visit', i + 1, JSON.stringify(figures.first.at(-1)));
    } finally {
      await session.close();
    }
  }
  // Revisits: one profile, the page recorded once, then loaded again and again.
  const session = await launch();
  try {
    await session.serve(fixture.url, fixture.html());
    await load(session);
    for (let i = 0; i < runs; i++) {
      figures.revisit.push(await load(session));
      if (!asJson) console.error('revisit', i + 1, JSON.stringify(figures.revisit.at(-1)));
    }
  } finally {
    await session.close();
  }
  const summary = Object.fromEntries(
    (['first', 'revisit'] as const).flatMap((kind) => [
      [`${kind}.badgesMainThreadMs`, median(figures[kind].map((t) => t.badgesMainThreadMs))],
      [`${kind}.firstBadgeMs`, median(figures[kind].map((t) => t.firstBadgeMs))],
      [`${kind}.badgeRenderMs`, median(figures[kind].map((t) => t.badgeRenderMs ?? Number.NaN))],
    ]),
  );
  console.log(asJson ? JSON.stringify(summary) : summary);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''))) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
