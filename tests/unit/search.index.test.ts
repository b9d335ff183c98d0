import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup } from '../../lib/backup/format';
import { editUserFields } from '../../lib/db/changes';
import { changesPrunedThrough, pruneChanges } from '../../lib/db/feed';
import { applyStatus, deletePaperRecords } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { restoreBackup } from '../../lib/db/restore';
import { noteChanges, type LecternDB } from '../../lib/db/schema';
import type { DetectedPaper } from '../../lib/model';
import { openLibraryIndex, type LibraryIndexOptions, type OpenedLibraryIndex } from '../../lib/search/index';
import { SearchStore } from '../../lib/search/store';
import type { LibraryQuery } from '../../lib/search/types';
import { scratchDatabases } from '../helpers/db';

const freshDb = scratchDatabases('search-test');
const T0 = Date.UTC(2026, 10, 1, 9);
const DAY = 86_400_000;

const opened: OpenedLibraryIndex[] = [];
const searchDbs: string[] = [];
afterEach(async () => {
  for (const index of opened.splice(0)) await index.close();
  for (const name of searchDbs.splice(0)) await Dexie.delete(name);
});

function searchDbName(): string {
  const name = `search-copy-${Math.random().toString(36).slice(2)}`;
  searchDbs.push(name);
  return name;
}

async function open(db: LecternDB, options: LibraryIndexOptions = {}): Promise<OpenedLibraryIndex> {
  const index = openLibraryIndex(db, { saveDelayMs: 60_000, ...options });
  opened.push(index);
  await index.whenReady();
  return index;
}

async function reopen(index: OpenedLibraryIndex, db: LecternDB, options: LibraryIndexOptions): Promise<OpenedLibraryIndex> {
  opened.splice(opened.indexOf(index), 1);
  await index.close();
  return open(db, options);
}

function entry(n: number, title: string, authors: string[], abstract: string, published?: string): DetectedPaper {
  const id = `arxiv:2405.${String(10_000 + n)}`;
  const paper: DetectedPaper = { id, aliases: [id], title, authors, abstract, links: {} };
  if (published) paper.published = published;
  return paper;
}

const PAPERS = [
  entry(1, 'Attention Is All You Need', ['Ashish Vaswani', 'Noam Shazeer'], 'We propose the Transformer, a network architecture based solely on attention mechanisms, dispensing with recurrence and convolutions.', '2017-06-12'),
  entry(2, 'Deep Residual Learning for Image Recognition', ['Kaiming He', 'Xiangyu Zhang'], 'Deeper neural networks are more difficult to train. We present a residual learning framework with shortcut connections.', '2015-12-10'),
  entry(3, 'Denoising Diffusion Probabilistic Models', ['Jonathan Ho', 'Ajay Jain'], 'We present high quality image synthesis results using diffusion probabilistic models inspired by nonequilibrium thermodynamics.', '2020-06'),
  entry(4, 'Language Models are Few-Shot Learners', ['Tom Brown'], 'Scaling up language models greatly improves few-shot performance; the transformer decoder has 175 billion parameters.', '2020'),
];

const query = (text: string, more: Partial<LibraryQuery> = {}): LibraryQuery => ({ text, view: 'all', sort: 'relevance', ...more });
const id = (n: number) => `arxiv:2405.${String(10_000 + n)}`;

async function library(): Promise<LecternDB> {
  const db = freshDb();
  await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/recent', entries: PAPERS.slice(0, 3), now: T0 });
  await recordBatch(db, { url: 'https://huggingface.co/papers', entries: [PAPERS[3]!, PAPERS[0]!], now: T0 + DAY });
  return db;
}

