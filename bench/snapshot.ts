/**
 * What keeping a readable copy costs in the page, in real headless Chromium: the snapshot capture
 * (Readability on a clone, locally readable images, sanitising, text) on the ar5iv full-text page and the
 * Nature article, medians of fresh loads; and the size of the copy. It runs only when a paper is saved or the
 * user asks, never while detecting.
 *
 *   node --import tsx bench/snapshot.ts [--runs N] [--json]
 */
import { build } from 'esbuild';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT, fixtureCase } from '../tests/helpers/fixtures';
import { chromiumPath } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 9;
const PAGES = ['arxiv/ar5iv-html-1706.03762-2023', 'nature/nature-s41586-021-03819-2-alphafold'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const bundled = await build({
  entryPoints: [path.join(PROJECT_ROOT, 'tests/e2e/pages/capture-entry.ts')],
  bundle: true,
  format: 'iife',
  write: false,
  platform: 'browser',
  logLevel: 'silent',
});
const bundle = bundled.outputFiles[0]!.text;
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const figures: Record<string, number> = {};
try {
  for (const name of PAGES) {
    const fixture = fixtureCase(name);
    const body = fixture.html();
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage();
      await page.route(/^https?:\/\//, (route) =>
        route.request().url() === fixture.url ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }) : route.abort(),
      );
      await page.goto(fixture.url, { waitUntil: 'load' });
      await page.addScriptTag({ content: bundle });
      const measured = await page.evaluate(() => {
        const start = performance.now();
        const copy = (window as unknown as { lecternCapture(): { content: string; text: string } }).lecternCapture();
        return { ms: performance.now() - start, size: copy.content.length + copy.text.length };
      });
      times.push(measured.ms);
      size = measured.size;
      await page.close();
    }
    const key = name.split('/')[1]!.split('-').slice(0, 1)[0]!;
    figures[`capture_${key}_ms`] = Math.round(median(times));
    figures[`copy_${key}_kchars`] = Math.round(size / 1000);
    figures[`page_${key}_kchars`] = Math.round(body.length / 1000);
  }
} finally {
  await browser.close();
}
if (asJson) console.log(JSON.stringify(figures));
else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(28)} ${String(value)}`);
