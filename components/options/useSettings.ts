import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';

/** Where the settings live (`loadSettings`, `saveSettings`, `watchSettings` from `lib/settings`). */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(patch: Partial<Settings>): Promise<void>;
  watch(onChange: (patch: Partial<Settings>) => void): () => void;
}

/** The current settings, kept in step with every context, a `change` that stores a patch, and the last error. */
export function useSettings(store: SettingsStore) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    store.load().then(
      (value) => {
        if (!live) return;
        setSettings(value);
        setLoaded(true);
      },
      (e: unknown) => live && setError(`The settings could not be read: ${e instanceof Error ? e.message : String(e)}`),
    );
    const stop = store.watch((patch) => setSettings((current) => ({ ...current, ...patch })));
    return () => {
      live = false;
      stop();
    };
  }, [store]);
  const change = (patch: Partial<Settings>) => {
    setSettings((current) => ({ ...current, ...patch }));
    store.save(patch).then(
      () => setError(null),
      (e: unknown) => setError(`The setting could not be saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return { settings, loaded, error, change };
}
