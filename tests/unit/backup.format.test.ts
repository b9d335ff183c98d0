import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupToJson,
  canonicalPaper,
  exportBackup,
  exportBackupChunks,
  LibraryChangedError,
  PAPER_KEYS,
  type ExportProgress,
} from '../../lib/backup/format';
import { parseBackup } from '../../lib/backup/validate';
import { deletePapers } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { dropDbs, freshDb, paperRecord, seedLibrary, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

const OPTIONS = { appVersion: '0.1.0', now: T0 + 1_000 };

async function seeded(n: number) {
  const db = freshDb('format');
  const papers = Array.from({ length: n }, (_, i) =>
    paperRecord({
      id: `arxiv:2401.${String(10_000 + i)}`,
      aliases: [`arxiv:2401.${String(10_000 + i)}`, `doi:10.5555/p.${i}`],
      title: `Paper ${i}: "quotes", $\\alpha$ & Ünïcødé 中文`,
      note: i % 2 ? `note ${i}` : '',
      tags: i % 3 ? [] : ['ml'],
      firstSeenAt: T0 + i,
    }),
  );
  await seedLibrary(db, {
    papers,
    sightings: papers.slice(0, 5).map((p) => ({ paperId: p.id, page: 'https://huggingface.co/papers', firstAt: T0 + 99 })),
    tombstones: [{ id: 'doi:10.1/gone', aliases: ['doi:10.1/gone'], deletedAt: T0 + 5 }],
  });
  return { db, papers };
}

async function collect(chunks: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('exportBackup', () => {
  it('holds every paper, sighting and tombstone with the documented header', async () => {
    const { db, papers } = await seeded(7);
    const backup = await exportBackup(db, { ...OPTIONS, settings: { keyboardTriage: true, dimTriaged: false } });
    expect(backup).toMatchObject({
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: '0.1.0',
      exportedAt: OPTIONS.now,
      highlights: [],
      snapshots: [],
      settings: { dimTriaged: false, keyboardTriage: true },
    });
    expect(backup.papers).toEqual(papers);
    expect(backup.sightings).toHaveLength(5);
    expect(backup.tombstones).toEqual([{ id: 'doi:10.1/gone', aliases: ['doi:10.1/gone'], deletedAt: T0 + 5 }]);
    expect(Object.keys(backup)).toEqual([
      'format', 'formatVersion', 'appVersion', 'exportedAt', 'papers', 'sightings', 'highlights', 'snapshots', 'settings', 'tombstones',
    ]);
  });

  it('reads in pages and reports progress per page', async () => {
    const { db } = await seeded(25);
    const seen: ExportProgress[] = [];
    const backup = await exportBackup(db, { ...OPTIONS, pageSize: 10, onProgress: (p) => seen.push(p) });
    expect(backup.papers.map((p) => p.id)).toEqual([...backup.papers.map((p) => p.id)].sort());
    expect(backup.papers).toHaveLength(25);
    expect(seen.filter((p) => p.phase === 'papers')).toEqual([
      { phase: 'papers', done: 10, total: 25 },
      { phase: 'papers', done: 20, total: 25 },
      { phase: 'papers', done: 25, total: 25 },
    ]);
  });

  it('writes fields in one canonical order whatever order the stored row has', () => {
    const shuffled = Object.fromEntries(Object.entries(paperRecord({ venue: 'V', note: 'n' })).reverse());
    const keys = Object.keys(canonicalPaper(shuffled as never));
    expect(keys).toEqual(PAPER_KEYS.filter((k) => keys.includes(k)));
  });

  it('leaves out settings that could not travel', async () => {
    const { db } = await seeded(1);
    const backup = await exportBackup(db, { ...OPTIONS, settings: { ok: 1, bad: Number.NaN, fn: (() => 1) as never } });
    expect(backup.settings).toEqual({ ok: 1 });
  });
});

describe('exportBackupChunks', () => {
  it('yields text whose concatenation is backupToJson of the same backup, and which validates', async () => {
    const { db } = await seeded(23);
    const chunks = await collect(exportBackupChunks(db, { ...OPTIONS, pageSize: 5 }));
    expect(chunks.length).toBeGreaterThan(5);
    const text = chunks.join('');
    expect(text).toBe(backupToJson(await exportBackup(db, OPTIONS)));
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.backup).toEqual(await exportBackup(db, OPTIONS));
  });

  it('gives a valid file for an empty library', async () => {
    const db = freshDb('empty');
    const text = (await collect(exportBackupChunks(db, OPTIONS))).join('');
    expect(text).toBe(backupToJson(await exportBackup(db, OPTIONS)));
    expect(JSON.parse(text)).toEqual({
      format: 'lectern-backup', formatVersion: 2, appVersion: '0.1.0', exportedAt: OPTIONS.now,
      papers: [], sightings: [], highlights: [], snapshots: [], settings: {}, tombstones: [],
    });
  });

  it('puts one row per line, so that a backup diffs well', async () => {
    const { db } = await seeded(3);
    const lines = (await collect(exportBackupChunks(db, OPTIONS))).join('').split('\n');
    expect(lines.filter((l) => l.startsWith('{"id":"arxiv:'))).toHaveLength(3);
  });

  it('fails at the end when papers were merged or deleted while it read', async () => {
    const { db } = await seeded(12);
    const chunks = exportBackupChunks(db, { ...OPTIONS, pageSize: 4 });
    await chunks.next();
    await chunks.next();
    await deletePapers(db, ['arxiv:2401.10011'], T0 + 10);
    await expect(collect(chunks)).rejects.toBeInstanceOf(LibraryChangedError);
  });

  it('carries the tombstone a deletion leaves', async () => {
    const db = freshDb('delete');
    const id = 'arxiv:2405.01234';
    await recordBatch(db, {
      url: 'https://arxiv.org/list/cs.LG/new',
      entries: [{ id, aliases: [id, 'doi:10.1/x'], title: 'T', authors: [], links: {} }],
      now: T0,
    });
    expect(await deletePapers(db, ['doi:10.1/x'], T0 + 50)).toBe(1);
    const backup = await exportBackup(db, OPTIONS);
    expect(backup.papers).toEqual([]);
    expect(backup.tombstones).toEqual([{ id, aliases: [id, 'doi:10.1/x'], deletedAt: T0 + 50 }]);
  });
});