describe('indexing through the library writers', () => {
  it('indexes recorded papers: title, authors, abstract, statuses and the sites they were seen on', async () => {
    const db = await library();
    const index = await open(db, { searchDbName: searchDbName() });
    expect(index.stats.rebuilds).toBe(1);
    expect(index.query(query('residual')).ids).toEqual([id(2)]);
    expect(index.query(query('vaswani')).ids).toEqual([id(1)]);
    expect(index.query(query('thermodynamics')).ids).toEqual([id(3)]);
    expect(index.facts(id(1))).toMatchObject({ status: 'seen', sites: ['arxiv.org', 'huggingface.co'], published: '2017-06-12' });
    expect(index.sites()).toEqual([
      { site: 'arxiv.org', count: 3 },
      { site: 'huggingface.co', count: 2 },
    ]);
  });

  it('follows additions, edits of note and tags, status changes and deletions', async () => {
    const db = await library();
    const index = await open(db, { searchDbName: searchDbName() });

    await recordBatch(db, { url: 'https://openreview.net/group?id=ICLR', entries: [entry(5, 'Graph Attention Networks', ['Petar Velickovic'], 'Masked self-attentional layers on graph-structured data.')], now: T0 + 2 * DAY });
    await index.catchUp();
    expect(index.query(query('graph')).ids).toEqual([id(5)]);
    expect(index.facts(id(5))?.sites).toEqual(['openreview.net']);

    await editUserFields(db, id(2), { note: 'Compare with highway networks', tags: ['vision', 'classic'] }, T0 + 3 * DAY);
    await index.catchUp();
    expect(index.query(query('highway')).ids).toEqual([id(2)]);
    expect(index.query(query('classic')).ids).toEqual([id(2)]);
    expect(index.tags()).toEqual([
      { tag: 'classic', count: 1 },
      { tag: 'vision', count: 1 },
    ]);

    await applyStatus(db, [id(3)], 'read', T0 + 4 * DAY);
    await index.catchUp();
    expect(index.query(query('', { view: 'read' })).ids).toEqual([id(3)]);
    expect(index.facts(id(3))).toMatchObject({ status: 'read', savedAt: T0 + 4 * DAY });

    await deletePaperRecords(db, [id(1)], T0 + 5 * DAY);
    await index.catchUp();
    expect(index.query(query('attention')).ids).toEqual([id(5)]);
    expect(index.facts(id(1))).toBeUndefined();
    expect(index.query(query('', { view: 'all' })).ids).toHaveLength(4);
  });

  it('rebuilds after a restore, which changes everything at once', async () => {
    const db = await library();
    const other = freshDb();
    await recordBatch(other, { url: 'https://arxiv.org/list/q-bio/new', entries: [entry(9, 'Protein Folding with Evolutionary Couplings', ['Debora Marks'], 'Coevolution of residues reveals contacts.')], now: T0 });
    const index = await open(db, { searchDbName: searchDbName() });
    expect(index.stats.rebuilds).toBe(1);

    await restoreBackup(db, await exportBackup(other, { appVersion: '0.1.0', now: T0 + DAY }), { appVersion: '0.1.0', mode: 'replace', now: T0 + DAY });
    await index.catchUp();
    expect(index.stats.rebuilds).toBe(2);
    expect(index.query(query('protein')).ids).toEqual([id(9)]);
    expect(index.query(query('shortcut')).ids).toEqual([]);
  });

  it('indexes highlight text and highlight notes of a paper', async () => {
    const db = await library();
    const index = await open(db, { searchDbName: searchDbName() });
    await db.transaction('rw', [db.highlights, db.changes], async () => {
      await db.highlights.add({ id: 'h1', paperId: id(4), url: 'https://arxiv.org/abs/2405.10004', selectors: [], text: 'in-context learning emerges', color: 'yellow', note: 'surprising scaling', createdAt: T0, updatedAt: T0 });
      await noteChanges(db, [id(4)], T0);
    });
    await index.catchUp();
    expect(index.query(query('emerges')).ids).toEqual([id(4)]);
    expect(index.query(query('surprising')).ids).toEqual([id(4)]);
  });

  it('tells its subscribers when a write reaches it, without being asked to catch up', async () => {
    const db = await library();
    const index = await open(db, { searchDbName: searchDbName() });
    const told = new Promise<void>((resolve) => index.subscribe(resolve));
    await editUserFields(db, id(3), { tags: ['generative'] }, T0 + DAY);
    await told;
    expect(index.query(query('generative')).ids).toEqual([id(3)]);
  });
});

