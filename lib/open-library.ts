import { browser } from 'wxt/browser';

/**
 * Opens the library where the browser keeps it: Chrome's side panel, Firefox's sidebar, or, where neither
 * can be opened (no user gesture, old browser), the library page in a tab.
 */
export async function openLibrary(): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  try {
    if (api.sidebarAction) return await api.sidebarAction.open();
    if (api.sidePanel) {
      const window = await browser.windows.getCurrent();
      if (window.id !== undefined) return await api.sidePanel.open({ windowId: window.id });
    }
  } catch {
    // Fall through to a tab: the panel APIs refuse without a user gesture.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}
