import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PaperDetail } from '../../components/PaperDetail';
import type { request as protocolRequest } from '../../lib/messaging/client';
import { recordBatch } from '../../lib/db/record';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('detail-view-test');

async function until<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never appeared: ${what}`);
}

/** Lets Preact apply the state set by an event before the next one. */
const rendered = () => new Promise((r) => setTimeout(r, 20));

afterEach(() => render(null, document.body));

async function mount(request: typeof protocolRequest, onBack: () => void = () => undefined) {
  const db = scratchDb();
  await recordBatch(db, {
    url: 'https://arxiv.org/list/cs.LG/new',
    entries: [{ id: 'arxiv:2405.00001', aliases: ['arxiv:2405.00001'], title: 'Paper 1', authors: ['A'], links: {} }],
    now: Date.UTC(2026, 10, 1),
  });
  render(<PaperDetail db={db} id="arxiv:2405.00001" onStatus={() => undefined} onBack={onBack} request={request} />, document.body);
  await until(() => document.querySelector('#paper-title'), 'the title');
}

describe('PaperDetail', () => {
  it('shows a refused edit as an error, never silently', async () => {
    const refusing = (async () => {
      throw new Error('The library is busy');
    }) as unknown as typeof protocolRequest;
    await mount(refusing);
    const input = document.querySelector<HTMLInputElement>('#tag-input')!;
    input.value = 'rl';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    document.querySelector<HTMLFormElement>('.tag-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const alert = await until(() => document.querySelector('[role="alert"]'), 'the error');
    expect(alert.textContent).toContain('Adding tags failed: The library is busy');
  });

  it('sends the tags typed, focuses the tag input on t and goes back on Esc', async () => {
    const sent: [string, unknown][] = [];
    const recording = (async (type: string, data: unknown) => {
      sent.push([type, data]);
      return { changed: [], undo: { records: [], expect: [] } };
    }) as unknown as typeof protocolRequest;
    let back = 0;
    await mount(recording, () => void (back += 1));

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 't', bubbles: true }));
    expect(document.activeElement?.id).toBe('tag-input');
    const input = document.querySelector<HTMLInputElement>('#tag-input')!;
    input.value = 'rl, to cite';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    document.querySelector<HTMLFormElement>('.tag-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await until(() => sent.length > 0, 'the request');
    expect(sent).toEqual([['library.addTags', { ids: ['arxiv:2405.00001'], tags: ['rl', 'to cite'] }]]);

    // Esc in a field only leaves the field; Esc outside goes back.
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(back).toBe(0);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(back).toBe(1);
  });
});
