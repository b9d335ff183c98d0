/**
 * Detection never fails a page and never hands the database an entry the request validator refuses:
 * - every adapter and generic detection over every fixture page (the shared set and ours), each adapter also
 *   on the pages of other sites, at an address it serves;
 * - generated hostile pages (tests/stress/hostile-pages.ts) at the addresses of every adapter and of sites
 *   no adapter serves: 300 here, 10,000 in `npm run stress` (LECTERN_FUZZ_RUNS).
 * An exception that escapes an adapter would lose the whole page's entries (detectPage answers nothing), and
 * one entry the validator refuses would make the background refuse the whole report.
 */
import nodeConsole from 'node:console';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { detectedPaperSchema } from '../../lib/messaging/validate';
import { detectGeneric } from '../../lib/sites/generic';
import { ADAPTERS, adapterFor, detectPage } from '../../lib/sites/registry';
import type { PageEntries, SiteAdapter } from '../../lib/sites/types';
import { fixtureCases } from '../helpers/fixtures';
import { countFromEnv, writeFigures } from '../stress/figures';
import { FUZZ_SEED, hostileCase, PAGE_URLS } from '../stress/hostile-pages';
import { idsShown, listingPage, syntheticPaper, type ListingKind } from '../stress/listings';

const FUZZ_RUNS = countFromEnv('LECTERN_FUZZ_RUNS', 300);
/** `npm run stress` runs its 10,000 pages as several processes, each with its own seed. */
const SEED = FUZZ_SEED + countFromEnv('LECTERN_FUZZ_SEED_OFFSET', 0);

/** happy-dom reports stylesheets and frames it does not load on Node's console: noise here. */
function parse(html: string): Document {
  const quiet = vi.spyOn(nodeConsole as Console, 'error').mockImplementation(() => {});
  try {
    return new DOMParser().parseFromString(html, 'text/html');
  } finally {
    quiet.mockRestore();
  }
}

/** What is wrong with one detection's entries: each entry the validator refuses, and a broken shape. */
function problems(where: string, result: PageEntries | undefined): string[] {
  if (!result) return [];
  const out: string[] = [];
  if (!Array.isArray(result.papers)) return [`${where}: papers is not an array`];
  if (result.anchors && result.anchors.length !== result.papers.length) out.push(`${where}: ${result.anchors.length} anchors for ${result.papers.length} papers`);
  result.papers.forEach((paper, i) => {
    const parsed = v.safeParse(detectedPaperSchema, paper);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      out.push(`${where} #${i} ${JSON.stringify(paper.id)?.slice(0, 80)}: ${path} ${issue.message}`);
    }
  });
  return out;
}

/**
 * Runs detection and answers what escaped, as readable lines, and with `validate` the entries the request
 * validator refuses (adapters may return over-long text: `detectPage` brings entries within the limits).
 */
function check(where: string, run: () => PageEntries | undefined, validate = false): string[] {
  try {
    const result = run();
    return validate ? problems(where, result) : [];
  } catch (error) {
    return [`${where}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 300)];
  }
}

/** An address each adapter serves, for running it on other sites' pages. */
const cases = fixtureCases(undefined, { includeProject: true });
const ownUrl = new Map<SiteAdapter, URL>();
for (const url of [...cases.map((c) => c.url), ...PAGE_URLS]) {
  const adapter = adapterFor(url);
  if (adapter && !ownUrl.has(adapter)) ownUrl.set(adapter, new URL(url));
}

describe('every adapter and generic detection on every fixture page', () => {
  it('has an address for every adapter', () => {
    expect(ADAPTERS.filter((a) => !ownUrl.has(a)).map((a) => a.name)).toEqual([]);
  });

  for (const c of cases) {
    it(c.name, () => {
      const doc = parse(c.html());
      const url = new URL(c.url);
      const found: string[] = [];
      for (const adapter of ADAPTERS) {
        const at = adapter.appliesTo(url) ? url : ownUrl.get(adapter)!;
        found.push(...check(`${adapter.name} at ${at.href}`, () => adapter.entries(doc, at)));
      }
      found.push(...check('generic', () => detectGeneric(doc, url)));
      found.push(...check('detectPage', () => detectPage(doc, url), true));
      expect(found).toEqual([]);
    });
  }
});

describe('generated hostile pages', () => {
  it(`${FUZZ_RUNS} pages: nothing escapes, every entry passes the request validator`, () => {
    let pages = 0;
    let entries = 0;
    let failed = 0;
    const failures: string[] = [];
    fc.assert(
      fc.property(hostileCase, ([html, address]) => {
        pages++;
        const doc = parse(html);
        const url = new URL(address);
        const adapter = adapterFor(url);
        const found = [
          ...(adapter ? check(adapter.name, () => adapter.entries(doc, url)) : []),
          ...check('generic', () => detectGeneric(doc, url)),
          ...check('detectPage', () => {
            const result = detectPage(doc, url);
            entries += result.papers.length;
            return result;
          }, true),
        ];
        // Every page runs (no early stop, no shrinking of huge pages): the failures are listed, short.
        failed += found.length ? 1 : 0;
        for (const line of found) if (failures.length < 20 && !failures.includes(line.slice(0, 200))) failures.push(line.slice(0, 200));
      }),
      { seed: SEED, numRuns: FUZZ_RUNS },
    );
    writeFigures('fuzz', { doms: pages, entries, failures: failed });
    expect(failures).toEqual([]);
    expect(pages).toBe(FUZZ_RUNS);
  }, 30_000 + FUZZ_RUNS * 150);
});

describe('constructed listings of the lifecycle and stress tests', () => {
  const papers = [0, 1, 2].map((i) => syntheticPaper('2611', i));
  const urls: Record<ListingKind, string> = {
    'arxiv-list': 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=3',
    'arxiv-search': 'https://arxiv.org/search/?query=synthetic&searchtype=all',
    dblp: 'https://dblp.org/search?q=synthetic',
    huggingface: 'https://huggingface.co/papers/date/2026-01-05',
  };
  for (const kind of Object.keys(urls) as ListingKind[]) {
    it(`${kind}: each entry is read with the ids the tests look for`, () => {
      const result = detectPage(parse(listingPage(kind, papers, (i) => i === 0)), urls[kind]);
      expect(result.papers.map((p) => p.title)).toEqual(papers.map((p) => p.title));
      result.papers.forEach((found, i) => {
        for (const id of idsShown(kind, papers[i]!)) expect(found.aliases).toContain(id);
      });
      if (kind === 'arxiv-list') expect(result.papers.map((p) => Boolean(p.abstract))).toEqual([true, false, false]);
    });
  }
});
