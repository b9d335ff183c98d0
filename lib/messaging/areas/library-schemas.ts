/** Validation of the library requests (`./library.ts`), built from `../schema-parts.ts`. */
import * as v from 'valibot';
import { LIMITS, list, nonEmptyText, obj, paperIdSchema } from '../schema-parts';
import type { LibraryRequests } from './library';

/** As `MAX_TAG_LENGTH` in `lib/db/changes.ts`; not imported from there, which would pull the database into the content script. */
const TAG_LENGTH = 200;
const tags = list(nonEmptyText(TAG_LENGTH), 100);

export const LIBRARY_SCHEMAS: { [K in keyof LibraryRequests]: v.GenericSchema<unknown, LibraryRequests[K][0]> } = {
  'library.editTags': obj({
    ids: list(paperIdSchema, LIMITS.libraryIds),
    add: v.optional(tags),
    remove: v.optional(tags),
  }),
};
