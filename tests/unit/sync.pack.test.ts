/** Packing the user-made fields of the library into sync storage items (`lib/sync/pack.ts`). */
import { describe, expect, it } from 'vitest';
import type { PaperRecord, PaperStatus } from '../../lib/model';
import {
  CHROME_SYNC_QUOTAS,
  coveredBy,
  entryOf,
  itemBytes,
  META_KEY,
  packLibrary,
  quotasOf,
  unpackItems,
  userMade,
} from '../../lib/sync/pack';
import { paperRecord, T0 } from '../fixtures/db/helpers';

const id = (n: number) => `arxiv:2401.${String(n).padStart(5, '0')}`;

function paper(n: number, over: Partial<PaperRecord> = {}): PaperRecord {
  return paperRecord({ id: id(n), aliases: [id(n)], status: 'unread', updatedAt: T0 + n, changedAt: { status: T0 + n }, ...over });
}

/** Every item within the per-item quota and all within the total and the item count. */
function expectWithinQuotas(items: Record<string, unknown>, quotas = CHROME_SYNC_QUOTAS) {
  let total = 0;
  for (const [key, value] of Object.entries(items)) {
    const bytes = new TextEncoder().encode(key + JSON.stringify(value)).length;
    expect(bytes).toBeLessThanOrEqual(quotas.perItem);
    total += bytes;
  }
  expect(total).toBeLessThanOrEqual(quotas.total);
  expect(Object.keys(items).length).toBeLessThanOrEqual(quotas.maxItems);
  return total;
}

