import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  recordingBlock,
  saveSettings,
  settingsForBackup,
  settingsFrom,
  settingsFromBackup,
  siteDisabled,
  siteKeyOf,
  watchSettings,
} from '../../lib/settings';

/** The stored values, without `@wxt-dev/storage`'s version records (`<key>$`). */
async function storedValues(): Promise<Record<string, unknown>> {
  const all = await fakeBrowser.storage.local.get(null);
  return Object.fromEntries(Object.entries(all).filter(([key]) => !key.endsWith('$')));
}

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('default to recording on (not in private windows), page switches off, the bar unfolded, the browser theme, sync off', async () => {
    expect(DEFAULT_SETTINGS).toEqual({
      keyboardTriage: false,
      dimTriaged: false,
      barCollapsed: false,
      recordAutomatically: true,
      recordingPaused: false,
      neverRecordPrivate: true,
      disabledSites: [],
      theme: 'system',
      syncEnabled: false,
    });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('are stored in browser.storage.local, one key each, and read back', async () => {
    await saveSettings({ keyboardTriage: true });
    await saveSettings({ dimTriaged: true, disabledSites: ['scholar.google.com'], theme: 'dark' });
    expect(await storedValues()).toEqual({
      'settings.keyboardTriage': true,
      'settings.dimTriaged': true,
      'settings.disabledSites': ['scholar.google.com'],
      'settings.theme': 'dark',
    });
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      keyboardTriage: true,
      dimTriaged: true,
      disabledSites: ['scholar.google.com'],
      theme: 'dark',
    });
  });

  it('keep the values stored before settings were versioned', async () => {
    // What an earlier Lectern wrote: plain keys, no version record.
    await fakeBrowser.storage.local.set({ 'settings.keyboardTriage': true, 'settings.dimTriaged': true, 'settings.barCollapsed': true });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, keyboardTriage: true, dimTriaged: true, barCollapsed: true });
  });

  it('read malformed or unknown values as defaults and store only known settings', async () => {
    await fakeBrowser.storage.local.set({
      'settings.keyboardTriage': 'yes',
      'settings.other': true,
      'settings.theme': 'purple',
      'settings.disabledSites': [1, 2],
    });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ keyboardTriage: 1 as unknown as boolean, theme: 'blue' as 'dark', ...({ admin: true } as object) });
    expect(await fakeBrowser.storage.local.get('admin')).toEqual({});
    expect((await loadSettings()).theme).toBe('system');
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
    await saveSettings({ recordingPaused: true });
    expect(seen).toHaveBeenLastCalledWith({ recordingPaused: true });
    stop();
    await saveSettings({ dimTriaged: true });
    expect(seen).toHaveBeenCalledTimes(3);
  });

  it('name sites by host without www, and switch off subdomains with their site', () => {
    expect(siteKeyOf('https://www.ArXiv.org/list/cs.LG/recent')).toBe('arxiv.org');
    expect(siteKeyOf('chrome://extensions')).toBeNull();
    expect(siteKeyOf('not a url')).toBeNull();
    const settings = { disabledSites: ['arxiv.org'] };
    expect(siteDisabled(settings, 'https://export.arxiv.org/abs/2405.01234')).toBe(true);
    expect(siteDisabled(settings, 'https://arxiv.org/abs/2405.01234')).toBe(true);
    expect(siteDisabled(settings, 'https://notarxiv.org/')).toBe(false);
    expect(siteDisabled(settings, 'https://huggingface.co/papers')).toBe(false);
  });

  it('say why recording is blocked: site, private window, pause, automatic recording off', () => {
    const on = { ...DEFAULT_SETTINGS };
    expect(recordingBlock(on, { url: 'https://arxiv.org/list/cs.LG/recent' })).toBeNull();
    expect(recordingBlock({ ...on, recordAutomatically: false }, {})).toBe('off');
    expect(recordingBlock({ ...on, recordingPaused: true }, {})).toBe('paused');
    expect(recordingBlock(on, { incognito: true })).toBe('private');
    expect(recordingBlock({ ...on, neverRecordPrivate: false }, { incognito: true })).toBeNull();
    expect(recordingBlock({ ...on, disabledSites: ['arxiv.org'] }, { url: 'https://arxiv.org/abs/1' })).toBe('site');
  });

  it('travel in backups as plain values, the sites as one string, and come back', () => {
    const settings = { ...DEFAULT_SETTINGS, disabledSites: ['arxiv.org', 'scholar.google.com'], theme: 'dark' as const };
    const carried = settingsForBackup(settings);
    expect(carried.disabledSites).toBe('arxiv.org,scholar.google.com');
    expect(Object.values(carried).every((v) => typeof v === 'boolean' || typeof v === 'string')).toBe(true);
    expect(settingsFromBackup(carried)).toEqual(settings);
    expect(settingsFromBackup({ theme: 'neon', keyboardTriage: 'yes', other: true, disabledSites: '' })).toEqual({ disabledSites: [] });
  });
});
