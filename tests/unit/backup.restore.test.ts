import { afterEach, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup, type BackupFile } from '../../lib/backup/format';
import { BackupError } from '../../lib/backup/validate';
import { withNote, withTags } from '../../lib/db/changes';
import { deletePapers, sightingsOf, withStatus } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { restoreBackup, type RestoreProgress } from '../../lib/db/restore';
import { currentEpoch, type LecternDB } from '../../lib/db/schema';
import type { DetectedPaper, PaperRecord } from '../../lib/model';
import { dropDbs, dumpDb, freshDb, paperRecord, seedLibrary, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

const APP = { appVersion: '0.1.0' };

function detected(n: number, extra: string[] = []): DetectedPaper {
  const id = `arxiv:2405.${String(10_000 + n)}`;
  return { id, aliases: [id, ...extra], title: `Paper ${n} — “quoted” $x^2$`, authors: ['Émile Zola', 'Ada Lovelace'], links: {} };
}

async function library(): Promise<LecternDB> {
  const db = freshDb('restore');
  await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: [detected(1), detected(2, ['doi:10.1/two']), detected(3)], now: T0 });
  await recordBatch(db, { url: 'https://huggingface.co/papers', entries: [detected(2), detected(3)], now: T0 + 60_000 });
  return db;
}

async function backupOf(db: LecternDB, now = T0 + 999_999): Promise<BackupFile> {
  return exportBackup(db, { ...APP, now });
}

async function edit(db: LecternDB, id: string, change: (r: PaperRecord) => PaperRecord | null): Promise<void> {
  const record = (await db.papers.get(id))!;
  await db.papers.put(change(record) ?? record);
}

describe('restore, replace', () => {
  it('makes the library the file, and answers a safety backup of what it was', async () => {
    const source = await library();
    const file = await backupOf(source);
    const target = freshDb('target');
    await seedLibrary(target, { papers: [paperRecord({ id: 'arxiv:2301.00001', note: 'mine' })], sightings: [], tombstones: [] });
    const before = await backupOf(target, T0 + 5);
    await target.visits.add({ page: 'https://example.org/', at: T0, ids: ['arxiv:2301.00001'] });

    const summary = await restoreBackup(target, backupToJson(file), { ...APP, mode: 'replace', now: T0 + 5 });
    expect(summary).toMatchObject({ mode: 'replace', added: 3, removed: 1, sightings: file.sightings.length });
    expect(summary.safetyBackup).toEqual(before);
    expect(await backupOf(target)).toEqual(file);
    expect(await target.visits.count()).toBe(1);
    expect(await currentEpoch(target)).toBe(1);
  });

  it('answers the file settings for the caller to apply', async () => {
    const db = freshDb('settings');
    const file = await exportBackup(await library(), { ...APP, now: T0, settings: { keyboardTriage: true } });
    const summary = await restoreBackup(db, file, { ...APP, mode: 'replace', now: T0 });
    expect(summary.settings).toEqual({ keyboardTriage: true });
  });
});

