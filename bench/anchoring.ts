/**
 * Re-anchoring highlights on the ar5iv full-text page (`arxiv/ar5iv-html-1706.03762-2023.html`, served at its
 * real URL), in real headless Chromium: the anchoring code (`lib/anchoring`) is bundled and run in the page's
 * main world, on the page's real DOM.
 *
 * 200 highlights are made from seeded random selections of the page's paragraphs (`describe`); then, per
 * run, all 200 are anchored again from their selectors against a freshly read text (`createTextIndex` once,
 * then `anchor` for each), as the content script does on load:
 * - `anchorUnchangedMs`: the page as it was (the position selector places each one); `anchorFirstMs`, the
 *   first of those runs (cold code, as on a page load);
 * - `anchorShiftedMs`: a paragraph inserted at the top (positions are off: the quote search places them);
 * - `drawMs`: drawing the 200 ranges with the CSS Custom Highlight API.
 * Target: `anchorUnchangedMs` ≤ 100 ms.
 *
 * `anchoringTimings(session)` is for `bench/run.ts`; run this file alone for its figures:
 * `npm run -s build:chrome && node --import tsx bench/anchoring.ts [--runs N] [--json]`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { PROJECT_ROOT, fixtureCases } from '../tests/helpers/fixtures';
import { launch, type Session } from '../tests/e2e/harness';

export const ANCHORING_URL = 'https://ar5iv.labs.arxiv.org/html/1706.03762';
export const HIGHLIGHTS = 200;

export interface AnchoringTimings {
  highlights: number;
  /** Of the 200, how many were placed on the unchanged and on the shifted page. */
  placedUnchanged: number;
  placedShifted: number;
  /** The first anchoring of the 200 in the page (cold code, as on a page load). */
  anchorFirstMs: number;
  anchorUnchangedMs: number;
  anchorShiftedMs: number;
  drawMs: number;
}

async function anchoringBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: path.join(PROJECT_ROOT, 'bench/anchoring-entry.ts'), formats: ['iife'], name: 'LecternAnchoring' },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  if (!result || !('output' in result)) throw new Error('Could not bundle the anchoring code');
  const chunk = result.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('Could not bundle the anchoring code');
  return chunk.code;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians over `runs` re-anchorings of 200 highlights on the ar5iv page, in a session already launched. */
export async function anchoringTimings(session: Session, runs = 15): Promise<AnchoringTimings> {
  const fixture = fixtureCases(['arxiv']).find((c) => c.url === ANCHORING_URL);
  if (!fixture) throw new Error(`No fixture for ${ANCHORING_URL}`);
  const bundle = await anchoringBundle();
  await session.serve(ANCHORING_URL, fixture.html());
  const page = await session.context.newPage();
  await page.goto(ANCHORING_URL, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await page.addScriptTag({ content: bundle });
  const result = await page.evaluate(
    ([count, runs]) => {
      type Api = typeof import('./anchoring-entry');
      const api = (globalThis as unknown as { LecternAnchoring: Api }).LecternAnchoring;
      const root = document.body;
      // Seeded selections (mulberry32), 20 to 200 characters, starting in the page's paragraphs.
      let seed = 7;
      const random = () => {
        seed = (seed + 0x6d2b79f5) >>> 0;
        let t = seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const index = api.createTextIndex(root);
      const inParagraph = (offset: number) => {
        let lo = 0;
        let hi = index.starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (index.starts[mid]! <= offset) lo = mid;
          else hi = mid - 1;
        }
        return index.nodes[lo]!.parentElement?.closest('.ltx_para') != null;
      };
      const selectors: NonNullable<ReturnType<Api['describe']>>[] = [];
      while (selectors.length < count) {
        const start = Math.floor(random() * index.raw.length);
        const end = start + 20 + Math.floor(random() * 180);
        if (end > index.raw.length || !inParagraph(start)) continue;
        const range = api.rangeFromRaw(index, start, end);
        const described = range && api.describe(root, range, index);
        if (described) selectors.push(described);
      }
      const anchorAll = () => {
        const t = performance.now();
        const fresh = api.createTextIndex(root);
        const ranges = selectors.map((s) => api.anchor(root, s, fresh));
        return { ms: performance.now() - t, ranges };
      };
      const unchanged: number[] = [];
      let placedUnchanged = 0;
      let lastRanges: (Range | null)[] = [];
      for (let i = 0; i < runs; i++) {
        const { ms, ranges } = anchorAll();
        unchanged.push(ms);
        placedUnchanged = ranges.filter(Boolean).length;
        lastRanges = ranges;
      }
      const painter = api.createPainter(document);
      const t = performance.now();
      for (const range of lastRanges) if (range) painter.draw(range, 'yellow');
      const drawMs = performance.now() - t;
      painter.destroy();

      const inserted = document.createElement('p');
      inserted.textContent = 'A paragraph added at the top of the page in a later revision, which moves every position. '.repeat(3);
      root.prepend(inserted);
      const shifted: number[] = [];
      let placedShifted = 0;
      for (let i = 0; i < runs; i++) {
        const { ms, ranges } = anchorAll();
        shifted.push(ms);
        placedShifted = ranges.filter(Boolean).length;
      }
      inserted.remove();
      return { unchanged, shifted, drawMs, placedUnchanged, placedShifted };
    },
    [HIGHLIGHTS, runs] as const,
  );
  await page.close();
  return {
    highlights: HIGHLIGHTS,
    placedUnchanged: result.placedUnchanged,
    placedShifted: result.placedShifted,
    anchorFirstMs: result.unchanged[0]!,
    anchorUnchangedMs: median(result.unchanged),
    anchorShiftedMs: median(result.shifted),
    drawMs: result.drawMs,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 15;
  const session = await launch();
  try {
    const figures = await anchoringTimings(session, runs);
    if (args.includes('--json')) console.log(JSON.stringify(figures));
    else console.log(figures);
  } finally {
    await session.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
