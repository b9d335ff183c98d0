/**
 * The shape of `lib/sites/`: every adapter file is registered, serves declared hosts, stays independent of
 * other adapters and has a fixture page; detection never throws and never turns page text into markup.
 * Adding a site = one adapter file + its entry in ADAPTERS + a fixture page with a truth file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, fixtureCases, fixturesDir, projectFixturesDir } from '../helpers/fixtures';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { ADAPTERS, adapterFor, detectPage } from '../../lib/sites/registry';
import type { SiteAdapter } from '../../lib/sites/types';

const SITES_DIR = path.join(PROJECT_ROOT, 'lib', 'sites');
const NOT_ADAPTERS = new Set(['types.ts', 'registry.ts', 'hosts.ts']);

const adapterFiles = readdirSync(SITES_DIR, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !NOT_ADAPTERS.has(e.name))
  .map((e) => e.name)
  .sort();
const adapterBases = new Set(adapterFiles.map((f) => f.replace(/\.ts$/, '')));

function isAdapter(value: unknown): value is SiteAdapter {
  const a = value as SiteAdapter | undefined;
  return (
    !!a &&
    typeof a.name === 'string' &&
    Array.isArray(a.matches) &&
    typeof a.appliesTo === 'function' &&
    typeof a.entries === 'function'
  );
}

/** Module specifiers a source file imports or re-exports (static and dynamic). */
function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

const truths = fixtureCases(undefined, { includeProject: true });

/** Every `.html` file under `dir`, as a path relative to it with forward slashes. */
function htmlFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...htmlFiles(path.join(dir, e.name), `${prefix}${e.name}/`));
    else if (e.name.endsWith('.html')) out.push(`${prefix}${e.name}`);
  }
  return out.sort();
}

