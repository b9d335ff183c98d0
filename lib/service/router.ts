/**
 * The background's request handling, independent of the transport: one `handle(type, data, sender)` that
 * authorises, validates and routes every request of the protocol and always answers a `Result`.
 *
 * Privilege is decided here, once, from the sender:
 * - a content script (a sender with a tab that is not an extension page) may send only
 *   `CONTENT_SCRIPT_REQUESTS`, and those act only on its own tab: `page.report` must be for the URL the tab
 *   shows (fragment ignored); `page.states`/`page.setStatus` only name papers that the tab's own last report
 *   listed; `page.saveAll` saves only those;
 * - extension pages may send every other request, and not the `page.*` ones (they have no page of their own);
 * - any other sender is refused.
 * Then the data is validated (`parseRequest`), and only then does a handler run.
 */
import { deletePapers, findManyByAlias, saveAll, setStatus, statesOf } from '../db/papers';
import { recordBatch } from '../db/record';
import type { LecternDB } from '../db/schema';
import { CONTENT_SCRIPT_REQUESTS, type RequestAnswer, type RequestData, type RequestType, type Result } from '../messaging/protocol';
import { isRequestType, parseRequest } from '../messaging/validate';
import type { PaperId } from '../model';
import { withoutFragment, type TabPapers } from './tabs';

/** Who sent a request, as far as the browser vouches for it (see `senderFrom`). */
export interface Sender {
  /** The tab of a content script (top frame only). */
  tabId?: number;
  /** The URL of the sending document. */
  url?: string;
  /** True for the extension's own pages (popup, side panel, options, reader), tab or not. */
  fromExtensionPage: boolean;
}

/** The parts of a runtime `MessageSender` that `senderFrom` reads. */
export interface RuntimeSenderLike {
  tab?: { id?: number; url?: string };
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
 * the tab's papers are those of its top document, and a subframe gets no tab.
 */
export function senderFrom(sender: RuntimeSenderLike | undefined, extensionOrigin: string): Sender {
  const origin = extensionOrigin.replace(/\/+$/, '') + '/';
  const url = sender?.url;
  if (url !== undefined && url.startsWith(origin)) return { fromExtensionPage: true, url };
  const tabId = sender?.tab?.id;
  const topFrame = sender?.frameId === undefined || sender.frameId === 0;
  if (tabId !== undefined && Number.isInteger(tabId) && tabId >= 0 && topFrame) {
    const pageUrl = url ?? sender?.tab?.url;
    return pageUrl === undefined ? { fromExtensionPage: false, tabId } : { fromExtensionPage: false, tabId, url: pageUrl };
  }
  return { fromExtensionPage: false };
}

export interface RouterDeps {
  db: LecternDB;
  tabs: TabPapers;
  /** Clock, for tests. */
  now?: () => number;
}

export interface Router {
  handle(type: string, data: unknown, sender: Sender): Promise<Result<unknown>>;
}

/** A content script's request context: its tab and the URL it shows. */
interface PageContext {
  tabId: number;
  url: string | undefined;
}

type ContentHandlers = {
  [K in (typeof CONTENT_SCRIPT_REQUESTS)[number]]: (data: RequestData<K>, page: PageContext) => Promise<RequestAnswer<K>>;
};
type ExtensionHandlers = {
  [K in Exclude<RequestType, (typeof CONTENT_SCRIPT_REQUESTS)[number]>]: (data: RequestData<K>) => Promise<RequestAnswer<K>>;
};

/** A refusal or bad request raised inside a handler; its message is the answer's error. */
class Refused extends Error {}

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

export function createRouter({ db, tabs, now = Date.now }: RouterDeps): Router {
  /** The ids the tab's last report listed, if that report was for the page the tab still shows. */
  async function ownTabIds(page: PageContext): Promise<Set<PaperId>> {
    const known = await tabs.get(page.tabId);
    if (!known || page.url === undefined || known.url !== withoutFragment(page.url)) return new Set();
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

  const content: ContentHandlers = {
    async 'page.report'(data, page) {
      if (page.url === undefined || withoutFragment(data.url) !== withoutFragment(page.url)) {
        throw new Refused('Not allowed: a page may only report entries for the URL its tab shows');
      }
      const { states } = await recordBatch(db, { url: data.url, entries: data.entries, now: now() });
      await tabs.set(page.tabId, data.url, uniqueInOrder(states.map((s) => s.recordId)));
      return { states };
    },
    async 'page.states'(data, page) {
      await assertOnOwnTab(data.ids, page);
      return statesOf(db, data.ids);
    },
    async 'page.setStatus'(data, page) {
      await assertOnOwnTab([data.id], page);
      await setStatus(db, [data.id], data.status, now());
      const state = (await statesOf(db, [data.id]))[data.id];
      if (state === undefined) throw new Refused(`Unknown paper: ${data.id}`);
      return state;
    },
    async 'page.saveAll'(_data, page) {
      return saveAll(db, [...(await ownTabIds(page))], now());
    },
  };

  const extension: ExtensionHandlers = {
    async 'tab.papers'(data) {
      return currentIds((await tabs.get(data.tabId))?.ids ?? []);
    },
    async 'tab.saveAll'(data) {
      return saveAll(db, (await tabs.get(data.tabId))?.ids ?? [], now());
    },
    async 'library.setStatus'(data) {
      return setStatus(db, data.ids, data.status, now());
    },
    async 'library.delete'(data) {
      return deletePapers(db, data.ids);
    },
  };

  async function dispatch(type: RequestType, data: unknown, sender: Sender): Promise<unknown> {
    if (isContentType(type)) {
      if (sender.fromExtensionPage || sender.tabId === undefined) {
        throw new Refused(`Not allowed: ${type} comes only from a page's content script`);
      }
      const parsed = parseRequest(type, data);
      if (!parsed.ok) throw new Refused(parsed.error);
      const handler = content[type] as (data: unknown, page: PageContext) => Promise<unknown>;
      return handler(parsed.value, { tabId: sender.tabId, url: sender.url });
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
