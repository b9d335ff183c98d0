/** Storage failures are told apart and described with recovery steps; the library page shows them. */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { StorageGuard } from '../../components/StorageGuard';
import type { LecternDB } from '../../lib/db/schema';
import { describeStorageProblem, kindOf } from '../../lib/safety/problems';

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('describeStorageProblem', () => {
  it('tells the kinds apart from Dexie and IndexedDB errors', () => {
    expect(kindOf(named('QuotaExceededError', 'The quota has been exceeded.'))).toBe('quota');
    expect(kindOf(Object.assign(named('AbortError', 'Transaction aborted'), { inner: named('QuotaExceededError', 'x') }))).toBe('quota');
    expect(kindOf(named('VersionError', 'The requested version (10) is less than the existing version (20).'))).toBe('version');
    expect(kindOf(named('OpenFailedError', 'UnknownError Internal error opening backing store'))).toBe('open');
    expect(kindOf('blocked')).toBe('blocked');
    expect(kindOf(new Error('Not allowed: x is not on this tab'))).toBe('other');
  });

  it('says nothing already saved was lost, and what to do', () => {
    const quota = describeStorageProblem(named('QuotaExceededError', 'x'));
    expect(quota.title).toMatch(/disk is full/);
    expect(quota.detail).toMatch(/Nothing already saved was lost/);
    expect(quota.steps.length).toBeGreaterThanOrEqual(2);
    expect(describeStorageProblem('blocked').steps[0]).toMatch(/Close the other Lectern tabs/);
  });
});

describe('StorageGuard', () => {
  it('shows the problem and its steps instead of the page when the library cannot open', async () => {
    const handlers = { blocked: [] as unknown[], versionchange: [] as unknown[] };
    const on = ((event: 'blocked' | 'versionchange', fn?: unknown) => {
      if (fn) handlers[event].push(fn);
      return { unsubscribe: () => undefined };
    }) as unknown as LecternDB['on'];
    const db = { on, open: () => Promise.reject(named('OpenFailedError', 'UnknownError backing store')) } as unknown as LecternDB;
    const root = document.createElement('div');
    document.body.append(root);
    render(
      <StorageGuard db={db}>
        <p id="library">the library</p>
      </StorageGuard>,
      root,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(root.querySelector('#library')).toBeNull();
    const alert = root.querySelector('[role=alert]');
    expect(alert?.getAttribute('data-problem')).toBe('open');
    expect(alert?.textContent).toMatch(/could not open its library/);
    expect(alert?.textContent).toMatch(/Restart the browser/);
    render(null, root);
  });
});
