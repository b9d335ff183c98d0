/**
 * Highlights and snapshots in backups (format version 2) and their fate when papers merge or go: they travel
 * in the file, merge by id (highlights) and by paper (snapshots) with the later copy winning, follow their
 * paper into the record it merged into, and leave with a deleted paper.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup, type BackupFile } from '../../lib/backup/format';
import { checkBackup } from '../../lib/backup/validate';
import { deletePapers } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { restoreBackup } from '../../lib/db/restore';
import type { LecternDB } from '../../lib/db/schema';
import type { DetectedPaper, HighlightRecord, SnapshotRecord } from '../../lib/model';
import { dropDbs, dumpDb, freshDb, paperRecord, seedLibrary, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

const APP = { appVersion: '0.1.0' };

function highlight(id: string, paperId: string | undefined, over: Partial<HighlightRecord> = {}): HighlightRecord {
  return {
    id,
    ...(paperId ? { paperId } : {}),
    url: 'https://arxiv.org/abs/2401.00001',
    selectors: [
      { type: 'TextQuoteSelector', exact: 'attention', prefix: 'we use ', suffix: ' everywhere' },
      { type: 'TextPositionSelector', start: 10, end: 19 },
    ],
    text: 'attention',
    color: 'yellow',
    note: '<img src=x onerror=alert(1)> is only text',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

function snapshot(paperId: string, savedAt: number, text = 'Readable copy'): SnapshotRecord {
  return { paperId, url: 'https://arxiv.org/html/2401.00001', title: 'A Paper', content: `<p>${text}</p>`, text, savedAt };
}

async function libraryWith(highlights: HighlightRecord[], snapshots: SnapshotRecord[] = []): Promise<LecternDB> {
  const db = freshDb('attachments');
  const a = paperRecord({ id: 'arxiv:2401.00001', aliases: ['arxiv:2401.00001', 'doi:10.48550/arxiv.2401.00001'] });
  const b = paperRecord({ id: 'arxiv:2401.00002', aliases: ['arxiv:2401.00002'], firstSeenAt: T0 + 1 });
  await seedLibrary(db, { papers: [a, b], sightings: [], highlights, tombstones: [] });
  if (snapshots.length) await db.snapshots.bulkAdd(snapshots);
  return db;
}

async function fileOf(db: LecternDB, includeSnapshots = true): Promise<BackupFile> {
  return exportBackup(db, { ...APP, now: T0 + 1_000, includeSnapshots });
}

describe('backups carry highlights and snapshots', () => {
  it('round trip: export then replace into an empty library gives the same rows', async () => {
    const source = await libraryWith(
      [highlight('h1', 'arxiv:2401.00001'), highlight('h2', undefined, { url: 'https://blog.example.org/post' })],
      [snapshot('arxiv:2401.00002', T0 + 5)],
    );
    const text = backupToJson(await fileOf(source));
    const target = freshDb('target');
    const summary = await restoreBackup(target, text, { ...APP, mode: 'replace', now: T0 + 2_000 });
    expect(summary).toMatchObject({ highlights: 2, snapshots: 1 });
    expect(await target.highlights.toArray()).toEqual(await source.highlights.toArray());
    expect(await target.snapshots.toArray()).toEqual(await source.snapshots.toArray());
  });

  it('leaves snapshots out unless asked, and a replace without them keeps those of papers the file holds', async () => {
    const source = await libraryWith([], [snapshot('arxiv:2401.00002', T0 + 5)]);
    const file = await fileOf(source, false);
    expect(file.snapshots).toEqual([]);
    const summary = await restoreBackup(source, file, { ...APP, mode: 'replace', now: T0 + 2_000 });
    expect(summary.safetyBackup?.snapshots).toHaveLength(1);
    expect(await source.snapshots.count()).toBe(1);
  });

  it('validation names a highlight by any id of its paper, drops those of absent papers, refuses conflicting twins', async () => {
    const file = await fileOf(await libraryWith([]));
    const byAlias = highlight('h1', 'doi:10.48550/arxiv.2401.00001');
    const orphan = highlight('h2', 'arxiv:1999.99999');
    const checked = checkBackup(JSON.parse(JSON.stringify({ ...file, highlights: [byAlias, orphan, byAlias] })));
    expect(checked.ok && checked.backup.highlights).toEqual([{ ...byAlias, paperId: 'arxiv:2401.00001' }]);
    expect(checked.ok && checked.dropped).toBe(2);

    const twin = checkBackup(JSON.parse(JSON.stringify({ ...file, highlights: [byAlias, { ...byAlias, note: 'other' }] })));
    expect(twin.ok).toBe(false);
    expect(!twin.ok && twin.issues[0]).toBe('highlights[1].id: h1 is also the id of highlights[0], with different data');

    const badColor = checkBackup(JSON.parse(JSON.stringify({ ...file, highlights: [{ ...byAlias, color: 'red' }] })));
    expect(!badColor.ok && badColor.issues[0]).toMatch(/^highlights\[0\]\.color: expected one of yellow/);
    const badSelector = checkBackup(
      JSON.parse(JSON.stringify({ ...file, highlights: [{ ...byAlias, selectors: [{ type: 'CssSelector', value: 'p' }] }] })),
    );
    expect(!badSelector.ok && badSelector.issues[0]).toMatch(/^highlights\[0\]\.selectors\[0\]/);
  });

  it('a rejected file leaves highlights and snapshots byte for byte unchanged', async () => {
    const db = await libraryWith([highlight('h1', 'arxiv:2401.00001')], [snapshot('arxiv:2401.00001', T0)]);
    const before = await dumpDb(db);
    const file = await fileOf(db);
    const broken = { ...file, highlights: [{ ...file.highlights[0]!, url: 'javascript:alert(1)' }] };
    await expect(restoreBackup(db, JSON.parse(JSON.stringify(broken)), { ...APP, mode: 'replace', now: T0 })).rejects.toThrow(
      /highlights\[0\]\.url: expected an http\(s\) URL/,
    );
    expect(await dumpDb(db)).toBe(before);
  });
});

describe('merging highlights and snapshots', () => {
  it('keeps the later copy of each highlight and snapshot, whichever side it comes from, in either order', async () => {
    const older = highlight('h1', 'arxiv:2401.00001', { note: 'old', updatedAt: T0 + 1 });
    const newer = highlight('h1', 'arxiv:2401.00001', { note: 'new', color: 'green', updatedAt: T0 + 2 });
    const sides = [
      await libraryWith([older], [snapshot('arxiv:2401.00001', T0 + 9, 'newer copy')]),
      await libraryWith([newer, highlight('h2', 'arxiv:2401.00002')], [snapshot('arxiv:2401.00001', T0 + 1, 'older copy')]),
    ];
    const files = await Promise.all(sides.map((db) => fileOf(db)));
    const results: string[] = [];
    for (const [first, second] of [files, [...files].reverse()]) {
      const db = freshDb('merge');
      await restoreBackup(db, first!, { ...APP, mode: 'merge', now: T0 + 5_000 });
      await restoreBackup(db, second!, { ...APP, mode: 'merge', now: T0 + 5_000 });
      expect((await db.highlights.get('h1'))?.note).toBe('new');
      expect((await db.snapshots.get('arxiv:2401.00001'))?.text).toBe('newer copy');
      expect(await db.highlights.count()).toBe(2);
      results.push(JSON.stringify([await db.highlights.toArray(), await db.snapshots.toArray()]));
      // Idempotent: merging the same file again writes nothing.
      const again = await restoreBackup(db, second!, { ...APP, mode: 'merge', now: T0 + 5_000 });
      expect(again).toMatchObject({ highlights: 0, snapshots: 0 });
    }
    expect(results[0]).toBe(results[1]);
  });

  it('a file deletion removes the older local paper with its highlights and snapshot', async () => {
    const db = await libraryWith([highlight('h1', 'arxiv:2401.00002')], [snapshot('arxiv:2401.00002', T0)]);
    const file: BackupFile = { ...(await fileOf(freshDb('empty'))), tombstones: [{ id: 'arxiv:2401.00002', aliases: ['arxiv:2401.00002'], deletedAt: T0 + 50 }] };
    await restoreBackup(db, file, { ...APP, mode: 'merge', now: T0 + 100 });
    expect(await db.papers.get('arxiv:2401.00002')).toBeUndefined();
    expect(await db.highlights.count()).toBe(0);
    expect(await db.snapshots.count()).toBe(0);
  });
});

describe('highlights and snapshots follow their paper', () => {
  const entry = (id: string, aliases: string[]): DetectedPaper => ({ id, aliases: [id, ...aliases], title: 'A Paper', authors: [], links: {} });

  it('into the record it is merged into when a page proves two records one paper', async () => {
    const db = freshDb('follow');
    await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: [entry('arxiv:2401.00001', [])], now: T0 });
    await recordBatch(db, { url: 'https://doi.example.org/list', entries: [entry('doi:10.1/x', [])], now: T0 + 1 });
    await db.highlights.bulkAdd([highlight('h1', 'doi:10.1/x')]);
    await db.snapshots.add(snapshot('doi:10.1/x', T0 + 2));
    await recordBatch(db, { url: 'https://example.org/both', entries: [entry('arxiv:2401.00001', ['doi:10.1/x'])], now: T0 + 3 });
    expect(await db.papers.count()).toBe(1);
    expect((await db.highlights.get('h1'))?.paperId).toBe('arxiv:2401.00001');
    expect((await db.snapshots.get('arxiv:2401.00001'))?.savedAt).toBe(T0 + 2);
    expect(await db.snapshots.get('doi:10.1/x')).toBeUndefined();
  });

  it('out of the library when the paper is deleted', async () => {
    const db = await libraryWith([highlight('h1', 'arxiv:2401.00001'), highlight('h2', 'arxiv:2401.00002')], [snapshot('arxiv:2401.00001', T0)]);
    await deletePapers(db, ['arxiv:2401.00001'], T0 + 10);
    expect((await db.highlights.toArray()).map((h) => h.id)).toEqual(['h2']);
    expect(await db.snapshots.count()).toBe(0);
  });
});
