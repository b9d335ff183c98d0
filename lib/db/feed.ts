/**
 * The change feed's upkeep (`changes` table, see `schema.ts`). The search index keeps the last `seq` it has
 * folded into its saved copy; rows up to it are no longer needed and are pruned here. The highest pruned
 * `seq` is remembered (`meta` key `changesPrunedThrough`), so that an index whose saved copy is older than
 * that knows the feed can no longer bring it up to date and rebuilds.
 */
import type { LecternDB } from './schema';

export const PRUNED_THROUGH_KEY = 'changesPrunedThrough';

/** The highest `seq` pruned from the feed so far (0: none). */
export async function changesPrunedThrough(db: LecternDB): Promise<number> {
  return (await db.meta.get(PRUNED_THROUGH_KEY))?.value ?? 0;
}

/** Deletes the feed rows with `seq <= uptoSeq`; answers how many went. Never lowers the pruned mark. */
export async function pruneChanges(db: LecternDB, uptoSeq: number): Promise<number> {
  if (!(uptoSeq > 0)) return 0;
  return db.transaction('rw', [db.changes, db.meta], async () => {
    const removed = await db.changes.where(':id').belowOrEqual(uptoSeq).delete();
    const previous = await changesPrunedThrough(db);
    if (uptoSeq > previous) await db.meta.put({ key: PRUNED_THROUGH_KEY, value: uptoSeq });
    return removed;
  });
}
