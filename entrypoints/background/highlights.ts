/**
 * "Highlight with Lectern": the selection context menu item and the keyboard command (no suggested key;
 * the user picks one in the browser's shortcut settings). Both tell the tab's content script to highlight
 * its selection (`page.highlightSelection`); a tab without the content script ignores it.
 */
import { browser } from 'wxt/browser';
import type { PushMessage } from '../../lib/messaging/protocol';

const HIGHLIGHT_MENU_ID = 'lectern-highlight';
/** The command's name in the manifest's `commands` (wxt.config.ts). */
export const HIGHLIGHT_COMMAND = 'highlight-selection';

function highlightSelection(tabId: number): void {
  const push: PushMessage = { lectern: 'push', type: 'page.highlightSelection', data: {} };
  browser.tabs.sendMessage(tabId, push).catch(() => undefined);
}

export function initHighlightCommands(): void {
  const api = browser as unknown as {
    contextMenus?: {
      create(properties: { id: string; title: string; contexts: string[]; documentUrlPatterns?: string[] }): unknown;
      onClicked: { addListener(listener: (info: { menuItemId: string | number }, tab?: { id?: number }) => void): void };
    };
    commands?: { onCommand: { addListener(listener: (command: string, tab?: { id?: number }) => void): void } };
  };
  const menus = api.contextMenus;
  if (menus) {
    browser.runtime.onInstalled.addListener(() => {
      menus.create({
        id: HIGHLIGHT_MENU_ID,
        title: 'Highlight with Lectern',
        contexts: ['selection'],
        documentUrlPatterns: ['https://*/*', 'http://*/*'],
      });
    });
    menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === HIGHLIGHT_MENU_ID && tab?.id !== undefined && tab.id >= 0) highlightSelection(tab.id);
    });
  }
  api.commands?.onCommand.addListener((command, tab) => {
    if (command !== HIGHLIGHT_COMMAND) return;
    if (tab?.id !== undefined && tab.id >= 0) {
      highlightSelection(tab.id);
      return;
    }
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => {
      if (active?.id !== undefined) highlightSelection(active.id);
    });
  });
}
