import { useEffect, useState } from 'preact/hooks';
import type { LecternDB } from '../lib/db/schema';
import { THEMES, type Settings, type Theme } from '../lib/settings';
import { Housekeeping, type HousekeepingApi } from './options/Housekeeping';
import { SitesOff } from './options/SitesOff';
import { StorageUsed } from './options/StorageUsed';
import { SyncSettings, type SyncInfo } from './options/SyncSettings';
import { useSettings, type SettingsStore } from './options/useSettings';

export interface Shortcut {
  name: string;
  description: string;
  /** The key bound to it, empty when none. */
  shortcut: string;
}

export interface OptionsProps {
  db: LecternDB;
  settings: SettingsStore;
  housekeeping: HousekeepingApi;
  /** The extension's keyboard commands and their keys (`browser.commands.getAll`). */
  shortcuts?: () => Promise<Shortcut[]>;
  /** Opens the browser's page where the keys are changed. */
  openShortcutSettings?: () => void;
  /** The browser's sync storage quotas and the last sync run. */
  sync?: SyncInfo;
}

const THEME_LABELS: Record<Theme, string> = { system: 'As the browser', light: 'Light', dark: 'Dark' };

function Switch({ name, label, hint, checked, onChange }: { name: keyof Settings; label: string; hint?: string; checked: boolean; onChange(on: boolean): void }) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div class="switch">
      <label class="inline">
        <input type="checkbox" name={name} checked={checked} aria-describedby={hintId} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
        {label}
      </label>
      {hint && (
        <p id={hintId} class="muted hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function Shortcuts({ load, open }: { load: () => Promise<Shortcut[]>; open?: () => void }) {
  const [list, setList] = useState<Shortcut[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(setList, (e: unknown) => setError(`The shortcuts could not be read: ${e instanceof Error ? e.message : String(e)}`));
  }, [load]);
  return (
    <section class="options-section" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      {error && <p class="error" role="alert">{error}</p>}
      {list && (
        <dl class="counts shortcuts">
          {list.map((item) => (
            <div key={item.name}>
              <dt>{item.description || item.name}</dt>
              <dd>{item.shortcut ? <kbd>{item.shortcut}</kbd> : <span class="muted">not set</span>}</dd>
            </div>
          ))}
        </dl>
      )}
      {open && (
        <button type="button" class="link-button" onClick={open}>
          Change shortcuts in the browser’s settings
        </button>
      )}
    </section>
  );
}

/** The options page: recording, sites, listing pages, appearance, shortcuts, housekeeping and storage. */
export function OptionsApp({ db, settings: store, housekeeping, shortcuts, openShortcutSettings, sync }: OptionsProps) {
  const { settings, error, change } = useSettings(store);
  const recordingState = settings.recordingPaused
    ? 'Recording is paused: only papers you save are kept.'
    : settings.recordAutomatically
      ? 'Lectern records every paper the pages you visit show.'
      : 'Automatic recording is off: only papers you save are kept.';
  return (
    <main class="options">
      <header class="bar">
        <h1>Lectern settings</h1>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section class="options-section" aria-labelledby="recording-heading">
        <h2 id="recording-heading">Recording</h2>
        <p class={settings.recordingPaused ? 'paused-state' : 'muted'} role="status">
          {recordingState}
        </p>
        <Switch
          name="recordAutomatically"
          label="Record papers I see automatically"
          hint="Off: pages still show each paper’s state, and only what you save is recorded."
          checked={settings.recordAutomatically}
          onChange={(on) => change({ recordAutomatically: on })}
        />
        <Switch name="recordingPaused" label="Pause recording" checked={settings.recordingPaused} onChange={(on) => change({ recordingPaused: on })} />
        <Switch
          name="neverRecordPrivate"
          label="Never record in private windows"
          checked={settings.neverRecordPrivate}
          onChange={(on) => change({ neverRecordPrivate: on })}
        />
      </section>
      <SitesOff sites={settings.disabledSites} onChange={(sites) => change({ disabledSites: sites })} />
      <section class="options-section" aria-labelledby="listings-heading">
        <h2 id="listings-heading">On listing pages</h2>
        <Switch name="dimTriaged" label="Dim read and dismissed papers" checked={settings.dimTriaged} onChange={(on) => change({ dimTriaged: on })} />
        <Switch
          name="keyboardTriage"
          label="Keyboard triage"
          hint="j/k move, s save, r read, x dismiss, o open, u undo."
          checked={settings.keyboardTriage}
          onChange={(on) => change({ keyboardTriage: on })}
        />
      </section>
      <section class="options-section" aria-labelledby="theme-heading">
        <h2 id="theme-heading">Appearance</h2>
        <fieldset class="choices">
          <legend>Colours of the popup, library and settings</legend>
          {THEMES.map((theme) => (
            <label key={theme} class="inline">
              <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => change({ theme })} />
              {THEME_LABELS[theme]}
            </label>
          ))}
        </fieldset>
      </section>
      {shortcuts && <Shortcuts load={shortcuts} open={openShortcutSettings} />}
      <SyncSettings db={db} enabled={settings.syncEnabled} onChange={(on) => change({ syncEnabled: on })} {...(sync ? { info: sync } : {})} />
      <Housekeeping db={db} api={housekeeping} />
      <StorageUsed db={db} />
    </main>
  );
}
