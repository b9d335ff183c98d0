/**
 * What the router gives the handlers of each protocol area (`./library.ts`, `./highlights.ts`): the
 * database, the tabs' papers, the clock, the pusher, and the checks that keep a content script to its own tab.
 * Privilege is decided by the router before any handler runs; these checks only narrow a page's reach.
 */
import type { LecternDB } from '../../db/schema';
import type { RequestAnswer, RequestData, RequestType } from '../../messaging/protocol';
import type { PaperId, PaperRecord } from '../../model';
import type { TabPapers } from '../tabs';

/** A refusal or bad request raised inside a handler; its message is the answer's error. */
export class Refused extends Error {}

/** A content script's request context: its tab and the URL it shows (see `Sender.tabUrl` in the router). */
export interface PageContext {
  tabId: number;
  url: string | undefined;
  tabUrl?: string;
  /** The tab is in a private (incognito) window. */
  incognito?: boolean;
}

export interface HandlerContext {
  db: LecternDB;
  tabs: TabPapers;
  now: () => number;
  /** Passes changed (or, with `deleted`, removed) records on to the tabs that show them; never fails. */
  changed(records: readonly PaperRecord[], deleted?: boolean): void;
  /** Refuses unless every id is (or is an alias of a record that is) on the page's own tab. */
  assertOnOwnTab(ids: readonly PaperId[], page: PageContext): Promise<void>;
  /** Refuses unless `url` is the page the sender's tab shows (fragment ignored). */
  assertTabShows(url: string, page: PageContext, what: string): void;
  /** The ids the tab's last report listed, if that report was for the page the tab still shows. */
  ownTabIds(page: PageContext): Promise<Set<PaperId>>;
}

/** Handlers of extension-page requests of the types `K`. */
export type ExtensionHandlersOf<K extends RequestType> = {
  [T in K]: (data: RequestData<T>) => Promise<RequestAnswer<T>>;
};

/** Handlers of content-script requests of the types `K`. */
export type PageHandlersOf<K extends RequestType> = {
  [T in K]: (data: RequestData<T>, page: PageContext) => Promise<RequestAnswer<T>>;
};
