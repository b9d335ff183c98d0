/**
 * Automatic backups (off by default): on a schedule, the background writes a full backup file through the
 * downloads API into a `Lectern backups` folder of the user's downloads, and keeps the last N files
 * (older ones Lectern wrote are removed). The service worker has no DOM, so the file travels as a data
 * URL built from the backup text; very large libraries (tens of thousands of papers with abstracts) make
 * large data URLs, and a manual backup from the side panel remains the better tool there.
 *
 * Pure parts here (settings, due time, rotation, encoding); the background composes them.
 */

export const AUTO_BACKUP_SETTINGS_KEY = 'lectern.autoBackup';
export const AUTO_BACKUP_STATE_KEY = 'lectern.autoBackup.state';
export const AUTO_BACKUP_FOLDER = 'Lectern backups';

export interface AutoBackupSettings {
  enabled: boolean;
  /** Days between backups. */
  everyDays: 1 | 7 | 30;
  /** Files kept; older ones Lectern wrote are deleted. */
  keep: number;
  includeSnapshots: boolean;
}

export const DEFAULT_AUTO_BACKUP: Readonly<AutoBackupSettings> = Object.freeze({
  enabled: false,
  everyDays: 7,
  keep: 5,
  includeSnapshots: false,
});

export const KEEP_RANGE = { min: 1, max: 50 } as const;

/** A file Lectern wrote: its download id (to delete it later) and name. */
export interface AutoBackupFile {
  downloadId: number;
  at: number;
  filename: string;
}

export interface AutoBackupState {
  /** When the last backup was attempted, and how it went. */
  lastAt?: number;
  lastError?: string;
  files: AutoBackupFile[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Settings from storage: anything missing or malformed reads as its default. */
export function autoBackupSettingsFrom(raw: unknown): AutoBackupSettings {
  const out: AutoBackupSettings = { ...DEFAULT_AUTO_BACKUP };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.enabled === 'boolean') out.enabled = r.enabled;
  if (r.everyDays === 1 || r.everyDays === 7 || r.everyDays === 30) out.everyDays = r.everyDays;
  if (typeof r.keep === 'number' && Number.isInteger(r.keep)) out.keep = Math.min(KEEP_RANGE.max, Math.max(KEEP_RANGE.min, r.keep));
  if (typeof r.includeSnapshots === 'boolean') out.includeSnapshots = r.includeSnapshots;
  return out;
}

export function autoBackupStateFrom(raw: unknown): AutoBackupState {
  if (!raw || typeof raw !== 'object') return { files: [] };
  const r = raw as Record<string, unknown>;
  const files = Array.isArray(r.files)
    ? r.files.filter(
        (f): f is AutoBackupFile =>
          !!f && typeof f === 'object' && Number.isInteger((f as AutoBackupFile).downloadId) && typeof (f as AutoBackupFile).filename === 'string' && typeof (f as AutoBackupFile).at === 'number',
      )
    : [];
  return {
    ...(typeof r.lastAt === 'number' ? { lastAt: r.lastAt } : {}),
    ...(typeof r.lastError === 'string' ? { lastError: r.lastError } : {}),
    files,
  };
}

/** Whether a backup is due at `now`. */
export function isBackupDue(settings: AutoBackupSettings, state: AutoBackupState, now: number): boolean {
  if (!settings.enabled) return false;
  if (state.lastAt === undefined) return true;
  // A clock set back must not stop backups for good.
  if (state.lastAt > now) return true;
  return now - state.lastAt >= settings.everyDays * DAY_MS;
}

/** The files to delete after `added` was written, oldest first, so that `keep` remain. */
export function filesToRemove(files: readonly AutoBackupFile[], keep: number): AutoBackupFile[] {
  const sorted = [...files].sort((a, b) => a.at - b.at || a.downloadId - b.downloadId);
  return sorted.slice(0, Math.max(0, sorted.length - keep));
}

/** `Lectern backups/lectern-backup-2026-11-29-1642.json` (local time, as a person reads a folder). */
export function backupFilename(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${AUTO_BACKUP_FOLDER}/lectern-backup-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}.json`;
}

/** A `data:` URL of UTF-8 JSON text, built without one giant intermediate binary string. */
export function jsonDataUrl(chunks: readonly string[]): string {
  const bytes = new TextEncoder().encode(chunks.join(''));
  const parts: string[] = [];
  // 3-byte aligned slices encode to independent base64 pieces.
  const slice = 3 * 16_384;
  for (let i = 0; i < bytes.length; i += slice) {
    const piece = bytes.subarray(i, Math.min(i + slice, bytes.length));
    let binary = '';
    for (let j = 0; j < piece.length; j++) binary += String.fromCharCode(piece[j]!);
    parts.push(btoa(binary));
  }
  return `data:application/json;base64,${parts.join('')}`;
}
