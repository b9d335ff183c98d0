/**
 * Change times of user fields (`lib/db/changes.ts`) and the per-field merge of two copies of a paper
 * (`lib/backup/merge.ts`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { leadOrder, mergeAll, mergeCopies } from '../../lib/backup/merge';
import { editUserFields, fieldTime, lastChangeOf, normalizeTag, withNote, withTagEdits, withTags } from '../../lib/db/changes';
import { mergeRecords, withStatus } from '../../lib/db/papers';
import { dropDbs, freshDb, paperRecord, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

describe('change times', () => {
  it('withStatus stamps the status change time and keeps the others', () => {
    const r = withStatus(paperRecord({ changedAt: { note: T0 + 1 } }), 'unread', T0 + 5)!;
    expect(r).toMatchObject({ status: 'unread', updatedAt: T0 + 5, savedAt: T0 + 5, changedAt: { note: T0 + 1, status: T0 + 5 } });
  });

  it('withNote stamps the note, and answers null when nothing changes', () => {
    expect(withNote(paperRecord(), 'hello', T0 + 2)).toMatchObject({ note: 'hello', updatedAt: T0 + 2, changedAt: { note: T0 + 2 } });
    expect(withNote(paperRecord({ note: 'same' }), 'same', T0 + 2)).toBeNull();
  });

  it('withTags records additions and removals per tag, normalised and deduplicated', () => {
    const a = withTags(paperRecord(), ['  deep   learning ', 'ml', 'ml', ''], T0 + 1)!;
    expect(a.tags).toEqual(['deep learning', 'ml']);
    expect(a.tagChanges).toEqual([
      { tag: 'deep learning', at: T0 + 1 },
      { tag: 'ml', at: T0 + 1 },
    ]);
    const b = withTags(a, ['ml', 'new'], T0 + 2)!;
    expect(b.tags).toEqual(['ml', 'new']);
    expect(b.tagChanges).toEqual([
      { tag: 'deep learning', at: T0 + 2, removed: true },
      { tag: 'ml', at: T0 + 1 },
      { tag: 'new', at: T0 + 2 },
    ]);
    expect(b.changedAt).toEqual({ tags: T0 + 2 });
    expect(withTags(b, ['ml', 'new'], T0 + 3)).toBeNull();
    expect(withTagEdits(b, { add: ['deep learning'], remove: ['ml'] }, T0 + 4)!.tagChanges).toEqual([
      { tag: 'deep learning', at: T0 + 4 },
      { tag: 'ml', at: T0 + 4, removed: true },
      { tag: 'new', at: T0 + 2 },
    ]);
    expect(normalizeTag('x'.repeat(300))).toHaveLength(200);
  });

  it('a record without change times: updatedAt for user values, 0 for defaults', () => {
    const legacy = paperRecord({ status: 'read', note: '', tags: ['a'], updatedAt: T0 + 9 });
    expect([fieldTime(legacy, 'status'), fieldTime(legacy, 'note'), fieldTime(legacy, 'tags')]).toEqual([T0 + 9, 0, T0 + 9]);
    expect(lastChangeOf({ ...legacy, changedAt: { note: T0 + 20 }, tagChanges: [{ tag: 'b', at: T0 + 30, removed: true }] })).toBe(T0 + 30);
  });

  it('editUserFields writes note and tags by any alias', async () => {
    const db = freshDb('edit');
    await db.papers.put(paperRecord({ aliases: ['arxiv:2401.00001', 'doi:10.1000/a'] }));
    const r = await editUserFields(db, 'doi:10.1000/a', { note: 'n', tags: ['x'], addTags: ['y'] }, T0 + 3);
    expect(r).toMatchObject({ note: 'n', tags: ['x', 'y'], changedAt: { note: T0 + 3, tags: T0 + 3 } });
    expect(await db.papers.get('arxiv:2401.00001')).toEqual(r);
    expect(await editUserFields(db, 'doi:10.1000/none', { note: 'n' }, T0)).toBeUndefined();
  });

  it('mergeRecords (two records of one paper) keeps the later change times and every tag', () => {
    const keep = withTags(paperRecord({ id: 'arxiv:2401.00001' }), ['a'], T0 + 1)!;
    const other = withStatus(withTags(paperRecord({ id: 'doi:10.1000/x', aliases: ['doi:10.1000/x'], firstSeenAt: T0 + 1 }), ['b'], T0 + 2)!, 'read', T0 + 3)!;
    const merged = mergeRecords(keep, other);
    expect(merged).toMatchObject({ tags: ['a', 'b'], status: 'read', changedAt: { tags: T0 + 2, status: T0 + 3 } });
    expect(merged.tagChanges).toEqual([
      { tag: 'a', at: T0 + 1 },
      { tag: 'b', at: T0 + 2 },
    ]);
  });
});

describe('mergeCopies', () => {
  const base = paperRecord({ title: 'Attention …', authors: ['A'] });

  it('keeps per field the value changed last', () => {
    const a = withNote(base, 'from a', T0 + 10)!;
    const b = withStatus(base, 'reading', T0 + 20)!;
    expect(mergeCopies(a, b)).toMatchObject({ status: 'reading', note: 'from a', changedAt: { status: T0 + 20, note: T0 + 10 } });
  });

  it('breaks ties by value: the more advanced status, the greater note', () => {
    const a = withNote(withStatus(base, 'dismissed', T0 + 5)!, 'alpha', T0 + 5)!;
    const b = withNote(withStatus(base, 'unread', T0 + 5)!, 'beta', T0 + 5)!;
    expect(mergeCopies(a, b)).toMatchObject({ status: 'unread', note: 'beta' });
    expect(mergeCopies(b, a)).toEqual(mergeCopies(a, b));
  });

  it('merges tags per tag: later change wins, an addition wins a tie', () => {
    const a = withTags(withTags(base, ['x', 'y'], T0 + 1)!, ['x'], T0 + 5)!;
    const b = withTags(withTags(base, ['x', 'y'], T0 + 1)!, ['x', 'y', 'z'], T0 + 3)!;
    expect(mergeCopies(a, b).tags).toEqual(['x', 'z']);
    const c = withTags(base, ['y'], T0 + 5)!;
    expect([...mergeCopies(a, c).tags].sort()).toEqual(['x', 'y']);
  });

  it('improves metadata only, from whichever side', () => {
    const a = { ...base, title: 'Attention Is All You Need', aliases: [...base.aliases, 'doi:10.1000/a'] };
    const b = { ...base, authors: ['A', 'B'], abstract: 'Abstract.', version: 3 };
    const merged = mergeCopies(a, b);
    expect(merged).toMatchObject({ title: 'Attention Is All You Need', authors: ['A', 'B'], abstract: 'Abstract.', version: 3 });
    expect(merged.aliases).toEqual(['arxiv:2401.00001', 'doi:10.1000/a']);
  });

  it('keeps the older copy id and first sighting; earliest and latest dates as documented', () => {
    const older = paperRecord({ id: 'doi:10.1000/a', aliases: ['doi:10.1000/a'], firstSeenAt: T0, firstSeenOn: 'https://a.org/', readAt: T0 + 1, savedAt: T0 + 1 });
    const newer = paperRecord({ firstSeenAt: T0 + 5, firstSeenOn: 'https://b.org/', lastSeenAt: T0 + 50, readAt: T0 + 9, savedAt: T0 + 3 });
    const merged = mergeCopies(newer, older);
    expect(merged).toMatchObject({ id: 'doi:10.1000/a', firstSeenOn: 'https://a.org/', firstSeenAt: T0, lastSeenAt: T0 + 50, readAt: T0 + 9, savedAt: T0 + 1 });
    expect(leadOrder(older, newer)).toBeLessThan(0);
    expect(mergeAll([newer, older, newer])).toEqual(merged);
  });

  it('answers the same object for identical copies', () => {
    expect(mergeCopies(base, { ...base })).toBe(base);
  });
});
