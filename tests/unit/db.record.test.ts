import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deletePapers, findByAlias, setStatus, sightingsOf } from '../../lib/db/papers';
import { LAST_SEEN_RESOLUTION_MS, VISITS_KEPT_PER_PAGE, VISIT_REPEAT_WINDOW_MS, recordBatch } from '../../lib/db/record';
import type { LecternDB } from '../../lib/db/schema';
import type { DetectedPaper } from '../../lib/model';
import { scratchDatabases } from '../helpers/db';

const freshDb = scratchDatabases('record-test');

const PAGE = 'https://arxiv.org/list/cs.LG/new';
const OTHER_PAGE = 'https://huggingface.co/papers';
const T0 = Date.UTC(2026, 10, 1, 9);
const HOUR = 60 * 60 * 1000;

function arxiv(n: number): string {
  return `arxiv:2405.${String(n).padStart(5, '0')}`;
}

function entry(n: number, over: Partial<DetectedPaper> = {}): DetectedPaper {
  const id = arxiv(n);
  const bare = id.slice('arxiv:'.length);
  return {
    id,
    aliases: [id, `url:https://arxiv.org/abs/${bare}`],
    title: `Paper number ${n}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: `Abstract of paper ${n}. `.repeat(60),
    links: { abs: `https://arxiv.org/abs/${bare}`, pdf: `https://arxiv.org/pdf/${bare}` },
    ...over,
  };
}

/** Counts write requests and written rows per table, and read requests, below Dexie (DBCore). */
function countOps(db: LecternDB) {
  const writes: Record<string, { requests: number; rows: number }> = {};
  const reads: Record<string, number> = {};
  db.use({
    stack: 'dbcore',
    name: 'count-ops',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          const read = () => void (reads[name] = (reads[name] ?? 0) + 1);
          return {
            ...table,
            mutate(req) {
              const w = (writes[name] ??= { requests: 0, rows: 0 });
              w.requests++;
              w.rows += 'values' in req ? req.values.length : 'keys' in req ? req.keys.length : 1;
              return table.mutate(req);
            },
            get(req) {
              read();
              return table.get(req);
            },
            getMany(req) {
              read();
              return table.getMany(req);
            },
            query(req) {
              read();
              return table.query(req);
            },
            openCursor(req) {
              read();
              return table.openCursor(req);
            },
          };
        },
      };
    },
  });
  return {
    writes,
    reads,
    reset() {
      for (const k of Object.keys(writes)) delete writes[k];
      for (const k of Object.keys(reads)) delete reads[k];
    },
  };
}

/** Counts paper rows created, updated and deleted, through Dexie's table hooks. */
function paperHooks(db: LecternDB) {
  const counts = { creating: 0, updating: 0, deleting: 0 };
  db.papers.hook('creating', () => void counts.creating++);
  db.papers.hook('updating', () => void counts.updating++);
  db.papers.hook('deleting', () => void counts.deleting++);
  return counts;
}

