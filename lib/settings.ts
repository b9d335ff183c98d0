/**
 * User settings, in `browser.storage.local` through `@wxt-dev/storage` (readable by the content script and by
 * extension pages alike). Each setting is its own versioned storage item (`local:settings.<name>`), so two
 * places changing two settings at once never overwrite each other; a missing or malformed value reads as its
 * default. The first three keys predate the versioning: a stored value without a version reads as version 1,
 * so existing users' values are kept as they are.
 *
 * Changing a setting's stored shape later: raise its `version` in `ITEMS` and add a migration for it.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Settings {
  /** Keyboard triage on listing pages: j/k move, s save, r read, x dismiss, o open, u undo. */
  keyboardTriage: boolean;
  /** Dim read and dismissed entries on listing pages. */
  dimTriaged: boolean;
  /** The page bar is folded down to its button. */
  barCollapsed: boolean;
  /** Record every paper a page shows as seen; off: only what the user saves is recorded. */
  recordAutomatically: boolean;
  /** Recording is paused: as if `recordAutomatically` were off, until resumed. */
  recordingPaused: boolean;
  /** Never record what private (incognito) windows show. */
  neverRecordPrivate: boolean;
  /** Sites (host names, `www.` dropped) where Lectern detects nothing and shows nothing. */
  disabledSites: string[];
  /** The extension pages' colours: the browser's, or always light or dark. */
  theme: Theme;
  /** Statuses, tags and notes travel through the browser's sync storage (`lib/sync`). */
  syncEnabled: boolean;
}

export type SettingName = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  keyboardTriage: false,
  dimTriaged: false,
  barCollapsed: false,
  recordAutomatically: true,
  recordingPaused: false,
  neverRecordPrivate: true,
  disabledSites: Object.freeze([]) as unknown as string[],
  theme: 'system' as Theme,
  syncEnabled: false,
});

const PREFIX = 'settings.';
const keyOf = (name: SettingName) => PREFIX + name;

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const VALID: { [K in SettingName]: (value: unknown) => value is Settings[K] } = {
  keyboardTriage: isBoolean,
  dimTriaged: isBoolean,
  barCollapsed: isBoolean,
  recordAutomatically: isBoolean,
  recordingPaused: isBoolean,
  neverRecordPrivate: isBoolean,
  disabledSites: (value): value is string[] =>
    Array.isArray(value) && value.length <= 10_000 && value.every((site) => typeof site === 'string' && site.length <= 253),
  theme: (value): value is Theme => typeof value === 'string' && (THEMES as readonly string[]).includes(value),
  syncEnabled: isBoolean,
};

const NAMES = Object.keys(DEFAULT_SETTINGS) as SettingName[];

/** The storage item of each setting, with its version (see the note at the top for how to change one). */
const ITEMS: { [K in SettingName]: WxtStorageItem<Settings[K], Record<string, unknown>> } = {
  keyboardTriage: storage.defineItem(`local:${keyOf('keyboardTriage')}`, { fallback: DEFAULT_SETTINGS.keyboardTriage, version: 1 }),
  dimTriaged: storage.defineItem(`local:${keyOf('dimTriaged')}`, { fallback: DEFAULT_SETTINGS.dimTriaged, version: 1 }),
  barCollapsed: storage.defineItem(`local:${keyOf('barCollapsed')}`, { fallback: DEFAULT_SETTINGS.barCollapsed, version: 1 }),
  recordAutomatically: storage.defineItem(`local:${keyOf('recordAutomatically')}`, {
    fallback: DEFAULT_SETTINGS.recordAutomatically,
    version: 1,
  }),
  recordingPaused: storage.defineItem(`local:${keyOf('recordingPaused')}`, { fallback: DEFAULT_SETTINGS.recordingPaused, version: 1 }),
  neverRecordPrivate: storage.defineItem(`local:${keyOf('neverRecordPrivate')}`, {
    fallback: DEFAULT_SETTINGS.neverRecordPrivate,
    version: 1,
  }),
  disabledSites: storage.defineItem<string[]>(`local:${keyOf('disabledSites')}`, { fallback: [], version: 1 }),
  theme: storage.defineItem<Theme>(`local:${keyOf('theme')}`, { fallback: DEFAULT_SETTINGS.theme, version: 1 }),
  syncEnabled: storage.defineItem(`local:${keyOf('syncEnabled')}`, { fallback: DEFAULT_SETTINGS.syncEnabled, version: 1 }),
};

