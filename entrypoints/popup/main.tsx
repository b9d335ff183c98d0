import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import type { SiteActions } from '../../components/SiteControls';
import { request } from '../../lib/messaging/client';
import { siteControls } from '../../lib/service/site-access';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { openLecternDb } from '../../lib/db/schema';
import { openLibrary } from '../../lib/open-library';
import '../../components/styles.css';

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

const root = document.getElementById('app')!;
void targetTabId().then((tabId) => {
  if (tabId === undefined) {
    root.textContent = 'Lectern could not tell which tab this popup belongs to.';
    return;
  }
  render(
    <PopupApp
      db={openLecternDb()}
      tabId={tabId}
      openLibrary={(hash) => void openLibrary(hash).then(() => close())}
      site={siteActions(tabId)}
    />,
    root,
  );
});
