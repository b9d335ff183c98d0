import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SIGHTINGS_CAP, DAY_MS, countExcessSightings, countForgettable } from '../../lib/db/housekeeping';
import type { LecternDB } from '../../lib/db/schema';
import type { HousekeepingAction, HousekeepingCounts, HousekeepingResult } from '../../lib/messaging/areas/recording';

export interface HousekeepingApi {
  run(data: { action: HousekeepingAction; days?: number; cap?: number }): Promise<HousekeepingResult>;
  undo(token: string): Promise<HousekeepingCounts>;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'counting'; action: HousekeepingAction }
  | { kind: 'confirm'; action: HousekeepingAction; count: number; days?: number; cap?: number }
  | { kind: 'working'; action: HousekeepingAction }
  | { kind: 'done'; text: string; token?: string; until?: number };

const plural = (n: number, one: string, many: string) => `${new Intl.NumberFormat('en').format(n)} ${n === 1 ? one : many}`;

function question(step: Extract<Step, { kind: 'confirm' }>): string {
  switch (step.action) {
    case 'forgetSeenOlderThan':
      return `Forget ${plural(step.count, 'paper', 'papers')} only seen, and not seen for ${plural(step.days ?? 0, 'day', 'days')}?`;
    case 'forgetUnsaved':
      return `Forget ${plural(step.count, 'paper', 'papers')} seen but never saved?`;
    case 'compactSightings':
      return `Remove ${plural(step.count, 'record', 'records')} of pages where papers were seen (keeping ${step.cap} per paper)?`;
  }
}

function outcome(result: HousekeepingResult): string {
  if (!result.papers && !result.sightings) return 'Nothing to remove.';
  if (result.papers) return `Forgot ${plural(result.papers, 'paper', 'papers')}.`;
  return `Removed ${plural(result.sightings, 'record', 'records')} of pages.`;
}

function parseCount(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * Forgetting and compaction, each asked for, counted and confirmed, then undoable for a short while. Saved
 * papers, and papers with a note, tags, highlights or a snapshot, are never forgotten.
 */
export function Housekeeping({ db, api, now = Date.now }: { db: LecternDB; api: HousekeepingApi; now?: () => number }) {
  const [days, setDays] = useState('90');
  const [cap, setCap] = useState(String(DEFAULT_SIGHTINGS_CAP));
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  // The undo button leaves when its window closes.
  useEffect(() => {
    if (step.kind !== 'done' || step.until === undefined) return;
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (now() >= step.until!) {
        clearInterval(timer);
        setStep({ kind: 'done', text: step.text });
      }
    }, 1_000);
    return () => clearInterval(timer);
  }, [step]);

  const fail = (e: unknown) => {
    setError(e instanceof Error ? e.message : String(e));
    setStep({ kind: 'idle' });
  };

  const ask = async (action: HousekeepingAction) => {
    setError(null);
    const dayCount = action === 'forgetSeenOlderThan' ? parseCount(days, 1, 36_500) : undefined;
    const capCount = action === 'compactSightings' ? parseCount(cap, 2, 10_000) : undefined;
    if (dayCount === null) return setError('Days: type a whole number from 1 to 36500.');
    if (capCount === null) return setError('Pages per paper: type a whole number from 2 to 10000.');
    setStep({ kind: 'counting', action });
    try {
      const count =
        action === 'compactSightings'
          ? await countExcessSightings(db, capCount!)
          : await countForgettable(db, dayCount !== undefined ? { lastSeenBefore: now() - dayCount * DAY_MS } : {});
      if (count === 0) return setStep({ kind: 'done', text: 'Nothing to remove.' });
      setStep({ kind: 'confirm', action, count, ...(dayCount !== undefined ? { days: dayCount } : {}), ...(capCount !== undefined ? { cap: capCount } : {}) });
    } catch (e) {
      fail(e);
    }
  };

  const confirm = async () => {
    if (step.kind !== 'confirm') return;
    setStep({ kind: 'working', action: step.action });
    try {
      const result = await api.run({
        action: step.action,
        ...(step.days !== undefined ? { days: step.days } : {}),
        ...(step.cap !== undefined ? { cap: step.cap } : {}),
      });
      setStep({ kind: 'done', text: outcome(result), ...(result.undoToken ? { token: result.undoToken, until: result.undoUntil } : {}) });
    } catch (e) {
      fail(e);
    }
  };

  const undo = async () => {
    if (step.kind !== 'done' || !step.token) return;
    const token = step.token;
    setStep({ kind: 'done', text: 'Undoing…' });
    try {
      const back = await api.undo(token);
      setStep({
        kind: 'done',
        text: back.papers ? `Undone: ${plural(back.papers, 'paper', 'papers')} back.` : `Undone: ${plural(back.sightings, 'record', 'records')} of pages back.`,
      });
    } catch (e) {
      fail(e);
    }
  };

  const busy = step.kind === 'counting' || step.kind === 'working';
  const secondsLeft = step.kind === 'done' && step.until !== undefined ? Math.max(0, Math.ceil((step.until - now()) / 1000)) : 0;

  return (
    <section class="options-section" aria-labelledby="housekeeping-heading">
      <h2 id="housekeeping-heading">Housekeeping</h2>
      <p class="muted">Saved papers, and papers with a note, tags, highlights or a snapshot, are never forgotten.</p>
      <div class="row">
        <label for="forget-days">Forget seen papers older than</label>
        <input id="forget-days" class="narrow" type="number" min={1} max={36500} value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
        <span>days</span>
        <button type="button" disabled={busy} onClick={() => void ask('forgetSeenOlderThan')}>
          Forget…
        </button>
      </div>
      <div class="row">
        <span id="forget-unsaved-label">Forget everything seen but never saved</span>
        <button type="button" disabled={busy} aria-describedby="forget-unsaved-label" onClick={() => void ask('forgetUnsaved')}>
          Forget all…
        </button>
      </div>
      <div class="row">
        <label for="sightings-cap">Keep at most</label>
        <input id="sightings-cap" class="narrow" type="number" min={2} max={10000} value={cap} onInput={(e) => setCap((e.currentTarget as HTMLInputElement).value)} />
        <span>pages per paper (its first and newest)</span>
        <button type="button" disabled={busy} onClick={() => void ask('compactSightings')}>
          Compact…
        </button>
      </div>
      {step.kind === 'confirm' && (
        <div class="confirm" role="alertdialog" aria-labelledby="housekeeping-question">
          <p id="housekeeping-question">{question(step)}</p>
          <button type="button" class="primary" onClick={() => void confirm()}>
            {step.action === 'compactSightings' ? 'Remove' : 'Forget'}
          </button>{' '}
          <button type="button" onClick={() => setStep({ kind: 'idle' })}>
            Cancel
          </button>
        </div>
      )}
      {busy && <p class="muted" role="status">Working…</p>}
      {step.kind === 'done' && (
        <p class="notice" role="status">
          {step.text}{' '}
          {step.token && secondsLeft > 0 && (
            <button type="button" onClick={() => void undo()}>
              Undo ({secondsLeft} s)
            </button>
          )}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
