/**
 * `npm run seed -- --papers 50000 --profile <dir> [--seed 1]`: fills a Chromium profile's Lectern library with
 * deterministic synthetic papers (`scripts/seed-data.ts`) for benchmarks, then builds and saves the search
 * index. It loads the built extension (`.output/chrome-mv3`; the npm script builds it) in that profile and
 * writes through the `lib/db` writers from an extension page (`bench/library-page.ts`). The extension's id,
 * and so where its database lives in the profile, depends on the extension folder: use the profile with the
 * same build folder. Papers already recorded in the profile are recorded again (nothing is duplicated).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../tests/e2e/harness';
import { benchPage, libraryPageBundle, type LibraryPageApi } from '../bench/library-session';

export interface SeedOptions {
  papers: number;
  profile: string;
  seed: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  papers: number;
  writeMs: number;
  rebuildMs: number;
}

/** Written into a seeded profile: `{ papers, seed }`, so that a benchmark can reuse the profile. */
export const SEED_MARKER = 'lectern-seed.json';

declare const LecternBench: LibraryPageApi;

export async function seedProfile({ papers, profile, seed, log = () => {} }: SeedOptions): Promise<SeedResult> {
  mkdirSync(profile, { recursive: true });
  const bundle = await libraryPageBundle();
  const session = await launch({ profileDir: path.resolve(profile) });
  try {
    const page = await benchPage(session, bundle);
    const step = 5000;
    let writeMs = 0;
    for (let from = 0; from < papers; from += step) {
      const to = Math.min(papers, from + step);
      writeMs += await page.evaluate(([a, b, s]) => LecternBench.seed(a, b, s), [from, to, seed] as const);
      log(`recorded ${to}/${papers} papers (${(writeMs / 1000).toFixed(1)} s)`);
    }
    const start = Date.now();
    const opened = await page.evaluate(() => LecternBench.open());
    await page.evaluate(() => LecternBench.save());
    const rebuildMs = Date.now() - start;
    await page.evaluate(() => LecternBench.close());
    log(`search index built and saved: ${opened.papers} papers in ${(rebuildMs / 1000).toFixed(1)} s`);
    await page.close();
    writeFileSync(path.join(profile, SEED_MARKER), JSON.stringify({ papers, seed }));
    return { papers: opened.papers, writeMs, rebuildMs };
  } finally {
    await session.close();
  }
}

function argument(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const papers = Number(argument(args, '--papers') ?? 50_000);
  const profile = argument(args, '--profile');
  const seed = Number(argument(args, '--seed') ?? 1);
  if (!profile || !(papers > 0) || !Number.isFinite(seed)) {
    console.error('Usage: npm run seed -- --papers 50000 --profile <dir> [--seed 1]');
    process.exit(2);
  }
  seedProfile({ papers, profile, seed, log: (line) => console.error(line) })
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
