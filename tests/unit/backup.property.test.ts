/**
 * Property tests of backup, restore and merge, with generated libraries (Unicode, TeX, quotes, notes, tags,
 * deletions) and generated broken or hostile files. Fixed seed: a failure replays.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup, type BackupFile } from '../../lib/backup/format';
import { mergeCopies } from '../../lib/backup/merge';
import { BACKUP_LIMITS, BackupError, parseBackup } from '../../lib/backup/validate';
import { withNote, withTags } from '../../lib/db/changes';
import { deletePapers, withStatus } from '../../lib/db/papers';
import { restoreBackup } from '../../lib/db/restore';
import type { LecternDB } from '../../lib/db/schema';
import { STATUSES, type PaperRecord } from '../../lib/model';
import {
  arxivIdOf,
  dropDbs,
  dumpDb,
  freshDb,
  libraryArb,
  libraryOf,
  paperRecord,
  SEED,
  seedLibrary,
  T0,
  trickyText,
  type GeneratedLibrary,
} from '../fixtures/db/helpers';

afterEach(dropDbs);

const APP = { appVersion: '0.1.0' };
const NOW = T0 + 9_000_000;

async function exported(db: LecternDB): Promise<BackupFile> {
  return exportBackup(db, { ...APP, now: NOW });
}

function fileOf(library: GeneratedLibrary): BackupFile {
  return {
    format: 'lectern-backup',
    formatVersion: 2,
    appVersion: '0.1.0',
    exportedAt: NOW,
    papers: library.papers,
    sightings: library.sightings,
    highlights: library.highlights ?? [],
    snapshots: [],
    settings: { keyboardTriage: true },
    tombstones: library.tombstones,
  };
}

describe('export then restore', () => {
  it('into an empty database gives identical records (replace and merge)', async () => {
    await fc.assert(
      fc.asyncProperty(libraryArb(10), async (library) => {
        const source = freshDb('source');
        await seedLibrary(source, library);
        const text = backupToJson(await exported(source));
        for (const mode of ['replace', 'merge'] as const) {
          const target = freshDb(mode);
          await restoreBackup(target, text, { ...APP, mode, now: NOW });
          expect(await libraryOf(target)).toEqual(await libraryOf(source));
        }
        await dropDbs();
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});

/** An edit a device makes to one paper. */
type Edit =
  | { kind: 'status'; status: PaperRecord['status'] }
  | { kind: 'note'; note: string }
  | { kind: 'tags'; tags: string[] }
  | { kind: 'delete' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('note' as const), note: trickyText(30) }),
  fc.record({ kind: fc.constant('tags' as const), tags: fc.uniqueArray(fc.constantFrom('ml', 'to-cite', 'ünï', '$x$', 'b'), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const) }),
);

/** Per paper: untouched, or edited on side A or side B (never both). */
const planArb = fc.array(fc.option(fc.record({ side: fc.constantFrom('a' as const, 'b' as const), edit: editArb }), { nil: null }), {
  maxLength: 10,
});

async function applyEdit(db: LecternDB, id: string, edit: Edit, at: number): Promise<void> {
  if (edit.kind === 'delete') {
    await deletePapers(db, [id], at);
    return;
  }
  const record = await db.papers.get(id);
  if (!record) return;
  const next =
    edit.kind === 'status' ? withStatus(record, edit.status, at) : edit.kind === 'note' ? withNote(record, edit.note, at) : withTags(record, edit.tags, at);
  if (next) await db.papers.put(next);
}

