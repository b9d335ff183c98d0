/**
 * Detection on sites Lectern does not match by default.
 *
 * Journal and preprint hosts are matched by the manifest's content script (`CONTENT_SCRIPT_HOSTS`). On any
 * other http(s) site the user can run detection once (the popup or the context menu: `activeTab` grants
 * the tab), or grant the site for good (an optional host permission, asked for in the popup's click
 * handler); a granted site gets a dynamically registered content script, one per site origin
 * (`site:<origin>`), which the user can remove again (unregistered, permission given back).
 *
 * The decision (`siteControls`) is pure; the browser calls take the API as a parameter (`createSiteAccess`).
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { hostOf, isSiteOrigin, siteOriginOf } from '../origins';

/** The content script's file in the built extension (see `content_scripts` in the built manifest). */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/** Registered content scripts of granted sites have this id prefix. */
const SCRIPT_ID_PREFIX = 'site:';

export function scriptIdFor(origin: string): string {
  return `${SCRIPT_ID_PREFIX}${origin}`;
}

/** What the popup offers for a page that shows no recorded papers. */
export type SiteControls =
  /** Nothing: not a web page, or a site the content script already runs on. */
  | { kind: 'none' }
  /**
   * "Detect papers on this page", and "Always detect on <host>" when `always` (not on a host where the
   * manifest already matches some paths: the browser would not tell that grant apart from the manifest's).
   */
  | { kind: 'offer'; host: string; origin: string; always: boolean }
  /** A site the user granted: "Stop detecting on <host>". */
  | { kind: 'granted'; host: string; origin: string };

function matchesAny(patterns: readonly string[], url: string): boolean {
  return patterns.some((pattern) => {
    try {
      return new MatchPattern(pattern).includes(url);
    } catch {
      return false;
    }
  });
}

/**
 * Which controls a page gets. `matched`: the content script's match patterns; `granted`: the origins the
 * extension holds (`permissions.getAll().origins`, which lists the manifest's hosts too).
 */
export function siteControls(url: string | undefined, matched: readonly string[], granted: readonly string[]): SiteControls {
  if (url === undefined) return { kind: 'none' };
  const origin = siteOriginOf(url);
  if (origin === undefined || matchesAny(matched, url)) return { kind: 'none' };
  const own = userGrantedOrigins(granted, matched).find((pattern) => matchesAny([pattern], url));
  if (own !== undefined) return { kind: 'granted', host: hostOf(own), origin: own };
  return { kind: 'offer', host: hostOf(origin), origin, always: !manifestOrigins(matched).has(origin) };
}

/**
 * The site origins of the manifest's hosts, as the browser reports them: Chrome lists a host permission
 * for some paths (`https://huggingface.co/papers*`) as the whole site (`https://huggingface.co/*`).
 */
export function manifestOrigins(matched: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const pattern of matched) {
    const parts = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
    if (!parts) continue;
    for (const scheme of parts[1] === '*' ? ['https', 'http'] : [parts[1]!]) out.add(`${scheme}://${parts[2]!}/*`);
  }
  return out;
}

/** The granted site origins that are the user's own grants (not the manifest's hosts), in order, once each. */
export function userGrantedOrigins(granted: readonly string[], matched: readonly string[]): string[] {
  const manifest = manifestOrigins(matched);
  return [...new Set(granted)].filter((origin) => isSiteOrigin(origin) && !manifest.has(origin));
}

// ---- browser side ---------------------------------------------------------------------------------------

export interface RegisteredScript {
  id: string;
  matches?: string[];
}

/** The parts of the `scripting` and `permissions` APIs used here (Chrome's shapes; tests pass a fake). */
export interface SiteAccessApi {
  scripting: {
    registerContentScripts(
      scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean }[],
    ): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
    executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown>;
  };
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
    getAll(): Promise<{ origins?: string[] }>;
  };
}

export interface SiteAccess {
  /** Registers the content script for a granted site origin; refused when the origin is not granted. */
  register(origin: string): Promise<void>;
  /** Unregisters a site's content script and gives its permission back. */
  unregister(origin: string): Promise<void>;
  /** Runs the content script once in a tab (needs `activeTab` or a host permission for it). */
  inject(tabId: number): Promise<void>;
  /**
   * Makes the registered scripts follow the granted origins (at start, and when permissions change, e.g.
   * from the browser's own site access settings): every granted site has its script, and no other.
   */
  reconcile(): Promise<void>;
}

export function createSiteAccess(api: SiteAccessApi, matched: readonly string[]): SiteAccess {
  async function ownScripts(): Promise<RegisteredScript[]> {
    return (await api.scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith(SCRIPT_ID_PREFIX));
  }

  async function registerScript(origin: string): Promise<void> {
    const id = scriptIdFor(origin);
    const registered = async () => (await api.scripting.getRegisteredContentScripts({ ids: [id] })).some((script) => script.id === id);
    if (await registered()) return;
    try {
      await api.scripting.registerContentScripts([
        { id, matches: [origin], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    } catch (error) {
      // Registered meanwhile (the popup's request and the permission listener race): done all the same.
      if (!(await registered())) throw error;
    }
  }

  return {
    async register(origin) {
      if (!isSiteOrigin(origin)) throw new Error(`Not a site origin: ${origin}`);
      if (manifestOrigins(matched).has(origin)) throw new Error(`Lectern already reads ${hostOf(origin)} where it lists papers`);
      if (!(await api.permissions.contains({ origins: [origin] }))) {
        throw new Error(`Lectern may not read ${hostOf(origin)}: the permission was not granted`);
      }
      await registerScript(origin);
    },
    async unregister(origin) {
      if (!isSiteOrigin(origin)) throw new Error(`Not a site origin: ${origin}`);
      if (manifestOrigins(matched).has(origin)) throw new Error(`${hostOf(origin)} is one of the sites Lectern always reads`);
      const id = scriptIdFor(origin);
      if ((await api.scripting.getRegisteredContentScripts({ ids: [id] })).some((script) => script.id === id)) {
        await api.scripting.unregisterContentScripts({ ids: [id] });
      }
      await api.permissions.remove({ origins: [origin] });
    },
    async inject(tabId) {
      await api.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
    },
    async reconcile() {
      const granted = userGrantedOrigins((await api.permissions.getAll()).origins ?? [], matched);
      const registered = await ownScripts();
      const stale = registered.filter((script) => !granted.includes(script.id.slice(SCRIPT_ID_PREFIX.length)));
      if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
      const have = new Set(registered.map((script) => script.id));
      for (const origin of granted) {
        if (!have.has(scriptIdFor(origin))) await registerScript(origin);
      }
    },
  };
}
