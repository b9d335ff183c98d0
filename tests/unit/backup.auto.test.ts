/** Automatic backups: when they are due, what file they write, and which older files they remove. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTO_BACKUP_SETTINGS_KEY,
  AUTO_BACKUP_STATE_KEY,
  autoBackupSettingsFrom,
  backupFilename,
  DEFAULT_AUTO_BACKUP,
  filesToRemove,
  isBackupDue,
  jsonDataUrl,
  type AutoBackupState,
} from '../../lib/backup/auto';
import { runAutoBackup, type DownloadsLike } from '../../lib/backup/auto-runner';
import { parseBackup } from '../../lib/backup/validate';
import { recordBatch } from '../../lib/db/record';
import { memoryArea } from '../../lib/service/tabs';
import { dropDbs, freshDb, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

const DAY = 24 * 60 * 60 * 1000;

/** A downloads API that keeps what it was given. */
function fakeDownloads() {
  const written = new Map<number, { url: string; filename: string }>();
  const removed: number[] = [];
  let next = 1;
  const api: DownloadsLike = {
    async download(options) {
      written.set(next, { url: options.url, filename: options.filename });
      return next++;
    },
    async removeFile(id) {
      removed.push(id);
    },
    async erase() {
      return [];
    },
  };
  return { api, written, removed };
}

function decode(url: string): string {
  const base64 = url.replace(/^data:application\/json;base64,/, '');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

describe('settings and schedule', () => {
  it('reads missing or malformed settings as the defaults (off)', () => {
    expect(autoBackupSettingsFrom(undefined)).toEqual(DEFAULT_AUTO_BACKUP);
    expect(autoBackupSettingsFrom({ enabled: 'yes', everyDays: 3, keep: 1e9 })).toEqual({ ...DEFAULT_AUTO_BACKUP, keep: 50 });
    expect(DEFAULT_AUTO_BACKUP.enabled).toBe(false);
  });

  it('is due when enabled and the period has passed (or the clock went back)', () => {
    const on = { ...DEFAULT_AUTO_BACKUP, enabled: true, everyDays: 7 as const };
    expect(isBackupDue(DEFAULT_AUTO_BACKUP, { files: [] }, T0)).toBe(false);
    expect(isBackupDue(on, { files: [] }, T0)).toBe(true);
    expect(isBackupDue(on, { lastAt: T0, files: [] }, T0 + 6 * DAY)).toBe(false);
    expect(isBackupDue(on, { lastAt: T0, files: [] }, T0 + 7 * DAY)).toBe(true);
    expect(isBackupDue(on, { lastAt: T0 + DAY, files: [] }, T0)).toBe(true);
  });

  it('removes the oldest files beyond the number kept', () => {
    const files = [3, 1, 2, 5, 4].map((n) => ({ downloadId: n, at: T0 + n, filename: `f${n}` }));
    expect(filesToRemove(files, 3).map((f) => f.downloadId)).toEqual([1, 2]);
    expect(filesToRemove(files, 10)).toEqual([]);
  });

  it('names files in a folder of their own, and encodes Unicode text faithfully', () => {
    expect(backupFilename(T0)).toMatch(/^Lectern backups\/lectern-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const text = ['{"title":"Ünïcödé — “TeX” $\\\\alpha$ 𝔸', 'x'.repeat(100_000), '"}'];
    expect(decode(jsonDataUrl(text))).toBe(text.join(''));
  });
});

describe('runAutoBackup', () => {
  it('writes a valid backup when due, keeps the last N, and does nothing until the next is due', async () => {
    const db = freshDb('auto');
    await recordBatch(db, {
      url: 'https://arxiv.org/list/cs.LG/new',
      entries: [{ id: 'arxiv:2405.10001', aliases: ['arxiv:2405.10001'], title: 'One', authors: [], links: {} }],
      now: T0,
    });
    const area = memoryArea();
    await area.set(AUTO_BACKUP_SETTINGS_KEY, { enabled: true, everyDays: 1, keep: 2 });
    const downloads = fakeDownloads();
    let now = T0;
    const deps = { db, area, downloads: () => downloads.api, appVersion: '0.1.0', now: () => now };

    for (let day = 0; day < 3; day++) {
      now = T0 + day * DAY;
      expect(await runAutoBackup(deps)).toBe('written');
      expect(await runAutoBackup(deps)).toBe('not-due');
    }
    expect(downloads.written.size).toBe(3);
    const file = downloads.written.get(3)!;
    const check = parseBackup(decode(file.url));
    expect(check.ok && check.backup.papers.map((p) => p.id)).toEqual(['arxiv:2405.10001']);
    expect(downloads.removed).toEqual([1]);
    const state = (await area.get(AUTO_BACKUP_STATE_KEY)) as AutoBackupState;
    expect(state.files.map((f) => f.downloadId)).toEqual([2, 3]);
    expect(state.lastError).toBeUndefined();
  });

  it('records a clear error when the downloads permission is missing or the download fails', async () => {
    const db = freshDb('auto');
    const area = memoryArea();
    await area.set(AUTO_BACKUP_SETTINGS_KEY, { enabled: true });
    expect(await runAutoBackup({ db, area, downloads: () => undefined, appVersion: '0.1.0', now: () => T0 })).toBe('failed');
    expect(((await area.get(AUTO_BACKUP_STATE_KEY)) as AutoBackupState).lastError).toMatch(/not allowed to save files/);

    const failing: DownloadsLike = { ...fakeDownloads().api, download: () => Promise.reject(new Error('Disk full')) };
    expect(await runAutoBackup({ db, area, downloads: () => failing, appVersion: '0.1.0', now: () => T0 }, { force: true })).toBe('failed');
    expect(((await area.get(AUTO_BACKUP_STATE_KEY)) as AutoBackupState).lastError).toBe('The last automatic backup failed: Disk full');
  });
});
