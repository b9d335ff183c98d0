/**
 * Access to the shared fixture pages and their truth files. The location comes from LECTERN_FIXTURES
 * (default: ../shared/fixtures relative to the project root); a missing folder fails loudly.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(process.env.INIT_CWD && existsSync(path.join(process.env.INIT_CWD, 'package.json')) ? process.env.INIT_CWD : process.cwd());

export function fixturesDir(): string {
  const dir = path.resolve(PROJECT_ROOT, process.env.LECTERN_FIXTURES ?? '../shared/fixtures');
  if (!existsSync(path.join(dir, 'MANIFEST.tsv'))) {
    throw new Error(
      `Fixture pages not found at ${dir}. Set LECTERN_FIXTURES to the folder that holds MANIFEST.tsv, pages/ and truth/.`,
    );
  }
  return dir;
}

export interface TruthEntry {
  id: string | null;
  title: string;
  authors: string[] | null;
  hasAbstract: boolean;
  link?: string;
}

export interface Truth {
  page: string;
  url: string;
  kind: 'list' | 'single' | 'none';
  entries: TruthEntry[];
}

export interface FixtureCase {
  /** `site/name`, e.g. `arxiv-rendered/list-q-fin-new`. */
  name: string;
  site: string;
  url: string;
  html: () => string;
  truth: Truth;
}

export function fixtureCases(sites?: string[]): FixtureCase[] {
  const dir = fixturesDir();
  const cases: FixtureCase[] = [];
  for (const site of readdirSync(path.join(dir, 'truth')).sort()) {
    if (sites && !sites.includes(site)) continue;
    for (const file of readdirSync(path.join(dir, 'truth', site)).sort()) {
      if (!file.endsWith('.json')) continue;
      const truth = JSON.parse(readFileSync(path.join(dir, 'truth', site, file), 'utf8')) as Truth;
      const pagePath = path.join(dir, 'pages', truth.page);
      cases.push({
        name: `${site}/${file.replace(/\.json$/, '')}`,
        site,
        url: truth.url,
        html: () => readFileSync(pagePath, 'utf8'),
        truth,
      });
    }
  }
  return cases;
}

export function fixtureCase(name: string): FixtureCase {
  const found = fixtureCases().find((c) => c.name === name);
  if (!found) throw new Error(`No fixture named ${name} under ${fixturesDir()}`);
  return found;
}
