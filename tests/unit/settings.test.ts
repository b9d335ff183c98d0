import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, settingsFrom, watchSettings } from '../../lib/settings';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('default to everything off and the bar unfolded', async () => {
    expect(DEFAULT_SETTINGS).toEqual({ keyboardTriage: false, dimTriaged: false, barCollapsed: false });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('are stored in browser.storage.local, one key each, and read back', async () => {
    await saveSettings({ keyboardTriage: true });
    await saveSettings({ dimTriaged: true });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'settings.keyboardTriage': true, 'settings.dimTriaged': true });
    expect(await loadSettings()).toEqual({ keyboardTriage: true, dimTriaged: true, barCollapsed: false });
  });

  it('read malformed or unknown values as defaults and store only known settings', async () => {
    await fakeBrowser.storage.local.set({ 'settings.keyboardTriage': 'yes', 'settings.other': true });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ keyboardTriage: 1 as unknown as boolean, ...({ admin: true } as object) });
    expect(await fakeBrowser.storage.local.get('admin')).toEqual({});
    expect(settingsFrom({ 'settings.barCollapsed': true })).toEqual({ ...DEFAULT_SETTINGS, barCollapsed: true });
  });

  it('tell watchers what changed, from any context, until they stop', async () => {
    const seen = vi.fn();
    const stop = watchSettings(seen);
    await saveSettings({ keyboardTriage: true });
    expect(seen).toHaveBeenLastCalledWith({ keyboardTriage: true });
    await fakeBrowser.storage.local.remove('settings.keyboardTriage');
    expect(seen).toHaveBeenLastCalledWith({ keyboardTriage: false });
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(seen).toHaveBeenCalledTimes(2);
    stop();
    await saveSettings({ dimTriaged: true });
    expect(seen).toHaveBeenCalledTimes(2);
  });
});
