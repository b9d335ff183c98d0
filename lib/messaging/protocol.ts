/**
 * The one message contract between the content script, extension pages and the background.
 *
 * Two directions:
 * - requests (`Requests`), content script or extension page → background, over `runtime.sendMessage`:
 *   every request travels as `{ type, data }` and every answer as a `Result` (errors do not serialise);
 * - pushes (`Pushes`), background → content script, over `tabs.sendMessage`, unanswered: every push
 *   travels as `{ lectern: 'push', type, data }` and is validated by the content script (`parsePush`)
 *   before it is used.
 *
 * Who may send what is fixed here too (`CONTENT_SCRIPT_REQUESTS`): a content script may only act on the
 * papers and highlights of its own tab; everything else comes from extension pages.
 */
import type { DetectedPaper, PaperId, PaperRecord, PaperStatus } from '../model';
import { HIGHLIGHT_CONTENT_REQUESTS, type HighlightRequests } from './areas/highlights';
import type { DataRequests } from './areas/data';
import type { LibraryRequests } from './areas/library';
import { RECORDING_CONTENT_REQUESTS, type RecordingRequests } from './areas/recording';
import { SNAPSHOT_CONTENT_REQUESTS, type SnapshotRequests } from './areas/snapshots';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the background tells a page about one of its entries. */
export interface EntryState {
  /** The library record the entry belongs to (may differ from the entry's own id after merges). */
  recordId: PaperId;
  status: PaperStatus;
  /** True when this report created the record. */
  created: boolean;
  /** True when the entry was absent from this page at the previous visit (false on a first visit). */
  newSinceVisit: boolean;
  /**
   * The library does not hold this paper and the report did not record it (automatic recording is off):
   * `recordId` is the id its record will get when the user saves it (`page.save`); `status` is `seen`.
   */
  unrecorded?: true;
  /**
   * The user called this entry "not a paper": nothing was recorded (`recordId` is the entry's own id, and
   * `status` is `dismissed` so that a page that does not know the flag keeps it out of the way).
   */
  notPaper?: true;
}

export interface ReportResult {
  /** One per reported entry, in the same order. */
  states: EntryState[];
  /** Why nothing was recorded, when automatic recording is off for this page (see `lib/settings.ts`). */
  notRecorded?: 'off' | 'paused' | 'private' | 'site';
}

/** What `page.lookup` answers for one entry: read from the library, before anything is recorded. */
export interface LookedUpState {
  /** The record the entry belongs to; for a paper the library does not know, the id its record will get. */
  recordId: PaperId;
  /** The stored status; `null` when the library does not know the paper (recording it will create it). */
  status: PaperStatus | null;
  /** True when the entry was absent from this page at the previous visit (false on a first visit). */
  newSinceVisit: boolean;
}

export interface LookupResult {
  /** One per entry asked, in the same order. */
  states: LookedUpState[];
}

/** A record whose status changed (or that was deleted), as pushed to the tabs that show it. */
export interface StatusChange {
  /** The record id. */
  id: PaperId;
  /** Every id the record is known by (a tab may know it by an id that was merged into it). */
  aliases: PaperId[];
  /** The new status; `null` when the record was deleted. */
  status: PaperStatus | null;
}

/**
 * Requests, by type: `[data, answer]`. The core ones are below; each other area declares its own in
 * `./areas/<area>.ts`.
 */
