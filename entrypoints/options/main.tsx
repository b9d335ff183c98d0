import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type Shortcut } from '../../components/OptionsApp';
import { openLecternDb } from '../../lib/db/schema';
import { request } from '../../lib/messaging/client';
import { loadSettings, saveSettings, watchSettings } from '../../lib/settings';
import { quotasOf } from '../../lib/sync/pack';
import { SYNC_STATE_KEY, syncStateFrom } from '../../lib/sync/state';
import { followTheme } from '../../lib/theme';
import '../../components/styles.css';
import '../../components/theme.css';
import '../../components/options.css';

const settings = { load: loadSettings, save: saveSettings, watch: (onChange: Parameters<typeof watchSettings>[0]) => watchSettings(onChange) };
followTheme(document.documentElement, settings);

const commands = (browser as unknown as {
  commands?: { getAll(): Promise<{ name?: string; description?: string; shortcut?: string }[]> };
}).commands;
const shortcuts = commands
  ? async (): Promise<Shortcut[]> =>
      (await commands.getAll())
        .filter((c) => c.name && !c.name.startsWith('_'))
        .map((c) => ({ name: c.name!, description: c.description ?? '', shortcut: c.shortcut ?? '' }))
  : undefined;
const sync = {
  quotas: quotasOf(browser.storage.sync as unknown as Parameters<typeof quotasOf>[0]),
  lastRun: async () => syncStateFrom((await browser.storage.local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]),
};
const isFirefox = browser.runtime.getURL('/').startsWith('moz-extension:');

render(
  <OptionsApp
    db={openLecternDb()}
    settings={settings}
    housekeeping={{
      run: (data) => request('housekeeping.run', data),
      undo: (token) => request('housekeeping.undo', { token }),
    }}
    sync={sync}
    {...(shortcuts ? { shortcuts } : {})}
    {...(isFirefox ? {} : { openShortcutSettings: () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }) })}
  />,
  document.getElementById('app')!,
);