describe('restore, merge', () => {
  it('into an empty library gives the library of the file', async () => {
    const source = await library();
    const file = await backupOf(source);
    const target = freshDb('target');
    const summary = await restoreBackup(target, file, { ...APP, mode: 'merge', now: T0 });
    expect(summary).toMatchObject({ added: 3, updated: 0, removed: 0 });
    expect(await backupOf(target)).toEqual(file);
  });

  it('of the library own backup changes nothing at all', async () => {
    const db = await library();
    await edit(db, 'arxiv:2405.10001', (r) => withTags(r, ['x', 'y'], T0 + 5));
    const before = await dumpDb(db);
    const summary = await restoreBackup(db, await backupOf(db), { ...APP, mode: 'merge', now: T0 });
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 3, sightings: 0, tombstones: 0 });
    expect(await dumpDb(db)).toBe(before);
  });

  it('keeps, per field, the value changed last', async () => {
    const a = await library();
    const b = freshDb('b');
    await restoreBackup(b, await backupOf(a), { ...APP, mode: 'replace', now: T0 });
    const id = 'arxiv:2405.10001';
    await edit(a, id, (r) => withStatus(r, 'read', T0 + 100));
    await edit(b, id, (r) => withNote(r, 'from b', T0 + 200));
    await edit(b, id, (r) => withStatus(r, 'reading', T0 + 50));

    await restoreBackup(a, await backupOf(b), { ...APP, mode: 'merge', now: T0 });
    const merged = (await a.papers.get(id))!;
    expect(merged).toMatchObject({ status: 'read', note: 'from b', readAt: T0 + 100, startedAt: T0 + 50, changedAt: { status: T0 + 100, note: T0 + 200 } });
  });

  it('merges tags as sets: a later removal beats an earlier addition', async () => {
    const a = await library();
    const b = freshDb('b');
    const id = 'arxiv:2405.10003';
    await edit(a, id, (r) => withTags(r, ['keep', 'drop'], T0 + 10));
    await restoreBackup(b, await backupOf(a), { ...APP, mode: 'replace', now: T0 });
    await edit(b, id, (r) => withTags(r, ['keep'], T0 + 20));
    await edit(a, id, (r) => withTags(r, ['keep', 'drop', 'new'], T0 + 30));

    await restoreBackup(a, await backupOf(b), { ...APP, mode: 'merge', now: T0 });
    await restoreBackup(b, await backupOf(a), { ...APP, mode: 'merge', now: T0 });
    const ra = (await a.papers.get(id))!;
    expect(ra.tags).toEqual(['keep', 'new']);
    expect(ra.tagChanges).toEqual([
      { tag: 'drop', at: T0 + 20, removed: true },
      { tag: 'keep', at: T0 + 10 },
      { tag: 'new', at: T0 + 30 },
    ]);
    expect(await b.papers.get(id)).toEqual(ra);
  });

  it('joins papers that share an alias into one record: the older id stays, sightings follow', async () => {
    const db = freshDb('alias');
    await recordBatch(db, { url: 'https://dblp.org/pid/1', entries: [{ id: 'doi:10.1/two', aliases: ['doi:10.1/two'], title: 'Paper 2', authors: [], links: {} }], now: T0 - 1_000 });
    const file = await backupOf(await library());
    const summary = await restoreBackup(db, file, { ...APP, mode: 'merge', now: T0 });
    expect(summary).toMatchObject({ added: 2, updated: 1, removed: 0 });
    const ids = (await db.papers.toArray()).map((p) => p.id).sort();
    expect(ids).toEqual(['arxiv:2405.10001', 'arxiv:2405.10003', 'doi:10.1/two']);
    const two = (await db.papers.get('doi:10.1/two'))!;
    expect(two.aliases).toEqual(['doi:10.1/two', 'arxiv:2405.10002']);
    expect(two.firstSeenOn).toBe('https://dblp.org/pid/1');
    expect((await sightingsOf(db, 'arxiv:2405.10002')).map((s) => s.page)).toEqual([
      'https://dblp.org/pid/1',
      'https://arxiv.org/list/cs.LG/new',
      'https://huggingface.co/papers',
    ]);
  });

  it('merges two library records that a paper of the file proves one, and bumps the epoch', async () => {
    const db = freshDb('two');
    await seedLibrary(db, {
      papers: [
        paperRecord({ id: 'doi:10.1/a', aliases: ['doi:10.1/a'], firstSeenAt: T0 - 10, note: 'first' }),
        paperRecord({ id: 'pmid:123', aliases: ['pmid:123'], firstSeenAt: T0 - 5, status: 'read', changedAt: { status: T0 - 1 } }),
      ],
      sightings: [{ paperId: 'pmid:123', page: 'https://pubmed.ncbi.nlm.nih.gov/?term=x', firstAt: T0 - 4 }],
      tombstones: [],
    });
    const file: BackupFile = { ...(await backupOf(freshDb('empty'))), papers: [paperRecord({ id: 'arxiv:2401.00001', aliases: ['arxiv:2401.00001', 'doi:10.1/a', 'pmid:123'] })] };
    const summary = await restoreBackup(db, file, { ...APP, mode: 'merge', now: T0 });
    expect(summary).toMatchObject({ added: 0, updated: 1, removed: 1 });
    const rows = await db.papers.toArray();
    expect(rows.map((r) => r.id)).toEqual(['doi:10.1/a']);
    expect(rows[0]).toMatchObject({ status: 'read', note: 'first', aliases: ['doi:10.1/a', 'pmid:123', 'arxiv:2401.00001'] });
    expect(await db.sightings.toArray()).toEqual([{ paperId: 'doi:10.1/a', page: 'https://pubmed.ncbi.nlm.nih.gov/?term=x', firstAt: T0 - 4 }]);
    expect(await currentEpoch(db)).toBe(1);
  });
});

