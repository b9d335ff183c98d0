/**
 * `npm run new:site`: the adapter skeleton and its registration, as pure functions (no files written).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixtures';
import { checkHost, checkName, importName, nextSteps, registerAdapter, siteTemplate } from '../../scripts/new-site-core';

const registry = readFileSync(path.join(PROJECT_ROOT, 'lib', 'sites', 'registry.ts'), 'utf8');

describe('new:site', () => {
  it('accepts lower-case dashed names and host names only', () => {
    expect(checkName('ssrn')).toBeUndefined();
    expect(checkName('semantic-scholar2')).toBeUndefined();
    for (const bad of ['SSRN', '2ssrn', 'a_b', 'a--b', 'a-', '../x', 'registry', 'types', 'hosts', 'shared', 'generic']) {
      expect(checkName(bad), bad).toBeDefined();
    }
    expect(checkHost('papers.ssrn.com')).toBeUndefined();
    expect(checkHost('https://papers.ssrn.com')).toBeDefined();
    expect(checkHost('localhost')).toBeDefined();
    expect(importName('semantic-scholar')).toBe('semanticScholar');
  });

  it('writes the fixed adapter shape: named, matched, stateless, importing only types and shared helpers', () => {
    const src = siteTemplate('ssrn', 'papers.ssrn.com');
    expect(src).toContain("name: 'ssrn'");
    expect(src).toContain("matches: ['https://papers.ssrn.com/*']");
    expect(src).toContain("const HOSTS = new Set(['papers.ssrn.com']);");
    expect(src).toMatch(/export const adapter: SiteAdapter = \{/);
    expect(src).toMatch(/appliesTo\(url: URL\): boolean/);
    expect(src).toMatch(/entries\(doc: Document, url: URL\): PageEntries/);
    expect(/^(?:export\s+)?(?:let|var)\s+\w+/m.test(src)).toBe(false);
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec, spec).toMatch(/^\.\/(?:types|shared\/[\w-]+)$/);
  });

  it('registers the adapter in the registry: one import after the others, one entry at the end of ADAPTERS', () => {
    const out = registerAdapter(registry, 'semantic-scholar2');
    expect(out.split('\n').filter((l) => l.includes("import { adapter as semanticScholar2 } from './semantic-scholar2';"))).toHaveLength(1);
    const lastAdapterImport = [...out.matchAll(/^import \{ adapter as (\w+) \}/gm)].at(-1)?.[1];
    expect(lastAdapterImport).toBe('semanticScholar2');
    const list = /Object\.freeze\(\[([\s\S]*?)\]\)/.exec(out)![1]!;
    const names = list.split(',').map((s) => s.trim()).filter(Boolean);
    expect(names.at(-1)).toBe('semanticScholar2');
    expect(names.slice(0, -1)).toEqual(
      /Object\.freeze\(\[([\s\S]*?)\]\)/.exec(registry)![1]!.split(',').map((s) => s.trim()).filter(Boolean),
    );
    // Everything else is untouched.
    expect(out.replace("import { adapter as semanticScholar2 } from './semantic-scholar2';\n", '').replace('  semanticScholar2,\n', '')).toBe(registry);
  });

  it('handles a one-line ADAPTERS list and refuses to register twice', () => {
    const small = "import { adapter as arxiv } from './arxiv';\n\nexport const ADAPTERS = Object.freeze([arxiv]);\n";
    expect(registerAdapter(small, 'ssrn')).toBe(
      "import { adapter as arxiv } from './arxiv';\nimport { adapter as ssrn } from './ssrn';\n\nexport const ADAPTERS = Object.freeze([arxiv, ssrn]);\n",
    );
    expect(() => registerAdapter(registry, 'arxiv')).toThrow(/already/);
    expect(() => registerAdapter('export const x = 1;', 'ssrn')).toThrow();
  });

  it('says what is still needed: host patterns, the TODOs, a fixture page with its truth', () => {
    const text = nextSteps('ssrn', 'papers.ssrn.com');
    expect(text).toContain("'https://papers.ssrn.com/*'");
    expect(text).toContain('lib/sites/hosts.ts');
    expect(text).toContain('tests/fixtures/pages/ssrn/');
    expect(text).toContain('tests/fixtures/truth/ssrn/');
  });
});
