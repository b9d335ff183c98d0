/**
 * Lectern asks for the least it needs, and README says why for each: every permission and host permission
 * of the manifest (Chrome and Firefox) has a row in README's "Permissions" table, no row names one the
 * manifest no longer asks for, host access stays on the paper sites, and nothing is exposed to web pages.
 * The manifest is read from wxt.config's manifest function (deterministic, no build needed); the built
 * Chrome manifest, when present, must ask for the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { PROJECT_ROOT } from '../helpers/fixtures';

type Manifest = {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  externally_connectable?: unknown;
  web_accessible_resources?: unknown[];
  content_security_policy?: unknown;
};

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: 'build' | 'serve' }) => Manifest;

function manifestFor(browser: 'chrome' | 'firefox'): Manifest {
  const manifest = config.manifest as unknown as ManifestFn;
  return manifest({ browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' });
}

/** The README's Permissions table: the code spans of each row's first cell. */
function readmeRows(): string[][] {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = /^## Permissions\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Permissions" section: add one with a table | permission | why |.');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line) && !/^\|\s*permission\s*\|/i.test(line))
    .map((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

const BROWSERS = ['chrome', 'firefox'] as const;

/** API permissions (not match patterns) of both builds. */
function apiPermissions(): Set<string> {
  const names = new Set<string>();
  for (const browser of BROWSERS) {
    const manifest = manifestFor(browser);
    for (const name of [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])]) if (!name.includes('/')) names.add(name);
  }
  return names;
}

/** Optional host permissions of both builds (Chrome's optional_host_permissions, Firefox's optional_permissions). */
function optionalHosts(): Set<string> {
  const hosts = new Set<string>();
  for (const browser of BROWSERS) {
    const manifest = manifestFor(browser);
    for (const name of [...(manifest.optional_host_permissions ?? []), ...(manifest.optional_permissions ?? [])]) if (name.includes('/')) hosts.add(name);
  }
  return hosts;
}

describe('manifest permissions', () => {
  it('every permission has a README row saying why', () => {
    const documented = new Set(readmeRows().flat());
    const missing = [...apiPermissions()].filter((name) => !documented.has(name));
    expect(
      missing,
      missing.map((name) => `Add a row to README.md's "Permissions" table: | \`${name}\` | <one line: what in Lectern needs it> |`).join('\n'),
    ).toEqual([]);
  });

  it('every optional host permission has a README row saying why', () => {
    const documented = new Set(readmeRows().flat());
    const missing = [...optionalHosts()].filter((pattern) => !documented.has(pattern));
    expect(
      missing,
      missing.map((pattern) => `Name \`${pattern}\` in the first cell of a row of README.md's "Permissions" table, with why it is asked for`).join('\n'),
    ).toEqual([]);
  });

  it('no README row names a permission the manifest does not ask for', () => {
    const asked = new Set([...apiPermissions(), ...optionalHosts()]);
    const names = readmeRows()
      .flat()
      .filter((name) => /^[a-zA-Z.]+$/.test(name) || /^(https?|\*):\/\//.test(name));
    const stale = names.filter((name) => !asked.has(name));
    expect(stale, stale.map((name) => `README.md's "Permissions" table names \`${name}\`, which the manifest no longer asks for: remove the row`).join('\n')).toEqual([]);
  });

  it('host permissions are the paper sites of lib/sites/hosts.ts only, never all sites', () => {
    const hostsRow = readmeRows().find((row) => row.includes('lib/sites/hosts.ts'));
    expect(hostsRow, 'README.md\'s "Permissions" table needs the row for host access naming `lib/sites/hosts.ts`').toBeDefined();
    for (const browser of BROWSERS) {
      const hosts = manifestFor(browser).host_permissions ?? [];
      const unknown = hosts.filter((pattern) => !CONTENT_SCRIPT_HOSTS.includes(pattern));
      expect(unknown, `${browser}: host permissions outside lib/sites/hosts.ts: add the site there (and its adapter) instead`).toEqual([]);
      const broad = hosts.filter((pattern) => pattern === '<all_urls>' || /^[^:]+:\/\/\*\//.test(pattern));
      expect(broad, `${browser}: host permissions for every site`).toEqual([]);
    }
  });

  it('nothing is exposed to web pages and the default CSP is kept', () => {
    for (const browser of BROWSERS) {
      const manifest = manifestFor(browser);
      expect(manifest.externally_connectable, `${browser}: externally_connectable lets web pages message Lectern`).toBeUndefined();
      expect(manifest.web_accessible_resources ?? [], `${browser}: web_accessible_resources can be probed by pages`).toEqual([]);
      expect(manifest.content_security_policy, `${browser}: keep the default extension-page CSP`).toBeUndefined();
    }
  });

  const BUILT = path.join(PROJECT_ROOT, '.output', 'chrome-mv3', 'manifest.json');
  it.skipIf(!existsSync(BUILT))('the built Chrome manifest asks for the same (skipped when .output/chrome-mv3 is not built: npm run build:chrome)', () => {
    const built = JSON.parse(readFileSync(BUILT, 'utf8')) as Manifest;
    const expected = manifestFor('chrome');
    expect([...(built.permissions ?? [])].sort()).toEqual([...(expected.permissions ?? [])].sort());
    expect([...(built.optional_host_permissions ?? [])].sort()).toEqual([...(expected.optional_host_permissions ?? [])].sort());
    expect(built.externally_connectable).toBeUndefined();
    expect(built.web_accessible_resources ?? []).toEqual([]);
    expect(built.content_security_policy).toBeUndefined();
    // The built host permissions are the configured ones, unless a test-only build added extra hosts.
    expect(built.host_permissions ?? []).toEqual(expect.arrayContaining(expected.host_permissions ?? []));
  });
});
