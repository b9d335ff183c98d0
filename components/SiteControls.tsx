import { useEffect, useState } from 'preact/hooks';
import type { SiteControls } from '../lib/service/site-access';

/** What the popup can do about the site its tab shows (see `lib/service/site-access`). */
export interface SiteActions {
  /** Which controls the tab's page gets. */
  controls(): Promise<SiteControls>;
  /** Runs detection once on the tab's page. */
  detect(): Promise<void>;
  /**
   * Asks for the site's permission (must be the first thing the click handler does, to keep the user
   * gesture), then detects there from now on; answers false when the user said no.
   */
  always(origin: string): Promise<boolean>;
  /** Stops detecting on a granted site. */
  stop(origin: string): Promise<void>;
}

interface Props {
  site: SiteActions;
  /** Detection was started on the page (papers may show up shortly). */
  onDetecting: () => void;
}

export function SiteControlsView({ site, onDetecting }: Props) {
  const [controls, setControls] = useState<SiteControls>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = () =>
    site
      .controls()
      .then(setControls)
      .catch(() => setControls({ kind: 'none' }));
  useEffect(() => void load(), [site]);

  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    work()
      .catch((e: unknown) => setMessage(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  if (controls.kind === 'none') return null;
  const { host, origin } = controls;
  return (
    <div class="site-access">
      {controls.kind === 'offer' ? (
        <>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => run(() => site.detect().then(onDetecting))}
          >
            Detect papers on this page
          </button>
          {controls.always && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(() =>
                  site.always(origin).then((granted) => {
                    if (!granted) return setMessage(`Lectern was not allowed to read ${host}.`);
                    onDetecting();
                    return load();
                  }),
                )
              }
            >
              Always detect on {host}
            </button>
          )}
        </>
      ) : (
        <button type="button" disabled={busy} onClick={() => run(() => site.stop(origin).then(load))}>
          Stop detecting on {host}
        </button>
      )}
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
