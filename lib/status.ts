import type { PaperStatus } from './model';

/** Words the user sees for each stored status. */
export const STATUS_LABELS: Record<PaperStatus, string> = {
  seen: 'Seen',
  unread: 'To read',
  reading: 'Reading',
  read: 'Read',
  dismissed: 'Dismissed',
};

/** The library's views, in menu order, with the status each one shows (`undefined`: every paper). */
export const LIBRARY_VIEWS = [
  { key: 'unread', label: 'To read', status: 'unread' },
  { key: 'reading', label: 'Reading', status: 'reading' },
  { key: 'read', label: 'Read', status: 'read' },
  { key: 'seen', label: 'Seen', status: 'seen' },
  { key: 'dismissed', label: 'Dismissed', status: 'dismissed' },
  { key: 'all', label: 'All', status: undefined },
] as const satisfies readonly { key: string; label: string; status: PaperStatus | undefined }[];

export type LibraryViewKey = (typeof LIBRARY_VIEWS)[number]['key'];

export function isLibraryView(key: string): key is LibraryViewKey {
  return LIBRARY_VIEWS.some((view) => view.key === key);
}

/**
 * Whether a page entry counts as new (the page bar's "M new", the toolbar button's count, "Save all new"):
 * still untriaged (`seen`), and either first met by Lectern on this page load or absent from the page at the
 * previous visit. Shared by the page and the background so that both count the same papers.
 */
export function countsAsNew(entry: { status: PaperStatus; created: boolean; newSinceVisit: boolean }): boolean {
  return entry.status === 'seen' && (entry.created || entry.newSinceVisit);
}
