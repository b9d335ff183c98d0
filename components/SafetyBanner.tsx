import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { request } from '../lib/messaging/client';
import { LOSS_KEY, type LibraryLoss } from '../lib/safety/copy';
import { describeStorageProblem, PROBLEM_KEY, type RecordedProblem } from '../lib/safety/problems';
import { StorageProblemView } from './StorageGuard';

type Area = 'local' | 'session';

/** A value of `browser.storage.<area>`, kept current. */
function useStored<T>(area: Area, key: string): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const store = (browser.storage as unknown as Record<Area, { get(k: string): Promise<Record<string, unknown>> } | undefined>)[area];
    void store?.get(key).then((items) => setValue(items[key] as T | undefined)).catch(() => undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
      if (changedArea === area && key in changes) setValue(changes[key]!.newValue as T | undefined);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [area, key]);
  return value;
}

/** The words for a failure the background remembered, with when it happened. */
function describeRecorded(problem: RecordedProblem) {
  const described = describeStorageProblem(problem.kind === 'other' ? problem.message : problem.kind);
  return { ...described, detail: `${described.detail} (${when(problem.at)})` };
}

function when(at: number): string {
  return new Date(at).toLocaleString();
}

/**
 * Loud, at the top of the popup and the side panel: the library's database was lost (evicted or wiped) and
 * the safety copy can bring the user's work back; or the last write failed (disk full). Never silent.
 */
export function SafetyBanner() {
  const loss = useStored<LibraryLoss>('local', LOSS_KEY);
  const problem = useStored<RecordedProblem>('session', PROBLEM_KEY);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  const restore = () => {
    setBusy(true);
    request('data.restoreSafetyCopy', {})
      .then((done) => setOutcome(`Restored ${done.papers} papers and ${done.highlights} highlights from the safety copy.`))
      .catch((e: unknown) => setOutcome(`The safety copy could not be restored: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setBusy(false));
  };

  return (
    <>
      {loss && (
        <section class="safety-banner" role="alert" data-safety="lost">
          <h2>Lectern's library was emptied</h2>
          <p>
            The browser (or a cleanup tool) deleted Lectern's database on {when(loss.detectedAt)}.{' '}
            {loss.copyAt !== undefined
              ? `A safety copy from ${when(loss.copyAt)} holds ${loss.papers} papers with your statuses, tags and notes, and ${loss.highlights} highlights.`
              : 'No safety copy was found: restore a backup file if you have one (Export, backup, import → Restore).'}
          </p>
          <div class="actions">
            {loss.copyAt !== undefined && (
              <button type="button" onClick={restore} disabled={busy}>
                {busy ? 'Restoring…' : 'Restore my library'}
              </button>
            )}
            <button type="button" class="link-button" disabled={busy} onClick={() => void request('data.dismissLoss', {})}>
              {loss.copyAt !== undefined ? 'Start empty (keep the copy aside)' : 'Dismiss'}
            </button>
          </div>
        </section>
      )}
      {outcome && (
        <p class="notice" role="status">
          {outcome}
        </p>
      )}
      {problem && <StorageProblemView problem={describeRecorded(problem)} />}
    </>
  );
}
