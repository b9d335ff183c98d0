import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { SafetyBanner } from '../../components/SafetyBanner';
import { StorageGuard } from '../../components/StorageGuard';
import type { SiteActions } from '../../components/SiteControls';
import { request } from '../../lib/messaging/client';
import { siteControls } from '../../lib/service/site-access';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { openLecternDb } from '../../lib/db/schema';
import { openLibrary } from '../../lib/open-library';
import { loadSettings, watchSettings } from '../../lib/settings';
import { followTheme } from '../../lib/theme';
import type { ReadableCopyActions } from '../../components/reader/ReadableCopy';
import { captureInTab, type ScriptingLike } from '../../lib/snapshot/inject';
import { readerPath } from '../../lib/snapshot/reader-url';
import '../../components/styles.css';
import '../../components/safety.css';
import '../../components/theme.css';

followTheme(document.documentElement, { load: loadSettings, watch: (onChange) => watchSettings(onChange) });

/** `popup.html?tabId=<n>` shows that tab; plain `popup.html` the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** The popup's side of detection on other sites; the background registers scripts and injects. */
function siteActions(tabId: number): SiteActions {
  return {
    async controls() {
      // The tab's URL is known with the popup's activeTab grant (or a host permission).
      const [tab, granted] = await Promise.all([browser.tabs.get(tabId), browser.permissions.getAll()]);
      return siteControls(tab.url, CONTENT_SCRIPT_HOSTS, granted.origins ?? []);
    },
    detect: () => request('tab.detect', { tabId }).then(() => undefined),
    async always(origin) {
      // First, inside the click: the browser asks the user only during a user gesture.
      if (!(await browser.permissions.request({ origins: [origin] }))) return false;
      await request('site.register', { origin, tabId });
      return true;
    },
    stop: (origin) => request('site.unregister', { origin }).then(() => undefined),
  };
}

/** Readable copies: the popup's click grants the tab (activeTab), so the popup runs the capture itself. */
async function copyActions(tabId: number): Promise<ReadableCopyActions> {
  const tabUrl = await browser.tabs.get(tabId).then((tab) => tab.url, () => undefined);
  return {
    ...(tabUrl ? { tabUrl } : {}),
    keep: (paperId) => captureInTab(browser.scripting as unknown as ScriptingLike, tabId, { force: true, paperId }),
    openReader: (paperId) => void browser.tabs.create({ url: browser.runtime.getURL(`/${readerPath(paperId)}`) }),
    open: (url) => void browser.tabs.create({ url }),
  };
}

const root = document.getElementById('app')!;
void targetTabId().then(async (tabId) => {
  if (tabId === undefined) {
    root.textContent = 'Lectern could not tell which tab this popup belongs to.';
    return;
  }
  const db = openLecternDb();
  const copies = await copyActions(tabId);
  render(
    <>
      <SafetyBanner />
      <StorageGuard db={db}>
        <PopupApp
          db={db}
          tabId={tabId}
          openLibrary={(hash) => void openLibrary(hash).then(() => close())}
          site={siteActions(tabId)}
          copies={copies}
        />
      </StorageGuard>
    </>,
    root,
  );
});
