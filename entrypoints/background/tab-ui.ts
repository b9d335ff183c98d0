/**
 * What the background shows or opens for a tab: the toolbar button's count of new papers, and a paper in
 * the library. Browser differences (Chrome's `action` and side panel, Firefox MV2's `browserAction` and
 * sidebar) stay here.
 */
import { browser } from 'wxt/browser';

interface ActionLike {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

function action(): ActionLike | undefined {
  const api = browser as unknown as { action?: ActionLike; browserAction?: ActionLike };
  return api.action ?? api.browserAction;
}

/** Badge colours, set once. */
export function initToolbarBadge(): void {
  void action()?.setBadgeBackgroundColor({ color: '#1d4ed8' }).catch(() => undefined);
}

const DETECT_MENU_ID = 'lectern-detect';

/**
 * The page context menu's "Detect papers with Lectern": runs detection once in the clicked tab (the click
 * grants `activeTab`). The item is created once per install or update; it persists across restarts.
 */
export function initDetectMenu(detect: (tabId: number) => void): void {
  const api = browser as unknown as {
    contextMenus?: {
      create(properties: { id: string; title: string; contexts: string[]; documentUrlPatterns?: string[] }): unknown;
      onClicked: { addListener(listener: (info: { menuItemId: string | number }, tab?: { id?: number }) => void): void };
    };
  };
  const menus = api.contextMenus;
  if (!menus) return;
  browser.runtime.onInstalled.addListener(() => {
    menus.create({
      id: DETECT_MENU_ID,
      title: 'Detect papers with Lectern',
      contexts: ['page'],
      documentUrlPatterns: ['https://*/*', 'http://*/*'],
    });
  });
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === DETECT_MENU_ID && tab?.id !== undefined && tab.id >= 0) detect(tab.id);
  });
}

/** Shows how many new papers a tab holds on the toolbar button; nothing at 0. */
export async function setNewCount(tabId: number, count: number): Promise<void> {
  const text = count <= 0 ? '' : count > 999 ? '999+' : String(count);
  await action()?.setBadgeText({ tabId, text });
}

/**
 * Opens the library at a paper for a tab: Chrome's side panel for that tab, Firefox's sidebar, or, where
 * neither opens (they may need a user gesture, which a message from the page does not always carry), the
 * library page in a new tab next to it.
 */
export async function openInLibrary(recordId: string, tabId: number): Promise<void> {
  const path = `sidepanel.html#/paper/${encodeURIComponent(recordId)}` as const;
  const url = browser.runtime.getURL(`/${path}`);
  const api = browser as unknown as {
    sidePanel?: {
      setOptions(options: { tabId: number; path: string; enabled: boolean }): Promise<void>;
      open(options: { tabId: number }): Promise<void>;
    };
    sidebarAction?: { open(): Promise<void>; setPanel(details: { tabId?: number; panel: string }): Promise<void> };
  };
  try {
    if (api.sidePanel) {
      // Both calls start in the same task, so the panel opens within the page's user gesture.
      const options = api.sidePanel.setOptions({ tabId, path, enabled: true });
      try {
        await Promise.all([options, api.sidePanel.open({ tabId })]);
      } catch (error) {
        // Not opened: the tab's panel goes back to the library's start.
        await api.sidePanel.setOptions({ tabId, path: 'sidepanel.html', enabled: true }).catch(() => undefined);
        throw error;
      }
      return;
    }
    if (api.sidebarAction) {
      await Promise.all([api.sidebarAction.open(), api.sidebarAction.setPanel({ tabId, panel: url })]);
      return;
    }
  } catch {
    // Fall through to a tab.
  }
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  await browser.tabs.create({
    url,
    ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
    ...(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}),
  });
}

/**
 * A short confirmation on the toolbar button of a tab (e.g. `✓` after a save): shown for `ms`, then the
 * tab's count of new papers comes back.
 */
export function flashBadge(tabId: number | undefined, text: string, restore: () => Promise<number>, ms = 2_000): void {
  const api = action();
  if (!api) return;
  void api.setBadgeText({ ...(tabId !== undefined ? { tabId } : {}), text }).catch(() => undefined);
  setTimeout(() => {
    void restore()
      .then((count) => setNewCount(tabId ?? -1, count))
      .catch(() => undefined);
  }, ms);
}

/**
 * Opens the library in the side panel of a window (Chrome) or the sidebar (Firefox). Must be called in the
 * same task as the user's gesture (a command, a click): the browsers refuse it otherwise.
 */
export function openLibraryPanel(tab: { id?: number; windowId?: number } | undefined): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel) {
    if (tab?.windowId !== undefined) return api.sidePanel.open({ windowId: tab.windowId });
    if (tab?.id !== undefined) return api.sidePanel.open({ tabId: tab.id });
    return Promise.reject(new Error('No window to open the side panel in'));
  }
  if (api.sidebarAction) return api.sidebarAction.open();
  return browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }).then(() => undefined);
}
