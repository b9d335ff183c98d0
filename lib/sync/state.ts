/** The outcome of the last sync run, kept in `browser.storage.local` for the settings page. */
export const SYNC_STATE_KEY = 'syncState';

export interface SyncState {
  at: number;
  ok: boolean;
  error?: string;
}

export function syncStateFrom(value: unknown): SyncState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<SyncState>;
  if (typeof v.at !== 'number' || typeof v.ok !== 'boolean') return null;
  return v.error !== undefined && typeof v.error === 'string' ? { at: v.at, ok: v.ok, error: v.error } : { at: v.at, ok: v.ok };
}
