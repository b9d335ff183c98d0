import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  AUTO_BACKUP_FOLDER,
  AUTO_BACKUP_SETTINGS_KEY,
  AUTO_BACKUP_STATE_KEY,
  autoBackupSettingsFrom,
  autoBackupStateFrom,
  KEEP_RANGE,
  type AutoBackupSettings as Settings,
  type AutoBackupState,
} from '../lib/backup/auto';
import { COPY_KEY, type SafetyCopy } from '../lib/safety/copy';

function useLocal<T>(key: string, read: (raw: unknown) => T): T {
  const [value, setValue] = useState<T>(() => read(undefined));
  useEffect(() => {
    void browser.storage.local.get(key).then((items) => setValue(read(items[key])));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && key in changes) setValue(read(changes[key]!.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [key]);
  return value;
}

const when = (at: number) => new Date(at).toLocaleString();

/** Optional scheduled backup files, and what the safety copy holds. */
export function AutoBackupSettings() {
  const settings = useLocal(AUTO_BACKUP_SETTINGS_KEY, autoBackupSettingsFrom);
  const state = useLocal<AutoBackupState>(AUTO_BACKUP_STATE_KEY, autoBackupStateFrom);
  const copy = useLocal<SafetyCopy | undefined>(COPY_KEY, (raw) => raw as SafetyCopy | undefined);
  const [error, setError] = useState<string | null>(null);

  const save = (patch: Partial<Settings>) =>
    browser.storage.local.set({ [AUTO_BACKUP_SETTINGS_KEY]: { ...settings, ...patch } }).catch((e: unknown) => setError(String(e)));

  const toggle = async (enabled: boolean) => {
    setError(null);
    if (enabled) {
      // Asked inside the click: the browser shows its prompt only during a user gesture.
      const allowed = await browser.permissions.request({ permissions: ['downloads'] }).catch(() => false);
      if (!allowed) {
        setError('Automatic backups need permission to save files. Nothing was changed.');
        return;
      }
    }
    await save({ enabled });
  };

  return (
    <section aria-labelledby="auto-backup-heading">
      <h3 id="auto-backup-heading">Automatic backups</h3>
      <p class="muted">
        Lectern can write a full backup file on a schedule into the “{AUTO_BACKUP_FOLDER}” folder of your downloads, keeping the most
        recent ones.
      </p>
      <label class="inline">
        <input type="checkbox" checked={settings.enabled} onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)} />
        Back up automatically
      </label>
      {settings.enabled && (
        <div class="auto-backup-options">
          <label>
            Every{' '}
            <select
              value={String(settings.everyDays)}
              onChange={(e) => void save({ everyDays: Number((e.currentTarget as HTMLSelectElement).value) as Settings['everyDays'] })}
            >
              <option value="1">day</option>
              <option value="7">week</option>
              <option value="30">month</option>
            </select>
          </label>{' '}
          <label>
            keeping the last{' '}
            <input
              type="number"
              min={KEEP_RANGE.min}
              max={KEEP_RANGE.max}
              value={settings.keep}
              onChange={(e) => void save({ keep: Number((e.currentTarget as HTMLInputElement).value) })}
            />{' '}
            files
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={settings.includeSnapshots}
              onChange={(e) => void save({ includeSnapshots: (e.currentTarget as HTMLInputElement).checked })}
            />
            Include readable copies (larger files)
          </label>
        </div>
      )}
      {state.lastError ? (
        <p class="error" role="alert">
          {state.lastError}
        </p>
      ) : state.lastAt !== undefined ? (
        <p class="muted">
          Last automatic backup: {when(state.lastAt)} ({state.files.length} kept).
        </p>
      ) : null}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="muted" data-safety-copy>
        {copy
          ? `Safety copy: ${copy.papers.length} papers you acted on and ${copy.highlights.length} highlights, taken ${when(copy.at)}. It is kept in the extension's own storage and offered back if the browser ever empties the library.`
          : 'Safety copy: not taken yet (it follows your first change within a few minutes).'}
      </p>
    </section>
  );
}