describe('recordBatch: first visit', () => {
  it('creates seen records with sightings and one visit in page order', async () => {
    const db = freshDb();
    const entries = [entry(3), entry(1), entry(2)];
    const { states, wrotePapers } = await recordBatch(db, { url: PAGE, entries, now: T0 });

    expect(wrotePapers).toBe(3);
    expect(states).toEqual([
      { recordId: arxiv(3), status: 'seen', created: true, newSinceVisit: false },
      { recordId: arxiv(1), status: 'seen', created: true, newSinceVisit: false },
      { recordId: arxiv(2), status: 'seen', created: true, newSinceVisit: false },
    ]);
    const paper = await db.papers.get(arxiv(1));
    expect(paper).toMatchObject({
      id: arxiv(1),
      status: 'seen',
      tags: [],
      note: '',
      firstSeenAt: T0,
      lastSeenAt: T0,
      updatedAt: T0,
      title: 'Paper number 1',
      authors: ['Ada Lovelace', 'Alan Turing'],
    });
    expect(paper?.aliases).toEqual([arxiv(1), 'url:https://arxiv.org/abs/2405.00001']);
    expect(paper?.savedAt).toBeUndefined();

    // A paper's first sighting is part of its record: a page of new papers writes no sighting rows.
    expect(paper?.firstSeenOn).toBe(PAGE);
    expect(await db.sightings.count()).toBe(0);
    expect(await sightingsOf(db, arxiv(2))).toEqual([{ paperId: arxiv(2), page: PAGE, firstAt: T0 }]);
    const visits = await db.visits.toArray();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ page: PAGE, at: T0, ids: [arxiv(3), arxiv(1), arxiv(2)] });
  });

  it('stores the page normalised', async () => {
    const db = freshDb();
    await recordBatch(db, { url: 'https://www.arxiv.org/list/cs.LG/new/?utm_source=x#top', entries: [entry(1)], now: T0 });
    expect((await db.papers.toArray())[0]?.firstSeenOn).toBe(PAGE);
    expect((await db.visits.toArray())[0]?.page).toBe(PAGE);
  });

  it('costs one bulk write of the papers for 2,000 entries', async () => {
    const db = freshDb();
    const ops = countOps(db);
    const entries = Array.from({ length: 2_000 }, (_, i) => entry(i + 1));
    const { states } = await recordBatch(db, { url: PAGE, entries, now: T0 });
    expect(states.every((s) => s.created)).toBe(true);
    expect(ops.writes.papers).toEqual({ requests: 1, rows: 2_000 });
    expect(ops.writes.sightings).toBeUndefined();
    expect(ops.writes.visits).toEqual({ requests: 1, rows: 1 });
    expect(await db.papers.count()).toBe(2_000);
  });
});

