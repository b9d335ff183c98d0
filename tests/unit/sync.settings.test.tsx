/** The settings page's sync section: what is synced, the room left, and the papers left out with why. */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncSettings } from '../../components/options/SyncSettings';
import { withNote } from '../../lib/db/changes';
import { withStatus } from '../../lib/db/papers';
import { dropDbs, freshDb, paperRecord, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe('SyncSettings', () => {
  it('shows the switch, counts, room left and every left-out paper with its reason', async () => {
    const db = freshDb('sync-ui');
    const id = (n: number) => `arxiv:2401.${String(n).padStart(5, '0')}`;
    await db.papers.bulkPut([
      withStatus(paperRecord({ id: id(1), aliases: [id(1)], title: 'To read' }), 'unread', T0 + 1)!,
      withNote(paperRecord({ id: id(2), aliases: [id(2)], title: 'Long note' }), 'x'.repeat(9_000), T0 + 2)!,
      paperRecord({ id: id(3), aliases: [id(3)], title: 'Only seen' }),
    ]);
    const host = document.createElement('div');
    document.body.append(host);
    const changes: boolean[] = [];
    render(<SyncSettings db={db} enabled={false} onChange={(on) => changes.push(on)} />, host);
    await until(() => host.querySelector('[data-count="sync-synced"]')?.textContent === '1');
    expect(host.querySelector('[data-count="sync-left-out"]')!.textContent).toBe('1');
    expect(host.querySelector('[data-count="sync-room"]')!.textContent).toMatch(/KB of 100\.0 KB \(\d+\.\d KB left\)/);
    expect(host.textContent).toMatch(/Not synced: papers only\s+seen, abstracts/);
    const leftOut = host.querySelector('.sync-left-out li')!.textContent!;
    expect(leftOut).toContain('Long note');
    expect(leftOut).toContain('note is too long');
    const box = host.querySelector<HTMLInputElement>('input[name="syncEnabled"]')!;
    expect(box.checked).toBe(false);
    box.click();
    expect(changes).toEqual([true]);
    render(null, host);
    host.remove();
  });
});