describe('deletions', () => {
  it('a deletion newer than a copy removes it, both ways, and the tombstone stays', async () => {
    const a = await library();
    const b = freshDb('b');
    await restoreBackup(b, await backupOf(a), { ...APP, mode: 'replace', now: T0 });
    await deletePapers(a, ['doi:10.1/two'], T0 + 1_000_000);

    const intoB = await restoreBackup(b, await backupOf(a), { ...APP, mode: 'merge', now: T0 });
    expect(intoB).toMatchObject({ removed: 1, tombstones: 1 });
    expect(await b.papers.get('arxiv:2405.10002')).toBeUndefined();
    expect(await b.sightings.where('paperId').equals('arxiv:2405.10002').count()).toBe(0);

    const intoA = await restoreBackup(a, await backupOf(b), { ...APP, mode: 'merge', now: T0 });
    expect(intoA).toMatchObject({ skipped: 0, added: 0, removed: 0 });
    expect((await backupOf(a)).papers).toEqual((await backupOf(b)).papers);
    expect(await a.tombstones.toArray()).toEqual(await b.tombstones.toArray());
  });

  it('a copy changed after the deletion survives it', async () => {
    const a = await library();
    const b = freshDb('b');
    await restoreBackup(b, await backupOf(a), { ...APP, mode: 'replace', now: T0 });
    await deletePapers(a, ['arxiv:2405.10001'], T0 + 100);
    await edit(b, 'arxiv:2405.10001', (r) => withStatus(r, 'unread', T0 + 200));

    expect(await restoreBackup(b, await backupOf(a), { ...APP, mode: 'merge', now: T0 })).toMatchObject({ removed: 0 });
    expect(await b.papers.get('arxiv:2405.10001')).toMatchObject({ status: 'unread' });
    expect(await restoreBackup(a, await backupOf(b), { ...APP, mode: 'merge', now: T0 })).toMatchObject({ added: 1, skipped: 0 });
    expect(await a.papers.get('arxiv:2405.10001')).toMatchObject({ status: 'unread' });
  });

  it('the library deletion drops an older copy from the file', async () => {
    const a = await library();
    const file = await backupOf(a);
    await deletePapers(a, ['arxiv:2405.10003'], T0 + 100);
    expect(await restoreBackup(a, file, { ...APP, mode: 'merge', now: T0 })).toMatchObject({ skipped: 1, added: 0 });
    expect(await a.papers.get('arxiv:2405.10003')).toBeUndefined();
  });
});

