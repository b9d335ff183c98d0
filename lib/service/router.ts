/**
 * The background's request handling, independent of the transport: one `handle(type, data, sender)` that
 * authorises, validates and routes every request of the protocol and always answers a `Result`.
 *
 * Privilege is decided here, once, from the sender:
 * - a content script (a sender with a tab that is not an extension page) may send only
 *   `CONTENT_SCRIPT_REQUESTS`, and those act only on its own tab: `page.report` and `page.lookup` must be
 *   for the URL the tab shows (fragment ignored; `page.lookup` reads only what `page.report` would answer);
 *   `page.states`/`page.setStatus`/`page.setStatuses`/`page.openInLibrary` only name papers that the tab's
 *   own reports listed; `page.saveAll` saves only those;
 * - extension pages may send every other request, and not the `page.*` ones (they have no page of their own):
 *   among them running detection in a tab (`tab.detect`) and registering or removing a site's content
 *   script (`site.register`, `site.unregister`), which a page must never do for itself;
 * - any other sender is refused.
 * Then the data is validated (`parseRequest`), and only then does a handler run.
 *
 * Every status change and deletion is passed on to `pusher` (the background pushes it to the tabs that show
 * the papers), and every report sets the tab's count of new papers.
 */
import { lookupEntries } from '../db/lookup';
import { applyStatus, deletePaperRecords, findByAlias, findManyByAlias, statesOf } from '../db/papers';
import { recordBatch } from '../db/record';
import type { LecternDB } from '../db/schema';
import { CONTENT_SCRIPT_REQUESTS, type RequestAnswer, type RequestData, type RequestType, type Result } from '../messaging/protocol';
import { isRequestType, parseRequest } from '../messaging/validate';
import type { PaperId, PaperRecord } from '../model';
import type { RecordingBlock } from '../settings';
import { countsAsNew } from '../status';
import { changeOf, type Pusher } from './push';
import type { SiteAccess } from './site-access';
import { Refused, type HandlerContext, type PageContext } from './handlers/context';
import { dataHandlers, type SafetyDeps } from './handlers/data';
import { highlightHandlers, highlightPageHandlers } from './handlers/highlights';
import { libraryHandlers } from './handlers/library';
import { housekeepingHandlers, recordingPageHandlers, reportWithoutRecording } from './handlers/recording';
import { snapshotHandlers, snapshotPageHandlers } from './handlers/snapshots';
import { withoutFragment, type TabPapers } from './tabs';

/** Who sent a request, as far as the browser vouches for it (see `senderFrom`). */
export interface Sender {
  /** The tab of a content script (top frame only). */
  tabId?: number;
  /** The URL of the sending document. */
  url?: string;
  /**
   * For a content script, the URL its tab shows now when that differs from `url` (same origin): after a
   * same-document navigation (`history.pushState`) the browser still reports the document's first URL as
   * the sender's, while the tab shows the new one.
   */
  tabUrl?: string;
  /** True for the extension's own pages (popup, side panel, options, reader), tab or not. */
  fromExtensionPage: boolean;
  /** A content script's tab is in a private (incognito) window. */
  incognito?: boolean;
}

/** The parts of a runtime `MessageSender` that `senderFrom` reads. */
export interface RuntimeSenderLike {
  tab?: { id?: number; url?: string; incognito?: boolean };
  url?: string;
  frameId?: number;
}

/**
 * The `Sender` for a runtime `MessageSender`. `extensionOrigin` is the extension's own origin
 * (`browser.runtime.getURL('')`, e.g. `chrome-extension://<id>/`).
 *
 * Only `sender.url` (the sending document) decides whether it is an extension page: content scripts never
 * run in extension documents, so a document URL under the extension's origin is the extension's own code
 * even when `sender.tab` is set (the popup or side panel opened as a tab, an extension page framed in a web
 * page). `sender.tab.url` is never used for that decision: a content script in a frame of an extension tab
 * would otherwise pass for the extension. Content scripts count only in a tab's top frame (`frameId` 0):
 * the tab's papers are those of its top document, and a subframe gets no tab. For them the tab's current
 * URL is kept too (`tabUrl`) when it is another URL of the same origin (a client-side navigation).
 */
