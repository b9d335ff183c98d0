/**
 * The extension pages' theme: the user's choice (`theme` setting) as `data-theme="light|dark"` on `<html>`,
 * which `components/theme.css` turns into colours; without it the pages follow the browser
 * (`prefers-color-scheme`).
 */
import type { Theme } from './settings';

export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/** Applies the stored theme now and whenever it changes; answers a function that stops following it. */
export function followTheme(
  root: HTMLElement,
  settings: {
    load(): Promise<{ theme: Theme }>;
    watch(onChange: (patch: { theme?: Theme }) => void): () => void;
  },
): () => void {
  let changed = false;
  const stop = settings.watch((patch) => {
    if (patch.theme === undefined) return;
    changed = true;
    applyTheme(root, patch.theme);
  });
  void settings.load().then(
    (loaded) => !changed && applyTheme(root, loaded.theme),
    () => undefined,
  );
  return stop;
}
