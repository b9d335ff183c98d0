/**
 * Snapshot requests (readable offline copies of a paper's page). Part of `Requests` in `../protocol.ts`;
 * validated by `./snapshots-schemas.ts`, handled by `lib/service/handlers/snapshots.ts`. Each request is
 * `[data, answer]`.
 *
 * The capture itself runs in the page (the snapshot script the background or the popup injects, see
 * `lib/snapshot/inject.ts`), which sends the copy with `page.snapshot.save`: only for the URL its tab shows
 * and a paper its tab's report listed.
 */
import type { PaperId } from '../../model';

/** A readable copy as the page sends it (sanitised HTML and its text). */
export interface SnapshotUpload {
  /** The page captured: must be the one the sender's tab shows. */
  url: string;
  /** The paper it is a copy of; absent: the one paper the tab's report listed. */
  paperId?: PaperId;
  title: string;
  byline?: string;
  content: string;
  text: string;
  droppedImages: number;
}

export interface SnapshotSaved {
  /** The record id the copy is stored under. */
  paperId: PaperId;
  /** Characters stored (HTML and text). */
  size: number;
  droppedImages: number;
}

export interface SnapshotRequests {
  // ---- content script / snapshot script (own tab only) ----
  /** Store the readable copy of the sender's page for its paper (replaces an earlier one). */
  'page.snapshot.save': [SnapshotUpload, SnapshotSaved];

  // ---- extension pages only ----
  /** Delete a paper's readable copy; answers whether there was one. */
  'snapshot.delete': [{ paperId: PaperId }, boolean];
}

/** Snapshot requests a content script (or the snapshot script injected in a page) may send. */
export const SNAPSHOT_CONTENT_REQUESTS = ['page.snapshot.save'] as const satisfies readonly (keyof SnapshotRequests)[];
