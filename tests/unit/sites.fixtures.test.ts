/**
 * Every fixture page against its truth file — the shared set (all sites, non-scholarly pages and the
 * captcha page included) and the project's constructed pages: same entries, same order, same ids (by title
 * where the truth has none), same titles, authors wherever the truth has them, abstract present exactly when
 * the truth says so. No tolerance.
 */
import nodeConsole from 'node:console';
import { describe, expect, it, vi } from 'vitest';
import { fixtureCases, type FixtureCase } from '../helpers/fixtures';
import { ADAPTERS, adapterFor, detectPage } from '../../lib/sites/registry';
import type { DetectedPaper } from '../../lib/model';

const cases = fixtureCases(undefined, { includeProject: true });

/** Adapters whose title elements (`anchors`) are filled in; the rest may report null. */
const ANCHORED = new Set(ADAPTERS.map((a) => a.name).filter((n) => n !== 'arxiv' && n !== 'huggingface'));
ANCHORED.add('generic');

/**
 * Parse a fixture page. happy-dom reports each stylesheet and iframe it does not load on the console it
 * was created with (Node's); those reports are noise here and are silenced while parsing.
 */
function parse(c: FixtureCase): Document {
  const quiet = vi.spyOn(nodeConsole as Console, 'error').mockImplementation(() => {});
  try {
    return new DOMParser().parseFromString(c.html(), 'text/html');
  } finally {
    quiet.mockRestore();
  }
}

/** One line per entry that differs from the truth, for a readable failure. */
function differences(c: FixtureCase, papers: DetectedPaper[]): string[] {
  const out: string[] = [];
  const truth = c.truth.entries;
  if (papers.length !== truth.length) out.push(`count: got ${papers.length}, truth ${truth.length}`);
  for (let i = 0; i < Math.min(papers.length, truth.length); i++) {
    const got = papers[i]!;
    const want = truth[i]!;
    const where = `#${i} ${want.id ?? want.title}`;
    if (want.id !== null ? got.id !== want.id : got.title !== want.title) out.push(`${where}: id ${got.id}`);
    if (got.title !== want.title) out.push(`${where}: title ${JSON.stringify(got.title)}`);
    if (want.authors !== null && JSON.stringify(got.authors) !== JSON.stringify(want.authors)) {
      out.push(`${where}: authors ${JSON.stringify(got.authors)} ≠ ${JSON.stringify(want.authors)}`);
    }
    if (want.hasAbstract !== (got.abstract !== undefined && got.abstract.length > 0)) {
      out.push(`${where}: abstract ${got.abstract === undefined ? 'missing' : 'present'}`);
    }
  }
  return out;
}