describe('all or nothing', () => {
  it('a rejected file leaves the database byte for byte unchanged', async () => {
    const db = await library();
    const before = await dumpDb(db);
    const file = backupToJson(await backupOf(db));
    for (const mode of ['merge', 'replace'] as const) {
      await expect(restoreBackup(db, file.slice(0, -20), { ...APP, mode, now: T0 })).rejects.toBeInstanceOf(BackupError);
      await expect(restoreBackup(db, file.replace('"status":"seen"', '"status":"gone"'), { ...APP, mode, now: T0 })).rejects.toThrow(
        /papers\[0\]\.status: expected one of seen, unread, reading, read, dismissed/,
      );
    }
    expect(await dumpDb(db)).toBe(before);
  });

  it('a failure half way through writes nothing', async () => {
    const db = await library();
    await edit(db, 'arxiv:2405.10001', (r) => withNote(r, 'keep me', T0 + 1));
    const before = await dumpDb(db);
    const other = freshDb('other');
    await seedLibrary(other, {
      papers: Array.from({ length: 30 }, (_, i) => paperRecord({ id: `arxiv:2402.${10_000 + i}`, aliases: [`arxiv:2402.${10_000 + i}`] })),
      sightings: [],
      tombstones: [],
    });
    const file = await backupOf(other);
    for (const mode of ['merge', 'replace'] as const) {
      let calls = 0;
      const failing = (p: RestoreProgress) => {
        if (p.phase === 'papers' && ++calls === 2) throw new Error('disk full');
      };
      await expect(restoreBackup(db, file, { ...APP, mode, now: T0, batchSize: 10, onProgress: failing })).rejects.toThrow('disk full');
      expect(await dumpDb(db)).toBe(before);
    }
  });
});

describe('large files', () => {
  /** Runs `work`, counting how many times a zero-delay timer got to run meanwhile. */
  async function timerTurns(work: () => Promise<unknown>): Promise<number> {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await work();
    running = false;
    return ticks;
  }

  function papers(n: number, prefix: string): PaperRecord[] {
    return Array.from({ length: n }, (_, i) => {
      const id = `arxiv:${prefix}.${String(10_000 + i)}`;
      return paperRecord({ id, aliases: [id, `doi:10.5555/${prefix}.${i}`], title: `Paper ${i}`, firstSeenAt: T0 + i });
    });
  }

  it('merges 50,000 papers in batches, reporting progress and letting the event loop turn', async () => {
    const all = papers(50_000, '2403');
    const file: BackupFile = { ...(await backupOf(freshDb('empty'))), papers: all };
    const db = freshDb('large');
    await seedLibrary(db, { papers: all.slice(0, 1_000).map((p) => ({ ...p, note: 'mine', changedAt: { note: T0 + 1 } })), sightings: [], tombstones: [] });
    const progress: RestoreProgress[] = [];
    const turns = await timerTurns(() => restoreBackup(db, file, { ...APP, mode: 'merge', now: T0, onProgress: (p) => progress.push(p) }));
    expect(await db.papers.count()).toBe(50_000);
    expect(await db.papers.get(all[10]!.id)).toMatchObject({ note: 'mine' });
    const done = progress.filter((p) => p.phase === 'papers').map((p) => p.done);
    expect(done).toHaveLength(100);
    expect(done[99]).toBe(50_000);
    expect(turns).toBeGreaterThan(10);
  });

  it('replaces with 5,000 papers in batches', async () => {
    const file: BackupFile = { ...(await backupOf(freshDb('empty'))), papers: papers(5_000, '2404') };
    const db = freshDb('replace');
    await seedLibrary(db, { papers: papers(100, '2405'), sightings: [], tombstones: [] });
    const progress: RestoreProgress[] = [];
    const turns = await timerTurns(() => restoreBackup(db, file, { ...APP, mode: 'replace', now: T0, batchSize: 500, onProgress: (p) => progress.push(p) }));
    expect(await db.papers.count()).toBe(5_000);
    expect(progress.filter((p) => p.phase === 'papers').map((p) => p.done)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 500));
    expect(progress.filter((p) => p.phase === 'safety-backup').at(-1)).toEqual({ phase: 'safety-backup', done: 100, total: 100 });
    expect(turns).toBeGreaterThan(3);
  });
});
