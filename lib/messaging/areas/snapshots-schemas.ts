/** Validation of the snapshot requests (`./snapshots.ts`), built from `../schema-parts.ts`. */
import type * as v from 'valibot';
import type { SnapshotRequests } from './snapshots';

export const SNAPSHOT_SCHEMAS: { [K in keyof SnapshotRequests]: v.GenericSchema<unknown, SnapshotRequests[K][0]> } = {};
