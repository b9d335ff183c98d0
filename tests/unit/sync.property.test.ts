/**
 * Property: two devices editing different fields of one paper end with the same fields whichever pulls first
 * (`mergeEntry` both ways), and pulling the same entry again changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paperJson } from '../../lib/backup/merge';
import { withNote, withTags } from '../../lib/db/changes';
import { withStatus } from '../../lib/db/papers';
import { mergeEntry } from '../../lib/db/sync';
import { STATUSES, type PaperRecord } from '../../lib/model';
import { entryOf, packLibrary, unpackItems, userMade } from '../../lib/sync/pack';
import { paperRecord, SEED, T0, trickyText } from '../fixtures/db/helpers';

type Edit = { field: 'status'; value: (typeof STATUSES)[number] } | { field: 'note'; value: string } | { field: 'tags'; value: string[] };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ field: fc.constant('status' as const), value: fc.constantFrom(...STATUSES) }),
  fc.record({ field: fc.constant('note' as const), value: trickyText(40) }),
  fc.record({ field: fc.constant('tags' as const), value: fc.array(fc.constantFrom('ml', 'é', 'TeX \\{}', 'x y', '😀'), { maxLength: 4 }) }),
);

function apply(record: PaperRecord, e: Edit, at: number): PaperRecord {
  if (e.field === 'status') return withStatus(record, e.value, at) ?? record;
  if (e.field === 'note') return withNote(record, e.value, at) ?? record;
  return withTags(record, e.value, at) ?? record;
}

const fields = (r: PaperRecord) => ({ status: r.status, note: r.note, tags: [...r.tags].sort(), changedAt: r.changedAt, tagChanges: r.tagChanges });

describe('sync merge property', () => {
  it('is commutative for fields edited on one side only, and idempotent', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 3 }),
        fc.array(edit, { maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 8, maxLength: 8 }),
        (start, mine, theirs, gaps) => {
          let base = paperRecord();
          start.forEach((e, i) => (base = apply(base, e, T0 + i + 1)));
          const mineFields = new Set(mine.map((e) => e.field));
          const theirsOnly = theirs.filter((e) => !mineFields.has(e.field));
          let here = base;
          let there = base;
          let at = T0 + 100;
          mine.forEach((e, i) => (here = apply(here, e, (at += gaps[i]!))));
          theirsOnly.forEach((e, i) => (there = apply(there, e, (at += gaps[i + 4]!))));
          const hereAfter = mergeEntry(here, entryOf(there));
          const thereAfter = mergeEntry(there, entryOf(here));
          expect(fields(hereAfter)).toEqual(fields(thereAfter));
          expect(paperJson(mergeEntry(hereAfter, entryOf(there)))).toBe(paperJson(hereAfter));
          // The same through the stored form, as a pull reads it.
          if (userMade(there)) expect(fields(mergeEntry(here, unpackItems(packLibrary([there]).items)[0]!))).toEqual(fields(hereAfter));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
