/** Automatic backups on a schedule (`lib/backup/auto-runner.ts`): an hourly check, and one run when enabled. */
import { browser } from 'wxt/browser';
import { AUTO_BACKUP_SETTINGS_KEY, autoBackupSettingsFrom } from '../../lib/backup/auto';
import { runAutoBackup, type DownloadsLike } from '../../lib/backup/auto-runner';
import type { LecternDB } from '../../lib/db/schema';
import { storageArea } from '../../lib/service/tabs';

const ALARM = 'lectern-auto-backup';

export function initAutoBackups(db: LecternDB): void {
  const deps = {
    db,
    area: storageArea(browser.storage.local),
    // Present only once the user allowed downloads (an optional permission asked for when enabling).
    downloads: () => (browser as unknown as { downloads?: DownloadsLike }).downloads,
    appVersion: browser.runtime.getManifest().version,
    now: Date.now,
  };
  const run = () => runAutoBackup(deps).catch((error: unknown) => console.error('Lectern could not run an automatic backup:', error));
  void browser.alarms.create(ALARM, { periodInMinutes: 60 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run();
  });
  // Turning backups on writes the first one right away.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && AUTO_BACKUP_SETTINGS_KEY in changes && autoBackupSettingsFrom(changes[AUTO_BACKUP_SETTINGS_KEY]!.newValue).enabled) {
      void run();
    }
  });
  void run();
}
