/**
 * The background's memory of which library records are on which tab (as reported by each tab's content
 * script). It decides what a content script may act on, so it lives outside the page, in an async
 * key-value area: `browser.storage.session` in the extension (survives service-worker restarts, cleared
 * with the browser session), a Map in tests.
 */
import type { PaperId } from '../model';

export interface TabPage {
  /** The page URL the ids were reported for, without fragment. */
  url: string;
  /** Record ids in page order. */
  ids: PaperId[];
}

export interface TabPapers {
  set(tabId: number, url: string, ids: readonly PaperId[]): Promise<void>;
  get(tabId: number): Promise<TabPage | undefined>;
  forget(tabId: number): Promise<void>;
}

/** The minimal async key-value store `createTabPapers` needs. */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The shape of `browser.storage.session` (or `.local`) that `storageArea` adapts. */
export interface BrowserStorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
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
  };
}

/** A `KeyValueArea` in memory (tests, or when no storage area is available). */
export function memoryArea(map: Map<string, unknown> = new Map()): KeyValueArea {
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    remove: async (key) => void map.delete(key),
  };
}

const KEY_PREFIX = 'tabPapers:';

/** The URL without its fragment: fragments do not change which page a tab shows. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function isTabPage(value: unknown): value is TabPage {
  if (!value || typeof value !== 'object') return false;
  const { url, ids } = value as Partial<TabPage>;
  return typeof url === 'string' && Array.isArray(ids) && ids.every((id) => typeof id === 'string');
}

/**
 * `TabPapers` kept in `area`, with a write-through cache so that repeated checks from the same tab do not
 * go back to storage. After a service-worker restart the cache is empty and entries are read back.
 */
export function createTabPapers(area: KeyValueArea): TabPapers {
  const cache = new Map<number, TabPage | undefined>();
  return {
    async set(tabId, url, ids) {
      const page: TabPage = { url: withoutFragment(url), ids: [...ids] };
      cache.set(tabId, page);
      await area.set(KEY_PREFIX + tabId, page);
    },
    async get(tabId) {
      if (cache.has(tabId)) return cache.get(tabId);
      const stored = await area.get(KEY_PREFIX + tabId);
      const page = isTabPage(stored) ? stored : undefined;
      cache.set(tabId, page);
      return page;
    },
    async forget(tabId) {
      cache.delete(tabId);
      await area.remove(KEY_PREFIX + tabId);
    },
  };
}
