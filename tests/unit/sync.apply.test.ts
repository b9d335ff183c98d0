/**
 * Merging synced entries into a library (`lib/db/sync.ts`) and pushing and pulling through a sync storage
 * area (`lib/sync/run.ts`), with two libraries standing for two devices sharing one area.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergeCopies, paperJson } from '../../lib/backup/merge';
import { withNote, withTags } from '../../lib/db/changes';
import { withStatus } from '../../lib/db/papers';
import { applySyncEntries, mergeEntry } from '../../lib/db/sync';
import type { PaperRecord } from '../../lib/model';
import { CHROME_SYNC_QUOTAS, entryOf, packLibrary, unpackItems } from '../../lib/sync/pack';
import { pullLibrary, pushLibrary, type SyncArea } from '../../lib/sync/run';
import { dropDbs, freshDb, paperRecord, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

/** A sync storage area in memory that, like the browser's, stores copies and counts writes. */
function memoryArea(): SyncArea & { data: Record<string, unknown>; writes: number } {
  const area = {
    data: {} as Record<string, unknown>,
    writes: 0,
    async get() {
      return structuredClone(area.data);
    },
    async set(items: Record<string, unknown>) {
      area.writes++;
      Object.assign(area.data, structuredClone(items));
    },
    async remove(keys: string[]) {
      area.writes++;
      for (const key of keys) delete area.data[key];
    },
  };
  return area;
}

const A = 'arxiv:2401.00001';
const B = 'arxiv:2401.00002';
const base = (id: string, over: Partial<PaperRecord> = {}) => paperRecord({ id, aliases: [id], ...over });

/** The synced fields of a record. */
const synced = (r: PaperRecord | undefined) => r && { status: r.status, note: r.note, tags: r.tags };

describe('merging synced entries', () => {
  it('is commutative for fields edited on one side only, and agrees with the backup merge', () => {
    // A record with change times (one without takes `updatedAt` for its fields: see `fieldTime`).
    const start = withTags(withNote(base(A), 'start', T0)!, ['x'], T0)!;
    const here = withStatus(withNote(start, 'edited here', T0 + 10)!, 'reading', T0 + 11)!;
    const there = withTags(start, ['x', 'y'], T0 + 12)!;
    const oneWay = mergeEntry(here, entryOf(there));
    const otherWay = mergeEntry(there, entryOf(here));
    expect(synced(oneWay)).toEqual({ status: 'reading', note: 'edited here', tags: ['x', 'y'] });
    expect(synced(otherWay)).toEqual(synced(oneWay));
    expect(oneWay.changedAt).toEqual(otherWay.changedAt);
    expect(oneWay.tagChanges).toEqual(otherWay.tagChanges);
    const backupMerge = mergeCopies(here, there);
    expect(synced(oneWay)).toEqual(synced(backupMerge));
    expect(oneWay.changedAt).toEqual(backupMerge.changedAt);
  });

  it('lets the newer change win per field, removals included, and is idempotent', () => {
    const start = withTags(base(A), ['keep', 'drop'], T0 + 1)!;
    const here = withNote(start, 'old note', T0 + 2)!;
    const there = withTags(withNote(start, 'new note', T0 + 5)!, ['keep'], T0 + 6)!;
    const merged = mergeEntry(here, entryOf(there));
    expect(synced(merged)).toEqual({ status: 'seen', note: 'new note', tags: ['keep'] });
    expect(paperJson(mergeEntry(merged, entryOf(there)))).toBe(paperJson(merged));
    // An older entry changes nothing.
    expect(paperJson(mergeEntry(there, entryOf(here)))).toBe(paperJson(mergeEntry(there, entryOf(there))));
  });

  it('writes into the library: updates by id or alias, creates unknown papers, respects newer deletions', async () => {
    const db = freshDb('sync-apply');
    await db.papers.bulkPut([base(A, { aliases: [A, 'doi:10.1/a'], abstract: 'kept here' })]);
    await db.tombstones.put({ id: 'arxiv:2401.00009', aliases: ['arxiv:2401.00009'], deletedAt: T0 + 100 });
    const remote = [
      { ...entryOf(withNote(base('doi:10.1/a'), 'from the other device', T0 + 5)!) },
      entryOf(withStatus(base(B, { title: 'Only there' }), 'unread', T0 + 6)!),
      entryOf(withStatus(base('arxiv:2401.00009'), 'read', T0 + 50)!),
    ];
    const summary = await applySyncEntries(db, remote, T0 + 200);
    expect(summary).toEqual({ added: 1, updated: 1, unchanged: 0, skipped: 1 });
    const a = await db.papers.get(A);
    expect(a).toMatchObject({ note: 'from the other device', abstract: 'kept here', changedAt: { note: T0 + 5 } });
    expect(await db.papers.get(B)).toMatchObject({ title: 'Only there', status: 'unread', savedAt: T0 + 6, changedAt: { status: T0 + 6 } });
    expect(await db.papers.get('arxiv:2401.00009')).toBeUndefined();
    const changes = await db.changes.toArray();
    expect(changes.flatMap((c) => c.ids).sort()).toEqual([A, B]);
    // Applying again changes nothing.
    expect(await applySyncEntries(db, remote, T0 + 300)).toEqual({ added: 0, updated: 0, unchanged: 2, skipped: 1 });
  });
});