describe('merging two libraries', () => {
  it('is commutative for papers edited on one side only, and idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(libraryArb(10), planArb, async (library, plan) => {
        const base = backupToJson(fileOf(library));
        const a = freshDb('a');
        const b = freshDb('b');
        await restoreBackup(a, base, { ...APP, mode: 'replace', now: NOW });
        await restoreBackup(b, base, { ...APP, mode: 'replace', now: NOW });
        for (let i = 0; i < library.papers.length; i++) {
          const step = plan[i];
          if (!step) continue;
          await applyEdit(step.side === 'a' ? a : b, library.papers[i]!.id, step.edit, T0 + 5_000_000 + i);
        }
        const fromA = await exported(a);
        const fromB = await exported(b);
        await restoreBackup(a, fromB, { ...APP, mode: 'merge', now: NOW });
        await restoreBackup(b, fromA, { ...APP, mode: 'merge', now: NOW });
        const mergedA = backupToJson(await exported(a));
        expect(mergedA).toBe(backupToJson(await exported(b)));

        const before = await dumpDb(a);
        await restoreBackup(a, fromB, { ...APP, mode: 'merge', now: NOW });
        await restoreBackup(a, fromA, { ...APP, mode: 'merge', now: NOW });
        await restoreBackup(a, mergedA, { ...APP, mode: 'merge', now: NOW });
        expect(await dumpDb(a)).toBe(before);
        await dropDbs();
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('mergeCopies is commutative and idempotent for concurrent edits of one paper', () => {
    const copy = fc.record({
      status: fc.constantFrom(...STATUSES),
      statusAt: fc.integer({ min: 0, max: 20 }),
      note: trickyText(10),
      noteAt: fc.integer({ min: 0, max: 20 }),
      tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }),
      removed: fc.uniqueArray(fc.constantFrom('e', 'f', 'a'), { maxLength: 2 }),
      tagsAt: fc.integer({ min: 0, max: 20 }),
      title: fc.constantFrom('Attention', 'Attention …', 'Attention Is All You Need', 'Other'),
      authors: fc.array(fc.constantFrom('A', 'B'), { maxLength: 3 }),
      firstSeenAt: fc.integer({ min: 0, max: 3 }),
      alias: fc.constantFrom('doi:10.1/a', 'url:https://x.org/a', null),
      legacy: fc.boolean(),
    });
    const toRecord = (c: ValueOf<typeof copy>): PaperRecord => {
      const tags: string[] = c.tags;
      const removed = c.removed.filter((t: string) => !tags.includes(t));
      const r = paperRecord({
        aliases: ['arxiv:2401.00001', ...(c.alias ? [c.alias] : [])],
        title: c.title,
        authors: c.authors,
        status: c.status,
        note: c.note,
        tags,
        firstSeenAt: T0 + c.firstSeenAt,
        updatedAt: T0 + 30,
      });
      if (!c.legacy) {
        r.changedAt = { status: T0 + c.statusAt, note: T0 + c.noteAt, tags: T0 + c.tagsAt };
        r.tagChanges = [...tags.map((tag) => ({ tag, at: T0 + c.tagsAt })), ...removed.map((tag) => ({ tag, at: T0 + c.tagsAt, removed: true as const }))].sort(
          (x, y) => (x.tag < y.tag ? -1 : 1),
        );
      }
      return r;
    };
    fc.assert(
      fc.property(copy, copy, (x, y) => {
        const a = toRecord(x);
        const b = toRecord(y);
        const ab = mergeCopies(a, b);
        expect(ab).toEqual(mergeCopies(b, a));
        expect(mergeCopies(a, a)).toBe(a);
        expect(mergeCopies(ab, ab)).toBe(ab);
        // Merging a side in again changes nothing.
        expect(mergeCopies(a, ab)).toEqual(ab);
        expect(mergeCopies(ab, b)).toEqual(ab);
        expect(parseBackup(backupToJson(fileOf({ papers: [ab], sightings: [], tombstones: [] }))).ok).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

// -----------------------------------------------------------------------------------------------
// Hostile and broken files

const SMALL: GeneratedLibrary = {
  papers: [0, 1, 2].map((i) =>
    paperRecord({
      id: `arxiv:${arxivIdOf(i)}`,
      aliases: [`arxiv:${arxivIdOf(i)}`, `doi:10.5555/p.${i}`],
      title: `Paper ${i} “ünï” $\\alpha$`,
      note: i ? 'a note' : '',
      tags: i === 2 ? ['x'] : [],
      changedAt: i === 2 ? { tags: T0 + 1 } : undefined,
      tagChanges: i === 2 ? [{ tag: 'x', at: T0 + 1 }] : undefined,
      firstSeenOn: 'https://arxiv.org/list/cs.LG/new',
      abstract: 'Abstract.',
      venue: 'NeurIPS',
    }),
  ).map((p) => JSON.parse(JSON.stringify(p)) as PaperRecord),
  sightings: [{ paperId: `arxiv:${arxivIdOf(0)}`, page: 'https://huggingface.co/papers', firstAt: T0 + 5 }],
  tombstones: [{ id: 'doi:10.1/gone', aliases: ['doi:10.1/gone'], deletedAt: T0 }],
};

type Json = any;
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** Objects of the file where a key can be put, by path. */
function objectsOf(data: Json): Json[] {
  return [
    data,
    data.papers[0],
    data.papers[1],
    data.papers[1].links,
    data.papers[2].changedAt,
    data.papers[2].tagChanges[0],
    data.settings,
    data.sightings[0],
    data.tombstones[0],
  ];
}

function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const WRONG_VALUES: unknown[] = [null, 1, -1, 1.5, 'text', true, [], {}, [1, 2], { a: 1 }];
const FIELDS = ['id', 'aliases', 'title', 'authors', 'abstract', 'venue', 'version', 'links', 'status', 'tags', 'note', 'firstSeenAt', 'firstSeenOn', 'lastSeenAt', 'updatedAt', 'changedAt', 'tagChanges'];
/** Values that are wrong for each field (whatever the others hold). */
function wrongFor(field: string, pick: number): unknown {
  const wrong = WRONG_VALUES.filter((value) => {
    if (['title', 'note', 'abstract', 'venue'].includes(field)) return typeof value !== 'string';
    if (['firstSeenAt', 'lastSeenAt', 'updatedAt'].includes(field)) return typeof value !== 'number' || value < 0;
    if (field === 'version') return typeof value !== 'number' || !Number.isInteger(value) || value < 0;
    if (field === 'aliases' || field === 'authors' || field === 'tags' || field === 'tagChanges') return !Array.isArray(value) || value.length > 0;
    if (field === 'links' || field === 'changedAt') return typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length > 0;
    return true;
  });
  return wrong[pick % wrong.length];
}

const hostileArb = fc.oneof(
  // Truncated JSON (at least the closing brace is gone).
  fc.record({ kind: fc.constant('truncate'), at: fc.double({ min: 0, max: 0.9999, noNaN: true }) }),
  // A field of a paper with a value of the wrong type.
  fc.record({ kind: fc.constant('type'), paper: fc.nat(2), field: fc.constantFrom(...FIELDS), pick: fc.nat() }),
  // A string or list over its limit.
  fc.record({
    kind: fc.constant('limit'),
    what: fc.constantFrom('title', 'abstract', 'note', 'venue', 'author', 'tag', 'id', 'alias-count', 'tag-count', 'url', 'appVersion', 'setting'),
    extra: fc.integer({ min: 1, max: 50 }),
  }),
  // A key that could pollute prototypes, anywhere.
  fc.record({ kind: fc.constant('proto'), key: fc.constantFrom('__proto__', 'constructor', 'prototype'), where: fc.nat(8), nested: fc.boolean() }),
  // The same id twice with different data, or an alias on two papers.
  fc.record({ kind: fc.constant('duplicate'), what: fc.constantFrom('paper', 'alias', 'tombstone', 'sighting'), paper: fc.nat(2) }),
  // A format version from the future, or not a version at all.
  fc.record({ kind: fc.constant('version'), version: fc.oneof(fc.integer({ min: 3, max: 1_000_000 }), fc.constantFrom(0, -1, 1.5, '1', null)) }),
  // A field the format does not have.
  fc.record({ kind: fc.constant('unknown'), where: fc.nat(8), key: fc.constantFrom('extra', 'rating', 'x', 'Status', 'links2') }),
  // Values of the right type that break a rule.
  fc.record({
    kind: fc.constant('rule'),
    rule: fc.constantFrom('id-syntax', 'javascript-link', 'file-page', 'status', 'negative-time', 'infinite-time', 'own-id', 'tag-change', 'highlights', 'format', 'not-object'),
    paper: fc.nat(2),
  }),
);

function hostileText(h: ValueOf<typeof hostileArb>): string {
  const valid = backupToJson(fileOf(SMALL));
  const data: Json = JSON.parse(valid);
  const paper = data.papers[(h as { paper?: number }).paper ?? 0];
  switch (h.kind) {
    case 'truncate':
      return valid.slice(0, Math.floor(h.at * valid.lastIndexOf('}')));
    case 'type':
      data.papers[h.paper][h.field] = wrongFor(h.field, h.pick);
      break;
    case 'limit': {
      const over = (n: number) => 'ü'.repeat(n + h.extra);
      const L = BACKUP_LIMITS;
      if (h.what === 'title') data.papers[0].title = over(L.title);
      if (h.what === 'abstract') data.papers[0].abstract = over(L.abstract);
      if (h.what === 'note') data.papers[0].note = over(L.note);
      if (h.what === 'venue') data.papers[0].venue = over(L.venue);
      if (h.what === 'author') data.papers[0].authors = ['A', over(L.authorName)];
      if (h.what === 'tag') data.papers[2].tags = [over(L.tagLength)];
      if (h.what === 'id') data.papers[0].aliases.push(`doi:${over(L.idLength)}`);
      if (h.what === 'alias-count') data.papers[1].aliases.push(...Array.from({ length: L.aliases + h.extra }, (_, i) => `doi:10.7/${i}`));
      if (h.what === 'tag-count') data.papers[1].tags = Array.from({ length: L.tags + h.extra }, (_, i) => `t${i}`);
      if (h.what === 'url') data.papers[0].links.abs = `https://x.org/${over(L.urlLength)}`;
      if (h.what === 'appVersion') data.appVersion = over(L.appVersion);
      if (h.what === 'setting') data.settings.keyboardTriage = over(L.settingText);
      break;
    }
    case 'proto': {
      const target = objectsOf(data)[h.where]!;
      setOwn(target, h.key, h.nested ? { polluted: true } : 'x');
      break;
    }
    case 'duplicate':
      if (h.what === 'paper') data.papers.push({ ...paper, note: `${paper.note}!` });
      if (h.what === 'alias') data.papers[(h.paper + 1) % 3].aliases.push(paper.aliases[paper.aliases.length - 1]);
      if (h.what === 'tombstone') data.tombstones.push({ ...data.tombstones[0], deletedAt: data.tombstones[0].deletedAt + 1 });
      if (h.what === 'sighting') data.sightings.push({ ...data.sightings[0], firstAt: data.sightings[0].firstAt - 1 });
      break;
    case 'version':
      data.formatVersion = h.version;
      break;
    case 'unknown':
      setOwn(objectsOf(data)[h.where]!, h.where === 6 ? 'x y' : h.key, 1);
      if (h.where === 6) data.settings['bad name'] = 1;
      break;
    case 'rule':
      if (h.rule === 'id-syntax') paper.aliases.push('Not An Id');
      if (h.rule === 'javascript-link') paper.links.pdf = 'javascript:alert(1)';
      if (h.rule === 'file-page') data.sightings[0].page = 'file:///etc/passwd';
      if (h.rule === 'status') paper.status = 'finished';
      if (h.rule === 'negative-time') paper.updatedAt = -5;
      if (h.rule === 'infinite-time') return valid.replace(`"updatedAt":${T0}`, '"updatedAt":1e999');
      if (h.rule === 'own-id') paper.aliases = paper.aliases.filter((a: string) => a !== paper.id);
      if (h.rule === 'tag-change') data.papers[2].tagChanges = [{ tag: 'x', at: 1, removed: true }];
      if (h.rule === 'highlights') data.highlights = [{ text: 'x' }];
      if (h.rule === 'format') data.format = 'lectern-backup-2';
      if (h.rule === 'not-object') return JSON.stringify(h.paper ? data.papers : 'lectern-backup');
      break;
  }
  return JSON.stringify(data);
}

describe('broken and hostile files', () => {
  it('1,000 generated: every one rejected with a message, the database unchanged', async () => {
    const db = freshDb('hostile');
    await seedLibrary(db, SMALL);
    const before = await dumpDb(db);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(hostileArb, fc.constantFrom('merge' as const, 'replace' as const), async (h, mode) => {
        runs++;
        const text = hostileText(h);
        let error: unknown;
        try {
          await restoreBackup(db, text, { ...APP, mode, now: NOW });
        } catch (e) {
          error = e;
        }
        expect(error, JSON.stringify(h)).toBeInstanceOf(BackupError);
        expect((error as BackupError).message).toMatch(/^Not a valid Lectern backup: \S/);
        expect((error as BackupError).issues.length).toBeGreaterThan(0);
        expect(await dumpDb(db)).toBe(before);
      }),
      { seed: SEED, numRuns: 1_000 },
    );
    expect(runs).toBe(1_000);
    expect(({} as Json).polluted).toBeUndefined();
  });

  const nearValidArb = fc.record({
    library: libraryArb(4),
    proto: fc.constantFrom('__proto__', 'constructor', 'prototype', '{"__proto__":{"x":1}}'),
    max: fc.subarray(['title', 'abstract', 'venue', 'author', 'authors', 'aliases', 'tags', 'tag', 'url', 'id', 'note'] as const),
  });

  it('near-valid files (Unicode, TeX, __proto__ as text, fields at their limits) are accepted exactly', async () => {
    const L = BACKUP_LIMITS;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(nearValidArb, async ({ library, proto, max }) => {
        const papers = library.papers.map((p) => ({ ...p }));
        const first = (papers[0] ??= paperRecord({ id: `arxiv:${arxivIdOf(0)}` }));
        first.note = proto;
        first.title = `${proto} — “ü” $\\frac{a}{b}$ & {x} % # _ ~ ^ \\ `;
        for (const field of max) {
          if (field === 'title') first.title = 'T'.repeat(L.title);
          if (field === 'abstract') first.abstract = '中'.repeat(L.abstract);
          if (field === 'venue') first.venue = 'V'.repeat(L.venue);
          if (field === 'author') first.authors = ['A'.repeat(L.authorName)];
          if (field === 'authors') first.authors = Array.from({ length: L.authors }, (_, i) => `Author ${i}`);
          if (field === 'aliases') first.aliases = [first.id, ...Array.from({ length: L.aliases - 1 }, (_, i) => `doi:10.6/${i}`)];
          if (field === 'tags') {
            first.tags = Array.from({ length: L.tags }, (_, i) => `tag ${i}`);
            delete first.tagChanges;
          }
          if (field === 'tag') {
            first.tags = ['t'.repeat(L.tagLength)];
            delete first.tagChanges;
          }
          if (field === 'url') first.links = { ...first.links, abs: `https://example.org/${'p'.repeat(L.urlLength - 20)}` };
          if (field === 'id') first.aliases = [...first.aliases.slice(0, L.aliases - 1), `doi:10.1/${'x'.repeat(L.idLength - 9)}`];
          if (field === 'note') first.note = 'n'.repeat(L.note);
        }
        const file = fileOf({ ...library, papers });
        const db = freshDb('near');
        const summary = await restoreBackup(db, backupToJson(file), { ...APP, mode: 'replace', now: NOW });
        expect(summary.added).toBe(papers.length);
        const back = await exportBackup(db, { ...APP, now: NOW, settings: file.settings });
        expect(back).toEqual(file);
        accepted++;
        await dropDbs();
      }),
      { seed: SEED, numRuns: 40 },
    );
    expect(accepted).toBe(40);
  });
});
