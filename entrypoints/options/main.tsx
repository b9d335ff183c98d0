import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type Shortcut } from '../../components/OptionsApp';
import { openLecternDb } from '../../lib/db/schema';
import { request } from '../../lib/messaging/client';
import { loadSettings, saveSettings, watchSettings } from '../../lib/settings';
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
const isFirefox = browser.runtime.getURL('/').startsWith('moz-extension:');

render(
  <OptionsApp
    db={openLecternDb()}
    settings={settings}
    housekeeping={{
      run: (data) => request('housekeeping.run', data),
      undo: (token) => request('housekeeping.undo', { token }),
    }}
    {...(shortcuts ? { shortcuts } : {})}
    {...(isFirefox ? {} : { openShortcutSettings: () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }) })}
  />,
  document.getElementById('app')!,
);
