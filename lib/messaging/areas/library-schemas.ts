/** Validation of the library requests (`./library.ts`), built from `../schema-parts.ts`. */
import * as v from 'valibot';
import { MAX_TAG_LENGTH } from '../../db/changes';
import { LIMITS, list, nonEmptyText, obj, paperIdSchema } from '../schema-parts';
import type { LibraryRequests } from './library';

const tags = list(nonEmptyText(MAX_TAG_LENGTH), 100);

export const LIBRARY_SCHEMAS: { [K in keyof LibraryRequests]: v.GenericSchema<unknown, LibraryRequests[K][0]> } = {
  'library.editTags': obj({
    ids: list(paperIdSchema, LIMITS.libraryIds),
    add: v.optional(tags),
    remove: v.optional(tags),
  }),
};
