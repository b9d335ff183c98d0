import { useEffect, useState } from 'preact/hooks';
import { storageCounts } from '../../lib/db/housekeeping';
import type { LecternDB } from '../../lib/db/schema';
import { useLiveQuery } from '../hooks/useLiveQuery';

const number = new Intl.NumberFormat('en');

function bytes(n: number | undefined): string {
  if (n === undefined) return 'unknown';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** What the library holds (live), and what the browser says the extension's storage uses. */
export function StorageUsed({ db }: { db: LecternDB }) {
  const counts = useLiveQuery(() => storageCounts(db), [db]);
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number } | null>(null);
  const [estimateError, setEstimateError] = useState<string | null>(null);
  const ready = counts.status === 'ready' ? counts.value : undefined;
  useEffect(() => {
    if (!navigator.storage?.estimate) {
      setEstimateError('This browser does not say how much storage is used.');
      return;
    }
    navigator.storage.estimate().then(
      (value) => setEstimate({ usage: value.usage, quota: value.quota }),
      (e: unknown) => setEstimateError(`The storage use could not be read: ${e instanceof Error ? e.message : String(e)}`),
    );
    // Again whenever the counts change: housekeeping frees space.
  }, [ready?.papers, ready?.sightings, ready?.highlights, ready?.snapshots]);
  return (
    <section class="options-section" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage used</h2>
      {counts.status === 'error' ? (
        <p class="error" role="alert">
          The library could not be read: {counts.error}
        </p>
      ) : (
        <dl class="counts">
          {(
            [
              ['Papers', ready?.papers],
              ['Sightings', ready?.sightings],
              ['Highlights', ready?.highlights],
              ['Snapshots', ready?.snapshots],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd data-count={label.toLowerCase()}>{value === undefined ? '…' : number.format(value)}</dd>
            </div>
          ))}
          <div>
            <dt>On disk</dt>
            <dd>{estimate ? `${bytes(estimate.usage)}${estimate.quota ? ` of ${bytes(estimate.quota)} available` : ''}` : '…'}</dd>
          </div>
        </dl>
      )}
      {estimateError && <p class="error" role="alert">{estimateError}</p>}
    </section>
  );
}
