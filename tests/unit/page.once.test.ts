import { describe, expect, it, vi } from 'vitest';
import { claimPage, shieldFromLaterRuns } from '../../lib/page/once';

const listen = (target: Window, type: string, listener: (event: Event) => void, options: AddEventListenerOptions) =>
  target.addEventListener(type, listener, options);

describe('one content-script run per page', () => {
  it('a second injection into a page with a live run does nothing', () => {
    const win = window;
    let firstAlive = true;
    expect(claimPage(win, () => firstAlive)).toBe(true);
    expect(claimPage(win, () => true)).toBe(false);
    expect(claimPage(win, () => true)).toBe(false);
    // The first run's extension went away (an update): a new run takes over.
    firstAlive = false;
    expect(claimPage(win, () => true)).toBe(true);
    expect(claimPage(win, () => true)).toBe(false);
  });

  it('keeps the live run from being stopped by a later run’s start event, not an orphaned one', () => {
    const type = 'ext-id:content:wxt:content-script-started';
    let alive = true;
    shieldFromLaterRuns(window, type, () => alive, listen);
    const stop = vi.fn();
    document.addEventListener(type, stop);
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'later' } }));
    expect(stop).not.toHaveBeenCalled();
    alive = false;
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'later' } }));
    expect(stop).toHaveBeenCalledTimes(1);
    // Other events pass.
    const other = vi.fn();
    document.addEventListener('something-else', other);
    document.dispatchEvent(new Event('something-else'));
    expect(other).toHaveBeenCalledTimes(1);
    document.removeEventListener(type, stop);
  });
});