describe('lib/sites structure', () => {
  it('has adapter files', () => {
    expect(adapterFiles.length, 'no adapter files found in lib/sites').toBeGreaterThan(0);
  });

  for (const file of adapterFiles) {
    describe(`lib/sites/${file}`, () => {
      const base = file.replace(/\.ts$/, '');
      const source = readFileSync(path.join(SITES_DIR, file), 'utf8');

      it('exports an adapter registered in ADAPTERS', async () => {
        const mod = (await import(/* @vite-ignore */ path.join(SITES_DIR, file))) as { adapter?: unknown };
        expect(
          isAdapter(mod.adapter),
          `lib/sites/${file} must export \`adapter: SiteAdapter\` (see lib/sites/types.ts)`,
        ).toBe(true);
        expect(
          ADAPTERS.includes(mod.adapter as SiteAdapter),
          `lib/sites/${file} is not registered: add \`import { adapter as ${base} } from './${base}'\` and put it in ADAPTERS in lib/sites/registry.ts`,
        ).toBe(true);
      });

      it('declares match patterns, all of them content-script hosts', async () => {
        const { adapter } = (await import(/* @vite-ignore */ path.join(SITES_DIR, file))) as { adapter: SiteAdapter };
        expect(adapter.matches.length, `lib/sites/${file}: list the pages it serves in \`matches\``).toBeGreaterThan(0);
        for (const pattern of adapter.matches) {
          expect(
            CONTENT_SCRIPT_HOSTS,
            `lib/sites/${file}: match pattern ${pattern} is missing from CONTENT_SCRIPT_HOSTS in lib/sites/hosts.ts: add it there so the content script runs on those pages`,
          ).toContain(pattern);
        }
      });

      it('does not import another adapter or the registry', () => {
        for (const spec of importSpecifiers(source)) {
          if (!spec.startsWith('.')) continue;
          const target = path.relative(SITES_DIR, path.resolve(SITES_DIR, spec)).replace(/\.ts$/, '');
          expect(
            adapterBases.has(target) || target === 'registry',
            `lib/sites/${file} imports '${spec}': adapters may only import ./types, ./shared/* and lib modules; move shared code to lib/sites/shared/`,
          ).toBe(false);
        }
      });

      it('keeps no module-level mutable state', () => {
        const mutable = /^(?:export\s+)?(?:let|var)\s+\w+/m.exec(source);
        expect(mutable?.[0], `lib/sites/${file}: module-level \`${mutable?.[0]}\` — adapters must be stateless; pass values through function arguments`).toBeUndefined();
      });

      it('has a fixture page with a truth file it applies to', async () => {
        const { adapter } = (await import(/* @vite-ignore */ path.join(SITES_DIR, file))) as { adapter: SiteAdapter };
        const covered = truths.filter((c) => adapter.appliesTo(new URL(c.url)));
        expect(
          covered.length,
          `lib/sites/${file}: no fixture truth file has a URL this adapter applies to; add pages/<site>/<name>.html and truth/<site>/<name>.json to the shared fixtures, or a constructed page under tests/fixtures`,
        ).toBeGreaterThan(0);
      });
    });
  }

  it('adapter names are unique', () => {
    const names = ADAPTERS.map((a) => a.name);
    expect(new Set(names).size, `duplicate adapter names: ${names.join(', ')}`).toBe(names.length);
  });

  it('every shared fixture page has a truth file, so the fixture test reads it', () => {
    const dir = fixturesDir();
    const withTruth = new Set(truths.filter((c) => c.origin === 'shared').map((c) => c.truth.page));
    const missing = htmlFiles(path.join(dir, 'pages')).filter((page) => !withTruth.has(page));
    expect(missing, `pages without truth/<site>/<name>.json under ${dir}`).toEqual([]);
  });

  it('every constructed page has a truth file and says on its first line that it is constructed', () => {
    const dir = projectFixturesDir();
    const withTruth = new Set(truths.filter((c) => c.origin === 'project').map((c) => c.truth.page));
    for (const page of htmlFiles(path.join(dir, 'pages'))) {
      expect(withTruth.has(page), `tests/fixtures/pages/${page} has no truth file under tests/fixtures/truth/`).toBe(true);
      const first = readFileSync(path.join(dir, 'pages', page), 'utf8').split('\n', 1)[0]!;
      expect(first, `tests/fixtures/pages/${page}: the first line must be an HTML comment saying the page is constructed and what it was modelled on`).toMatch(/^<!--.*\bconstructed\b.*modelled on.*-->$/i);
    }
    for (const c of truths.filter((x) => x.origin === 'project')) {
      expect(existsSync(c.pagePath), `${c.name}: page ${c.truth.page} is missing`).toBe(true);
      expect(() => new URL(c.url), `${c.name}: truth needs a url`).not.toThrow();
    }
  });

  it('content-script hosts are plain https match patterns, never all URLs', () => {
    expect(CONTENT_SCRIPT_HOSTS).not.toContain('<all_urls>');
    expect(new Set(CONTENT_SCRIPT_HOSTS).size).toBe(CONTENT_SCRIPT_HOSTS.length);
    for (const pattern of CONTENT_SCRIPT_HOSTS) {
      expect(pattern, pattern).toMatch(/^https:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*$/);
      expect(pattern, pattern).not.toMatch(/^https:\/\/\*\/|^\*:/);
    }
  });

  it('no fixture URL is claimed by two adapters', () => {
    for (const c of truths) {
      const claimed = ADAPTERS.filter((a) => a.appliesTo(new URL(c.url))).map((a) => a.name);
      expect(claimed.length, `${c.name} (${c.url}) is claimed by ${claimed.join(' and ')}: narrow appliesTo`).toBeLessThanOrEqual(1);
    }
  });
});