export function senderFrom(sender: RuntimeSenderLike | undefined, extensionOrigin: string): Sender {
  const origin = extensionOrigin.replace(/\/+$/, '') + '/';
  const url = sender?.url;
  if (url !== undefined && url.startsWith(origin)) return { fromExtensionPage: true, url };
  const tabId = sender?.tab?.id;
  const topFrame = sender?.frameId === undefined || sender.frameId === 0;
  if (tabId !== undefined && Number.isInteger(tabId) && tabId >= 0 && topFrame) {
    const tabUrl = sender?.tab?.url;
    const pageUrl = url ?? tabUrl;
    const privately = sender?.tab?.incognito === true ? { incognito: true } : {};
    if (pageUrl === undefined) return { fromExtensionPage: false, tabId, ...privately };
    return tabUrl !== undefined && tabUrl !== pageUrl && sameOrigin(tabUrl, pageUrl)
      ? { fromExtensionPage: false, tabId, url: pageUrl, tabUrl, ...privately }
      : { fromExtensionPage: false, tabId, url: pageUrl, ...privately };
  }
  return { fromExtensionPage: false };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    const origin = new URL(a).origin;
    return origin !== 'null' && origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export interface RouterDeps {
  db: LecternDB;
  tabs: TabPapers;
  /** Clock, for tests. */
  now?: () => number;
  /** Told of status changes, deletions and reports (see `./push`); nothing is pushed without it. */
  pusher?: Pusher;
  /** Opens a library record for a tab (`page.openInLibrary`); refused without it. */
  openInLibrary?: (recordId: PaperId, tabId: number) => Promise<void>;
  /** Detection on other sites (`tab.detect`, `site.register`, `site.unregister`); refused without it. */
  sites?: Pick<SiteAccess, 'register' | 'unregister' | 'inject'>;
  /** Restoring the safety copy after the database was lost (`data.*`); refused without it. */
  safety?: SafetyDeps;
  /**
   * Why a page's entries must not be recorded automatically now (the user's settings), or `null` to record
   * them; everything is recorded without it. See `recordingBlock` in `lib/settings.ts`.
   */
  recordingGate?: (page: { url?: string; incognito?: boolean }) => Promise<RecordingBlock | null>;
}

export interface Router {
  handle(type: string, data: unknown, sender: Sender): Promise<Result<unknown>>;
}


/** Whether the sender's tab shows `url` (fragments ignored): its document's URL or the tab's current one. */
function shows(page: PageContext, url: string): boolean {
  const wanted = withoutFragment(url);
  return [page.url, page.tabUrl].some((own) => own !== undefined && withoutFragment(own) === wanted);
}

type ContentHandlers = {
  [K in (typeof CONTENT_SCRIPT_REQUESTS)[number]]: (data: RequestData<K>, page: PageContext) => Promise<RequestAnswer<K>>;
};
type ExtensionHandlers = {
  [K in Exclude<RequestType, (typeof CONTENT_SCRIPT_REQUESTS)[number]>]: (data: RequestData<K>) => Promise<RequestAnswer<K>>;
};


const CONTENT_TYPES: ReadonlySet<string> = new Set(CONTENT_SCRIPT_REQUESTS);

function isContentType(type: RequestType): type is keyof ContentHandlers {
  return CONTENT_TYPES.has(type);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'Unexpected error';
}

function uniqueInOrder(ids: readonly PaperId[]): PaperId[] {
  return [...new Set(ids)];
}

export function createRouter({ db, tabs, now = Date.now, pusher, openInLibrary, sites, safety, recordingGate }: RouterDeps): Router {
  /** Passes changed (or, with `deleted`, removed) records on to the tabs; never fails the request. */
  function changed(records: readonly PaperRecord[], deleted = false): void {
    if (!pusher || !records.length) return;
    pusher.statusChanged(records.map((record) => changeOf(record, deleted))).catch(() => undefined);
  }

  /** Refuses unless `url` is the page the sender's tab shows (fragment ignored). */
  function assertTabShows(url: string, page: PageContext, what: string): void {
    if (!shows(page, url)) {
      throw new Refused(`Not allowed: a page may only ${what} for the URL its tab shows`);
    }
  }

  /** The tab's memory of `url`, when a report of it is under way (for `more` requests). */
  async function knownPage(page: PageContext, url: string) {
    const known = await tabs.get(page.tabId);
    return known && known.url === withoutFragment(url) && known.visit ? known : undefined;
  }

  /** The ids the tab's last report listed, if that report was for the page the tab still shows. */
  async function ownTabIds(page: PageContext): Promise<Set<PaperId>> {
    const known = await tabs.get(page.tabId);
    if (!known || !shows(page, known.url)) return new Set();
    return new Set(known.ids);
  }

  /** Refuses unless every id is (or is an alias of a record that is) on the sender's own tab. */
  async function assertOnOwnTab(ids: readonly PaperId[], page: PageContext): Promise<void> {
    const own = await ownTabIds(page);
    const missing = ids.filter((id) => !own.has(id));
    if (!missing.length) return;
    // An id may name a record by another alias, or the record may have been merged since the report.
    const records = await findManyByAlias(db, missing);
    for (const id of missing) {
      const record = records.get(id);
      const onTab = record !== undefined && (own.has(record.id) || record.aliases.some((alias) => own.has(alias)));
      if (!onTab) throw new Refused(`Not allowed: ${id} is not on this tab`);
    }
  }

  /** The current record ids behind a tab's stored ids (merged records resolved, deleted ones dropped). */
  async function currentIds(ids: readonly PaperId[]): Promise<PaperId[]> {
    const records = await findManyByAlias(db, ids);
    return uniqueInOrder(ids.flatMap((id) => records.get(id)?.id ?? []));
  }

  const ctx: HandlerContext = { db, tabs, now, changed, assertOnOwnTab, assertTabShows, ownTabIds };

  const content: ContentHandlers = {
    ...highlightPageHandlers(ctx),
    ...snapshotPageHandlers(ctx),
    ...recordingPageHandlers(ctx),
    async 'page.report'(data, page) {
      assertTabShows(data.url, page, 'report entries');
      const block = recordingGate ? await recordingGate({ url: data.url, incognito: page.incognito }) : null;
      if (block) return reportWithoutRecording(ctx, data, page, block, pusher);
      // `more`: entries added to the page since its last report join the tab's papers and the same visit.
      const known = data.more ? await knownPage(page, data.url) : undefined;
      const { states, visit } = await recordBatch(db, {
        url: data.url,
        entries: data.entries,
        now: now(),
        ...(known ? { visit: known.visit } : {}),
      });
      const ids = states.map((s) => s.recordId);
      const fresh = states.filter((s) => s.created || s.newSinceVisit).map((s) => s.recordId);
      const newIds = states.filter(countsAsNew).map((s) => s.recordId);
      const join = (before: readonly PaperId[] | undefined, added: readonly PaperId[]) =>
        uniqueInOrder([...(known ? (before ?? []) : []), ...added]);
      await tabs.set(page.tabId, data.url, join(known?.ids, ids), {
        fresh: join(known?.fresh, fresh),
        newIds: join(known?.newIds, newIds),
        visit,
      });
      const remembered = await tabs.get(page.tabId);
      if (pusher && remembered) pusher.tabReported(page.tabId, remembered).catch(() => undefined);
      return { states };
    },
    async 'page.lookup'(data, page) {
      assertTabShows(data.url, page, 'look entries up');
      const known = data.more ? await knownPage(page, data.url) : undefined;
      const states = await lookupEntries(db, { url: data.url, entries: data.entries, ...(known ? { visit: known.visit } : {}) });
      return { states };
    },
    async 'page.states'(data, page) {
      await assertOnOwnTab(data.ids, page);
      return statesOf(db, data.ids);
    },
    async 'page.setStatus'(data, page) {
      await assertOnOwnTab([data.id], page);
      changed(await applyStatus(db, [data.id], data.status, now()));
      const state = (await statesOf(db, [data.id]))[data.id];
      if (state === undefined) throw new Refused(`Unknown paper: ${data.id}`);
      return state;
    },
    async 'page.saveAll'(_data, page) {
      const records = await applyStatus(db, [...(await ownTabIds(page))], 'unread', now(), ['seen']);
      changed(records);
      return records.length;
    },
    async 'page.setStatuses'(data, page) {
      await assertOnOwnTab(data.ids, page);
      const records = await applyStatus(db, data.ids, data.status, now(), data.from);
      changed(records);
      return records.map((record) => record.id);
    },
    async 'page.openInLibrary'(data, page) {
      await assertOnOwnTab([data.id], page);
      const record = await findByAlias(db, data.id);
      if (!record) throw new Refused(`Unknown paper: ${data.id}`);
      if (!openInLibrary) throw new Refused('The library cannot be opened from here');
      await openInLibrary(record.id, page.tabId);
      return null;
    },
  };

  const extension: ExtensionHandlers = {
    ...libraryHandlers(ctx),
    ...highlightHandlers(ctx),
    ...snapshotHandlers(ctx),
    ...dataHandlers(ctx, safety),
    ...housekeepingHandlers(ctx),
    async 'tab.papers'(data) {
      return currentIds((await tabs.get(data.tabId))?.ids ?? []);
    },
    async 'tab.saveAll'(data) {
      const records = await applyStatus(db, (await tabs.get(data.tabId))?.ids ?? [], 'unread', now(), ['seen']);
      changed(records);
      return records.length;
    },
    async 'library.setStatus'(data) {
      const records = await applyStatus(db, data.ids, data.status, now());
      changed(records);
      return records.length;
    },
    async 'library.delete'(data) {
      const records = await deletePaperRecords(db, data.ids, now());
      changed(records, true);
      return records.length;
    },
    async 'tab.detect'(data) {
      await siteAccess().inject(data.tabId);
      return null;
    },
    async 'site.register'(data) {
      const access = siteAccess();
      await access.register(data.origin);
      if (data.tabId !== undefined) await access.inject(data.tabId);
      return null;
    },
    async 'site.unregister'(data) {
      await siteAccess().unregister(data.origin);
      return null;
    },
  };

  function siteAccess(): NonNullable<RouterDeps['sites']> {
    if (!sites) throw new Refused('Detection on other sites is not available here');
    return sites;
  }

  async function dispatch(type: RequestType, data: unknown, sender: Sender): Promise<unknown> {
    if (isContentType(type)) {
      if (sender.fromExtensionPage || sender.tabId === undefined) {
        throw new Refused(`Not allowed: ${type} comes only from a page's content script`);
      }
      const parsed = parseRequest(type, data);
      if (!parsed.ok) throw new Refused(parsed.error);
      const handler = content[type] as (data: unknown, page: PageContext) => Promise<unknown>;
      return handler(parsed.value, {
        tabId: sender.tabId,
        url: sender.url,
        ...(sender.tabUrl ? { tabUrl: sender.tabUrl } : {}),
        ...(sender.incognito ? { incognito: true } : {}),
      });
    }
    if (!sender.fromExtensionPage) throw new Refused(`Not allowed: ${type} comes only from the extension's pages`);
    const parsed = parseRequest(type, data);
    if (!parsed.ok) throw new Refused(parsed.error);
    const handler = extension[type] as (data: unknown) => Promise<unknown>;
    return handler(parsed.value);
  }

  return {
    async handle(type, data, sender) {
      try {
        if (!isRequestType(type)) return { ok: false, error: `Unknown request type: ${JSON.stringify(String(type)).slice(0, 100)}` };
        return { ok: true, value: await dispatch(type, data, sender) };
      } catch (error) {
        return { ok: false, error: messageOf(error) };
      }
    },
  };
}
