import { afterEach, describe, expect, it } from 'vitest';
import { setStatus, sightingsOf } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { importPapers, type ImportedPaper } from '../../lib/db/restore';
import { currentEpoch } from '../../lib/db/schema';
import { parseBibtex } from '../../lib/import/bibtex';
import { dropDbs, dumpDb, freshDb, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

const PAGE = 'https://arxiv.org/list/cs.LG/new';

function imported(over: Partial<ImportedPaper> & { id: string }): ImportedPaper {
  return { aliases: [over.id], title: 'Imported', authors: [], links: {}, ...over };
}

describe('importPapers', () => {
  it('creates new papers to read, with their tags and note as user changes', async () => {
    const db = freshDb('import');
    const { papers } = parseBibtex(String.raw`@misc{a, title = {Attention Is All You Need}, author = {Ashish Vaswani}, eprint = {1706.03762}, archivePrefix = {arXiv}, keywords = {nlp}, annote = {Great.}}`);
    const summary = await importPapers(db, papers, T0);
    expect(summary).toEqual({ created: 1, updated: 0, unchanged: 0, merged: 0, recordIds: ['arxiv:1706.03762'] });
    expect(await db.papers.get('arxiv:1706.03762')).toEqual({
      id: 'arxiv:1706.03762',
      aliases: ['arxiv:1706.03762', 'url:https://arxiv.org/abs/1706.03762'],
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani'],
      links: { abs: 'https://arxiv.org/abs/1706.03762', pdf: 'https://arxiv.org/pdf/1706.03762' },
      status: 'unread',
      tags: ['nlp'],
      note: 'Great.',
      firstSeenAt: T0,
      lastSeenAt: T0,
      updatedAt: T0,
      savedAt: T0,
      tagChanges: [{ tag: 'nlp', at: T0 }],
      changedAt: { tags: T0, note: T0, status: T0 },
    });
    expect(await sightingsOf(db, 'arxiv:1706.03762')).toEqual([]);
  });

  it('joins the record that shares an alias: metadata improves, user choices stay', async () => {
    const db = freshDb('import');
    const id = 'arxiv:2405.01234';
    await recordBatch(db, { url: PAGE, entries: [{ id, aliases: [id], title: 'A Cut Title …', authors: [], links: {} }], now: T0 });
    await setStatus(db, [id], 'read', T0 + 1);
    const summary = await importPapers(
      db,
      [imported({ id: 'doi:10.1000/x', aliases: ['doi:10.1000/x', id], title: 'A Cut Title With Its End', authors: ['A. Author'], venue: 'ICML', tags: ['t'] })],
      T0 + 10,
    );
    expect(summary).toMatchObject({ created: 0, updated: 1, recordIds: [id] });
    expect(await db.papers.get(id)).toMatchObject({
      status: 'read',
      title: 'A Cut Title With Its End',
      authors: ['A. Author'],
      venue: 'ICML',
      aliases: [id, 'doi:10.1000/x'],
      tags: ['t'],
      firstSeenOn: PAGE,
    });
  });

  it('raises only seen papers to the import status, and can import as seen', async () => {
    const db = freshDb('import');
    await recordBatch(db, { url: PAGE, entries: [{ id: 'arxiv:2405.01234', aliases: ['arxiv:2405.01234'], title: 'T', authors: [], links: {} }], now: T0 });
    await importPapers(db, [imported({ id: 'arxiv:2405.01234' })], T0 + 5, { status: 'reading' });
    expect(await db.papers.get('arxiv:2405.01234')).toMatchObject({ status: 'reading', startedAt: T0 + 5 });
    await importPapers(db, [imported({ id: 'doi:10.1000/new' })], T0 + 6, { status: 'seen' });
    expect(await db.papers.get('doi:10.1000/new')).toMatchObject({ status: 'seen' });
  });

  it('an imported paper that proves two records one merges them (the older stays), sightings move', async () => {
    const db = freshDb('import');
    await recordBatch(db, { url: PAGE, entries: [{ id: 'arxiv:2405.01234', aliases: ['arxiv:2405.01234'], title: 'T', authors: [], links: {} }], now: T0 });
    await recordBatch(db, { url: 'https://dblp.org/x', entries: [{ id: 'doi:10.1000/x', aliases: ['doi:10.1000/x'], title: 'T', authors: [], links: {} }], now: T0 + 1 });
    const summary = await importPapers(db, [imported({ id: 'arxiv:2405.01234', aliases: ['arxiv:2405.01234', 'doi:10.1000/x'], title: 'T' })], T0 + 5);
    expect(summary).toMatchObject({ merged: 1, updated: 1, recordIds: ['arxiv:2405.01234'] });
    expect((await db.papers.toArray()).map((p) => p.id)).toEqual(['arxiv:2405.01234']);
    expect((await sightingsOf(db, 'doi:10.1000/x')).map((s) => s.page)).toEqual([PAGE, 'https://dblp.org/x']);
    expect(await currentEpoch(db)).toBe(1);
  });

  it('entries of one paper in a file become one record; importing twice changes nothing', async () => {
    const db = freshDb('import');
    const entries = [
      imported({ id: 'arxiv:2405.01234', title: 'Same' }),
      imported({ id: 'doi:10.1000/same', aliases: ['doi:10.1000/same', 'arxiv:2405.01234'], title: 'Same' }),
    ];
    expect(await importPapers(db, entries, T0)).toMatchObject({ created: 1, recordIds: ['arxiv:2405.01234', 'arxiv:2405.01234'] });
    const before = await dumpDb(db);
    expect(await importPapers(db, entries, T0 + 9)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await dumpDb(db)).toBe(before);
  });

  it('large imports read the library once and give the same result', async () => {
    const entries = Array.from({ length: 1_500 }, (_, i) =>
      imported({ id: `arxiv:2402.${10_000 + i}`, aliases: [`arxiv:2402.${10_000 + i}`, `doi:10.5555/${i}`], title: `P${i}` }),
    );
    const db = freshDb('import');
    await recordBatch(db, { url: PAGE, entries: [{ id: 'doi:10.5555/7', aliases: ['doi:10.5555/7'], title: 'P7', authors: [], links: {} }], now: T0 - 1 });
    const progress: number[] = [];
    const summary = await importPapers(db, entries, T0, { onProgress: (p) => progress.push(p.done) });
    expect(summary).toMatchObject({ created: 1_499, updated: 1 });
    expect(summary.recordIds[7]).toBe('doi:10.5555/7');
    expect(progress).toEqual([500, 1_000, 1_500]);
    expect(await db.papers.count()).toBe(1_500);
  });

  it('writes nothing when it fails half way', async () => {
    const db = freshDb('import');
    await importPapers(db, [imported({ id: 'arxiv:2405.01234' })], T0);
    const before = await dumpDb(db);
    const entries = Array.from({ length: 30 }, (_, i) => imported({ id: `arxiv:2402.${10_000 + i}` }));
    await expect(
      importPapers(db, entries, T0, {
        batchSize: 10,
        onProgress: (p) => {
          if (p.done === 20) throw new Error('stop');
        },
      }),
    ).rejects.toThrow('stop');
    expect(await dumpDb(db)).toBe(before);
  });
});
