/**
 * The page UI acts only on the user's own input: clicks and key presses a page script dispatches (the
 * browser marks them `isTrusted: false`) are ignored. happy-dom has no `isTrusted`; the forged events here
 * carry it as a browser would.
 */
import { describe, expect, it, vi } from 'vitest';
import { badgeButton, createBadge } from '../../lib/page/badge';
import { Styler } from '../../lib/page/styles';
import { dispatchedByScript } from '../../lib/page/trusted';

function marked<T extends Event>(event: T, isTrusted: boolean): T {
  Object.defineProperty(event, 'isTrusted', { value: isTrusted });
  return event;
}

describe('events a page script dispatches', () => {
  it('are told apart by the browser’s flag; an environment without it counts as the user', () => {
    expect(dispatchedByScript(marked(new Event('click'), false))).toBe(true);
    expect(dispatchedByScript(marked(new Event('click'), true))).toBe(false);
    expect(dispatchedByScript(new Event('click'))).toBe(false);
  });

  it('do not open a badge’s menu; the user’s click does', () => {
    const onActivate = vi.fn();
    const host = createBadge(document, { recordId: 'arxiv:2405.00001', state: 'seen', newSinceVisit: false, title: 'T' }, new Styler(), onActivate);
    document.body.append(host);
    const button = badgeButton(host)!;
    button.dispatchEvent(marked(new MouseEvent('click', { bubbles: true, composed: true }), false));
    expect(onActivate).not.toHaveBeenCalled();
    button.dispatchEvent(marked(new MouseEvent('click', { bubbles: true, composed: true }), true));
    expect(onActivate).toHaveBeenCalledTimes(1);
    host.remove();
  });
});
