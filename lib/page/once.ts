/**
 * One run of the content script per page. The script can reach a page more than once: the manifest or a
 * site's registered script at load, then "Detect papers on this page" or the context menu injecting it
 * again. The first run marks the window of the extension's isolated world (a symbol property the page
 * cannot see); a later run finds the mark of a live run and does nothing.
 *
 * A later run still starts WXT's content-script context, which announces itself with a DOM event so that
 * older copies (orphaned by an extension update) stop; `shieldFromLaterRuns` keeps the live first run from
 * being stopped by that announcement.
 */

const RUNNING = Symbol.for('lectern.contentScript');

interface Mark {
  alive(): boolean;
}

type Marked = Window & { [RUNNING]?: Mark };

/** Claims the page for this run: true when no live run holds it (the caller runs), false otherwise. */
export function claimPage(win: Window, alive: () => boolean): boolean {
  const marked = win as Marked;
  const current = marked[RUNNING];
  if (current?.alive()) return false;
  marked[RUNNING] = { alive };
  return true;
}

/**
 * Stops `eventType` (the "a newer copy started" event of the content-script context, dispatched on the
 * document) before it reaches the document's listeners while this run is alive, so that a later run of the
 * same, live extension does not end it. A run whose extension is gone (`alive()` false) lets it through.
 */
export function shieldFromLaterRuns(
  win: Window,
  eventType: string,
  alive: () => boolean,
  addEventListener: (target: Window, type: string, listener: (event: Event) => void, options: AddEventListenerOptions) => void,
): void {
  addEventListener(
    win,
    eventType,
    (event) => {
      if (alive()) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
