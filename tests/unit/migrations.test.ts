/**
 * Upgrade harness: `tests/fixtures/db/v<N>.json` holds a representative database as schema version N wrote
 * it (its `stores` and every table's rows). Each is loaded at its own version by a Dexie instance that
 * declares only that version, then opened with the current `LecternDB`, and every row must have kept its data.
 *
 * Adding schema version N+1: add `v<N+1>.json` (a dump of a database written by the new version) and, in
 * `UPGRADES`, what the upgrade must make of the rows of each older fixture. The test fails while the current
 * version has no fixture, or while the latest fixture's stores differ from the current schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LecternDB } from '../../lib/db/schema';
import { PROJECT_ROOT } from '../helpers/fixtures';

interface DbFixture {
  schemaVersion: number;
  /** Dexie store specs of that version, by table. */
  stores: Record<string, string>;
  tables: Record<string, unknown[]>;
}

const DIR = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'db');

const fixtures: DbFixture[] = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as DbFixture)
  .sort((a, b) => a.schemaVersion - b.schemaVersion);

/**
 * What opening with the current schema must make of an older fixture's rows, by the fixture's version
 * Absent: every row is kept as it is (version 2 only added tables and an index).
 */
const UPGRADES: Record<number, (tables: DbFixture['tables']) => DbFixture['tables']> = {};

const CURRENT_VERSION = new LecternDB('migrations-version-probe').verno;

/** A table's schema as Dexie writes a store spec. */
function storeSpec(table: { schema: { primKey: { src: string }; indexes: { src: string }[] } }): string {
  return [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(', ');
}

function normalizeSpec(spec: string): string {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s)
    .join(', ');
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function loadAt(fixture: DbFixture, name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(fixture.schemaVersion).stores(fixture.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
  });
  expect(old.verno).toBe(fixture.schemaVersion);
  old.close();
}

describe('database upgrades', () => {
  it('every schema version up to the current one has a fixture database', () => {
    const versions = fixtures.map((f) => f.schemaVersion);
    const missing = Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1).filter((v) => !versions.includes(v));
    expect(missing, `LecternDB is at version ${CURRENT_VERSION}: add tests/fixtures/db/v<N>.json for versions ${missing.join(', ')}`).toEqual([]);
  });

  it('the latest fixture was written by the current schema (stores identical)', async () => {
    const latest = fixtures[fixtures.length - 1]!;
    expect(latest.schemaVersion).toBe(CURRENT_VERSION);
    const name = `migrations-schema-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    const db = new LecternDB(name);
    await db.open();
    const current = Object.fromEntries(db.tables.map((t) => [t.name, storeSpec(t)]));
    db.close();
    const fixture = Object.fromEntries(Object.entries(latest.stores).map(([t, spec]) => [t, normalizeSpec(spec)]));
    expect(fixture, 'The schema changed without a new version and fixture (a shipped version is never edited)').toEqual(current);
  });

  it('each fixture holds every table of its version, with rows', () => {
    for (const fixture of fixtures) {
      expect(Object.keys(fixture.tables).sort()).toEqual(Object.keys(fixture.stores).sort());
      for (const table of ['papers', 'sightings', 'visits', 'meta']) expect(fixture.tables[table]?.length ?? 0, table).toBeGreaterThan(0);
    }
  });

  it.each(fixtures.map((f) => [f.schemaVersion, f] as const))('a version %i database opens with the current schema, every row kept', async (_v, fixture) => {
    const name = `migrations-v${fixture.schemaVersion}-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    await loadAt(fixture, name);

    const db = new LecternDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const expected = (UPGRADES[fixture.schemaVersion] ?? ((t) => t))(structuredClone(fixture.tables));
    for (const [table, rows] of Object.entries(expected)) {
      expect(await db.table(table).toArray(), table).toEqual(rows);
    }
    // The indexes the library reads answer over the upgraded rows.
    const papers = expected.papers as { id: string; aliases: string[]; status: string }[];
    for (const paper of papers) {
      for (const alias of paper.aliases) expect((await db.papers.where('aliases').equals(alias).first())?.id, alias).toBe(paper.id);
    }
    for (const status of new Set(papers.map((p) => p.status))) {
      expect(await db.papers.where('status').equals(status).count()).toBe(papers.filter((p) => p.status === status).length);
    }
    db.close();
  });
});
