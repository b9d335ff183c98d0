/**
 * Lectern on a site the user switched off (`disabledSites`): nothing runs — no detection, no badges, no
 * bar. Switching the site off or on takes effect at once in open tabs: on-page triage is started and
 * stopped as the setting changes.
 */
import { siteDisabled, type Settings } from '../settings';

export interface SiteSwitchEnv {
  /** The page's URL now (client-side navigation can move within a site, never to another one). */
  url(): string;
  load(): Promise<Settings>;
  watch(onChange: (patch: Partial<Settings>) => void): () => void;
  /** Starts on-page triage; answers a function that removes everything it added. */
  start(): () => void;
}

/** Starts triage unless the site is switched off, and follows the setting; answers a function that stops it all. */
export function runUnlessSiteOff(env: SiteSwitchEnv): () => void {
  let stop: (() => void) | undefined;
  let ended = false;
  const apply = (disabledSites: string[]) => {
    if (ended) return;
    const off = siteDisabled({ disabledSites }, env.url());
    if (off && stop) {
      stop();
      stop = undefined;
    } else if (!off && !stop) {
      stop = env.start();
    }
  };
  const unwatch = env.watch((patch) => {
    if (patch.disabledSites) apply(patch.disabledSites);
  });
  void env.load().then(
    (settings) => apply(settings.disabledSites),
    () => apply([]),
  );
  return () => {
    ended = true;
    unwatch();
    stop?.();
    stop = undefined;
  };
}
