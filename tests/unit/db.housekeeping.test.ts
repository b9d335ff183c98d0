import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  compactSightings,
  countExcessSightings,
  countForgettable,
  forgetSeen,
  restoreRemoved,
  storageCounts,
} from '../../lib/db/housekeeping';
import { applyStatus, sightingsOf } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import type { LecternDB } from '../../lib/db/schema';
import type { DetectedPaper, PaperRecord } from '../../lib/model';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('housekeeping-test');
const T0 = Date.UTC(2026, 5, 1);

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.${String(n).padStart(5, '0')}`;
  return { id, aliases: [id], title: `Paper ${n}`, authors: ['A. Author'], links: { abs: `https://arxiv.org/abs/${id.slice(6)}` } };
}

const page = (n: number) => `https://arxiv.org/list/cs.LG/pastweek?skip=${n}`;

async function snapshot(db: LecternDB) {
  const [papers, sightings, changes] = await Promise.all([db.papers.toArray(), db.sightings.toArray(), db.changes.count()]);
  return { papers, sightings, changes };
}

/** A library of six papers: 1–3 seen long ago, 4 seen recently, 5 saved, 6 seen but noted/tagged/highlighted/snapshotted variants. */
async function library() {
  const db = scratchDb();
  await recordBatch(db, { url: page(0), entries: [paper(1), paper(2), paper(3), paper(5)], now: T0 });
  await recordBatch(db, { url: page(1), entries: [paper(1), paper(2)], now: T0 + 1 });
  await recordBatch(db, { url: page(2), entries: [paper(4), paper(6), paper(7), paper(8), paper(9)], now: T0 + 40 * DAY_MS });
  await applyStatus(db, [paper(5).id], 'unread', T0 + 2);
  const edit = async (n: number, change: Partial<PaperRecord>) => {
    const record = await db.papers.get(paper(n).id);
    await db.papers.put({ ...record!, ...change });
  };
  await edit(6, { note: 'look at section 3' });
  await edit(7, { tags: ['rl'] });
  await db.highlights.add({
    id: 'h1', paperId: paper(8).id, url: 'https://arxiv.org/abs/2405.00008', selectors: [], text: 'quote', color: 'yellow', note: '', createdAt: T0, updatedAt: T0,
  });
  await db.snapshots.add({ paperId: paper(9).id, url: 'https://arxiv.org/abs/2405.00009', title: 'x', content: '<p>x</p>', text: 'x', savedAt: T0 });
  return db;
}

describe('forgetting seen papers', () => {
  it('older than N days removes only untouched seen papers not seen since, with their sightings', async () => {
    const db = await library();
    const now = T0 + 45 * DAY_MS;
    const options = { lastSeenBefore: now - 30 * DAY_MS };
    expect(await countForgettable(db, options)).toBe(3);
    const removed = await forgetSeen(db, options, now);
    expect(removed.papers.map((r) => r.id).sort()).toEqual([paper(1).id, paper(2).id, paper(3).id]);
    expect(removed.sightings.map((s) => s.paperId).sort()).toEqual([paper(1).id, paper(2).id]);
    const left = (await db.papers.toArray()).map((r) => r.id).sort();
    expect(left).toEqual([4, 5, 6, 7, 8, 9].map((n) => paper(n).id));
    expect(await db.sightings.count()).toBe(0);
    // The search index hears of it.
    const last = await db.changes.orderBy('seq').last();
    expect(last?.ids.sort()).toEqual([paper(1).id, paper(2).id, paper(3).id]);
  });

  it('"everything seen but never saved" never takes a saved paper or one with a note, tags, highlights or a snapshot', async () => {
    const db = await library();
    const removed = await forgetSeen(db, {}, T0 + 50 * DAY_MS);
    expect(removed.papers.map((r) => r.id).sort()).toEqual([1, 2, 3, 4].map((n) => paper(n).id));
    const left = await db.papers.toArray();
    expect(left.map((r) => r.id).sort()).toEqual([5, 6, 7, 8, 9].map((n) => paper(n).id));
    expect(await countForgettable(db)).toBe(0);
  });

  it('undo puts back exactly the rows removed', async () => {
    const db = await library();
    const before = await snapshot(db);
    const removed = await forgetSeen(db, {}, T0 + 50 * DAY_MS);
    expect(await restoreRemoved(db, removed, T0 + 50 * DAY_MS + 1)).toEqual({ papers: 4, sightings: 2 });
    const after = await snapshot(db);
    const byId = (rows: PaperRecord[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after.papers)).toEqual(byId(before.papers));
    expect(after.sightings).toEqual(before.sightings);
    expect(await sightingsOf(db, paper(1).id)).toHaveLength(2);
  });

  it('undo after the paper was recorded again keeps both: the removed row is older', async () => {
    const db = await library();
    const removed = await forgetSeen(db, {}, T0 + 50 * DAY_MS);
    await recordBatch(db, { url: page(5), entries: [paper(1)], now: T0 + 51 * DAY_MS });
    await restoreRemoved(db, removed, T0 + 51 * DAY_MS + 1);
    const record = await db.papers.get(paper(1).id);
    expect(record?.firstSeenAt).toBe(T0);
    expect(record?.lastSeenAt).toBe(T0 + 51 * DAY_MS);
    expect(record?.firstSeenOn).toBe(page(0));
  });
});

describe('sighting compaction', () => {
  async function seenOnManyPages(pages: number) {
    const db = scratchDb();
    for (let i = 0; i < pages; i++) await recordBatch(db, { url: page(i), entries: [paper(1), paper(2 + (i % 2))], now: T0 + i * 1000 });
    return db;
  }

  it('keeps each paper\'s first page and its newest ones, up to the cap', async () => {
    const db = await seenOnManyPages(10);
    // Paper 1: 10 pages (the first on its record, 9 rows), cap 4: 6 rows go. Papers 2 and 3: 5 pages each: 1 row each.
    expect(await countExcessSightings(db, 4)).toBe(8);
    const removed = await compactSightings(db, 4, T0 + DAY_MS);
    expect(removed.papers).toEqual([]);
    expect(removed.sightings).toHaveLength(8);
    expect((await sightingsOf(db, paper(1).id)).map((s) => s.page)).toEqual([page(0), page(7), page(8), page(9)]);
    expect((await sightingsOf(db, paper(2).id)).map((s) => s.page)).toEqual([page(0), page(4), page(6), page(8)]);
    expect(await countExcessSightings(db, 4)).toBe(0);
  });

  it('leaves papers within the cap alone, and undo restores every row', async () => {
    const db = await seenOnManyPages(6);
    const before = await db.sightings.toArray();
    expect(await countExcessSightings(db, 20)).toBe(0);
    expect((await compactSightings(db, 20, T0)).sightings).toEqual([]);
    const removed = await compactSightings(db, 2, T0);
    expect(removed.sightings.length).toBeGreaterThan(0);
    await restoreRemoved(db, removed, T0 + 1);
    const key = (r: { paperId: string; page: string }) => `${r.paperId} ${r.page}`;
    expect((await db.sightings.toArray()).map(key).sort()).toEqual(before.map(key).sort());
  });
});

describe('storage counts', () => {
  it('count papers, sightings, highlights and snapshots', async () => {
    const db = await library();
    expect(await storageCounts(db)).toEqual({ papers: 9, sightings: 2, highlights: 1, snapshots: 1 });
  });
});
