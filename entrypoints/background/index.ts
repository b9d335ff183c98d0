import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openLecternDb } from '../../lib/db/schema';
import { messenger } from '../../lib/messaging/client';
import type { RequestType } from '../../lib/messaging/protocol';
import { REQUEST_SCHEMAS } from '../../lib/messaging/validate';
import { recordPdfTab } from '../../lib/service/pdf-tabs';
import { createPusher } from '../../lib/service/push';
import { createRouter, senderFrom } from '../../lib/service/router';
import { createSiteAccess, type SiteAccessApi } from '../../lib/service/site-access';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { createTabPapers, storageArea } from '../../lib/service/tabs';
import { initHighlightCommands } from './highlights';
import { initDetectMenu, initToolbarBadge, openInLibrary, setNewCount } from './tab-ui';
import { timed } from './timing';

export default defineBackground(() => {
  const db = openLecternDb();
  // Session storage survives service-worker restarts but not the browser: exactly a tab's lifetime.
  const tabs = createTabPapers(storageArea(browser.storage.session));
  // Status changes reach every tab that shows the paper; each tab's new papers are counted on the toolbar.
  const pusher = createPusher({
    tabs,
    sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message),
    setNewCount,
  });
  initToolbarBadge();
  // Other sites: run detection once, or for good on the sites the user granted.
  const sites = createSiteAccess(browser as unknown as SiteAccessApi, CONTENT_SCRIPT_HOSTS);
  const reconcile = () =>
    sites.reconcile().catch((error: unknown) => console.error('Lectern could not update the sites it reads:', error));
  void reconcile();
  browser.permissions.onAdded.addListener(() => void reconcile());
  browser.permissions.onRemoved.addListener(() => void reconcile());
  initDetectMenu((tabId) =>
    sites.inject(tabId).catch((error: unknown) => console.error('Lectern could not read this page:', error)),
  );
  initHighlightCommands();
  const router = createRouter({ db, tabs, pusher, openInLibrary, sites });
  const extensionOrigin = browser.runtime.getURL('/');

  for (const type of Object.keys(REQUEST_SCHEMAS) as RequestType[]) {
    const onMessage = messenger.onMessage as (
      type: RequestType,
      handler: (message: { data: unknown; sender: chrome.runtime.MessageSender }) => Promise<unknown>,
    ) => void;
    onMessage(type, (message) =>
      timed(`lectern:${type}`, () => router.handle(type, message.data, senderFrom(message.sender, extensionOrigin))),
    );
  }

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete' || !tab.url) return;
    recordPdfTab(db, tabs, { id: tabId, url: tab.url, title: tab.title }, Date.now()).catch((error: unknown) =>
      console.error('Lectern could not record a PDF tab:', error),
    );
  });

  // The toolbar button opens the popup; the popup opens the side panel.
  const sidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(o: object): Promise<void> } }).sidePanel;
  void sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});
