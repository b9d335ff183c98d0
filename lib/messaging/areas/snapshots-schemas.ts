/** Validation of the snapshot requests (`./snapshots.ts`), built from `../schema-parts.ts`. */
import * as v from 'valibot';
import { MAX_SNAPSHOT_CHARS } from '../../snapshot/limits';
import { LIMITS, httpUrl, obj, paperIdSchema, text } from '../schema-parts';
import type { SnapshotRequests } from './snapshots';

export const SNAPSHOT_SCHEMAS: { [K in keyof SnapshotRequests]: v.GenericSchema<unknown, SnapshotRequests[K][0]> } = {
  'page.snapshot.save': obj({
    url: httpUrl(LIMITS.pageUrlLength),
    paperId: v.optional(paperIdSchema),
    title: text(LIMITS.title),
    byline: v.optional(text(LIMITS.authors)),
    // Each is checked against the cap on both together by the writer, which says how large the copy was.
    content: text(MAX_SNAPSHOT_CHARS + 1),
    text: text(MAX_SNAPSHOT_CHARS + 1),
    droppedImages: v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected 0 or more')),
  }),
  'snapshot.delete': obj({ paperId: paperIdSchema }),
};