describe('two devices through one sync area', () => {
  it('exchange edits both ways and then stop writing', async () => {
    const area = memoryArea();
    const laptop = freshDb('laptop');
    const desktop = freshDb('desktop');
    await laptop.papers.put(withStatus(base(A), 'unread', T0 + 1)!);
    await desktop.papers.put(withNote(base(B), 'desktop note', T0 + 2)!);

    await pushLibrary(laptop, area, CHROME_SYNC_QUOTAS);
    const first = await pullLibrary(desktop, area, CHROME_SYNC_QUOTAS, T0 + 10);
    expect(first.applied.added).toBe(1);
    expect(first.pushed).toBe(true);
    const second = await pullLibrary(laptop, area, CHROME_SYNC_QUOTAS, T0 + 11);
    expect(second.applied.added).toBe(1);
    expect(second.pushed).toBe(false);

    // Both edit the same paper, different fields.
    const onLaptop = withTags((await laptop.papers.get(B))!, ['ml'], T0 + 20)!;
    await laptop.papers.put(onLaptop);
    const onDesktop = withStatus((await desktop.papers.get(B))!, 'read', T0 + 21)!;
    await desktop.papers.put(onDesktop);
    await pushLibrary(laptop, area, CHROME_SYNC_QUOTAS);
    await pullLibrary(desktop, area, CHROME_SYNC_QUOTAS, T0 + 30);
    await pullLibrary(laptop, area, CHROME_SYNC_QUOTAS, T0 + 31);
    for (const db of [laptop, desktop]) {
      expect(synced(await db.papers.get(B))).toEqual({ status: 'read', note: 'desktop note', tags: ['ml'] });
      expect(synced(await db.papers.get(A))).toEqual({ status: 'unread', note: '', tags: [] });
    }
    const writes = area.writes;
    expect((await pullLibrary(desktop, area, CHROME_SYNC_QUOTAS, T0 + 40)).pushed).toBe(false);
    expect((await pullLibrary(laptop, area, CHROME_SYNC_QUOTAS, T0 + 41)).pushed).toBe(false);
    await pushLibrary(laptop, area, CHROME_SYNC_QUOTAS);
    expect(area.writes).toBe(writes);
  });

  it('stop writing back and forth when the area is full and the devices would fill it differently', async () => {
    const area = memoryArea();
    const laptop = freshDb('full-laptop');
    const desktop = freshDb('full-desktop');
    // The same papers with the same user fields; titles (not merged) differ, so the entries differ in size.
    // `updatedAt` (not synced) differs too, in the opposite order.
    const papers = (title: (n: number) => string, updatedAt: (n: number) => number) =>
      Array.from({ length: 400 }, (_, n) => {
        const id = `arxiv:2401.${String(n).padStart(5, '0')}`;
        const record = withNote(withStatus(base(id, { title: title(n) }), 'read', T0 + n)!, 'n'.repeat(200), T0 + n)!;
        return { ...record, updatedAt: updatedAt(n) };
      });
    await laptop.papers.bulkPut(papers((n) => `Paper ${n} ` + 'é'.repeat(60), (n) => T0 + n));
    await desktop.papers.bulkPut(papers((n) => `P${n}`, (n) => T0 + 10_000 - n));
    await pushLibrary(laptop, area, CHROME_SYNC_QUOTAS);
    expect(packLibrary(await laptop.papers.toArray()).leftOut.length).toBeGreaterThan(0);
    const pushes: boolean[] = [];
    for (let round = 0; round < 4; round++) {
      pushes.push((await pullLibrary(desktop, area, CHROME_SYNC_QUOTAS, T0 + 1_000)).pushed);
      pushes.push((await pullLibrary(laptop, area, CHROME_SYNC_QUOTAS, T0 + 1_001)).pushed);
    }
    expect(pushes.slice(-4)).toEqual([false, false, false, false]);
  });

  it('removes items a smaller library no longer needs and keeps other keys', async () => {
    const area = memoryArea();
    area.data['other.setting'] = 1;
    const db = freshDb('shrink');
    await db.papers.bulkPut(Array.from({ length: 100 }, (_, n) => withNote(base(`arxiv:2401.${String(n).padStart(5, '0')}`), 'n'.repeat(500), T0 + n)!));
    await pushLibrary(db, area, CHROME_SYNC_QUOTAS);
    expect(Object.keys(area.data).length).toBeGreaterThan(3);
    await db.papers.clear();
    await db.papers.put(withNote(base(A), 'alone', T0 + 500)!);
    const plan = await pushLibrary(db, area, CHROME_SYNC_QUOTAS);
    expect(Object.keys(area.data).sort()).toEqual(['other.setting', 'sync.0', 'sync.meta']);
    expect(unpackItems(area.data).map((e) => e.note)).toEqual(['alone']);
    expect(plan).toEqual(packLibrary(await db.papers.toArray()));
  });
});
