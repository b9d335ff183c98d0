/**
 * The one message contract between the content script, extension pages and the background.
 * Every request travels as `{ type, data }` and every answer as a `Result` (errors do not serialise).
 *
 * Who may send what is fixed here too (`CONTENT_SCRIPT_REQUESTS`): a content script may only act on the
 * papers and highlights of its own tab; everything else comes from extension pages.
 */
import type { DetectedPaper, PaperId, PaperRecord, PaperStatus } from '../model';

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
}

export interface ReportResult {
  /** One per reported entry, in the same order. */
  states: EntryState[];
}

/** Requests, by type: `[data, answer]`. */
export interface Requests {
  // ---- content script (own tab only) ----
  /** The entries detected on the sender's page; records them and answers their states. */
  'page.report': [{ url: string; entries: DetectedPaper[] }, ReportResult];
  /** Current states of papers present on the sender's tab. */
  'page.states': [{ ids: PaperId[] }, Record<PaperId, PaperStatus>];
  /** Set the status of one paper present on the sender's tab. */
  'page.setStatus': [{ id: PaperId; status: PaperStatus }, PaperStatus];
  /** Save (seen → to read) every paper present on the sender's tab; answers how many changed. */
  'page.saveAll': [Record<string, never>, number];

  // ---- extension pages only ----
  /** Record ids of the papers on a tab, in page order. */
  'tab.papers': [{ tabId: number }, PaperId[]];
  /** Save every `seen` paper of a tab to read. */
  'tab.saveAll': [{ tabId: number }, number];
  /** Set the status of any papers. */
  'library.setStatus': [{ ids: PaperId[]; status: PaperStatus }, number];
  /** Delete papers and everything that refers to them. */
  'library.delete': [{ ids: PaperId[] }, number];
}

export type RequestType = keyof Requests;
export type RequestData<T extends RequestType> = Requests[T][0];
export type RequestAnswer<T extends RequestType> = Requests[T][1];

export const CONTENT_SCRIPT_REQUESTS = ['page.report', 'page.states', 'page.setStatus', 'page.saveAll'] as const;

export type { DetectedPaper, PaperRecord };
