/**
 * Storage failures in words a user can act on: a full disk, an upgrade blocked by an old Lectern page, a
 * database that does not open. Each says that nothing already saved was lost (Lectern writes in
 * all-or-nothing transactions) and what to do next.
 */

export type StorageProblemKind = 'quota' | 'blocked' | 'version' | 'open' | 'other';

export interface StorageProblem {
  kind: StorageProblemKind;
  title: string;
  /** What happened, in one or two sentences. */
  detail: string;
  /** Recovery steps, in order. */
  steps: string[];
}

/** Kept in `browser.storage.session` by the background when a write fails, for the popup and side panel. */
export const PROBLEM_KEY = 'lectern.storageProblem';

export interface RecordedProblem {
  kind: StorageProblemKind;
  message: string;
  at: number;
}

function nameAndMessage(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as { inner?: unknown }).inner;
    return `${error.name}: ${error.message}${inner ? ` ${nameAndMessage(inner)}` : ''}`;
  }
  return String(error);
}

/** The kind of a storage error (a Dexie or IndexedDB error, or its message). */
export function kindOf(error: unknown): StorageProblemKind {
  const text = typeof error === 'string' ? error : nameAndMessage(error);
  if (/quota|disk.?full|no space|QuotaExceeded/i.test(text)) return 'quota';
  if (/blocked/i.test(text)) return 'blocked';
  if (/VersionError|higher version|less than the existing version/i.test(text)) return 'version';
  if (/OpenFailed|DatabaseClosed|InvalidState|UnknownError|backing store/i.test(text)) return 'open';
  return 'other';
}

/** The words for a storage error. */
export function describeStorageProblem(error: unknown): StorageProblem {
  const kind = kindOf(error);
  const raw = (typeof error === 'string' ? error : nameAndMessage(error)).slice(0, 300);
  switch (kind) {
    case 'quota':
      return {
        kind,
        title: 'Lectern could not save: the disk is full',
        detail: 'The browser refused to store more data. Nothing already saved was lost; the last change was not written.',
        steps: [
          'Free some disk space, then repeat the last action (papers on open pages are recorded again when you reload them).',
          'Or make room in Lectern: Settings → forget seen papers you never saved, or remove readable copies you no longer need.',
          'Export a backup now (Export, backup, import) so that a copy of your library is safe outside the browser.',
        ],
      };
    case 'blocked':
      return {
        kind,
        title: 'Lectern is waiting to update its library',
        detail: 'A new version of Lectern needs to upgrade the library, and another Lectern page opened by the old version still holds it. Nothing is lost.',
        steps: ['Close the other Lectern tabs and side panels (or reload them).', 'Then reload this page.'],
      };
    case 'version':
      return {
        kind,
        title: 'This library was written by a newer Lectern',
        detail: 'The library on this computer comes from a newer version of Lectern than the one running. It was left untouched.',
        steps: ['Update Lectern (or reinstall the newer version) and reopen this page.', 'Your data is intact: do not clear the browser\'s site data.'],
      };
    case 'open':
      return {
        kind,
        title: 'Lectern could not open its library',
        detail: `The browser's storage did not open (${raw}). Nothing was deleted.`,
        steps: [
          'Restart the browser, then reopen this page.',
          'If it still fails, check that the disk is not full and that the browser profile is not read-only.',
          'If your library was lost, Lectern offers its safety copy, and any backup file you exported restores everything (Export, backup, import → Restore).',
        ],
      };
    default:
      return {
        kind,
        title: 'Lectern could not read or write its library',
        detail: raw,
        steps: ['Reload this page.', 'If it happens again, restart the browser and export a backup as soon as the library opens.'],
      };
  }
}