describe('detectPage on bad input', () => {
  const empty = () => new DOMParser().parseFromString('', 'text/html');

  it('an empty document gives no papers, without throwing', () => {
    const urls = [
      ...truths.map((c) => c.url),
      'https://scholar.google.com/scholar?cluster=123456789',
      'https://scholar.google.com/citations?user=kukA0LcAAAAJ',
      'https://aclanthology.org/volumes/2021.naacl-main/',
      'https://openreview.net/group?id=ICLR.cc/2021/Conference',
      'https://www.biorxiv.org/search/attention',
      'https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html',
      'https://dl.acm.org/doi/proceedings/10.1145/2939672',
      'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3531190/',
      'https://arxiv.org/list/astro-ph/new',
      'https://arxiv.org/search/?query=x&searchtype=all',
      'https://arxiv.org/abs/2101.10016',
      'https://arxiv.org/html/2101.10016v2',
      'https://ar5iv.labs.arxiv.org/html/1706.03762',
      'https://huggingface.co/papers',
      'https://huggingface.co/papers/trending',
      'https://huggingface.co/papers/2609.31620',
    ];
    for (const url of urls) {
      const r = detectPage(empty(), new URL(url));
      expect(r.papers, url).toEqual([]);
      expect(r.kind === 'none' || r.kind === 'list', url).toBe(true);
    }
  });

  it('a single-paper URL with nothing readable is kind none', () => {
    expect(detectPage(empty(), new URL('https://arxiv.org/abs/2101.10016'))).toEqual({
      adapter: 'arxiv',
      kind: 'none',
      papers: [],
      anchors: [],
    });
  });

  it('malformed markup gives no papers', () => {
    const doc = new DOMParser().parseFromString(
      "<dl id='articles'><dt><a href='/abs/2303.08867' title='Abstract'>arXiv:2303.08867</a><dd><div class='meta'><div class='list-authors'><a>X",
      'text/html',
    );
    expect(detectPage(doc, new URL('https://arxiv.org/list/q-fin/new')).papers).toEqual([]);
  });

  it('a document the adapter cannot even walk yields kind none instead of an exception', () => {
    const notADocument = {} as Document;
    expect(detectPage(notADocument, new URL('https://arxiv.org/list/q-fin/new'))).toEqual({
      adapter: 'arxiv',
      kind: 'none',
      papers: [],
      anchors: [],
    });
    expect(detectPage(notADocument, 'not a url')).toEqual({ kind: 'none', papers: [], anchors: [] });
  });

  it('pages of other sites have no adapter', () => {
    for (const url of [
      'https://huggingface.co/blog/some-post',
      'https://huggingface.co/models',
      'https://example.org/abs/2101.10016',
      'https://arxiv.org/',
      'https://arxiv.org/pdf/2101.10016',
      'https://info.arxiv.org/help/',
      'https://scholar.google.com/',
      'https://scholar.google.com/scholar_settings',
      'https://aclanthology.org/',
      'https://aclanthology.org/faq/',
      'https://openreview.net/profile?id=~Someone1',
      'https://www.semanticscholar.org/me/library',
      'https://dl.acm.org/',
      'https://proceedings.mlr.press/',
      'https://dblp.org/',
      'https://pmc.ncbi.nlm.nih.gov/search/?term=x',
      'https://pubmed.ncbi.nlm.nih.gov/help/',
      'https://www.alphaxiv.org/explore',
      'https://www.biorxiv.org/about-biorxiv',
    ]) {
      expect(adapterFor(new URL(url)), url).toBeUndefined();
      expect(detectPage(empty(), url), url).toEqual({ kind: 'none', papers: [], anchors: [] });
    }
  });
});

describe('page text stays text', () => {
  const hostile = '<img src=x onerror=alert(1)>';

  it('arXiv listing: an escaped tag in a title comes out as the same characters, markup-free', () => {
    const html = `<dl id='articles'><dt><a href="/abs/2303.08867" title="Abstract">arXiv:2303.08867</a></dt>
      <dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span>
      &lt;img src=x onerror=alert(1)&gt;</div>
      <div class='list-authors'><a href="#">&lt;b&gt;Eve&lt;/b&gt;</a></div></div></dd></dl>`;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const before = doc.documentElement.outerHTML;
    const [p] = detectPage(doc, new URL('https://arxiv.org/list/q-fin/new')).papers;
    expect(p!.title).toBe(hostile);
    expect(p!.authors).toEqual(['<b>Eve</b>']);
    expect(doc.documentElement.outerHTML, 'detection must not change the page').toBe(before);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
  });

  it('arXiv listing: a real tag inside a title contributes only its text', () => {
    const html = `<dl id='articles'><dt><a href="/abs/2303.08867">arXiv:2303.08867</a></dt>
      <dd><div class='meta'><div class='list-title'><span class='descriptor'>Title:</span> Safe <img src=x onerror=alert(1)>title</div></div></dd></dl>`;
    const [p] = detectPage(new DOMParser().parseFromString(html, 'text/html'), 'https://arxiv.org/list/q-fin/new').papers;
    expect(p!.title).toBe('Safe title');
  });

  it('Hugging Face hydration JSON: tags and entities in values stay plain text', () => {
    const props = {
      dailyPapers: [
        {
          paper: {
            id: '2609.31620',
            title: hostile,
            authors: [{ name: 'A &lt;script&gt;alert(1)&lt;/script&gt; B' }],
            summary: '<script>alert(1)</script>',
          },
        },
      ],
    };
    const html = `<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${JSON.stringify(props)
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;')}"></div>`;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const [p] = detectPage(doc, new URL('https://huggingface.co/papers')).papers;
    expect(p!.title).toBe(hostile);
    expect(p!.authors).toEqual(['A <script>alert(1)</script> B']);
    expect(p!.abstract).toBe('<script>alert(1)</script>');
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
  });
});
