import { browser } from 'wxt/browser';

/** Library pages already open listen here for a route to show (the popup's search). */
export const LIBRARY_ROUTE_CHANNEL = 'lectern-library-route';

/**
 * Opens the library where the browser keeps it: Chrome's side panel, Firefox's sidebar, or, where neither
 * can be opened (no user gesture, old browser), the library page in a tab. With `hash` (a route of
 * `lib/routes.ts`, e.g. a search), the library shows that route, also when it was already open.
 */
export async function openLibrary(hash = ''): Promise<void> {
  const path = `sidepanel.html${hash}` as const;
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId: number }): Promise<void>; setOptions(options: { path: string }): Promise<void> };
    sidebarAction?: { open(): Promise<void>; setPanel(details: { panel: string }): Promise<void> };
  };
  if (hash) {
    const channel = new BroadcastChannel(LIBRARY_ROUTE_CHANNEL);
    channel.postMessage({ hash });
    channel.close();
  }
  try {
    if (api.sidebarAction) {
      // Both calls start in the same task, so the sidebar opens within the click's user gesture.
      const panel = hash ? api.sidebarAction.setPanel({ panel: browser.runtime.getURL(`/${path}`) }) : undefined;
      return void (await Promise.all([api.sidebarAction.open(), panel]));
    }
    if (api.sidePanel) {
      const window = await browser.windows.getCurrent();
      if (window.id !== undefined) {
        const options = hash ? api.sidePanel.setOptions({ path }) : undefined;
        return void (await Promise.all([options, api.sidePanel.open({ windowId: window.id })]));
      }
    }
  } catch {
    // Fall through to a tab: the panel APIs refuse without a user gesture.
  }
  await browser.tabs.create({ url: browser.runtime.getURL(`/${path}`) });
}