describe('recordBatch: revisits', () => {
  it('an unchanged revisit writes zero paper rows, no sighting and one visit (1,675 entries)', async () => {
    const db = freshDb();
    const ops = countOps(db);
    const hooks = paperHooks(db);
    const entries = Array.from({ length: 1_675 }, (_, i) => entry(i + 1));
    await recordBatch(db, { url: PAGE, entries, now: T0 });
    expect(hooks.creating).toBe(1_675);
    hooks.creating = 0;
    ops.reset();

    const again = await recordBatch(db, { url: PAGE, entries, now: T0 + HOUR });
    expect(again.wrotePapers).toBe(0);
    expect(hooks).toEqual({ creating: 0, updating: 0, deleting: 0 });
    expect(ops.writes.papers).toBeUndefined();
    expect(ops.writes.sightings).toBeUndefined();
    expect(ops.writes.visits).toEqual({ requests: 1, rows: 1 });
    // Reads: the previous visit, the epoch and the keys of the status index (one request per status that
    // is not `seen`) — not one record.
    expect(ops.reads.papers).toBe(4);
    expect(ops.reads.meta).toBe(1);
    expect(ops.reads.sightings).toBeUndefined();
    expect(again.states.every((s) => !s.created && !s.newSinceVisit && s.status === 'seen')).toBe(true);
    expect(await db.visits.count()).toBe(2);
  });

  it('an unchanged revisit answers the statuses the user set since', async () => {
    const db = freshDb();
    const entries = [entry(1), entry(2), entry(3)];
    await recordBatch(db, { url: PAGE, entries, now: T0 });
    await setStatus(db, [arxiv(2)], 'reading', T0 + 1);
    await setStatus(db, [arxiv(3)], 'dismissed', T0 + 2);
    const again = await recordBatch(db, { url: PAGE, entries, now: T0 + HOUR });
    expect(again.states.map((s) => s.status)).toEqual(['seen', 'reading', 'dismissed']);
  });

  it('a revisit after a merge elsewhere answers the kept record, not the merged-away one', async () => {
    const db = freshDb();
    await recordBatch(db, { url: OTHER_PAGE, entries: [{ ...entry(9), id: 'doi:10.1/nine', aliases: ['doi:10.1/nine'] }], now: T0 });
    await recordBatch(db, { url: PAGE, entries: [entry(9)], now: T0 + 1 });
    // A third page proves the DOI and the arXiv id are one paper: the older (DOI) record stays.
    const proof = { ...entry(9), aliases: [arxiv(9), 'doi:10.1/nine'] };
    await recordBatch(db, { url: 'https://example.org/list', entries: [proof], now: T0 + 2 });
    const again = await recordBatch(db, { url: PAGE, entries: [entry(9)], now: T0 + HOUR });
    expect(again.states[0]?.recordId).toBe('doi:10.1/nine');
    expect(await db.papers.count()).toBe(1);
  });

  it('a revisit whose entries changed takes the full path and improves the records', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1, { abstract: undefined })], now: T0 });
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 + HOUR });
    expect((await db.papers.get(arxiv(1)))?.abstract).toContain('Abstract of paper 1.');
  });

  it(`keeps the newest ${VISITS_KEPT_PER_PAGE} visits of a page`, async () => {
    const db = freshDb();
    for (let i = 0; i < VISITS_KEPT_PER_PAGE + 5; i++) {
      await recordBatch(db, { url: PAGE, entries: [entry(1), entry(2 + (i % 2))], now: T0 + i * HOUR });
    }
    await recordBatch(db, { url: OTHER_PAGE, entries: [entry(1)], now: T0 });
    expect(await db.visits.where('page').equals(PAGE).count()).toBe(VISITS_KEPT_PER_PAGE);
    expect(await db.visits.count()).toBe(VISITS_KEPT_PER_PAGE + 1);
    const kept = await db.visits.where('[page+at]').between([PAGE, Dexie.minKey], [PAGE, Dexie.maxKey]).toArray();
    expect(kept[0]?.at).toBe(T0 + 5 * HOUR);
    // "New since your last visit" still compares with the one before.
    const next = await recordBatch(db, { url: PAGE, entries: [entry(1), entry(4)], now: T0 + 100 * HOUR });
    expect(next.states.map((s) => s.newSinceVisit)).toEqual([false, true]);
  });

  it('a quick identical reload writes nothing at all', async () => {
    const db = freshDb();
    const entries = [entry(1), entry(2)];
    await recordBatch(db, { url: PAGE, entries, now: T0 });
    const ops = countOps(db);
    await recordBatch(db, { url: PAGE, entries, now: T0 + VISIT_REPEAT_WINDOW_MS - 1 });
    expect(ops.writes).toEqual({});
    expect(await db.visits.count()).toBe(1);
    // Past the window, the visit is stored again.
    await recordBatch(db, { url: PAGE, entries, now: T0 + VISIT_REPEAT_WINDOW_MS });
    expect(await db.visits.count()).toBe(2);
  });

  it(`refreshes lastSeenAt only once per ${LAST_SEEN_RESOLUTION_MS / HOUR} h`, async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    const soon = await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 + LAST_SEEN_RESOLUTION_MS - 1 });
    expect(soon.wrotePapers).toBe(0);
    expect((await db.papers.get(arxiv(1)))?.lastSeenAt).toBe(T0);
    const later = T0 + LAST_SEEN_RESOLUTION_MS;
    const late = await recordBatch(db, { url: PAGE, entries: [entry(1)], now: later });
    expect(late.wrotePapers).toBe(1);
    const paper = await db.papers.get(arxiv(1));
    expect(paper).toMatchObject({ lastSeenAt: later, firstSeenAt: T0, updatedAt: T0 });
  });

  it('writes a sighting once per (paper, page) pair and never rewrites it', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 + 10 * HOUR });
    await recordBatch(db, { url: OTHER_PAGE, entries: [entry(1)], now: T0 + 20 * HOUR });
    expect(await sightingsOf(db, arxiv(1))).toEqual([
      { paperId: arxiv(1), page: PAGE, firstAt: T0 },
      { paperId: arxiv(1), page: OTHER_PAGE, firstAt: T0 + 20 * HOUR },
    ]);
  });

  it('keeps sightings right when a page’s previous visit lists the id of a since deleted paper', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    await deletePapers(db, [arxiv(1)]);
    // Seen again elsewhere first (a new record with the same id), then back on the first page.
    await recordBatch(db, { url: OTHER_PAGE, entries: [entry(1)], now: T0 + HOUR });
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 + 2 * HOUR });
    expect((await sightingsOf(db, arxiv(1))).map((s) => s.page)).toEqual([OTHER_PAGE, PAGE]);

    // A known record that takes over the deleted id as an alias gets its sighting too.
    await deletePapers(db, [arxiv(1)]);
    const doiPaper: DetectedPaper = { id: 'doi:10.1/d', aliases: ['doi:10.1/d'], title: 'D', authors: [], links: {} };
    await recordBatch(db, { url: OTHER_PAGE, entries: [doiPaper], now: T0 + 3 * HOUR });
    const both = { ...doiPaper, aliases: ['doi:10.1/d', arxiv(1)] };
    await recordBatch(db, { url: PAGE, entries: [both], now: T0 + 4 * HOUR });
    expect((await sightingsOf(db, 'doi:10.1/d')).map((s) => s.page)).toEqual([OTHER_PAGE, PAGE]);
  });

  it('adds the sighting of a known paper on a page it was not on at the last visit', async () => {
    const db = freshDb();
    await recordBatch(db, { url: OTHER_PAGE, entries: [entry(1)], now: T0 });
    await recordBatch(db, { url: PAGE, entries: [entry(2)], now: T0 + HOUR });
    await recordBatch(db, { url: PAGE, entries: [entry(2), entry(1)], now: T0 + 2 * HOUR });
    const pages = (await sightingsOf(db, arxiv(1))).map((s) => s.page);
    expect(pages).toEqual([OTHER_PAGE, PAGE]);
  });
});

