import { useEffect, useState } from 'preact/hooks';
import type { LecternDB } from '../../lib/db/schema';
import { CHROME_SYNC_QUOTAS, type SyncPlan, type SyncQuotas } from '../../lib/sync/pack';
import { planFor } from '../../lib/sync/run';
import type { SyncState } from '../../lib/sync/state';
import { useLiveQuery } from '../hooks/useLiveQuery';

const number = new Intl.NumberFormat('en');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Where the settings page learns about the browser's sync storage. */
export interface SyncInfo {
  quotas: SyncQuotas;
  /** The outcome of the last sync run, if any. */
  lastRun?: () => Promise<SyncState | null>;
}

const REASONS: Record<SyncPlan['leftOut'][number]['reason'], string> = {
  full: 'no room left (read and dismissed papers, oldest first, give way to the others)',
  'too-large': 'its note is too long for one sync item',
};

/**
 * Sync across devices: on or off, what travels and what does not, the room used and left in the browser's
 * sync storage, and every paper left out with why (none is left out silently).
 */
export function SyncSettings({
  db,
  enabled,
  onChange,
  info = { quotas: CHROME_SYNC_QUOTAS },
}: {
  db: LecternDB;
  enabled: boolean;
  onChange(on: boolean): void;
  info?: SyncInfo;
}) {
  const plan = useLiveQuery(() => planFor(db, info.quotas), [db, info.quotas]);
  const [lastRun, setLastRun] = useState<SyncState | null>(null);
  useEffect(() => {
    info.lastRun?.().then(setLastRun, () => setLastRun(null));
  }, [info, enabled, plan.status === 'ready' ? plan.value.bytesUsed : -1]);
  const ready = plan.status === 'ready' ? plan.value : undefined;
  const leftOut = ready?.leftOut ?? [];
  return (
    <section class="options-section" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync across devices</h2>
      <div class="switch">
        <label class="inline">
          <input
            type="checkbox"
            name="syncEnabled"
            checked={enabled}
            aria-describedby="sync-what"
            onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
          />
          Sync statuses, tags and notes through the browser’s sync
        </label>
        <p id="sync-what" class="muted hint">
          Synced: the status, tags and note of every paper you saved, tagged or wrote a note on, with its id and a shortened title. Not synced: papers only
          seen, abstracts, authors, highlights, snapshots and settings. The browser’s own sync account carries it; for
          everything, use a backup.
        </p>
      </div>
      {plan.status === 'error' ? (
        <p class="error" role="alert">
          The library could not be read: {plan.error}
        </p>
      ) : (
        <dl class="counts">
          <div>
            <dt>{enabled ? 'Papers synced' : 'Papers that would sync'}</dt>
            <dd data-count="sync-synced">{ready ? number.format(ready.synced.length) : '…'}</dd>
          </div>
          <div>
            <dt>Not synced</dt>
            <dd data-count="sync-left-out">{ready ? number.format(leftOut.length) : '…'}</dd>
          </div>
          <div>
            <dt>Room used</dt>
            <dd data-count="sync-room">
              {ready ? `${kb(ready.bytesUsed)} of ${kb(ready.quotas.total)} (${kb(ready.bytesFree)} left)` : '…'}
            </dd>
          </div>
        </dl>
      )}
      {leftOut.length > 0 && (
        <details class="sync-left-out" open={leftOut.length <= 5}>
          <summary role="status">
            {number.format(leftOut.length)} {leftOut.length === 1 ? 'paper is' : 'papers are'} not synced: the sync
            storage is full or a note is too long.
          </summary>
          <ul>
            {leftOut.slice(0, 100).map((paper) => (
              <li key={paper.id}>
                {paper.title || paper.id} ({paper.status}): {REASONS[paper.reason]}
              </li>
            ))}
            {leftOut.length > 100 && <li>… and {number.format(leftOut.length - 100)} more.</li>}
          </ul>
        </details>
      )}
      {enabled && lastRun && !lastRun.ok && (
        <p class="error" role="alert">
          The last sync failed: {lastRun.error ?? 'unknown error'}
        </p>
      )}
    </section>
  );
}