describe('sync packing', () => {
  it('measures bytes as UTF-8 of key and JSON value', () => {
    expect(itemBytes('k', 'é')).toBe(1 + 4); // k "é" : quotes 2 + é 2
    expect(itemBytes('k', '😀')).toBe(1 + 6);
    expect(itemBytes('k', '"')).toBe(1 + 4); // "\""
  });

  it('reads quotas from the API, else Chrome’s', () => {
    expect(quotasOf(undefined)).toEqual(CHROME_SYNC_QUOTAS);
    expect(quotasOf({ QUOTA_BYTES: 1000, QUOTA_BYTES_PER_ITEM: 200, MAX_ITEMS: 'x' })).toEqual({ total: 1000, perItem: 200, maxItems: 512 });
  });

  it('takes only papers the user made something of', () => {
    const seen = paperRecord({ id: id(1), aliases: [id(1)] });
    const noted = paperRecord({ id: id(2), aliases: [id(2)], note: 'n' });
    const untagged = paperRecord({ id: id(3), aliases: [id(3)], tagChanges: [{ tag: 'x', at: T0, removed: true }] });
    expect([seen, noted, untagged].map(userMade)).toEqual([false, true, true]);
    const plan = packLibrary([seen, noted, untagged, paper(4)]);
    expect(plan.synced.sort()).toEqual([id(2), id(3), id(4)]);
    expect(plan.leftOut).toEqual([]);
  });

  it('never carries abstracts, authors or links, and shortens titles and aliases', () => {
    const long = paper(1, {
      abstract: 'SECRET ABSTRACT',
      title: '😀'.repeat(200),
      aliases: [id(1), 'doi:10.1/a', 'doi:10.1/b', 'doi:10.1/c', 'doi:10.1/d'],
    });
    const plan = packLibrary([long]);
    const text = JSON.stringify(plan.items);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('Ada Lovelace');
    expect(text).not.toContain('https://');
    const [entry] = unpackItems(plan.items);
    expect([...entry!.title]).toHaveLength(80);
    expect(entry!.title).toBe('😀'.repeat(80));
    expect(entry!.aliases).toEqual(['doi:10.1/a', 'doi:10.1/b', 'doi:10.1/c']);
  });

  it('round-trips every synced field, Unicode and tag tombstones included', () => {
    const records = [
      paper(1, { note: '“quoted” \\TeX{} $x^2$ 中文 😀\u2028', tags: ['é', 'ml'], tagChanges: [{ tag: 'gone', at: T0 + 7, removed: true }, { tag: 'ml', at: T0 + 3 }, { tag: 'é', at: T0 + 2 }], changedAt: { status: T0 + 1, note: T0 + 4, tags: T0 + 7 } }),
      paper(2, { status: 'dismissed', note: '__proto__' }),
      // A note without change times: its time is the record's updatedAt.
      paperRecord({ id: id(3), aliases: [id(3)], note: 'old', updatedAt: T0 + 9 }),
    ];
    const entries = unpackItems(packLibrary(records).items);
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const record of records) expect(byId.get(record.id)).toEqual(entryOf(record));
    expect(byId.get(id(3))!.changedAt).toEqual({ status: 0, note: T0 + 9, tags: 0 });
  });

  it('keeps every item within the per-item quota and all within the total, with long Unicode notes', () => {
    const records = Array.from({ length: 400 }, (_, n) =>
      paper(n, { note: '中😀é"\\'.repeat((n * 37) % 600), tags: [`tag ${n % 7}`, '标签'] }),
    );
    const plan = packLibrary(records);
    const total = expectWithinQuotas(plan.items);
    expect(plan.bytesUsed).toBe(total);
    expect(plan.bytesFree).toBe(CHROME_SYNC_QUOTAS.total - total);
    expect(plan.synced.length).toBeGreaterThan(10);
    expect(plan.leftOut.length).toBeGreaterThan(0);
    expect(plan.synced.length + plan.leftOut.length).toBe(400);
    expect(unpackItems(plan.items).map((e) => e.id)).toEqual(plan.synced);
  });

  it('respects small quotas announced by the API, including the item count', () => {
    const quotas = { total: 3_000, perItem: 600, maxItems: 4 };
    const records = Array.from({ length: 50 }, (_, n) => paper(n, { note: 'x'.repeat(100) }));
    const plan = packLibrary(records, quotas);
    expectWithinQuotas(plan.items, quotas);
    expect(plan.synced.length).toBeGreaterThan(0);
    expect(plan.leftOut.every((l) => l.reason === 'full')).toBe(true);
  });

  it('leaves out a note too large for any item, says so, and goes on', () => {
    const huge = paper(1, { note: 'é'.repeat(5_000), changedAt: { status: T0 + 100 } });
    const plan = packLibrary([huge, paper(2)]);
    expect(plan.synced).toEqual([id(2)]);
    expect(plan.leftOut).toEqual([{ id: id(1), title: 'A Paper', status: 'unread', reason: 'too-large' }]);
  });

  it('when full, leaves out the oldest read and dismissed papers first', () => {
    const status = (n: number): PaperStatus => (['unread', 'reading', 'read', 'dismissed', 'seen'] as const)[n % 5]!;
    const records = Array.from({ length: 600 }, (_, n) =>
      paper(n, { status: status(n), note: status(n) === 'seen' ? 'kept' : 'n'.repeat(200), updatedAt: T0 + n, changedAt: { status: T0 + n } }),
    );
    const plan = packLibrary(records);
    expectWithinQuotas(plan.items);
    const statusOf = new Map(records.map((r) => [r.id, r.status]));
    const timeOf = new Map(records.map((r) => [r.id, r.updatedAt]));
    const rank = (s: PaperStatus) => (s === 'unread' || s === 'reading' ? 0 : s === 'seen' ? 1 : 2);
    // Every synced paper comes before every left-out one in priority.
    const key = (paperId: string) => [rank(statusOf.get(paperId)!), -timeOf.get(paperId)!] as const;
    const lastSynced = key(plan.synced.at(-1)!);
    for (const left of plan.leftOut) {
      const k = key(left.id);
      expect(k[0] > lastSynced[0] || (k[0] === lastSynced[0] && k[1] >= lastSynced[1])).toBe(true);
    }
    // Papers to read all travel; the left-out ones are read or dismissed, newest kept.
    expect(plan.leftOut.length).toBeGreaterThan(0);
    expect(plan.leftOut.every((l) => l.status === 'read' || l.status === 'dismissed')).toBe(true);
    expect(plan.synced.filter((s) => rank(statusOf.get(s)!) === 0)).toHaveLength(240);
  });

  it('ignores malformed items and items beyond the meta count', () => {
    const plan = packLibrary([paper(1), paper(2)]);
    expect(unpackItems({})).toEqual([]);
    expect(unpackItems({ ...plan.items, [META_KEY]: { v: 99, items: 1 } })).toEqual([]);
    const damaged = { ...plan.items, 'sync.0': [{ i: id(1), t: 'x', s: 'bogus', c: [0, 0, 0] }, (plan.items['sync.0'] as unknown[])[1]], 'sync.1': [(plan.items['sync.0'] as unknown[])[0]] };
    expect(unpackItems(damaged).map((e) => e.id)).toEqual([plan.synced[1]]);
  });

  it('sees when the stored entries already carry the library (by id or alias)', () => {
    const a = entryOf(paper(1));
    expect(coveredBy([a], [a])).toBe(true);
    expect(coveredBy([a], [{ ...a, id: 'doi:10.1/x', aliases: [a.id] }])).toBe(true);
    expect(coveredBy([a], [{ ...a, note: 'other' }])).toBe(false);
    expect(coveredBy([a], [])).toBe(false);
    // Missing only because the area has no room for it: nothing to add.
    expect(coveredBy([a], [], 10)).toBe(true);
    expect(coveredBy([a], [], 10_000)).toBe(false);
    expect(coveredBy([a], [{ ...a, note: 'other' }], 0)).toBe(false);
  });
});
