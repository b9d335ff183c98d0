/**
 * Pushing the library's user-made fields to the browser's sync storage and pulling what other devices
 * pushed (`pack.ts` for the format, `lib/db/sync.ts` for the merge). Storage is passed in, so this runs
 * against any area with `get`, `set` and `remove`.
 */
import { applySyncEntries, type ApplySummary } from '../db/sync';
import type { LecternDB } from '../db/schema';
import {
  changedItems,
  coveredBy,
  entryOf,
  ITEM_PREFIX,
  packLibrary,
  staleKeys,
  storedBytes,
  unpackItems,
  type SyncPlan,
  type SyncQuotas,
} from './pack';

/** The parts of `browser.storage.sync` used here. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Only this extension's sync items (the area may one day hold others). */
async function storedItems(area: SyncArea): Promise<Record<string, unknown>> {
  const all = await area.get(null);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) if (key.startsWith(ITEM_PREFIX)) out[key] = value;
  return out;
}

/** What the library would put in sync storage now (the settings page shows it). */
export async function planFor(db: LecternDB, quotas: SyncQuotas): Promise<SyncPlan> {
  return packLibrary(await db.papers.toArray(), quotas);
}

/** Writes the library's plan: only items that changed, and removes items no longer used. */
export async function pushLibrary(db: LecternDB, area: SyncArea, quotas: SyncQuotas): Promise<SyncPlan> {
  const plan = await planFor(db, quotas);
  const stored = await storedItems(area);
  const stale = staleKeys(stored, plan);
  // Fewer items first, so that the total never passes the quota between the two writes.
  if (stale.length) await area.remove(stale);
  const changed = changedItems(stored, plan);
  if (Object.keys(changed).length) await area.set(changed);
  return plan;
}

/**
 * Merges what sync storage holds into the library, then pushes when the library has something it lacks
 * (an edit made here, or a paper only this device has).
 */
export async function pullLibrary(
  db: LecternDB,
  area: SyncArea,
  quotas: SyncQuotas,
  now: number,
): Promise<{ applied: ApplySummary; pushed: boolean }> {
  const stored = await storedItems(area);
  const remote = unpackItems(stored);
  const applied = await applySyncEntries(db, remote, now);
  const plan = await planFor(db, quotas);
  const ids = new Set(plan.synced);
  const local = (await db.papers.bulkGet([...ids])).filter((r) => r !== undefined).map(entryOf);
  if (coveredBy(local, remote, quotas.total - storedBytes(stored))) return { applied, pushed: false };
  await pushLibrary(db, area, quotas);
  return { applied, pushed: true };
}