describe('search', () => {
  it('finds a paper by a misspelled word of its abstract', async () => {
    const index = await open(await library(), { searchDbName: searchDbName() });
    expect(index.query(query('nonequilibrim')).ids).toEqual([id(3)]);
    expect(index.query(query('shortcut conections')).ids).toEqual([id(2)]);
    expect(index.query(query('thermodynamcis')).ids).toEqual([id(3)]);
  });

  it('matches prefixes of words, the one being typed and the ones before', async () => {
    const index = await open(await library(), { searchDbName: searchDbName() });
    expect(index.query(query('diffu')).ids).toEqual([id(3)]);
    expect(index.query(query('resid lear')).ids).toEqual([id(2)]);
    expect(index.query(query('probabilistic m')).ids).toEqual([id(3)]);
  });

  it('needs every word to match somewhere', async () => {
    const index = await open(await library(), { searchDbName: searchDbName() });
    expect(index.query(query('transformer')).ids.sort()).toEqual([id(1), id(4)]);
    expect(index.query(query('transformer decoder')).ids).toEqual([id(4)]);
    expect(index.query(query('transformer zebra')).ids).toEqual([]);
  });

  it('ranks a match in the title above a match in the abstract only', async () => {
    const db = await library();
    await recordBatch(db, { url: 'https://arxiv.org/list/cs.CL/new', entries: [entry(6, 'Transformer Circuits', ['Chris Olah'], 'A mathematical framework for reading network internals.')], now: T0 + 2 * DAY });
    const index = await open(db, { searchDbName: searchDbName() });
    expect(index.query(query('transformer')).ids[0]).toBe(id(6));
    expect(index.query(query('transformer', { reverse: true })).ids.at(-1)).toBe(id(6));
  });
});

describe('filters and sorts', () => {
  async function triaged(): Promise<{ db: LecternDB; index: OpenedLibraryIndex }> {
    const db = await library();
    await applyStatus(db, [id(1)], 'unread', T0 + 2 * DAY);
    await applyStatus(db, [id(3)], 'unread', T0 + 3 * DAY);
    await applyStatus(db, [id(2)], 'dismissed', T0 + 3 * DAY);
    await editUserFields(db, id(1), { tags: ['nlp', 'classic'] }, T0 + 3 * DAY);
    await editUserFields(db, id(4), { tags: ['nlp'] }, T0 + 3 * DAY);
    const index = await open(db, { searchDbName: searchDbName() });
    return { db, index };
  }

  it('filters by view, tags, site and the seen, saved and published dates', async () => {
    const { index } = await triaged();
    const ids = (more: Partial<LibraryQuery>) => index.query(query('', { sort: 'title', ...more })).ids;
    expect(ids({ view: 'unread' })).toEqual([id(1), id(3)]);
    expect(ids({ view: 'dismissed' })).toEqual([id(2)]);
    expect(ids({ view: 'seen' })).toEqual([id(4)]);
    expect(ids({ tags: ['nlp'] })).toEqual([id(1), id(4)]);
    expect(ids({ tags: ['nlp', 'classic'] })).toEqual([id(1)]);
    expect(ids({ tags: ['missing'] })).toEqual([]);
    expect(ids({ site: 'huggingface.co' })).toEqual([id(1), id(4)]);
    expect(ids({ site: 'www.huggingface.co' })).toEqual([id(1), id(4)]);
    expect(ids({ seen: { from: T0 + 1 } })).toEqual([id(4)]);
    expect(ids({ seen: { to: T0 } })).toEqual([id(1), id(2), id(3)]);
    expect(ids({ saved: { from: T0 + 3 * DAY } })).toEqual([id(3)]);
    expect(ids({ published: { from: '2020' } })).toEqual([id(3), id(4)]);
    expect(ids({ published: { from: '2016', to: '2020-05' } })).toEqual([id(1), id(4)]);
    expect(ids({ published: { from: '2020-06-01' } })).toEqual([id(3), id(4)]);
    expect(ids({ published: { to: '2017' } })).toEqual([id(1), id(2)]);
    expect(index.query(query('nlp', { view: 'unread' })).ids).toEqual([id(1)]);
    expect(index.query(query('models', { site: 'arxiv.org' })).ids).toEqual([id(3)]);
  });

  it('sorts by seen, saved, published and title, either way, papers lacking the value last', async () => {
    const { index } = await triaged();
    const ids = (sort: LibraryQuery['sort'], reverse = false) => index.query(query('', { sort, reverse })).ids;
    expect(ids('seen')).toEqual([id(4), id(3), id(2), id(1)]);
    expect(ids('relevance')).toEqual(ids('seen'));
    expect(ids('seen', true)).toEqual([id(1), id(2), id(3), id(4)]);
    expect(ids('saved')).toEqual([id(3), id(1), id(4), id(2)]);
    expect(ids('saved', true)).toEqual([id(1), id(3), id(4), id(2)]);
    expect(ids('published')).toEqual([id(3), id(4), id(1), id(2)]);
    expect(ids('published', true)).toEqual([id(2), id(1), id(4), id(3)]);
    expect(ids('title')).toEqual([id(1), id(2), id(3), id(4)]);
    expect(ids('title', true)).toEqual([id(4), id(3), id(2), id(1)]);
    expect(index.query(query('models', { sort: 'title' })).ids).toEqual([id(3), id(4)]);
    expect(index.query(query('models', { sort: 'seen' })).ids).toEqual([id(4), id(3)]);
  });
});

