/** Validation of the library requests (`./library.ts`), built from `../schema-parts.ts`. */
import type * as v from 'valibot';
import type { LibraryRequests } from './library';

export const LIBRARY_SCHEMAS: { [K in keyof LibraryRequests]: v.GenericSchema<unknown, LibraryRequests[K][0]> } = {};