/** The value of one setting from a stored value: the default when missing or malformed. */
function valueOf<K extends SettingName>(name: K, value: unknown): Settings[K] {
  if (VALID[name](value)) return (Array.isArray(value) ? [...value] : value) as Settings[K];
  const fallback = DEFAULT_SETTINGS[name];
  return (Array.isArray(fallback) ? [] : fallback) as Settings[K];
}

/** Settings from stored values by key (`settings.<name>`): unknown keys ignored, malformed values read as the default. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const out = {} as Record<SettingName, unknown>;
  for (const name of NAMES) out[name] = valueOf(name, stored[keyOf(name)]);
  return out as unknown as Settings;
}

export async function loadSettings(): Promise<Settings> {
  const values = await storage.getItems(NAMES.map((name) => ITEMS[name]));
  const stored: Record<string, unknown> = {};
  values.forEach(({ value }, i) => (stored[keyOf(NAMES[i]!)] = value));
  return settingsFrom(stored);
}

/** Stores the given settings (only known ones with a valid value). */
export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const writes: Promise<void>[] = [];
  for (const name of NAMES) {
    const value = patch[name];
    if (value === undefined || !VALID[name](value)) continue;
    writes.push((ITEMS[name] as WxtStorageItem<unknown, Record<string, unknown>>).setValue(value));
  }
  await Promise.all(writes);
}

/** The parts of `browser.storage.onChanged` the settings use. */
export interface SettingsChanges {
  addListener(listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
  removeListener(listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
}

/**
 * Calls `onChange` with every setting that changes in `browser.storage.local`, from any context, with its
 * new value (the default when it was removed or is malformed). Answers a function that stops watching.
 */
export function watchSettings(
  onChange: (patch: Partial<Settings>) => void,
  changes: SettingsChanges = browser.storage.onChanged,
): () => void {
  const listener = (changed: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local') return;
    const patch: Partial<Settings> = {};
    let any = false;
    for (const name of NAMES) {
      const change = changed[keyOf(name)];
      if (!change) continue;
      (patch as Record<string, unknown>)[name] = valueOf(name, change.newValue);
      any = true;
    }
    if (any) onChange(patch);
  };
  changes.addListener(listener);
  return () => changes.removeListener(listener);
}

/** The key a site is switched off by: its host name, lower case, without a leading `www.`. */
export function siteKeyOf(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return null;
    return hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** Whether Lectern is switched off on the site of `url` (the site or a parent domain is in `disabledSites`). */
export function siteDisabled(settings: Pick<Settings, 'disabledSites'>, url: string): boolean {
  const host = siteKeyOf(url);
  if (!host) return false;
  return settings.disabledSites.some((site) => host === site || host.endsWith('.' + site));
}

/** Why automatic recording is off for a page, or `null` when Lectern records what it shows. */
export type RecordingBlock = 'off' | 'paused' | 'private' | 'site';

export function recordingBlock(
  settings: Pick<Settings, 'recordAutomatically' | 'recordingPaused' | 'neverRecordPrivate' | 'disabledSites'>,
  page: { url?: string; incognito?: boolean },
): RecordingBlock | null {
  if (page.url !== undefined && siteDisabled(settings, page.url)) return 'site';
  if (page.incognito && settings.neverRecordPrivate) return 'private';
  if (settings.recordingPaused) return 'paused';
  if (!settings.recordAutomatically) return 'off';
  return null;
}

/** What the page bar and popup say when recording is blocked. */
export function recordingBlockText(block: RecordingBlock): string {
  switch (block) {
    case 'paused':
      return 'Recording paused: only papers you save are kept.';
    case 'off':
      return 'Automatic recording is off: only papers you save are kept.';
    case 'private':
      return 'Private window: nothing is recorded unless you save it.';
    case 'site':
      return 'Lectern is switched off on this site.';
  }
}

/**
 * Settings as a backup carries them (`BackupSettings`: names to booleans, numbers or strings): the list of
 * sites switched off travels as one comma-separated string.
 */
export function settingsForBackup(settings: Settings): Record<string, boolean | string> {
  const out: Record<string, boolean | string> = {};
  for (const name of NAMES) {
    const value = settings[name];
    out[name] = Array.isArray(value) ? value.join(',') : (value as boolean | string);
  }
  return out;
}

/** The settings a backup carried (see `settingsForBackup`); unknown names and malformed values are left out. */
export function settingsFromBackup(carried: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const name of NAMES) {
    if (!Object.prototype.hasOwnProperty.call(carried, name)) continue;
    let value = carried[name];
    if (name === 'disabledSites' && typeof value === 'string') value = value.split(',').map((s) => s.trim()).filter(Boolean);
    if (VALID[name](value)) (out as Record<string, unknown>)[name] = value;
  }
  return out;
}
