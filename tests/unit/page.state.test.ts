/** The rules of on-page triage (`lib/page/state.ts`): what each badge shows, what counts as new, undo. */
import { describe, expect, it } from 'vitest';
import type { DetectedPaper } from '../../lib/model';
import { badgeState, isNew, PageState } from '../../lib/page/state';

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id], title: `Paper ${n}`, authors: [], links: { abs: `https://arxiv.org/abs/2405.0000${n}` } };
}

const keys = (...ns: number[]) => ns.map((n) => paper(n).id);

/** A page of papers 1–5: 1 and 2 unknown to the library, 3 seen before, 4 being read, 5 dismissed. */
function page(newSinceVisit = false) {
  const state = new PageState();
  state.add([1, 2, 3, 4, 5].map(paper));
  state.applyLookup(keys(1, 2, 3, 4, 5), [
    { recordId: 'arxiv:2405.00001', status: null, newSinceVisit },
    { recordId: 'arxiv:2405.00002', status: null, newSinceVisit },
    { recordId: 'arxiv:2405.00003', status: 'seen', newSinceVisit },
    { recordId: 'arxiv:2405.00004', status: 'reading', newSinceVisit: false },
    { recordId: 'arxiv:2405.00005', status: 'dismissed', newSinceVisit },
  ]);
  return state;
}

describe('not a paper', () => {
  it('an entry the user called not a paper gets no badge and does not count as new', () => {
    const state = page();
    state.applyReport(keys(1, 2, 3, 4, 5), [
      { recordId: 'arxiv:2405.00001', status: 'dismissed', created: false, newSinceVisit: false, notPaper: true },
      { recordId: 'arxiv:2405.00002', status: 'seen', created: true, newSinceVisit: false },
      { recordId: 'arxiv:2405.00003', status: 'seen', created: false, newSinceVisit: false },
      { recordId: 'arxiv:2405.00004', status: 'reading', created: false, newSinceVisit: false },
      { recordId: 'arxiv:2405.00005', status: 'dismissed', created: false, newSinceVisit: false },
    ]);
    expect(state.shown.map((e) => e.key)).toEqual(keys(2, 3, 4, 5));
    expect(state.entries.filter(isNew).map((e) => e.key)).toEqual(keys(2));
    expect(state.counts()).toEqual({ total: 4, fresh: 1 });
  });
});

describe('badge state', () => {
  it('is `new` while untriaged and created by this page load, else the stored status', () => {
    expect(badgeState({ status: 'seen', created: true })).toBe('new');
    expect(badgeState({ status: 'seen', created: false })).toBe('seen');
    expect(badgeState({ status: 'unread', created: true })).toBe('unread');
    expect(badgeState({ status: 'dismissed', created: false })).toBe('dismissed');
  });

  it('first visit: unknown papers show `new` before recording; the report confirms', () => {
    const state = page();
    expect(state.entries.map(badgeState)).toEqual(['new', 'new', 'seen', 'reading', 'dismissed']);
    const changed = state.applyReport(keys(1, 2, 3, 4, 5), [
      { recordId: 'arxiv:2405.00001', status: 'seen', created: true, newSinceVisit: false },
      // Another tab recorded it meanwhile: this page load did not create it.
      { recordId: 'arxiv:2405.00002', status: 'seen', created: false, newSinceVisit: false },
      { recordId: 'arxiv:2405.00003', status: 'seen', created: false, newSinceVisit: false },
      { recordId: 'arxiv:2405.00004', status: 'reading', created: false, newSinceVisit: false },
      { recordId: 'arxiv:2405.00005', status: 'dismissed', created: false, newSinceVisit: false },
    ]);
    expect(changed.map((e) => e.key)).toEqual(keys(2));
    expect(state.entries.map(badgeState)).toEqual(['new', 'seen', 'seen', 'reading', 'dismissed']);
    expect(state.entries.every((e) => e.recorded)).toBe(true);
  });

  it('second visit: nothing is new, and entries absent last time are marked', () => {
    const state = new PageState();
    state.add([1, 2, 3].map(paper));
    state.applyLookup(keys(1, 2, 3), [
      { recordId: 'arxiv:2405.00001', status: 'seen', newSinceVisit: false },
      { recordId: 'arxiv:2405.00002', status: 'unread', newSinceVisit: false },
      { recordId: 'arxiv:2405.00003', status: 'seen', newSinceVisit: true },
    ]);
    expect(state.entries.map(badgeState)).toEqual(['seen', 'unread', 'seen']);
    expect(state.entries.map((e) => e.newSinceVisit)).toEqual([false, false, true]);
    expect(state.counts()).toEqual({ total: 3, fresh: 1 });
  });

  it('an entry whose state is not known yet shows nothing and counts as nothing new', () => {
    const state = new PageState();
    state.add([paper(1)]);
    expect(state.entries[0]!.known).toBe(false);
    expect(isNew(state.entries[0]!)).toBe(false);
    expect(state.counts()).toEqual({ total: 1, fresh: 0 });
  });
});