describe('the saved copy', () => {
  it('answers the same after closing and reopening, without a rebuild, and prunes the feed it holds', async () => {
    const db = await library();
    const name = searchDbName();
    const first = await open(db, { searchDbName: name });
    await editUserFields(db, id(2), { note: 'skip connections everywhere' }, T0 + DAY);
    await first.catchUp();
    const queries = [query('skip'), query('transformer'), query('', { sort: 'title' }), query('difusion')];
    const before = queries.map((q) => first.query(q).ids);
    await first.save();
    expect(await db.changes.count()).toBe(0);
    expect(await changesPrunedThrough(db)).toBe(first.stats.seq);

    const second = await reopen(first, db, { searchDbName: name });
    expect(second.stats).toMatchObject({ loadedSavedCopy: true, rebuilds: 0 });
    expect(queries.map((q) => second.query(q).ids)).toEqual(before);
    expect(second.tags()).toEqual([]);
    expect(second.sites().length).toBe(2);
  });

  it('folds in what changed while it was closed', async () => {
    const db = await library();
    const name = searchDbName();
    const first = await open(db, { searchDbName: name, follow: false });
    await first.save();
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    await editUserFields(db, id(4), { tags: ['scaling'] }, T0 + DAY);
    await deletePaperRecords(db, [id(2)], T0 + DAY);

    const second = await open(db, { searchDbName: name });
    expect(second.stats).toMatchObject({ loadedSavedCopy: true, rebuilds: 0, foldedRows: 2 });
    expect(second.query(query('scaling')).ids).toEqual([id(4)]);
    expect(second.query(query('residual')).ids).toEqual([]);
  });

  it('rebuilds when the saved copy is damaged', async () => {
    const db = await library();
    const name = searchDbName();
    const first = await open(db, { searchDbName: name });
    await first.save();
    const expected = first.query(query('transformer')).ids;
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const store = new SearchStore(name);
    const saved = (await store.load())!;
    await store.putRaw({ ...saved, fields: { ...saved.fields, abstract: { vocab: 'x', offsets: new Uint32Array(5), postings: new Uint8Array(1), delta: [] } } });
    store.close();

    const second = await open(db, { searchDbName: name });
    expect(second.stats).toMatchObject({ loadedSavedCopy: false, rebuilds: 1 });
    expect(second.query(query('transformer')).ids).toEqual(expected);
  });

  it('rebuilds when the feed was pruned past the saved copy', async () => {
    const db = await library();
    const name = searchDbName();
    const first = await open(db, { searchDbName: name, follow: false });
    await first.save();
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    await editUserFields(db, id(1), { tags: ['lost-change'] }, T0 + DAY);
    await pruneChanges(db, (await db.changes.orderBy(':id').lastKey()) as number);

    const second = await open(db, { searchDbName: name });
    expect(second.stats).toMatchObject({ loadedSavedCopy: false, rebuilds: 1 });
    expect(second.query(query('lost-change')).ids).toEqual([id(1)]);
  });

  it('keeps answering the same after compacting many changes into its base', async () => {
    const db = freshDb();
    const many = Array.from({ length: 1200 }, (_, n) => entry(100 + n, `Paper number ${n} about ${n % 2 ? 'graphs' : 'kernels'}`, ['Some Author'], `Abstract ${n} with word w${n}x.`));
    await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: many, now: T0 });
    const name = searchDbName();
    const index = await open(db, { searchDbName: name });
    await applyStatus(db, many.slice(0, 1100).map((p) => p.id), 'read', T0 + DAY);
    await index.catchUp();
    const before = [query('graphs', { view: 'read' }), query('w1150x'), query('', { sort: 'seen', view: 'seen' })].map((q) => index.query(q).ids);
    await index.save();
    const again = await reopen(index, db, { searchDbName: name });
    expect(again.stats.rebuilds).toBe(0);
    expect(again.size().papers).toBe(1200);
    expect([query('graphs', { view: 'read' }), query('w1150x'), query('', { sort: 'seen', view: 'seen' })].map((q) => again.query(q).ids)).toEqual(before);
    expect(before[0]).toHaveLength(550);
    expect(before[2]).toHaveLength(100);
  });
});
