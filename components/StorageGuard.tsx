import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LecternDB } from '../lib/db/schema';
import { describeStorageProblem, type StorageProblem } from '../lib/safety/problems';

/** A storage problem in full: what happened and the steps that recover from it. */
export function StorageProblemView({ problem, onReload }: { problem: StorageProblem; onReload?: () => void }) {
  return (
    <section class="storage-problem" role="alert" data-problem={problem.kind}>
      <h2>{problem.title}</h2>
      <p>{problem.detail}</p>
      <ol>
        {problem.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {onReload && (
        <button type="button" onClick={onReload}>
          Reload
        </button>
      )}
    </section>
  );
}

/**
 * Opens the library before showing `children`. A database that cannot open, an upgrade blocked by an older
 * Lectern page, or a newer version taking the database over is shown as a clear message with recovery
 * steps, never as a blank or silently stale page.
 */
export function StorageGuard({ db, children }: { db: LecternDB; children: ComponentChildren }) {
  const [state, setState] = useState<'opening' | 'open' | StorageProblem>('opening');
  useEffect(() => {
    let live = true;
    const onBlocked = () => live && setState(describeStorageProblem('blocked'));
    // Another Lectern page is upgrading the library: Dexie closes this connection; say why and how to go on.
    const onVersionChange = () => {
      if (live) setState(describeStorageProblem('blocked'));
      return false;
    };
    db.on('blocked', onBlocked);
    db.on('versionchange', onVersionChange);
    db.open()
      .then(() => live && setState('open'))
      .catch((error: unknown) => live && setState(describeStorageProblem(error)));
    return () => {
      live = false;
      db.on('blocked').unsubscribe(onBlocked);
      db.on('versionchange').unsubscribe(onVersionChange);
    };
  }, [db]);
  if (state === 'opening') return <p class="muted">Opening the library…</p>;
  if (state === 'open') return <>{children}</>;
  return <StorageProblemView problem={state} onReload={() => location.reload()} />;
}
