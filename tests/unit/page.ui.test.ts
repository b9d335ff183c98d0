/**
 * The in-page UI pieces in a DOM (happy-dom): the badge (hooks, accessible name, text-only rendering of
 * page-derived titles, placement, events that stay ours), the keyboard handler (never while typing), the
 * menu, the page bar and dimming.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgeButton, badgeName, createBadge, placeBadge, placementOf, updateBadge, type BadgeModel } from '../../lib/page/badge';
import { PageBar, summaryText } from '../../lib/page/bar';
import { Dimmer, entryBlocks } from '../../lib/page/dim';
import { isTyping, triageAction } from '../../lib/page/keyboard';
import { StatusMenu } from '../../lib/page/menu';
import { cssFor, luminanceOf, pageTheme, Styler } from '../../lib/page/styles';
import { hasPageChange, scopeFor } from '../../lib/page/watch';

const HOSTILE = '<img src=x onerror=alert(1)>';

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  for (const el of document.documentElement.querySelectorAll(':scope > lectern-menu, :scope > lectern-bar')) el.remove();
});

function model(over: Partial<BadgeModel> = {}): BadgeModel {
  return { recordId: 'arxiv:2405.00001', state: 'unread', newSinceVisit: false, title: 'Attention', ...over };
}

describe('badge', () => {
  it('carries the hooks on its host and an accessible button', () => {
    const host = createBadge(document, model(), new Styler(), () => {});
    document.body.append(host);
    expect(host.localName).toBe('lectern-badge');
    expect(host.getAttribute('data-lectern-id')).toBe('arxiv:2405.00001');
    expect(host.getAttribute('data-lectern-state')).toBe('unread');
    expect(host.hasAttribute('data-lectern-new-since-visit')).toBe(false);
    const button = badgeButton(host)!;
    expect(button.localName).toBe('button');
    expect(button.type).toBe('button');
    expect(button.getAttribute('aria-label')).toBe('Lectern: To read — change status of “Attention”');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.textContent).toBe('To read');
    // Nothing in the page's light DOM: the host's own text stays empty (adapters read titles' text).
    expect(host.textContent).toBe('');
    expect(host.childNodes).toHaveLength(0);
  });

  it('names every state', () => {
    expect(badgeName('new', 'T')).toBe('Lectern: New — change status of “T”');
    expect(badgeName('seen', 'T')).toBe('Lectern: Seen — change status of “T”');
    expect(badgeName('reading', 'T')).toBe('Lectern: Reading — change status of “T”');
    expect(badgeName('read', 'T')).toBe('Lectern: Read — change status of “T”');
    expect(badgeName('dismissed', 'T')).toBe('Lectern: Dismissed — change status of “T”');
  });

  it('renders a hostile title as text only', () => {
    const host = createBadge(document, model({ title: HOSTILE }), new Styler(), () => {});
    document.body.append(host);
    const root = host.shadowRoot!;
    expect(root.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(badgeButton(host)!.getAttribute('aria-label')).toBe(`Lectern: To read — change status of “${HOSTILE}”`);
    // Two elements of ours (the description and the button), each holding one text node.
    expect(Array.from(root.querySelectorAll('*')).map((e) => e.localName)).toEqual(['span', 'button']);
    expect(Array.from(badgeButton(host)!.childNodes).map((n) => n.nodeType)).toEqual([Node.TEXT_NODE]);
  });

  it('updates state, new-since-visit and busy in place', () => {
    const host = createBadge(document, model({ state: 'new' }), new Styler(), () => {});
    updateBadge(host, model({ state: 'dismissed', newSinceVisit: true, busy: true }));
    const button = badgeButton(host)!;
    expect(host.getAttribute('data-lectern-state')).toBe('dismissed');
    expect(host.hasAttribute('data-lectern-new-since-visit')).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('s');
    expect(host.shadowRoot!.getElementById('s')!.textContent).toBe('New since your last visit');
    expect(button.getAttribute('aria-busy')).toBe('true');
    updateBadge(host, model({ state: 'read', recordId: 'doi:10.1/x' }));
    expect(host.getAttribute('data-lectern-id')).toBe('doi:10.1/x');
    expect(host.hasAttribute('data-lectern-new-since-visit')).toBe(false);
    expect(button.hasAttribute('aria-busy')).toBe(false);
  });

  it('keeps its clicks from the page’s own handlers', () => {
    document.body.innerHTML = '<article><h3><a href="/papers/1">Title</a></h3></article>';
    const onActivate = vi.fn();
    const host = createBadge(document, model(), new Styler(), onActivate);
    placeBadge(document.querySelector('h3')!, host);
    const pageClick = vi.fn();
    document.querySelector('article')!.addEventListener('click', pageClick);
    document.addEventListener('mousedown', pageClick);
    const button = badgeButton(host)!;
    button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
    button.click();
    expect(onActivate).toHaveBeenCalledWith(host);
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('goes at the end of a block title, after an inline one, and never inside a link', () => {
    document.body.innerHTML =
      '<div class="list-title"><span class="descriptor">Title:</span> A</div><p><span id="t">B</span> more</p><a id="l" href="/x"><h3 id="h">C</h3></a>';
    const a = createBadge(document, model(), new Styler(), () => {});
    placeBadge(document.querySelector('.list-title')!, a);
    expect(document.querySelector('.list-title')!.lastChild).toBe(a);
    const b = createBadge(document, model(), new Styler(), () => {});
    placeBadge(document.getElementById('t')!, b);
    expect(document.getElementById('t')!.nextSibling).toBe(b);
    const c = createBadge(document, model(), new Styler(), () => {});
    placeBadge(document.getElementById('h')!, c);
    expect(document.getElementById('l')!.nextSibling).toBe(c);
    expect(c.closest('a')).toBeNull();
    // At the end of a title's text the badge is out of the flow (moves nothing); after an inline title, or
    // below a title that ends with a block, it takes its own room.
    expect(a.hasAttribute('data-lectern-inflow')).toBe(false);
    expect(b.hasAttribute('data-lectern-inflow')).toBe(true);
    expect(c.hasAttribute('data-lectern-inflow')).toBe(true);
    document.body.insertAdjacentHTML('beforeend', '<h3 id="card"><div>Clamped title</div></h3>');
    expect(placementOf(document.getElementById('card')!)).toEqual({ inFlow: true });
  });
});

describe('keyboard triage keys', () => {
  function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  }

  function actionFor(target: Element, key: string, init?: KeyboardEventInit) {
    let action: string | null = 'unset';
    const listener = (event: Event) => (action = triageAction(event as KeyboardEvent, document));
    window.addEventListener('keydown', listener);
    press(target, key, init);
    window.removeEventListener('keydown', listener);
    return action;
  }

  it('maps j k s r x o u on the page', () => {
    document.body.innerHTML = '<main><p>text</p></main>';
    const p = document.querySelector('p')!;
    expect(['j', 'k', 's', 'r', 'x', 'o', 'u'].map((key) => actionFor(p, key))).toEqual([
      'next',
      'previous',
      'save',
      'read',
      'dismiss',
      'open',
      'undo',
    ]);
    expect(actionFor(p, 'q')).toBeNull();
    expect(actionFor(p, 'J')).toBeNull();
  });

  it('ignores keys with modifiers, repeats of status keys, and keys the site handled', () => {
    document.body.innerHTML = '<p>text</p>';
    const p = document.querySelector('p')!;
    expect(actionFor(p, 's', { ctrlKey: true })).toBeNull();
    expect(actionFor(p, 'j', { metaKey: true })).toBeNull();
    expect(actionFor(p, 'x', { altKey: true })).toBeNull();
    expect(actionFor(p, 's', { repeat: true })).toBeNull();
    expect(actionFor(p, 'j', { repeat: true })).toBe('next');
    p.addEventListener('keydown', (e) => e.preventDefault(), { once: true });
    expect(actionFor(p, 'j')).toBeNull();
  });

  it('never takes a key typed in a field', () => {
    document.body.innerHTML = `
      <input id="i"><textarea id="t"></textarea><select id="s"><option>a</option></select>
      <div id="ce" contenteditable="true"><span id="inner">x</span></div>
      <div id="box" role="searchbox" tabindex="0"></div>`;
    for (const id of ['i', 't', 's', 'ce', 'inner', 'box']) {
      expect(actionFor(document.getElementById(id)!, 'j'), id).toBeNull();
    }
  });

  it('never takes a key typed in a field inside a shadow root', () => {
    document.body.innerHTML = '<x-search></x-search>';
    const root = document.querySelector('x-search')!.attachShadow({ mode: 'open' });
    const input = document.createElement('input');
    root.append(input);
    expect(actionFor(input, 's')).toBeNull();
    expect(isTyping(new KeyboardEvent('keydown', { key: 's' }), document)).toBe(false);
  });
});

describe('menu', () => {
  it('offers the statuses and actions, marks the current status, renders the title as text', async () => {
    const commands: unknown[] = [];
    const styler = new Styler();
    const host = createBadge(document, model({ title: HOSTILE }), styler, () => {});
    document.body.append(host);
    const menu = new StatusMenu(document, styler, (command) => {
      commands.push(command);
      return command.kind === 'copy' ? 'Link copied.' : undefined;
    });
    menu.open({ host, button: badgeButton(host)!, title: HOSTILE, status: 'reading' });
    const menuHost = document.querySelector('lectern-menu')!;
    const root = menuHost.shadowRoot!;
    const items = Array.from(root.querySelectorAll('[role^="menuitem"]'));
    expect(items.map((i) => i.textContent)).toEqual(['Save to read', 'Reading', 'Read', 'Dismiss', 'Open in library', 'Copy citation link']);
    expect(items.filter((i) => i.getAttribute('aria-checked') === 'true').map((i) => i.textContent)).toEqual(['Reading']);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.title')!.textContent).toBe(HOSTILE);
    expect(badgeButton(host)!.getAttribute('aria-expanded')).toBe('true');

    (items[5] as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Link copied.');
    (items[2] as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(commands).toEqual([{ kind: 'copy' }, { kind: 'status', status: 'read' }]);
    expect(menu.openFor).toBeUndefined();
    expect(badgeButton(host)!.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Escape and returns focus to the badge', () => {
    const styler = new Styler();
    const host = createBadge(document, model(), styler, () => {});
    document.body.append(host);
    const menu = new StatusMenu(document, styler, () => undefined);
    menu.open({ host, button: badgeButton(host)!, title: 'T', status: 'seen' });
    const panel = document.querySelector('lectern-menu')!.shadowRoot!.querySelector('[role="menu"]')!;
    const pageKeys = vi.fn();
    window.addEventListener('keydown', pageKeys);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    window.removeEventListener('keydown', pageKeys);
    expect(menu.openFor).toBeUndefined();
    expect(pageKeys).not.toHaveBeenCalled();
  });
});

describe('page bar', () => {
  it('shows the counts and runs its actions', () => {
    const actions = {
      saveAllNew: vi.fn(),
      dismissAllNew: vi.fn(),
      undo: vi.fn(),
      setKeyboard: vi.fn(),
      setDim: vi.fn(),
      setCollapsed: vi.fn(),
    };
    const bar = new PageBar(document, new Styler(), actions);
    bar.mount();
    bar.update({ total: 16, fresh: 3, keyboard: false, dim: true, collapsed: false, canUndo: false, busy: false, status: '' });
    const root = document.querySelector('lectern-bar')!.shadowRoot!;
    expect(root.querySelector('.summary')!.textContent).toBe('16 papers here, 3 new');
    const button = (name: string) => Array.from(root.querySelectorAll('button')).find((b) => b.textContent === name)!;
    button('Save all new').click();
    button('Dismiss all new').click();
    expect(actions.saveAllNew).toHaveBeenCalledTimes(1);
    expect(actions.dismissAllNew).toHaveBeenCalledTimes(1);
    expect(button('Undo').disabled).toBe(true);
    const [keyboard, dim] = Array.from(root.querySelectorAll('input'));
    expect(dim!.checked).toBe(true);
    keyboard!.click();
    expect(actions.setKeyboard).toHaveBeenCalledWith(true);
    bar.update({ total: 1, fresh: 0, keyboard: true, dim: false, collapsed: true, canUndo: true, busy: false, status: 'Saved 3 to read.' });
    expect(root.querySelector<HTMLElement>('.bar')!.hidden).toBe(true);
    expect(root.querySelector<HTMLElement>('.pill')!.hidden).toBe(false);
    expect(root.querySelector('.pill')!.getAttribute('aria-label')).toBe('Lectern: 1 paper here, 0 new — show the Lectern bar');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Saved 3 to read.');
    expect(summaryText(2, 1)).toBe('2 papers here, 1 new');
  });
});

describe('styles', () => {
  it('never add a rule to the page', () => {
    const before = document.styleSheets.length;
    const styler = new Styler('dark');
    const host = createBadge(document, model(), styler, () => {});
    document.body.append(host);
    styler.setTheme('light');
    expect(document.styleSheets.length).toBe(before);
    expect(document.querySelectorAll('style, link').length).toBe(0);
    expect(cssFor('dark')).toContain(':host');
  });

  it('read the site’s theme from its background', () => {
    expect(luminanceOf('rgb(255, 255, 255)')).toBeCloseTo(1);
    expect(luminanceOf('rgba(0, 0, 0, 0)')).toBeUndefined();
    expect(luminanceOf('rgb(17, 24, 39)')! < 0.2).toBe(true);
    expect(pageTheme(document)).toBe('light');
    document.body.style.backgroundColor = 'rgb(11, 15, 25)';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.backgroundColor = '';
  });
});

describe('dimming and watching', () => {
  it('fades an entry’s own blocks without touching their attributes', () => {
    document.body.innerHTML = '<dl><dt id="dt">[1]</dt><dd id="dd"><div class="meta"><div class="list-title">T</div></div></dd></dl>';
    const title = document.querySelector('.list-title')!;
    expect(entryBlocks(title).map((e) => e.id)).toEqual(['dt', 'dd']);
    const before = document.body.innerHTML;
    const dimmer = new Dimmer();
    dimmer.set(title, true);
    expect(dimmer.isDimmed(title)).toBe(true);
    expect(document.body.innerHTML).toBe(before);
    dimmer.set(title, false);
    expect(dimmer.isDimmed(title)).toBe(false);
  });

  it('sees page changes but not its own badges', () => {
    const badge = document.createElement('lectern-badge');
    const p = document.createElement('p');
    const own = { type: 'childList', target: document.body, addedNodes: [badge], removedNodes: [] } as unknown as MutationRecord;
    const page = { type: 'childList', target: document.body, addedNodes: [p], removedNodes: [] } as unknown as MutationRecord;
    expect(hasPageChange([own])).toBe(false);
    expect(hasPageChange([own, page])).toBe(true);
  });

  it('watches the list that holds the entries', () => {
    document.body.innerHTML = '<div id="page"><dl id="a"><dd><div class="t">1</div></dd><dd><div class="t">2</div></dd></dl></div>';
    const titles = Array.from(document.querySelectorAll('.t'));
    expect(scopeFor(document, titles).id).toBe('page');
    expect(scopeFor(document, [])).toBe(document.body);
  });
});
