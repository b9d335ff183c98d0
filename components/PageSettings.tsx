import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, watchSettings, type Settings } from '../lib/settings';

/** The on-page switches: keyboard triage and dimming (the same ones as on the page bar). */
export function PageSettings() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => {
    let live = true;
    void loadSettings().then((loaded) => live && setSettings(loaded));
    const stop = watchSettings((patch) => setSettings((current) => ({ ...current, ...patch })));
    return () => {
      live = false;
      stop();
    };
  }, []);
  const change = (patch: Partial<Settings>) => {
    setSettings((current) => ({ ...current, ...patch }));
    void saveSettings(patch);
  };
  return (
    <fieldset class="page-settings">
      <legend>On paper pages</legend>
      {settings.recordingPaused && (
        <p class="paused-state" role="status">
          Recording paused: only papers you save are kept.
        </p>
      )}
      <label class="inline">
        <input
          type="checkbox"
          name="recordingPaused"
          checked={settings.recordingPaused}
          onChange={(event) => change({ recordingPaused: (event.currentTarget as HTMLInputElement).checked })}
        />
        Pause recording
      </label>
      <label class="inline">
        <input
          type="checkbox"
          name="keyboardTriage"
          checked={settings.keyboardTriage}
          onChange={(event) => change({ keyboardTriage: (event.currentTarget as HTMLInputElement).checked })}
        />
        Keyboard triage (j/k move, s save, r read, x dismiss, o open, u undo)
      </label>
      <label class="inline">
        <input
          type="checkbox"
          name="dimTriaged"
          checked={settings.dimTriaged}
          onChange={(event) => change({ dimTriaged: (event.currentTarget as HTMLInputElement).checked })}
        />
        Dim read and dismissed papers
      </label>
    </fieldset>
  );
}
