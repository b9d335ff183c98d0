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
  /** `shared`: the shared fixture set (LECTERN_FIXTURES); `project`: the project's constructed pages. */
  origin: 'shared' | 'project';
  /** Absolute path of the page file. */
  pagePath: string;
}

/** The project's own constructed pages: tests/fixtures/{pages,truth}/<site>/<name>.{html,json}. */
export function projectFixturesDir(): string {
  return path.join(PROJECT_ROOT, 'tests', 'fixtures');
}

function casesIn(dir: string, origin: FixtureCase['origin'], sites?: string[]): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const truthDir = path.join(dir, 'truth');
  if (!existsSync(truthDir)) return cases;
  for (const site of readdirSync(truthDir).sort()) {
    if (sites && !sites.includes(site)) continue;
    for (const file of readdirSync(path.join(truthDir, site)).sort()) {
      if (!file.endsWith('.json')) continue;
      const truth = JSON.parse(readFileSync(path.join(truthDir, site, file), 'utf8')) as Truth;
      const pagePath = path.join(dir, 'pages', truth.page);
      cases.push({
        name: `${site}/${file.replace(/\.json$/, '')}`,
        site,
        url: truth.url,
        html: () => readFileSync(pagePath, 'utf8'),
        truth,
        origin,
        pagePath,
      });
    }
  }
  return cases;
}

export interface FixtureOptions {
  /** Also the project's constructed pages (tests/fixtures), after the shared ones. */
  includeProject?: boolean;
}

/** The shared fixture cases (of the given sites), and the project's own with `includeProject`. */
export function fixtureCases(sites?: string[], options: FixtureOptions = {}): FixtureCase[] {
  const cases = casesIn(fixturesDir(), 'shared', sites);
  if (options.includeProject) cases.push(...projectFixtureCases(sites));
  return cases;
}

/** The project's constructed fixture cases only. */
export function projectFixtureCases(sites?: string[]): FixtureCase[] {
  return casesIn(projectFixturesDir(), 'project', sites);
}

/** A case by name, shared fixtures first, then the project's. */
export function fixtureCase(name: string): FixtureCase {
  const found = fixtureCases(undefined, { includeProject: true }).find((c) => c.name === name);
  if (!found) throw new Error(`No fixture named ${name} under ${fixturesDir()} or ${projectFixturesDir()}`);
  return found;
}
