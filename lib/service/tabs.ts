/**
 * The background's memory of which library records are on which tab (as reported by each tab's content
 * script). It decides what a content script may act on, so it lives outside the page, in an async
 * key-value area: `browser.storage.session` in the extension (survives service-worker restarts, cleared
 * with the browser session), a Map in tests.
 */
import type { VisitContext } from '../db/record';
import type { PaperId } from '../model';

export interface TabPage {
  /** The page URL the ids were reported for, without fragment. */
  url: string;
  /** Record ids in page order. */
  ids: PaperId[];
  /**
   * Of `ids`, the records new on this page load: created by it, or absent from the page at its previous
   * visit. Absent when none are (or for pages recorded without a content script, e.g. PDF tabs).
   */
  fresh?: PaperId[];
  /** Of `fresh`, those still untriaged (`seen`): the tab's new papers, counted on the toolbar button. */
  newIds?: PaperId[];
  /** The page load's visit, continued by reports of entries the page adds later (`page.report` `more`). */
  visit?: VisitContext;
}

/** What a report adds to a tab's memory besides its ids. */
export type TabPageExtras = Pick<TabPage, 'fresh' | 'newIds' | 'visit'>;

export interface TabPapers {
  set(tabId: number, url: string, ids: readonly PaperId[], extras?: TabPageExtras): Promise<void>;
  get(tabId: number): Promise<TabPage | undefined>;
  /** Replaces the tab's new papers (`newIds`), if the tab still shows `url`. */
  setNewIds(tabId: number, url: string, newIds: readonly PaperId[]): Promise<void>;
  /** Every tab with remembered papers. */
  list(): Promise<[number, TabPage][]>;
  forget(tabId: number): Promise<void>;
}

/** The minimal async key-value store `createTabPapers` needs. */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Every key and value. */
  all(): Promise<Record<string, unknown>>;
}

/** The shape of `browser.storage.session` (or `.local`) that `storageArea` adapts. */
export interface BrowserStorageAreaLike {
  get(keys?: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

/** A `KeyValueArea` over a browser storage area, e.g. `storageArea(browser.storage.session)`. */
export function storageArea(area: BrowserStorageAreaLike): KeyValueArea {
  return {
    async get(key) {
      return (await area.get(key))[key];
    },
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
    all: () => area.get(null),
  };
}

/** A `KeyValueArea` in memory (tests, or when no storage area is available). */
export function memoryArea(map: Map<string, unknown> = new Map()): KeyValueArea {
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    remove: async (key) => void map.delete(key),
    all: async () => Object.fromEntries(map),
  };
}

const KEY_PREFIX = 'tabPapers:';

/** The URL without its fragment: fragments do not change which page a tab shows. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

const isIdList = (value: unknown): value is PaperId[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'string');

function isTabPage(value: unknown): value is TabPage {
  if (!value || typeof value !== 'object') return false;
  const { url, ids, fresh, newIds, visit } = value as Partial<TabPage>;
  return (
    typeof url === 'string' &&
    isIdList(ids) &&
    (fresh === undefined || isIdList(fresh)) &&
    (newIds === undefined || isIdList(newIds)) &&
    (visit === undefined || (typeof visit === 'object' && visit !== null))
  );
}

/**
 * `TabPapers` kept in `area`, with a write-through cache so that repeated checks from the same tab do not
 * go back to storage. After a service-worker restart the cache is empty and entries are read back.
 */
export function createTabPapers(area: KeyValueArea): TabPapers {
  const cache = new Map<number, TabPage | undefined>();
  const store = async (tabId: number, page: TabPage) => {
    cache.set(tabId, page);
    await area.set(KEY_PREFIX + tabId, page);
  };
  const get = async (tabId: number): Promise<TabPage | undefined> => {
    if (cache.has(tabId)) return cache.get(tabId);
    const stored = await area.get(KEY_PREFIX + tabId);
    const page = isTabPage(stored) ? stored : undefined;
    cache.set(tabId, page);
    return page;
  };
  return {
    async set(tabId, url, ids, extras) {
      const page: TabPage = { url: withoutFragment(url), ids: [...ids] };
      if (extras?.fresh?.length) page.fresh = [...extras.fresh];
      if (extras?.newIds?.length) page.newIds = [...extras.newIds];
      if (extras?.visit) page.visit = { ...extras.visit };
      await store(tabId, page);
    },
    get,
    async setNewIds(tabId, url, newIds) {
      const page = await get(tabId);
      if (!page || page.url !== withoutFragment(url)) return;
      const { newIds: _old, ...rest } = page;
      await store(tabId, newIds.length ? { ...rest, newIds: [...newIds] } : rest);
    },
    async list() {
      const out = new Map<number, TabPage>();
      for (const [key, value] of Object.entries(await area.all())) {
        if (!key.startsWith(KEY_PREFIX)) continue;
        const tabId = Number(key.slice(KEY_PREFIX.length));
        if (Number.isInteger(tabId) && isTabPage(value)) out.set(tabId, value);
      }
      // The cache is written first: it is the newer of the two while a write is under way.
      for (const [tabId, page] of cache) {
        if (page) out.set(tabId, page);
        else out.delete(tabId);
      }
      return [...out];
    },
    async forget(tabId) {
      cache.delete(tabId);
      await area.remove(KEY_PREFIX + tabId);
    },
  };
}
