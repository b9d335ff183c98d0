/** Validation of the data safety requests (`./data.ts`). */
import * as v from 'valibot';
import { obj } from '../schema-parts';
import type { DataRequests } from './data';

export const DATA_SCHEMAS: { [K in keyof DataRequests]: v.GenericSchema<unknown, DataRequests[K][0]> } = {
  'data.restoreSafetyCopy': v.optional(obj({}), {}),
  'data.dismissLoss': v.optional(obj({}), {}),
};
