import { describe, expect, it } from 'vitest';
import {
  editTags,
  markNotPaper,
  mergePapers,
  restoreRecords,
  setNote,
  snapshotRecords,
  splitPaper,
} from '../../lib/db/library-edits';
import { deletePaperRecords, sightingsOf } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { currentEpoch, type LecternDB } from '../../lib/db/schema';
import type { DetectedPaper, HighlightRecord, PaperRecord } from '../../lib/model';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('library-edits-test');
const T0 = Date.UTC(2026, 10, 1, 9);
const HOUR = 3_600_000;
const LIST = 'https://arxiv.org/list/cs.LG/new';
const HF = 'https://huggingface.co/papers';

function arxiv(n: number, over: Partial<DetectedPaper> = {}): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id], title: `Paper ${n}`, authors: ['A'], links: { abs: `https://arxiv.org/abs/2405.0000${n}` }, ...over };
}

async function changeRows(db: LecternDB): Promise<string[][]> {
  return (await db.changes.toArray()).map((row) => row.ids);
}

async function paper(db: LecternDB, id: string): Promise<PaperRecord> {
  const record = await db.papers.get(id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

function highlight(id: string, paperId: string): HighlightRecord {
  return {
    id,
    paperId,
    url: 'https://arxiv.org/abs/2405.00002',
    selectors: [{ type: 'TextQuoteSelector', exact: 'quoted' }],
    text: 'quoted',
    color: 'yellow',
    note: '',
    createdAt: T0,
    updatedAt: T0,
  };
}

describe('tags and notes', () => {
  it('adds and removes tags on many papers in one transaction, with change rows and tombstones', async () => {
    const db = scratchDb();
    await recordBatch(db, { url: LIST, entries: [arxiv(1), arxiv(2), arxiv(3)], now: T0 });
    await db.changes.clear();
    const added = await editTags(db, ['arxiv:2405.00001', 'arxiv:2405.00002'], { add: ['rl', ' to  cite '] }, T0 + 1);
    expect(added.changed.map((r) => r.id).sort()).toEqual(['arxiv:2405.00001', 'arxiv:2405.00002']);
    expect((await paper(db, 'arxiv:2405.00001')).tags).toEqual(['rl', 'to cite']);
    expect((await paper(db, 'arxiv:2405.00003')).tags).toEqual([]);
    expect(await changeRows(db)).toEqual([['arxiv:2405.00001', 'arxiv:2405.00002']]);

    const removed = await editTags(db, ['arxiv:2405.00001', 'arxiv:2405.00003'], { remove: ['rl'] }, T0 + 2);
    expect(removed.changed.map((r) => r.id)).toEqual(['arxiv:2405.00001']);
    const one = await paper(db, 'arxiv:2405.00001');
    expect(one.tags).toEqual(['to cite']);
    expect(one.tagChanges).toContainEqual({ tag: 'rl', at: T0 + 2, removed: true });
    expect(one.changedAt?.tags).toBe(T0 + 2);

    const listed = await db.papers.orderBy('tags').uniqueKeys();
    expect(listed).toEqual(['rl', 'to cite']);
  });

  it('sets a note, and the undo puts the previous one back', async () => {
    const db = scratchDb();
    await recordBatch(db, { url: LIST, entries: [arxiv(1)], now: T0 });
    const edit = await setNote(db, 'arxiv:2405.00001', 'Read **section 3**', T0 + 5);
    expect((await paper(db, 'arxiv:2405.00001')).note).toBe('Read **section 3**');
    await restoreRecords(db, edit.undo, T0 + 6);
    expect((await paper(db, 'arxiv:2405.00001')).note).toBe('');
  });

  it('refuses a note for an unknown paper', async () => {
    const db = scratchDb();
    await expect(setNote(db, 'arxiv:2405.09999', 'x', T0)).rejects.toThrow(/Unknown paper/);
  });
});

async function twoRecordsOfOnePaper(db: LecternDB) {
  // One paper seen as an arXiv preprint on the list, then under its DOI alone on another site.
  await recordBatch(db, { url: LIST, entries: [arxiv(1)], now: T0 });
  await recordBatch(db, {
    url: HF,
    entries: [{ id: 'doi:10.1145/3368089', aliases: ['doi:10.1145/3368089'], title: 'Paper 1', authors: ['A', 'B'], links: { code: 'https://github.com/a/b' } }],
    now: T0 + HOUR,
  });
  await recordBatch(db, { url: 'https://example.org/reading-list', entries: [{ id: 'doi:10.1145/3368089', aliases: ['doi:10.1145/3368089'], title: 'Paper 1', authors: [], links: {} }], now: T0 + 2 * HOUR });
  await editTags(db, ['doi:10.1145/3368089'], { add: ['vision'] }, T0 + 3 * HOUR);
  await db.highlights.put(highlight('h1', 'doi:10.1145/3368089'));
  await db.snapshots.put({ paperId: 'doi:10.1145/3368089', url: 'https://example.org/x', title: 'Paper 1', content: '<p>x</p>', text: 'x', savedAt: T0 });
}

describe('merge', () => {
  it('keeps the older record with everything of both, and the undo puts both back exactly', async () => {
    const db = scratchDb();
    await twoRecordsOfOnePaper(db);
    const before = await snapshotRecords(db, ['arxiv:2405.00001', 'doi:10.1145/3368089']);
    const epoch = await currentEpoch(db);
    await db.changes.clear();

    // Named the other way round: the older one is kept all the same.
    const result = await mergePapers(db, 'doi:10.1145/3368089', 'arxiv:2405.00001', T0 + 4 * HOUR);
    expect(result.kept.id).toBe('arxiv:2405.00001');
    expect(await db.papers.get('doi:10.1145/3368089')).toBeUndefined();
    const kept = await paper(db, 'arxiv:2405.00001');
    expect(kept.aliases).toEqual(expect.arrayContaining(['arxiv:2405.00001', 'doi:10.1145/3368089']));
    expect(kept.tags).toEqual(['vision']);
    expect(kept.authors).toEqual(['A', 'B']);
    expect(kept.links.code).toBe('https://github.com/a/b');
    expect((await sightingsOf(db, 'doi:10.1145/3368089')).map((s) => s.page)).toEqual([
      'https://arxiv.org/list/cs.LG/new',
      'https://huggingface.co/papers',
      'https://example.org/reading-list',
    ]);
    expect((await db.highlights.get('h1'))?.paperId).toBe('arxiv:2405.00001');
    expect((await db.snapshots.get('arxiv:2405.00001'))?.title).toBe('Paper 1');
    expect(await db.snapshots.get('doi:10.1145/3368089')).toBeUndefined();
    expect(await currentEpoch(db)).toBeGreaterThan(epoch);
    expect(await changeRows(db)).toEqual([['arxiv:2405.00001', 'doi:10.1145/3368089']]);

    await restoreRecords(db, result.undo, T0 + 5 * HOUR);
    const after = await snapshotRecords(db, ['arxiv:2405.00001', 'doi:10.1145/3368089']);
    expect(after).toEqual(before);
    expect(await db.snapshots.get('arxiv:2405.00001')).toBeUndefined();
  });

  it('refuses to merge a record with itself (by an alias) and unknown records', async () => {
    const db = scratchDb();
    await twoRecordsOfOnePaper(db);
    const merged = await mergePapers(db, 'arxiv:2405.00001', 'doi:10.1145/3368089', T0 + 4 * HOUR);
    await expect(mergePapers(db, 'arxiv:2405.00001', 'doi:10.1145/3368089', T0 + 5 * HOUR)).rejects.toThrow(/already one record/);
    await expect(mergePapers(db, 'arxiv:2405.00001', 'arxiv:2405.09999', T0 + 5 * HOUR)).rejects.toThrow(/Unknown paper/);
    expect(merged.kept.id).toBe('arxiv:2405.00001');
  });

  it('refuses the undo when the kept record changed since, and changes nothing', async () => {
    const db = scratchDb();
    await twoRecordsOfOnePaper(db);
    const result = await mergePapers(db, 'arxiv:2405.00001', 'doi:10.1145/3368089', T0 + 4 * HOUR);
    await setNote(db, 'arxiv:2405.00001', 'later thought', T0 + 5 * HOUR);
    const before = await snapshotRecords(db, ['arxiv:2405.00001']);
    await expect(restoreRecords(db, result.undo, T0 + 6 * HOUR)).rejects.toThrow(/changed since/);
    expect(await snapshotRecords(db, ['arxiv:2405.00001'])).toEqual(before);
    expect(await db.papers.get('doi:10.1145/3368089')).toBeUndefined();
  });
});

describe('split', () => {
  it('moves the chosen ids, their links and the sightings of their pages to a new record; undo joins them again', async () => {
    const db = scratchDb();
    await twoRecordsOfOnePaper(db);
    await recordBatch(db, {
      url: 'https://doi.org/10.1145/3368089',
      entries: [{ id: 'doi:10.1145/3368089', aliases: ['doi:10.1145/3368089'], title: 'Paper 1', authors: [], links: {} }],
      now: T0 + 3 * HOUR,
    });
    const merged = await mergePapers(db, 'arxiv:2405.00001', 'doi:10.1145/3368089', T0 + 4 * HOUR);
    const before = await snapshotRecords(db, ['arxiv:2405.00001']);
    await db.changes.clear();

    const split = await splitPaper(db, 'arxiv:2405.00001', ['doi:10.1145/3368089'], T0 + 5 * HOUR);
    expect(split.created.id).toBe('doi:10.1145/3368089');
    expect(split.created.aliases).toEqual(['doi:10.1145/3368089']);
    expect(split.created.status).toBe('seen');
    expect(split.created.tags).toEqual([]);
    const kept = await paper(db, 'arxiv:2405.00001');
    expect(kept.aliases).not.toContain('doi:10.1145/3368089');
    expect(kept.tags).toEqual(['vision']);
    expect((await sightingsOf(db, 'doi:10.1145/3368089')).map((s) => s.page)).toEqual(['https://doi.org/10.1145/3368089']);
    expect((await sightingsOf(db, 'arxiv:2405.00001')).map((s) => s.page)).not.toContain('https://doi.org/10.1145/3368089');
    expect(await changeRows(db)).toEqual([['arxiv:2405.00001', 'doi:10.1145/3368089']]);

    await restoreRecords(db, split.undo, T0 + 6 * HOUR);
    expect(await db.papers.get('doi:10.1145/3368089')).toBeUndefined();
    expect(await snapshotRecords(db, ['arxiv:2405.00001'])).toEqual(before);
    // And the merge before it can still be undone.
    await restoreRecords(db, merged.undo, T0 + 7 * HOUR);
    expect((await paper(db, 'doi:10.1145/3368089')).tags).toEqual(['vision']);
  });

  it('refuses ids the record does not have and its own id', async () => {
    const db = scratchDb();
    await recordBatch(db, { url: LIST, entries: [arxiv(1, { aliases: ['arxiv:2405.00001', 'doi:10.1/y'] })], now: T0 });
    await expect(splitPaper(db, 'arxiv:2405.00001', ['doi:10.9/z'], T0 + 1)).rejects.toThrow(/not an id of/);
    await expect(splitPaper(db, 'arxiv:2405.00001', ['arxiv:2405.00001'], T0 + 1)).rejects.toThrow(/own id/);
  });
});

describe('not a paper', () => {
  it('deletes the record, and a report of the same entry no longer creates it; undo lifts the mark', async () => {
    const db = scratchDb();
    const entry: DetectedPaper = {
      id: 'url:https://example.org/about',
      aliases: ['url:https://example.org/about'],
      title: 'About us',
      authors: [],
      links: { abs: 'https://example.org/about' },
    };
    await recordBatch(db, { url: 'https://example.org/', entries: [entry, arxiv(1)], now: T0 });
    await db.highlights.put(highlight('h2', 'url:https://example.org/about'));
    const result = await markNotPaper(db, ['url:https://example.org/about'], T0 + HOUR);
    expect(result.removed.map((r) => r.id)).toEqual(['url:https://example.org/about']);
    expect(await db.papers.get('url:https://example.org/about')).toBeUndefined();
    expect((await db.highlights.get('h2'))?.paperId).toBeUndefined();
    expect(await db.tombstones.get('url:https://example.org/about')).toBeDefined();

    const again = await recordBatch(db, { url: 'https://example.org/', entries: [entry, arxiv(1)], now: T0 + 2 * HOUR });
    expect(await db.papers.get('url:https://example.org/about')).toBeUndefined();
    expect(again.states[0]).toMatchObject({ notPaper: true, created: false });
    expect(again.states[1]).toMatchObject({ recordId: 'arxiv:2405.00001', status: 'seen' });
    expect((await db.visits.toArray()).at(-1)?.ids).toEqual(['arxiv:2405.00001']);

    await restoreRecords(db, result.undo, T0 + 3 * HOUR);
    expect((await paper(db, 'url:https://example.org/about')).title).toBe('About us');
    expect((await db.highlights.get('h2'))?.paperId).toBe('url:https://example.org/about');
    expect(await db.tombstones.get('url:https://example.org/about')).toBeUndefined();
    expect(await db.meta.get('notPapers')).toEqual({ key: 'notPapers', value: 0 });

    // The mark is gone: after another deletion, the entry is recorded again.
    await deletePaperRecords(db, ['url:https://example.org/about'], T0 + 4 * HOUR);
    await recordBatch(db, { url: 'https://example.org/', entries: [entry], now: T0 + 4 * HOUR });
    expect(await db.papers.get('url:https://example.org/about')).toBeDefined();
  });

  it('refuses the undo when the paper was recorded again since', async () => {
    const db = scratchDb();
    await recordBatch(db, { url: LIST, entries: [arxiv(1)], now: T0 });
    const before = await snapshotRecords(db, ['arxiv:2405.00001']);
    await deletePaperRecords(db, ['arxiv:2405.00001'], T0 + 1);
    await recordBatch(db, { url: LIST, entries: [arxiv(1)], now: T0 + HOUR });
    const undo = { records: before.records, expect: before.expect.map((e) => ({ id: e.id, version: null })) };
    await expect(restoreRecords(db, undo, T0 + 2 * HOUR)).rejects.toThrow(/recorded again/);
  });
});