describe('recordBatch: newSinceVisit', () => {
  it('marks the entries absent from the previous visit of the same page', async () => {
    const db = freshDb();
    const first = await recordBatch(db, { url: PAGE, entries: [entry(1), entry(2), entry(3)], now: T0 });
    expect(first.states.map((s) => s.newSinceVisit)).toEqual([false, false, false]);

    const second = await recordBatch(db, { url: PAGE, entries: [entry(4), entry(2), entry(3)], now: T0 + HOUR });
    expect(second.states.map((s) => [s.recordId, s.newSinceVisit, s.created])).toEqual([
      [arxiv(4), true, true],
      [arxiv(2), false, false],
      [arxiv(3), false, false],
    ]);

    const third = await recordBatch(db, {
      url: PAGE,
      entries: [entry(5), entry(4), entry(2), entry(1)],
      now: T0 + 2 * HOUR,
    });
    expect(third.states.map((s) => s.newSinceVisit)).toEqual([true, false, false, true]);
  });

  it('is false on the first visit of a page, even for papers known from elsewhere', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    const other = await recordBatch(db, { url: OTHER_PAGE, entries: [entry(1), entry(2)], now: T0 + HOUR });
    expect(other.states.map((s) => s.newSinceVisit)).toEqual([false, false]);
    // …and a paper known from elsewhere is new on a page whose previous visit lacked it.
    const back = await recordBatch(db, { url: PAGE, entries: [entry(1), entry(2)], now: T0 + 2 * HOUR });
    expect(back.states.map((s) => [s.created, s.newSinceVisit])).toEqual([
      [false, false],
      [false, true],
    ]);
  });

  it('stays false for a paper whose record was merged since the previous visit', async () => {
    const db = freshDb();
    const doiOnly: DetectedPaper = {
      id: 'doi:10.1000/abc',
      aliases: ['doi:10.1000/abc'],
      title: 'A journal paper',
      authors: [],
      links: {},
    };
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    await recordBatch(db, { url: OTHER_PAGE, entries: [doiOnly], now: T0 + HOUR });
    // Another page proves arxiv(1) and the DOI are one paper: the DOI record (newer) merges into arxiv(1).
    await recordBatch(db, {
      url: 'https://example.org/feed',
      entries: [entry(1, { aliases: [arxiv(1), 'doi:10.1000/abc'] })],
      now: T0 + 2 * HOUR,
    });
    expect(await db.papers.get('doi:10.1000/abc')).toBeUndefined();
    // The DOI page's previous visit listed `doi:10.1000/abc`, now an alias of arxiv(1).
    const ops = countOps(db);
    const revisit = await recordBatch(db, { url: OTHER_PAGE, entries: [doiOnly], now: T0 + 3 * HOUR });
    expect(ops.writes.sightings).toBeUndefined();
    expect(revisit.states).toEqual([{ recordId: arxiv(1), status: 'seen', created: false, newSinceVisit: false }]);
  });
});

