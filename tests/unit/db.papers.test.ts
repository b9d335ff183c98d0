import { describe, expect, it } from 'vitest';
import {
  deletePapers,
  findByAlias,
  findManyByAlias,
  saveAll,
  setStatus,
  sightingsOf,
  statesOf,
} from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import type { LecternDB } from '../../lib/db/schema';
import type { DetectedPaper } from '../../lib/model';
import { scratchDatabases } from '../helpers/db';

const freshDb = scratchDatabases('papers-test');

const PAGE = 'https://arxiv.org/list/cs.LG/new';
const T0 = Date.UTC(2026, 10, 1, 9);

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id, `doi:10.48550/arxiv.2405.0000${n}`], title: `Paper ${n}`, authors: [], links: {} };
}

async function seeded(): Promise<LecternDB> {
  const db = freshDb();
  await recordBatch(db, { url: PAGE, entries: [paper(1), paper(2), paper(3)], now: T0 });
  return db;
}

describe('lookups by alias', () => {
  it('findByAlias finds a record by its id or any alias', async () => {
    const db = await seeded();
    expect((await findByAlias(db, 'arxiv:2405.00001'))?.id).toBe('arxiv:2405.00001');
    expect((await findByAlias(db, 'doi:10.48550/arxiv.2405.00001'))?.id).toBe('arxiv:2405.00001');
    expect(await findByAlias(db, 'arxiv:9999.99999')).toBeUndefined();
  });

  it('findManyByAlias maps each known id as asked to its record', async () => {
    const db = await seeded();
    const found = await findManyByAlias(db, ['doi:10.48550/arxiv.2405.00002', 'arxiv:2405.00003', 'doi:10.1/none']);
    expect([...found.keys()].sort()).toEqual(['arxiv:2405.00003', 'doi:10.48550/arxiv.2405.00002']);
    expect(found.get('doi:10.48550/arxiv.2405.00002')?.id).toBe('arxiv:2405.00002');
    expect((await findManyByAlias(db, [])).size).toBe(0);
  });

  it('statesOf answers the status of each known id, keyed as asked', async () => {
    const db = await seeded();
    await setStatus(db, ['arxiv:2405.00002'], 'reading', T0 + 1);
    expect(await statesOf(db, ['doi:10.48550/arxiv.2405.00002', 'arxiv:2405.00001', 'doi:10.1/none'])).toEqual({
      'doi:10.48550/arxiv.2405.00002': 'reading',
      'arxiv:2405.00001': 'seen',
    });
  });
});

describe('setStatus', () => {
  it('sets the status by record id or alias and stamps the dates', async () => {
    const db = await seeded();
    expect(await setStatus(db, ['doi:10.48550/arxiv.2405.00001'], 'unread', T0 + 10)).toBe(1);
    expect(await db.papers.get('arxiv:2405.00001')).toMatchObject({ status: 'unread', savedAt: T0 + 10, updatedAt: T0 + 10 });

    expect(await setStatus(db, ['arxiv:2405.00001'], 'reading', T0 + 20)).toBe(1);
    expect(await db.papers.get('arxiv:2405.00001')).toMatchObject({
      status: 'reading',
      savedAt: T0 + 10,
      startedAt: T0 + 20,
      updatedAt: T0 + 20,
    });

    expect(await setStatus(db, ['arxiv:2405.00001'], 'read', T0 + 30)).toBe(1);
    expect(await db.papers.get('arxiv:2405.00001')).toMatchObject({
      status: 'read',
      savedAt: T0 + 10,
      startedAt: T0 + 20,
      readAt: T0 + 30,
    });
  });

  it('sets savedAt on a direct move from seen to read', async () => {
    const db = await seeded();
    await setStatus(db, ['arxiv:2405.00002'], 'read', T0 + 5);
    const p = await db.papers.get('arxiv:2405.00002');
    expect(p).toMatchObject({ savedAt: T0 + 5, readAt: T0 + 5 });
    expect(p?.startedAt).toBeUndefined();
  });

  it('counts each record once and does not count records already in the status', async () => {
    const db = await seeded();
    const n = await setStatus(
      db,
      ['arxiv:2405.00001', 'doi:10.48550/arxiv.2405.00001', 'arxiv:2405.00002', 'arxiv:9999.99999'],
      'dismissed',
      T0 + 1,
    );
    expect(n).toBe(2);
    expect(await setStatus(db, ['arxiv:2405.00001'], 'dismissed', T0 + 2)).toBe(0);
    expect((await db.papers.get('arxiv:2405.00001'))?.updatedAt).toBe(T0 + 1);
    expect((await db.papers.get('arxiv:2405.00001'))?.savedAt).toBeUndefined();
  });
});

describe('saveAll', () => {
  it('moves seen papers to unread and leaves every other status alone', async () => {
    const db = freshDb();
    const entries = [1, 2, 3, 4, 5].map(paper);
    await recordBatch(db, { url: PAGE, entries, now: T0 });
    await setStatus(db, ['arxiv:2405.00002'], 'reading', T0 + 1);
    await setStatus(db, ['arxiv:2405.00003'], 'read', T0 + 1);
    await setStatus(db, ['arxiv:2405.00004'], 'dismissed', T0 + 1);
    await setStatus(db, ['arxiv:2405.00005'], 'unread', T0 + 1);

    const n = await saveAll(db, entries.map((e) => e.aliases[1]!), T0 + 100);
    expect(n).toBe(1);
    expect(await statesOf(db, entries.map((e) => e.id))).toEqual({
      'arxiv:2405.00001': 'unread',
      'arxiv:2405.00002': 'reading',
      'arxiv:2405.00003': 'read',
      'arxiv:2405.00004': 'dismissed',
      'arxiv:2405.00005': 'unread',
    });
    expect(await db.papers.get('arxiv:2405.00001')).toMatchObject({ savedAt: T0 + 100, updatedAt: T0 + 100 });
    expect((await db.papers.get('arxiv:2405.00005'))?.savedAt).toBe(T0 + 1);
    expect(await saveAll(db, entries.map((e) => e.id), T0 + 200)).toBe(0);
  });
});

describe('deletePapers', () => {
  it('deletes records by id or alias with their sightings', async () => {
    const db = await seeded();
    await recordBatch(db, { url: 'https://huggingface.co/papers', entries: [paper(1)], now: T0 + 1 });
    expect((await sightingsOf(db, 'arxiv:2405.00001')).length).toBe(2);

    expect(await deletePapers(db, ['doi:10.48550/arxiv.2405.00001', 'arxiv:2405.00002', 'arxiv:9999.99999'])).toBe(2);
    expect(await db.papers.count()).toBe(1);
    expect(await db.sightings.where('paperId').anyOf(['arxiv:2405.00001', 'arxiv:2405.00002']).count()).toBe(0);
    expect(await sightingsOf(db, 'arxiv:2405.00001')).toEqual([]);
    expect(await sightingsOf(db, 'arxiv:2405.00003')).toHaveLength(1);
    expect(await deletePapers(db, [])).toBe(0);
  });

  it('a deleted paper seen again is a new record', async () => {
    const db = await seeded();
    await deletePapers(db, ['arxiv:2405.00001']);
    const { states } = await recordBatch(db, { url: PAGE, entries: [paper(1)], now: T0 + 60 * 60 * 1000 });
    expect(states[0]).toMatchObject({ recordId: 'arxiv:2405.00001', created: true, status: 'seen' });
    expect(await sightingsOf(db, 'arxiv:2405.00001')).toHaveLength(1);
  });
});