describe('Save all new / Dismiss all new', () => {
  it('choose only untriaged (`seen`) papers that are new to this page load', () => {
    const state = page();
    // 3 is seen but was met before (not new here); 4 and 5 were triaged.
    expect(state.newRecordIds()).toEqual(keys(1, 2));
    expect(state.counts()).toEqual({ total: 5, fresh: 2 });
  });

  it('include untriaged papers absent at the previous visit', () => {
    const state = page(true);
    expect(state.newRecordIds()).toEqual(keys(1, 2, 3));
  });

  it('never include a paper being read, read or dismissed, even new since the last visit', () => {
    const state = page(true);
    state.setStatus(keys(1), 'read');
    expect(state.newRecordIds()).toEqual(keys(2, 3));
    expect(state.newRecordIds()).not.toContain('arxiv:2405.00004');
    expect(state.newRecordIds()).not.toContain('arxiv:2405.00005');
  });

  it('count each record once when two entries show it', () => {
    const state = new PageState();
    const a = paper(1);
    const b: DetectedPaper = { ...paper(9), aliases: ['arxiv:2405.00009', 'doi:10.1/x'] };
    state.add([a, b]);
    state.applyLookup([a.id, b.id], [
      { recordId: 'arxiv:2405.00001', status: null, newSinceVisit: false },
      { recordId: 'arxiv:2405.00001', status: null, newSinceVisit: false },
    ]);
    expect(state.newRecordIds()).toEqual(['arxiv:2405.00001']);
    expect(state.counts()).toEqual({ total: 1, fresh: 1 });
  });
});

describe('changes and undo', () => {
  it('pushed changes update every entry of the record, matched by any alias; deletions hide them', () => {
    const state = page();
    const changed = state.applyChanges([
      { id: 'arxiv:2405.00003', aliases: ['arxiv:2405.00003'], status: 'read' },
      { id: 'doi:10.1/merged', aliases: ['doi:10.1/merged', 'arxiv:2405.00001'], status: 'unread' },
      { id: 'arxiv:2405.00002', aliases: [], status: null },
      { id: 'arxiv:9999.99999', aliases: [], status: 'read' },
    ]);
    expect(changed.map((e) => e.key)).toEqual(keys(1, 2, 3));
    expect(state.get('arxiv:2405.00001')).toMatchObject({ recordId: 'doi:10.1/merged', status: 'unread' });
    expect(state.get('arxiv:2405.00002')!.deleted).toBe(true);
    expect(state.shown.map((e) => e.key)).toEqual(keys(1, 3, 4, 5));
    // The same change again changes nothing.
    expect(state.applyChanges([{ id: 'arxiv:2405.00003', aliases: [], status: 'read' }])).toEqual([]);
  });

  it('undo reverts the last action first, only for papers still as the action left them', () => {
    const state = page();
    state.pushUndo({ recordIds: keys(1, 2), from: 'seen', to: 'unread' });
    state.pushUndo({ recordIds: keys(4), from: 'reading', to: 'read' });
    state.pushUndo({ recordIds: [], from: 'seen', to: 'dismissed' });
    state.pushUndo({ recordIds: keys(3), from: 'seen', to: 'seen' });
    expect(state.canUndo).toBe(true);
    expect(state.popUndo()).toEqual({ recordIds: keys(4), status: 'reading', onlyFrom: 'read' });
    expect(state.popUndo()).toEqual({ recordIds: keys(1, 2), status: 'seen', onlyFrom: 'unread' });
    expect(state.popUndo()).toBeUndefined();
    expect(state.canUndo).toBe(false);
  });

  it('forgets entries the page no longer shows, and everything on another page', () => {
    const state = page();
    state.remove(keys(2, 4));
    expect(state.entries.map((e) => e.key)).toEqual(keys(1, 3, 5));
    state.pushUndo({ recordIds: keys(1), from: 'seen', to: 'read' });
    state.clear();
    expect(state.entries).toEqual([]);
    expect(state.canUndo).toBe(false);
  });
});

describe('withRetry', () => {
  it('sends again after a lost message, never after a refusal', async () => {
    const { withRetry } = await import('../../lib/page/retry');
    const { RequestRefused } = await import('../../lib/messaging/client');
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    let calls = 0;
    await expect(
      withRetry(async () => {
        if (++calls < 3) throw new Error('Could not establish connection');
        return 'ok';
      }, sleep),
    ).resolves.toBe('ok');
    expect(sleeps).toEqual([250, 1_000]);
    calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new RequestRefused('Not allowed');
      }, sleep),
    ).rejects.toThrow('Not allowed');
    expect(calls).toBe(1);
    await expect(withRetry(async () => Promise.reject(new Error('lost')), sleep)).rejects.toThrow('lost');
  });
});