describe('recordBatch: one paper, one record', () => {
  it('a paper seen as arXiv then found with its DOI is one record', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    const withDoi = entry(1, {
      id: 'doi:10.48550/arxiv.2405.00001',
      aliases: ['doi:10.48550/arxiv.2405.00001', arxiv(1)],
    });
    const { states } = await recordBatch(db, { url: OTHER_PAGE, entries: [withDoi], now: T0 + HOUR });
    expect(states[0]).toMatchObject({ recordId: arxiv(1), created: false });
    expect(await db.papers.count()).toBe(1);
    const paper = await findByAlias(db, 'doi:10.48550/arxiv.2405.00001');
    expect(paper?.id).toBe(arxiv(1));
    expect(paper?.aliases).toContain('doi:10.48550/arxiv.2405.00001');

    // The DOI alone now finds it too.
    const doiOnly = entry(1, { id: 'doi:10.48550/arxiv.2405.00001', aliases: ['doi:10.48550/arxiv.2405.00001'] });
    const again = await recordBatch(db, { url: OTHER_PAGE, entries: [doiOnly], now: T0 + 2 * HOUR });
    expect(again.states[0]).toMatchObject({ recordId: arxiv(1), created: false });
    expect(await db.papers.count()).toBe(1);
  });

  it('keeps the first record id even when a better id is learnt later', async () => {
    const db = freshDb();
    const doiFirst: DetectedPaper = { id: 'doi:10.1/j', aliases: ['doi:10.1/j'], title: 'J', authors: [], links: {} };
    await recordBatch(db, { url: OTHER_PAGE, entries: [doiFirst], now: T0 });
    const both = { ...doiFirst, id: arxiv(9), aliases: [arxiv(9), 'doi:10.1/j'] };
    const { states } = await recordBatch(db, { url: PAGE, entries: [both], now: T0 + HOUR });
    expect(states[0]?.recordId).toBe('doi:10.1/j');
    expect((await db.papers.get('doi:10.1/j'))?.aliases).toEqual(['doi:10.1/j', arxiv(9)]);
  });

  it('a new record takes the best ranked id among its aliases', async () => {
    const db = freshDb();
    const e: DetectedPaper = {
      id: 'url:https://example.org/p',
      aliases: ['url:https://example.org/p', 'doi:10.1/p'],
      title: 'P',
      authors: [],
      links: {},
    };
    const { states } = await recordBatch(db, { url: PAGE, entries: [e], now: T0 });
    expect(states[0]?.recordId).toBe('doi:10.1/p');
  });

  it('merges two records proven one, moving sightings and combining fields', async () => {
    const db = freshDb();
    const doiPaper: DetectedPaper = {
      id: 'doi:10.1000/abc',
      aliases: ['doi:10.1000/abc'],
      title: 'Attention in Journals',
      authors: ['A', 'B', 'C'],
      venue: 'JMLR',
      links: { html: 'https://jmlr.org/abc' },
    };
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    await recordBatch(db, { url: OTHER_PAGE, entries: [doiPaper], now: T0 + HOUR });
    await setStatus(db, ['doi:10.1000/abc'], 'reading', T0 + 2 * HOUR);
    await db.papers.update('doi:10.1000/abc', { tags: ['journal'], note: 'Read section 3.' });
    await setStatus(db, [arxiv(1)], 'unread', T0 + 3 * HOUR);

    const proof = entry(1, { aliases: [arxiv(1), 'doi:10.1000/abc'] });
    const { states, wrotePapers } = await recordBatch(db, {
      url: 'https://example.org/feed',
      entries: [proof],
      now: T0 + 4 * HOUR,
    });
    expect(states).toEqual([{ recordId: arxiv(1), status: 'reading', created: false, newSinceVisit: false }]);
    expect(wrotePapers).toBe(2);
    expect(await db.papers.get('doi:10.1000/abc')).toBeUndefined();
    const merged = (await db.papers.get(arxiv(1)))!;
    expect(merged).toMatchObject({
      status: 'reading',
      tags: ['journal'],
      note: 'Read section 3.',
      firstSeenAt: T0,
      savedAt: T0 + 2 * HOUR,
      startedAt: T0 + 2 * HOUR,
      title: 'Paper number 1',
      authors: ['A', 'B', 'C'],
      venue: 'JMLR',
    });
    expect(merged.links.html).toBe('https://jmlr.org/abc');
    expect(merged.aliases).toEqual(expect.arrayContaining([arxiv(1), 'doi:10.1000/abc']));
    // The DOI record's sighting moved to the kept record.
    expect((await sightingsOf(db, arxiv(1))).map((s) => [s.page, s.firstAt])).toEqual([
      [PAGE, T0],
      [OTHER_PAGE, T0 + HOUR],
      ['https://example.org/feed', T0 + 4 * HOUR],
    ]);
    expect(await db.sightings.where('paperId').equals('doi:10.1000/abc').count()).toBe(0);
    expect((await findByAlias(db, 'doi:10.1000/abc'))?.id).toBe(arxiv(1));
  });

  it('keeps the better ranked id when both records were first seen at the same time', async () => {
    const db = freshDb();
    const doiPaper: DetectedPaper = { id: 'doi:10.1/t', aliases: ['doi:10.1/t'], title: 'T', authors: [], links: {} };
    await recordBatch(db, { url: OTHER_PAGE, entries: [doiPaper], now: T0 });
    await recordBatch(db, { url: PAGE, entries: [entry(7)], now: T0 });
    const proof: DetectedPaper = { ...doiPaper, aliases: ['doi:10.1/t', arxiv(7)] };
    const { states } = await recordBatch(db, { url: PAGE, entries: [proof], now: T0 + HOUR });
    expect(states[0]?.recordId).toBe(arxiv(7));
    expect(await db.papers.count()).toBe(1);
    // Both pages' sightings are on the kept record, each page's first time kept.
    expect((await sightingsOf(db, arxiv(7))).map((s) => [s.page, s.firstAt])).toEqual([
      [PAGE, T0],
      [OTHER_PAGE, T0],
    ]);
  });

  it('the older record stays even when the other has a better id', async () => {
    const db = freshDb();
    const doiPaper: DetectedPaper = { id: 'doi:10.1/o', aliases: ['doi:10.1/o'], title: 'O', authors: [], links: {} };
    await recordBatch(db, { url: OTHER_PAGE, entries: [doiPaper], now: T0 });
    await recordBatch(db, { url: PAGE, entries: [entry(8)], now: T0 + HOUR });
    const proof = entry(8, { aliases: [arxiv(8), 'doi:10.1/o'] });
    const { states } = await recordBatch(db, { url: PAGE, entries: [proof], now: T0 + 2 * HOUR });
    expect(states[0]?.recordId).toBe('doi:10.1/o');
    expect(await db.papers.get(arxiv(8))).toBeUndefined();
  });

  it('entries of one batch that share an alias become one record; duplicates make no duplicates', async () => {
    const db = freshDb();
    const a: DetectedPaper = { id: arxiv(1), aliases: [arxiv(1)], title: 'One', authors: ['A'], links: {} };
    const b: DetectedPaper = {
      id: 'doi:10.1/one',
      aliases: ['doi:10.1/one', arxiv(1)],
      title: 'One',
      authors: ['A', 'B'],
      links: {},
    };
    const c: DetectedPaper = { id: 'url:https://x.org/one', aliases: ['url:https://x.org/one', 'doi:10.1/one'], title: 'One', authors: [], links: {} };
    const { states } = await recordBatch(db, { url: PAGE, entries: [c, a, b, a, entry(2), entry(2)], now: T0 });
    expect(states.map((s) => s.recordId)).toEqual([arxiv(1), arxiv(1), arxiv(1), arxiv(1), arxiv(2), arxiv(2)]);
    expect(states.every((s) => s.created)).toBe(true);
    expect(await db.papers.count()).toBe(2);
    const one = (await db.papers.get(arxiv(1)))!;
    expect(new Set(one.aliases)).toEqual(new Set([arxiv(1), 'doi:10.1/one', 'url:https://x.org/one']));
    expect(one.authors).toEqual(['A', 'B']);
    expect(await db.sightings.count()).toBe(0);
    expect(await sightingsOf(db, arxiv(1))).toEqual([{ paperId: arxiv(1), page: PAGE, firstAt: T0 }]);
    expect((await db.visits.toArray())[0]?.ids).toEqual([arxiv(1), arxiv(2)]);
  });

  it('an entry hitting three records merges them all into the oldest', async () => {
    const db = freshDb();
    const mk = (id: string): DetectedPaper => ({ id, aliases: [id], title: id, authors: [], links: {} });
    await recordBatch(db, { url: PAGE, entries: [mk('doi:10.1/a')], now: T0 + 2 });
    await recordBatch(db, { url: PAGE, entries: [mk('url:https://a.org/x')], now: T0 + 1 });
    await recordBatch(db, { url: OTHER_PAGE, entries: [mk(arxiv(3))], now: T0 + 3 });
    const proof: DetectedPaper = { ...mk(arxiv(3)), aliases: [arxiv(3), 'doi:10.1/a', 'url:https://a.org/x'] };
    const { states } = await recordBatch(db, { url: OTHER_PAGE, entries: [proof], now: T0 + HOUR });
    expect(states[0]?.recordId).toBe('url:https://a.org/x');
    expect(await db.papers.count()).toBe(1);
    // The kept record's first sighting (PAGE) is on the record; the merged ones' pages become rows once each.
    expect(await db.sightings.count()).toBe(1);
    expect((await sightingsOf(db, 'url:https://a.org/x')).map((s) => [s.page, s.firstAt])).toEqual([
      [PAGE, T0 + 1],
      [OTHER_PAGE, T0 + 3],
    ]);
  });
});

