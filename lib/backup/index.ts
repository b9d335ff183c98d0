/**
 * The backup file: format, export, validation and the merge rules. Restoring it is `restoreBackup` in
 * `lib/db/restore.ts`. See docs/backup-format.md.
 */
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupToJson,
  exportBackup,
  exportBackupChunks,
  LibraryChangedError,
  type BackupFile,
  type BackupSettings,
  type BackupTombstone,
  type ExportOptions,
  type ExportProgress,
} from './format';
export { BACKUP_LIMITS, BackupError, checkBackup, parseBackup, readBackup, type BackupCheck } from './validate';
export { mergeCopies, mergeAll } from './merge';
