/**
 * In-page code never reaches the database: the content script runs in the website's origin, so a Dexie in it
 * would open the site's IndexedDB, and Dexie's bundle holds a character Chrome refuses in content scripts
 * (the whole extension then fails to load). This walks the static import graph of every script that runs in
 * pages and fails on any path into `lib/db`, `lib/service`, `components/` or the `dexie` package.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixtures';

const IN_PAGE_ENTRIES = ['entrypoints/content/index.ts', 'entrypoints/snapshot.ts'];
const FORBIDDEN = [/^lib\/db\//, /^lib\/service\//, /^components\//];
const FORBIDDEN_PACKAGES = ['dexie'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g;

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return undefined;
}

/** Every module reachable from `entry` by value imports (type-only imports vanish in the bundle), with the chain. */
function reachable(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      if (/^\s*(?:import|export)\s+type\s/.test(match[0].replace(/^\n/, ''))) continue;
      const specifier = match[1]!;
      const chain = chains.get(file)!;
      if (!specifier.startsWith('.')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!chains.has(`package:${name}`)) chains.set(`package:${name}`, [...chain, `package:${name}`]);
        continue;
      }
      const target = resolveLocal(file, specifier);
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chain, target]);
      queue.push(target);
    }
  }
  return chains;
}

describe('in-page code', () => {
  it.each(IN_PAGE_ENTRIES)('%s never imports the database, the background or extension-page UI', (entry) => {
    const chains = reachable(path.join(PROJECT_ROOT, entry));
    expect(chains.size).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const [module, chain] of chains) {
      const relative = path.relative(PROJECT_ROOT, module).split(path.sep).join('/');
      const forbiddenPackage = FORBIDDEN_PACKAGES.some((name) => module === `package:${name}`);
      if (forbiddenPackage || FORBIDDEN.some((pattern) => pattern.test(relative))) {
        problems.push(chain.map((m) => (m.startsWith('package:') ? m : path.relative(PROJECT_ROOT, m))).join(' → '));
      }
    }
    expect(problems).toEqual([]);
  });

  it('the walker sees a forbidden import when there is one (the side panel opens the database)', () => {
    const chains = reachable(path.join(PROJECT_ROOT, 'entrypoints/sidepanel/main.tsx'));
    expect([...chains.keys()].some((m) => m === 'package:dexie')).toBe(true);
  });
});