describe('recordBatch: merge rules on a known paper', () => {
  it('never changes user fields and only improves metadata', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1, { abstract: undefined, authors: ['A'] })], now: T0 });
    await setStatus(db, [arxiv(1)], 'read', T0 + 1);
    await db.papers.update(arxiv(1), { tags: ['x'], note: 'n' });
    const before = (await db.papers.get(arxiv(1)))!;

    const richer = entry(1, {
      title: 'Paper number 1',
      authors: ['A', 'B'],
      abstract: 'Now with an abstract.',
      version: 2,
      venue: 'ICLR',
      published: '2024-05-01',
      links: { abs: 'https://other.org/abs', code: 'https://github.com/x/y' },
    });
    const { states, wrotePapers } = await recordBatch(db, { url: PAGE, entries: [richer], now: T0 + HOUR });
    expect(wrotePapers).toBe(1);
    expect(states[0]).toMatchObject({ status: 'read', created: false });
    const after = (await db.papers.get(arxiv(1)))!;
    expect(after).toMatchObject({
      status: before.status,
      tags: ['x'],
      note: 'n',
      savedAt: before.savedAt,
      readAt: before.readAt,
      updatedAt: before.updatedAt,
      authors: ['A', 'B'],
      abstract: 'Now with an abstract.',
      version: 2,
      venue: 'ICLR',
      published: '2024-05-01',
    });
    expect(after.links).toEqual({
      abs: 'https://arxiv.org/abs/2405.00001',
      pdf: 'https://arxiv.org/pdf/2405.00001',
      code: 'https://github.com/x/y',
    });

    // A poorer rendering (fewer authors, older version, no abstract) changes nothing.
    const poorer = entry(1, { authors: ['A'], abstract: undefined, version: 1, links: {} });
    const again = await recordBatch(db, { url: PAGE, entries: [poorer], now: T0 + 2 * HOUR });
    expect(again.wrotePapers).toBe(0);
    expect(await db.papers.get(arxiv(1))).toEqual(after);
  });

  it('a dismissed paper stays dismissed when seen again', async () => {
    const db = freshDb();
    await recordBatch(db, { url: PAGE, entries: [entry(1)], now: T0 });
    await setStatus(db, [arxiv(1)], 'dismissed', T0 + 1);
    const { states } = await recordBatch(db, { url: OTHER_PAGE, entries: [entry(1)], now: T0 + HOUR });
    expect(states[0]?.status).toBe('dismissed');
  });

  it('rejects a page that is not an http(s) URL', async () => {
    const db = freshDb();
    await expect(recordBatch(db, { url: 'ftp://example.org/x.html', entries: [entry(1)], now: T0 })).rejects.toThrow(
      /http\(s\)/,
    );
    expect(await db.papers.count()).toBe(0);
  });

  it('records an empty page as a visit without papers', async () => {
    const db = freshDb();
    const { states, wrotePapers } = await recordBatch(db, { url: PAGE, entries: [], now: T0 });
    expect(states).toEqual([]);
    expect(wrotePapers).toBe(0);
    expect(await db.visits.count()).toBe(1);
  });
});
