/**
 * User settings, in `browser.storage.local` (readable by the content script and by extension pages alike).
 * Each setting is its own storage key (`settings.<name>`), so two places changing two settings at once never
 * overwrite each other; a missing or malformed value reads as its default.
 */
import { browser } from 'wxt/browser';

export interface Settings {
  /** Keyboard triage on listing pages: j/k move, s save, r read, x dismiss, o open, u undo. */
  keyboardTriage: boolean;
  /** Dim read and dismissed entries on listing pages. */
  dimTriaged: boolean;
  /** The page bar is folded down to its button. */
  barCollapsed: boolean;
}

export type SettingName = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  keyboardTriage: false,
  dimTriaged: false,
  barCollapsed: false,
});

const NAMES = Object.keys(DEFAULT_SETTINGS) as SettingName[];
const PREFIX = 'settings.';
const keyOf = (name: SettingName) => PREFIX + name;

/** The part of a `browser.storage` area the settings use. */
export interface SettingsArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The parts of `browser.storage.onChanged` the settings use. */
export interface SettingsChanges {
  addListener(listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
  removeListener(listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
}

/** Settings from stored values by key: unknown keys ignored, wrong types read as the default. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const out = { ...DEFAULT_SETTINGS };
  for (const name of NAMES) {
    const value = stored[keyOf(name)];
    if (typeof value === typeof DEFAULT_SETTINGS[name]) out[name] = value as Settings[typeof name];
  }
  return out;
}

export async function loadSettings(area: SettingsArea = browser.storage.local): Promise<Settings> {
  return settingsFrom(await area.get(NAMES.map(keyOf)));
}

/** Stores the given settings (only those). */
export async function saveSettings(patch: Partial<Settings>, area: SettingsArea = browser.storage.local): Promise<void> {
  const items: Record<string, unknown> = {};
  for (const name of NAMES) {
    const value = patch[name];
    if (value !== undefined && typeof value === typeof DEFAULT_SETTINGS[name]) items[keyOf(name)] = value;
  }
  if (Object.keys(items).length) await area.set(items);
}

/**
 * Calls `onChange` with every setting that changes in `browser.storage.local`, from any context, with its
 * new value (the default when it was removed). Answers a function that stops watching.
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
      const value = change.newValue;
      (patch as Record<string, unknown>)[name] = typeof value === typeof DEFAULT_SETTINGS[name] ? value : DEFAULT_SETTINGS[name];
      any = true;
    }
    if (any) onChange(patch);
  };
  changes.addListener(listener);
  return () => changes.removeListener(listener);
}
