/**
 * Runs an automatic backup when one is due (see `./auto.ts`): builds the file, hands it to the downloads
 * API, records it, and removes the oldest files Lectern wrote beyond the number to keep. Every failure is
 * recorded in the state (`lastError`) for the data view to show; nothing is retried in a loop.
 */
import type { LecternDB } from '../db/schema';
import type { KeyValueArea } from '../service/tabs';
import {
  AUTO_BACKUP_SETTINGS_KEY,
  AUTO_BACKUP_STATE_KEY,
  autoBackupSettingsFrom,
  autoBackupStateFrom,
  backupFilename,
  filesToRemove,
  isBackupDue,
  jsonDataUrl,
  type AutoBackupState,
} from './auto';
import { exportBackupChunks } from './format';

/** The part of `browser.downloads` automatic backups use (absent until the user allows downloads). */
export interface DownloadsLike {
  download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number>;
  removeFile(id: number): Promise<void>;
  erase(query: { id: number }): Promise<unknown>;
}

export interface AutoBackupDeps {
  db: LecternDB;
  /** `browser.storage.local`, where the settings and state live. */
  area: KeyValueArea;
  downloads: () => DownloadsLike | undefined;
  appVersion: string;
  now: () => number;
}

export type AutoBackupOutcome = 'not-due' | 'written' | 'failed';

export async function runAutoBackup(deps: AutoBackupDeps, options: { force?: boolean } = {}): Promise<AutoBackupOutcome> {
  const settings = autoBackupSettingsFrom(await deps.area.get(AUTO_BACKUP_SETTINGS_KEY));
  const state = autoBackupStateFrom(await deps.area.get(AUTO_BACKUP_STATE_KEY));
  const now = deps.now();
  if (!options.force && !isBackupDue(settings, state, now)) return 'not-due';
  const save = (next: AutoBackupState) => deps.area.set(AUTO_BACKUP_STATE_KEY, next);

  const downloads = deps.downloads();
  if (!downloads) {
    await save({ ...state, lastAt: now, lastError: 'Lectern is not allowed to save files: turn automatic backups off and on again to allow it.' });
    return 'failed';
  }
  try {
    const chunks: string[] = [];
    for await (const chunk of exportBackupChunks(deps.db, { appVersion: deps.appVersion, now, includeSnapshots: settings.includeSnapshots })) {
      chunks.push(chunk);
    }
    const filename = backupFilename(now);
    const downloadId = await downloads.download({ url: jsonDataUrl(chunks), filename, conflictAction: 'uniquify', saveAs: false });
    const files = [...state.files, { downloadId, at: now, filename }];
    const old = filesToRemove(files, settings.keep);
    for (const file of old) {
      // The user may have moved or deleted it already: that is fine.
      await downloads.removeFile(file.downloadId).catch(() => undefined);
      await downloads.erase({ id: file.downloadId }).catch(() => undefined);
    }
    const gone = new Set(old.map((f) => f.downloadId));
    await save({ lastAt: now, files: files.filter((f) => !gone.has(f.downloadId)) });
    return 'written';
  } catch (error) {
    await save({ ...state, lastAt: now, lastError: `The last automatic backup failed: ${error instanceof Error ? error.message : String(error)}` });
    return 'failed';
  }
}