export interface Requests extends LibraryRequests, HighlightRequests, SnapshotRequests, DataRequests, RecordingRequests {
  // ---- content script (own tab only) ----
  /**
   * The entries detected on the sender's page; records them and answers their states. `more: true` reports
   * entries added to the same page since its last report (infinite scroll, "load more", late rendering):
   * they join the tab's papers and the page load's visit instead of replacing them.
   */
  'page.report': [{ url: string; entries: DetectedPaper[]; more?: boolean }, ReportResult];
  /**
   * Read-only: the stored state of entries about to be reported, each given as its ids (`DetectedPaper.id`
   * first, then its aliases), so that the page can show them before recording writes anything. For the
   * URL the tab shows only; answers nothing `page.report` would not answer for the same entries. `more` as
   * for `page.report` (new-since-visit then compares with the same visit as the page load's first report).
   */
  'page.lookup': [{ url: string; entries: PaperId[][]; more?: boolean }, LookupResult];
  /** Current states of papers present on the sender's tab. */
  'page.states': [{ ids: PaperId[] }, Record<PaperId, PaperStatus>];
  /** Set the status of one paper present on the sender's tab. */
  'page.setStatus': [{ id: PaperId; status: PaperStatus }, PaperStatus];
  /** Save (seen → to read) every paper present on the sender's tab; answers how many changed. */
  'page.saveAll': [Record<string, never>, number];
  /**
   * Set the status of papers present on the sender's tab; with `from`, only of those whose status is one
   * of `from` (e.g. `['seen']`: "Save all new" never touches a paper being read, read or dismissed).
   * Answers the record ids that changed, for an undo.
   */
  'page.setStatuses': [{ ids: PaperId[]; status: PaperStatus; from?: PaperStatus[] }, PaperId[]];
  /** Open a paper present on the sender's tab in the library (side panel, sidebar, or a tab). */
  'page.openInLibrary': [{ id: PaperId }, null];

  // ---- extension pages only ----
  /** Record ids of the papers on a tab, in page order. */
  'tab.papers': [{ tabId: number }, PaperId[]];
  /** Save every `seen` paper of a tab to read. */
  'tab.saveAll': [{ tabId: number }, number];
  /** Set the status of any papers. */
  'library.setStatus': [{ ids: PaperId[]; status: PaperStatus }, number];
  /** Delete papers and everything that refers to them. */
  'library.delete': [{ ids: PaperId[] }, number];
  /**
   * Run detection once in a tab (the content script is injected; a page where it already runs is left
   * alone). Needs the tab's `activeTab` grant (popup, context menu) or a host permission for it.
   */
  'tab.detect': [{ tabId: number }, null];
  /**
   * Detect on a site from now on: registers the content script for `origin` (`https://<host>/*`), whose
   * host permission the popup has just been granted; with `tabId`, also runs detection once in that tab.
   */
  'site.register': [{ origin: string; tabId?: number }, null];
  /** Stop detecting on a granted site: unregisters its content script and gives the permission back. */
  'site.unregister': [{ origin: string }, null];
}

export type RequestType = keyof Requests;
export type RequestData<T extends RequestType> = Requests[T][0];
export type RequestAnswer<T extends RequestType> = Requests[T][1];

export const CONTENT_SCRIPT_REQUESTS = [
  'page.report',
  'page.lookup',
  'page.states',
  'page.setStatus',
  'page.saveAll',
  'page.setStatuses',
  'page.openInLibrary',
  ...HIGHLIGHT_CONTENT_REQUESTS,
  ...SNAPSHOT_CONTENT_REQUESTS,
  ...RECORDING_CONTENT_REQUESTS,
] as const;

/** Pushes, background → content script (`tabs.sendMessage`), by type: their data. Never answered. */
export interface Pushes {
  /**
   * Records shown on the tab changed status (in the popup, the side panel, another tab, or this one) or
   * were deleted. Sent to every tab whose reported papers include one of them, only with those.
   */
  'page.statusChanged': { changes: StatusChange[] };
  /**
   * Highlight the page's current selection (the context menu's "Highlight with Lectern" or the keyboard
   * command); nothing happens without a selection.
   */
  'page.highlightSelection': Record<string, never>;
}

export type PushType = keyof Pushes;

/** A push as it travels; `lectern: 'push'` tells it apart from anything else a content script may receive. */
export type PushMessage = { [K in PushType]: { lectern: 'push'; type: K; data: Pushes[K] } }[PushType];

export type { DetectedPaper, PaperRecord };
