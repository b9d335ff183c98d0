import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openLecternDb } from '../../lib/db/schema';
import { messenger } from '../../lib/messaging/client';
import type { RequestType } from '../../lib/messaging/protocol';
import { REQUEST_SCHEMAS } from '../../lib/messaging/validate';
import { recordPdfTab } from '../../lib/service/pdf-tabs';
import { createPusher } from '../../lib/service/push';
import { createRouter, senderFrom } from '../../lib/service/router';
import { createAutoCapture, createCaptureOnVisit, withAutoCapture } from '../../lib/snapshot/auto';
import { captureInTab, type ScriptingLike } from '../../lib/snapshot/inject';
import { createSiteAccess, type SiteAccessApi } from '../../lib/service/site-access';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { createTabPapers, storageArea } from '../../lib/service/tabs';
import { initHighlightCommands } from './highlights';
import { initDetectMenu, initToolbarBadge, openInLibrary, setNewCount } from './tab-ui';
import { initAutoBackups } from './auto-backup';
import { initSync } from './sync';
import { clearStorageProblem, initSafetyNet, recordStorageProblem } from './safety';
import { timed } from './timing';
import { initBrowserControls } from './browser-controls';
import { createRecordingGate } from '../../lib/service/browser-actions';
import { changeOf } from '../../lib/service/push';
import { loadSettings, watchSettings } from '../../lib/settings';

/** Requests that change nothing the user made: they never make the safety copy due. */
const READ_ONLY_REQUESTS: ReadonlySet<string> = new Set(['page.lookup', 'page.states', 'tab.papers', 'tab.detect', 'site.register', 'site.unregister']);

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
  // The rolling safety copy and the check for a lost database.
  const safety = initSafetyNet(db);
  initAutoBackups(db);
  // Statuses, tags and notes across devices, when the user turned it on.
  const sync = initSync(db);
  // The user's recording settings (automatic recording, pause, private windows, sites switched off).
  const gate = createRecordingGate(loadSettings, (onChange) => watchSettings(onChange));
  // A paper saved on its own article page (or a saved paper's full text opened later) gets a readable copy,
  // taken in the page.
  const capture = (tabId: number, paperId: string) =>
    captureInTab(browser.scripting as unknown as ScriptingLike, tabId, { force: false, paperId });
  const captures = withAutoCapture(pusher, createAutoCapture({ db, tabs, capture }), createCaptureOnVisit({ db, capture }));
  const router = createRouter({ db, tabs, pusher: captures, openInLibrary, sites, safety, recordingGate: (page) => gate.block(page) });
  const controls = initBrowserControls({
    db,
    tabs,
    changed: (records) => {
      sync.userEdited();
      void captures.statusChanged(records.map((record) => changeOf(record))).catch(() => undefined);
    },
  });
  // Reachable from the worker's console (and the end-to-end tests): a context-menu click cannot be scripted.
  (globalThis as { lectern?: unknown }).lectern = { controls };
  const extensionOrigin = browser.runtime.getURL('/');

  for (const type of Object.keys(REQUEST_SCHEMAS) as RequestType[]) {
    const onMessage = messenger.onMessage as (
      type: RequestType,
      handler: (message: { data: unknown; sender: chrome.runtime.MessageSender }) => Promise<unknown>,
    ) => void;
    onMessage(type, async (message) => {
      const result = await timed(`lectern:${type}`, () => router.handle(type, message.data, senderFrom(message.sender, extensionOrigin)));
      // A failed write (a full disk) is shown in the popup and side panel until a request succeeds again.
      if (!result.ok) recordStorageProblem(result.error);
      else if (type === 'page.report') clearStorageProblem();
      else if (!READ_ONLY_REQUESTS.has(type)) {
        safety.userEdited();
        sync.userEdited();
      }
      return result;
    });
  }

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete' || !tab.url) return;
    const url = tab.url;
    gate
      .block({ url, incognito: tab.incognito })
      .then((block) => (block ? false : recordPdfTab(db, tabs, { id: tabId, url, title: tab.title }, Date.now())))
      .catch((error: unknown) => console.error('Lectern could not record a PDF tab:', error));
  });

  // The toolbar button opens the popup; the popup opens the side panel.
  const sidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(o: object): Promise<void> } }).sidePanel;
  void sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});
