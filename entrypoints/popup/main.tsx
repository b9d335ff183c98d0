import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
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

const root = document.getElementById('app')!;
void targetTabId().then((tabId) => {
  if (tabId === undefined) {
    root.textContent = 'Lectern could not tell which tab this popup belongs to.';
    return;
  }
  render(<PopupApp db={openLecternDb()} tabId={tabId} openLibrary={() => void openLibrary().then(() => close())} />, root);
});
