/** Validation of the recording and housekeeping requests (`./recording.ts`), built from `../schema-parts.ts`. */
import * as v from 'valibot';
import { LIMITS, detectedPaperSchema, httpUrl, list, obj, statusSchema } from '../schema-parts';
import { HOUSEKEEPING_ACTIONS, type RecordingRequests } from './recording';

const count = (min: number, max: number) =>
  v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(min, `at least ${min}`), v.maxValue(max, `at most ${max}`));

export const RECORDING_SCHEMAS: { [K in keyof RecordingRequests]: v.GenericSchema<unknown, RecordingRequests[K][0]> } = {
  'page.save': obj({
    url: httpUrl(LIMITS.pageUrlLength),
    entries: v.pipe(list(detectedPaperSchema, LIMITS.entries), v.minLength(1, 'expected at least one entry')),
    status: statusSchema,
  }),
  'housekeeping.run': obj({
    action: v.picklist(HOUSEKEEPING_ACTIONS, `expected one of ${HOUSEKEEPING_ACTIONS.join(', ')}`),
    days: v.optional(count(1, 36_500)),
    cap: v.optional(count(2, 10_000)),
  }),
  'housekeeping.undo': obj({ token: v.pipe(v.string('expected a string'), v.maxLength(100, 'at most 100 characters')) }),
};