const normal = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('detection on fixture pages', () => {
  it('has fixture pages for every shared site and every adapter', () => {
    const sites = new Set(fixtureCases().map((c) => c.site));
    for (const site of ['arxiv', 'arxiv-rendered', 'huggingface', 'nonscholarly', 'google-scholar']) expect(sites.has(site), site).toBe(true);
    for (const a of ADAPTERS) expect(cases.some((c) => adapterFor(new URL(c.url)) === a), a.name).toBe(true);
  });

  for (const c of cases) {
    it(`${c.name} (${c.truth.kind}, ${c.truth.entries.length} entries)`, () => {
      const url = new URL(c.url);
      const doc = parse(c);
      const result = detectPage(doc, url);
      expect(result.kind).toBe(c.truth.kind);
      expect(differences(c, result.papers)).toEqual([]);
      expect(result.anchors).toHaveLength(result.papers.length);

      // Shape every entry must have, whatever the truth checks.
      result.papers.forEach((p, i) => {
        expect(p.aliases[0]).toBe(p.id);
        expect(new Set(p.aliases).size).toBe(p.aliases.length);
        expect(p.title).toBe(p.title.replace(/\s+/g, ' ').trim());
        expect(p.title.length).toBeGreaterThan(0);
        expect(p.id).toMatch(/^(?:arxiv|doi|pmid|pmcid|openreview|acl|url):\S/);
        if (p.id.startsWith('arxiv:')) {
          const bare = p.id.slice('arxiv:'.length);
          expect(p.aliases).toContain(`url:https://arxiv.org/abs/${bare}`);
          expect(p.links.abs).toBe(`https://arxiv.org/abs/${bare}`);
          expect(p.links.pdf).toBe(`https://arxiv.org/pdf/${bare}`);
        }
        for (const link of Object.values(p.links)) expect(link).toMatch(/^https?:\/\//);
        // The title element, where the adapter reports it, shows the title.
        const anchor = result.anchors[i];
        if (result.adapter && ANCHORED.has(result.adapter)) {
          expect(anchor, `${c.name} #${i}: no title element`).toBeTruthy();
          const shown = normal(anchor!.textContent);
          expect(shown.includes(normal(p.title)) || normal(p.title).includes(shown), `${c.name} #${i}: ${shown}`).toBe(true);
        }
      });
    });
  }
});

describe('details the truth files do not cover', () => {
  const byName = (name: string) => {
    const c = cases.find((x) => x.name === name);
    if (!c) throw new Error(`fixture ${name} missing`);
    return detectPage(parse(c), new URL(c.url));
  };

  it('abs page: version, date, links', () => {
    const [p] = byName('arxiv/abs-1706.03762-attention').papers;
    expect(p).toMatchObject({
      id: 'arxiv:1706.03762',
      version: 7,
      published: '2017-06-12',
      links: {
        abs: 'https://arxiv.org/abs/1706.03762',
        pdf: 'https://arxiv.org/pdf/1706.03762',
        html: 'https://arxiv.org/html/1706.03762',
      },
    });
    expect(p!.aliases).toEqual(['arxiv:1706.03762', 'url:https://arxiv.org/abs/1706.03762']);
    expect(p!.abstract).toMatch(/^The dominant sequence transduction models/);
  });

  it('head-only abs page: metadata from meta tags, version from the URL', () => {
    const [p] = byName('arxiv/abs-1902.02534-head-only-2024').papers;
    expect(p).toMatchObject({ id: 'arxiv:1902.02534', version: 2, published: '2019-02-07' });
    expect(p!.abstract).toBeUndefined();
  });

  it('rendered abs page shows its version and date', () => {
    const [p] = byName('arxiv-rendered/abs-2101.10016').papers;
    expect(p).toMatchObject({ version: 8, published: '2021-01-25' });
  });

  it('ar5iv full text: one paper, not its 40 references', () => {
    const r = byName('arxiv/ar5iv-html-1706.03762-2023');
    expect(r.papers).toHaveLength(1);
    expect(r.papers[0]!.links.page).toBe('https://ar5iv.labs.arxiv.org/html/1706.03762');
    expect(r.papers[0]!.abstract).toMatch(/^The dominant sequence transduction models/);
  });

  it('search results: DOI aliases, journal reference, first-version date, no toggle text', () => {
    const r = byName('arxiv-rendered/search-all-quantum-50');
    const p = r.papers.find((x) => x.id === 'arxiv:0704.0114')!;
    expect(p.aliases).toEqual([
      'arxiv:0704.0114',
      'url:https://arxiv.org/abs/0704.0114',
      'doi:10.1103/physrevb.80.174403',
    ]);
    expect(p.venue).toBe('Physical Review B 80, 174403 (2009)');
    expect(p.published).toBe('2007-04-02');
    expect(p.abstract).toMatch(/cannot make a definite conclusion regarding the order of the transition\.$/);
    for (const x of r.papers) expect(x.abstract).not.toMatch(/[△▽]|\bMore$|\bLess$/);
  });

  it('/new listing: replacement entries have no abstract, new ones do', () => {
    const r = byName('arxiv-rendered/list-q-fin-new');
    expect(r.papers[0]!.abstract).toMatch(/^We show that the main empirical findings/);
    expect(r.papers.at(-1)!.abstract).toBeUndefined();
  });

  it('Hugging Face daily: real names, code link, date, page link and aliases', () => {
    const r = byName('huggingface/hf-daily-2026-09-28');
    const p = r.papers[0]!;
    expect(p.id).toBe('arxiv:2609.31620');
    expect(p.published).toBe('2026-09-25');
    expect(p.links).toEqual({
      abs: 'https://arxiv.org/abs/2609.31620',
      pdf: 'https://arxiv.org/pdf/2609.31620',
      html: 'https://arxiv.org/html/2609.31620',
      page: 'https://huggingface.co/papers/2609.31620',
      code: 'https://github.com/Hongyang-Du/FuseReg',
    });
    expect(p.aliases).toEqual([
      'arxiv:2609.31620',
      'url:https://huggingface.co/papers/2609.31620',
      'url:https://arxiv.org/abs/2609.31620',
    ]);
    // Names that arrive entity-escaped in the hydration JSON are decoded.
    const game = r.papers.find((x) => x.id === 'arxiv:2609.31473')!;
    expect(game.authors).toContain("Christopher D'Mello");
  });

  it('Hugging Face trending keeps the placeholder ids and papers without authors', () => {
    const r = byName('huggingface/hf-trending');
    expect(r.papers.filter((p) => p.id.startsWith('arxiv:2501.999'))).toHaveLength(10);
    expect(r.papers.filter((p) => p.authors.length === 0)).toHaveLength(12);
  });
});

describe('Hugging Face card fallback on the real listing markup', () => {
  for (const name of ['huggingface/hf-daily-2026-09-28', 'huggingface/hf-trending']) {
    it(`${name}: without hydration JSON the cards give the same papers and titles`, () => {
      const c = cases.find((x) => x.name === name)!;
      const doc = parse(c);
      for (const el of Array.from(doc.getElementsByClassName('SVELTE_HYDRATER'))) {
        if (el.getAttribute('data-target') === 'DailyPapers') el.setAttribute('data-props', '{"dailyPapers": [');
      }
      const r = detectPage(doc, new URL(c.url));
      expect(r.kind).toBe('list');
      expect(r.papers.map((p) => [p.id, p.title])).toEqual(c.truth.entries.map((e) => [e.id, e.title]));
      // Cards show avatars with user names, not author names.
      for (const p of r.papers) expect(p.authors).toEqual([]);
    });
  }
});

describe('Hugging Face paper page without hydration JSON', () => {
  it('reads title, authors and abstract from the page itself', () => {
    const c = cases.find((x) => x.name === 'huggingface/hf-paper-page')!;
    const doc = parse(c);
    for (const el of Array.from(doc.getElementsByClassName('SVELTE_HYDRATER'))) {
      if (el.getAttribute('data-target') === 'PaperContent') el.removeAttribute('data-props');
    }
    const r = detectPage(doc, new URL(c.url));
    expect(r.kind).toBe('single');
    expect(differences(c, r.papers)).toEqual([]);
    expect(r.papers[0]!.published).toBe('2026-09-25');
  });
});

describe('performance on the 1,675-entry month page (informational)', () => {
  it('extracts every entry', () => {
    const c = cases.find((x) => x.name === 'arxiv-rendered/list-large-astro-ph-2020-06-show2000')!;
    let t = performance.now();
    const doc = parse(c);
    const parseMs = performance.now() - t;
    const runs: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      count = detectPage(doc, new URL(c.url)).papers.length;
      runs.push(performance.now() - t);
    }
    expect(count).toBe(1675);
    const sorted = [...runs].sort((a, b) => a - b);
    console.info(
      `[sites] 1,675-entry page in happy-dom: parse ${parseMs.toFixed(0)} ms, extraction first ${runs[0]!.toFixed(0)} ms, ` +
        `median ${sorted[2]!.toFixed(0)} ms`,
    );
  });
});
