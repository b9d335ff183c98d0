/**
 * The content script runs in the website's pages: it must never open the database (it would live in the
 * website's origin) nor pull in extension-page code. Walks its static import graph and fails, naming the
 * chain, on Dexie, `lib/db/`, `lib/service/` or `components/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixtures';

const ENTRY = path.join(PROJECT_ROOT, 'entrypoints', 'content', 'index.ts');
const FORBIDDEN_DIRS = ['lib/db/', 'lib/service/', 'components/'].map((d) => path.join(PROJECT_ROOT, d));
const FORBIDDEN_PACKAGES = ['dexie', 'preact/hooks', '@mozilla/readability'];

/** Static imports and re-exports of a module (type-only imports erase at build and are skipped). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) if (!match[1]) out.push(match[2]!);
  for (const match of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(match[1]!);
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return undefined;
}

describe('content script boundaries', () => {
  it('imports no database, background or extension-page code', () => {
    const seen = new Map<string, string[]>([[ENTRY, [ENTRY]]]);
    const queue = [ENTRY];
    const problems: string[] = [];
    while (queue.length) {
      const file = queue.shift()!;
      const chain = seen.get(file)!;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          if (FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) {
            problems.push(`${[...chain, spec].map((f) => path.relative(PROJECT_ROOT, f)).join(' → ')}`);
          }
          continue;
        }
        const target = resolve(file, spec);
        if (!target || seen.has(target)) continue;
        const next = [...chain, target];
        if (FORBIDDEN_DIRS.some((dir) => target.startsWith(dir))) {
          problems.push(next.map((f) => path.relative(PROJECT_ROOT, f)).join(' → '));
          continue;
        }
        seen.set(target, next);
        queue.push(target);
      }
    }
    expect(problems, 'the content script must talk to the background through lib/messaging instead').toEqual([]);
    // The walk reached the in-page UI (so it does follow imports).
    expect([...seen.keys()].some((f) => f.endsWith(path.join('lib', 'page', 'badge.ts')))).toBe(true);
  });
});
