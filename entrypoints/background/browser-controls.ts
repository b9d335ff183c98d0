/**
 * The browser's own controls: keyboard commands (rebindable at chrome://extensions/shortcuts or Firefox's
 * add-on shortcuts) and the "Save to Lectern" item of a link's context menu. Each confirms on the toolbar
 * button, which needs no permission (notifications would).
 */
import { browser } from 'wxt/browser';
import type { LecternDB } from '../../lib/db/schema';
import { PAPER_LINK_PATTERNS } from '../../lib/link-paper';
import type { PaperRecord } from '../../lib/model';
import { saveLink, savePageOfTab, type SaveOutcome } from '../../lib/service/browser-actions';
import type { TabPapers } from '../../lib/service/tabs';
import { loadSettings, saveSettings } from '../../lib/settings';
import { flashBadge, openLibraryPanel } from './tab-ui';

/** Command names, as in the manifest's `commands` (wxt.config.ts). */
export const COMMANDS = {
  openLibrary: 'open-library',
  savePage: 'save-page',
  toggleKeyboardTriage: 'toggle-keyboard-triage',
} as const;

const SAVE_LINK_MENU_ID = 'lectern-save-link';

interface ControlsDeps {
  db: LecternDB;
  tabs: TabPapers;
  /** Tells open tabs that these records changed status. */
  changed(records: readonly PaperRecord[]): void;
}

interface TabLike {
  id?: number;
  url?: string;
  title?: string;
  windowId?: number;
}

export function initBrowserControls({ db, tabs, changed }: ControlsDeps) {
  const newCount = (tabId: number | undefined) => async () =>
    tabId === undefined ? 0 : ((await tabs.get(tabId))?.newIds?.length ?? 0);

  const confirm = (tabId: number | undefined, outcome: SaveOutcome) => {
    if (outcome.record && outcome.changed) changed([outcome.record]);
    flashBadge(tabId, outcome.record ? '✓' : '?', newCount(tabId));
  };

  async function savePage(tab: TabLike): Promise<SaveOutcome> {
    if (tab.id === undefined) return { changed: false };
    const outcome = await savePageOfTab(db, tabs, { id: tab.id, url: tab.url, title: tab.title }, Date.now());
    confirm(tab.id, outcome);
    return outcome;
  }

  async function saveLinkFrom(info: { linkUrl?: string; linkText?: string; selectionText?: string; pageUrl?: string }, tab?: TabLike) {
    if (!info.linkUrl) return { changed: false };
    const text = info.linkText ?? info.selectionText;
    const outcome = await saveLink(
      db,
      { url: info.linkUrl, ...(text ? { text } : {}), ...(info.pageUrl ? { pageUrl: info.pageUrl } : {}) },
      Date.now(),
    );
    confirm(tab?.id, outcome);
    return outcome;
  }

  async function toggleKeyboardTriage(tab?: TabLike): Promise<boolean> {
    const on = !(await loadSettings()).keyboardTriage;
    await saveSettings({ keyboardTriage: on });
    flashBadge(tab?.id, on ? 'on' : 'off', newCount(tab?.id));
    return on;
  }

  const commands = (browser as unknown as {
    commands?: { onCommand: { addListener(listener: (command: string, tab?: TabLike) => void): void } };
  }).commands;
  commands?.onCommand.addListener((command, tab) => {
    const fail = (what: string) => (error: unknown) => console.error(`Lectern could not ${what}:`, error);
    switch (command) {
      case COMMANDS.openLibrary:
        // First, in the command's own task: the side panel opens only within the user's gesture.
        openLibraryPanel(tab).catch(fail('open the library'));
        return;
      case COMMANDS.savePage:
        if (tab) savePage(tab).catch(fail("save this page's paper"));
        return;
      case COMMANDS.toggleKeyboardTriage:
        toggleKeyboardTriage(tab).catch(fail('switch keyboard triage'));
        return;
    }
  });

  const menus = (browser as unknown as {
    contextMenus?: {
      create(properties: { id: string; title: string; contexts: string[]; targetUrlPatterns?: string[] }): unknown;
      onClicked: {
        addListener(
          listener: (info: { menuItemId: string | number; linkUrl?: string; linkText?: string; selectionText?: string; pageUrl?: string }, tab?: TabLike) => void,
        ): void;
      };
    };
  }).contextMenus;
  if (menus) {
    browser.runtime.onInstalled.addListener(() => {
      menus.create({ id: SAVE_LINK_MENU_ID, title: 'Save to Lectern', contexts: ['link'], targetUrlPatterns: [...PAPER_LINK_PATTERNS] });
    });
    menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== SAVE_LINK_MENU_ID) return;
      saveLinkFrom(info, tab).catch((error: unknown) => console.error('Lectern could not save this link:', error));
    });
  }

  return { savePage, saveLinkFrom, toggleKeyboardTriage };
}
