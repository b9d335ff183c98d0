/**
 * Snapshot requests (readable offline copies of a paper's page). Part of `Requests` in `../protocol.ts`;
 * validated by `./snapshots-schemas.ts`, handled by `lib/service/handlers/snapshots.ts`. Each request is
 * `[data, answer]`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SnapshotRequests {}

/** Snapshot requests a content script (or the snapshot script injected in a page) may send. */
export const SNAPSHOT_CONTENT_REQUESTS = [] as const satisfies readonly (keyof SnapshotRequests)[];
