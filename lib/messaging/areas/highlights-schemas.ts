/** Validation of the highlight and snapshot requests (`./highlights.ts`), built from `../schema-parts.ts`. */
import type * as v from 'valibot';
import type { HighlightRequests } from './highlights';

export const HIGHLIGHT_SCHEMAS: { [K in keyof HighlightRequests]: v.GenericSchema<unknown, HighlightRequests[K][0]> } = {};
