import { describe, expect, it } from 'vitest';
import type { Result } from '../../lib/messaging/protocol';
import { parseRequest } from '../../lib/messaging/validate';
import type { DetectedPaper } from '../../lib/model';
import { createRouter, type Sender } from '../../lib/service/router';
import type { Pusher } from '../../lib/service/push';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import type { LookupResult, ReportResult, StatusChange } from '../../lib/messaging/protocol';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('library-requests-test');
const LIST = 'https://arxiv.org/list/cs.LG/new';
const T0 = Date.UTC(2026, 10, 1, 9);

function paper(n: number): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return { id, aliases: [id], title: `Paper ${n}`, authors: ['A'], links: {} };
}

const tab1: Sender = { tabId: 1, url: LIST, fromExtensionPage: false };
const sidePanel: Sender = { url: 'chrome-extension://abcdefghijklmnop/sidepanel.html', fromExtensionPage: true };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

async function setup() {
  const db = scratchDb();
  const pushed: StatusChange[] = [];
  const pusher: Pusher = {
    statusChanged: async (changes) => void pushed.push(...changes),
    tabReported: async () => undefined,
  };
  let clock = T0;
  const router = createRouter({ db, tabs: createTabPapers(memoryArea()), now: () => (clock += 1000), pusher });
  value(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1));
  return { db, router, pushed };
}

const REQUESTS: [string, unknown][] = [
  ['library.setNote', { id: 'arxiv:2405.00001', note: 'x' }],
  ['library.setTags', { ids: ['arxiv:2405.00001'], tags: ['a'] }],
  ['library.addTags', { ids: ['arxiv:2405.00001'], tags: ['a'] }],
  ['library.removeTags', { ids: ['arxiv:2405.00001'], tags: ['a'] }],
  ['library.merge', { keep: 'arxiv:2405.00001', absorb: 'arxiv:2405.00002' }],
  ['library.split', { id: 'arxiv:2405.00001', aliases: ['doi:10.1145/3368089'] }],
  ['library.notAPaper', { ids: ['arxiv:2405.00001'] }],
  ['library.snapshotRecords', { ids: ['arxiv:2405.00001'] }],
  ['library.restoreRecords', { records: [], expect: [] }],
];

describe('library requests: privilege', () => {
  for (const [type, data] of REQUESTS) {
    it(`refuses ${type} from a content script, even for a paper on its own tab`, async () => {
      const { router, db } = await setup();
      const before = await db.papers.toArray();
      const result = await router.handle(type, data, tab1);
      expect(result).toEqual({ ok: false, error: `Not allowed: ${type} comes only from the extension's pages` });
      expect(await db.papers.toArray()).toEqual(before);
    });
  }
});

describe('library requests: validation', () => {
  it('names the path of a bad value', () => {
    const tags = parseRequest('library.addTags', { ids: ['arxiv:1'], tags: ['ok', 3] });
    expect(tags).toEqual({ ok: false, error: 'Invalid library.addTags request: tags[1]: expected a string' });
    const ids = parseRequest('library.addTags', { ids: [], tags: ['ok'] });
    expect(ids).toEqual({ ok: false, error: 'Invalid library.addTags request: ids: expected at least one id' });
    const note = parseRequest('library.setNote', { id: 'arxiv:1', note: 'x'.repeat(1_000_001) });
    expect(note.ok ? '' : note.error).toMatch(/^Invalid library.setNote request: note: at most 1000000 characters/);
    const merge = parseRequest('library.merge', { keep: 'not an id', absorb: 'arxiv:1' });
    expect(merge.ok ? '' : merge.error).toMatch(/keep: expected an id/);
  });

  it('refuses an undo whose records are not records', () => {
    const bad = parseRequest('library.restoreRecords', {
      records: [{ paper: { id: 'arxiv:1', aliases: ['arxiv:1'], title: 'T', links: { abs: 'javascript:alert(1)' } } }],
      expect: [{ id: 'arxiv:1', version: 5 }],
    });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error).toMatch(/records\[0\]\.paper/);
  });
});

describe('library requests: from the side panel', () => {
  it('tags, merges and undoes, pushing the changes to tabs', async () => {
    const { router, db, pushed } = await setup();
    const tagged = value(await router.handle('library.addTags', { ids: ['arxiv:2405.00001', 'arxiv:2405.00002'], tags: ['rl'] }, sidePanel));
    expect((tagged as { changed: string[] }).changed).toHaveLength(2);

    const merge = value(await router.handle('library.merge', { keep: 'arxiv:2405.00001', absorb: 'arxiv:2405.00002' }, sidePanel)) as {
      kept: { id: string; aliases: string[] };
      undo: unknown;
    };
    // Both were first seen at once: the better ranked id stays, as when recording merges them.
    expect([...merge.kept.aliases].sort()).toEqual(['arxiv:2405.00001', 'arxiv:2405.00002']);
    expect(pushed.at(-1)).toEqual({ id: merge.kept.id, aliases: merge.kept.aliases, status: 'seen' });
    expect(await db.papers.count()).toBe(1);

    // The undo token survives the trip through the protocol (validated like any request).
    const undone = value(await router.handle('library.restoreRecords', merge.undo, sidePanel));
    expect((undone as { restored: string[] }).restored.sort()).toEqual(['arxiv:2405.00001', 'arxiv:2405.00002']);
    expect(await db.papers.count()).toBe(2);

    const again = await router.handle('library.restoreRecords', merge.undo, sidePanel);
    expect(again.ok ? '' : again.error).toMatch(/changed since|recorded again/);
  });

  it('refuses a split of ids the record does not have, with a readable error', async () => {
    const { router } = await setup();
    const result = await router.handle('library.split', { id: 'arxiv:2405.00001', aliases: ['doi:10.1145/3368089'] }, sidePanel);
    expect(result).toEqual({ ok: false, error: 'doi:10.1145/3368089 is not an id of arxiv:2405.00001' });
  });

  it('marks not a paper: the tab hears of the deletion and a new report does not create it', async () => {
    const { router, db, pushed } = await setup();
    value(await router.handle('library.notAPaper', { ids: ['arxiv:2405.00002'] }, sidePanel));
    expect(pushed.at(-1)).toEqual({ id: 'arxiv:2405.00002', aliases: ['arxiv:2405.00002'], status: null });
    const report = value(await router.handle('page.report', { url: LIST, entries: [paper(1), paper(2)] }, tab1)) as ReportResult;
    expect(report.states[1]).toEqual({ recordId: 'arxiv:2405.00002', status: 'dismissed', created: false, newSinceVisit: false, notPaper: true });
    expect(await db.papers.get('arxiv:2405.00002')).toBeUndefined();
    const lookup = value(
      await router.handle('page.lookup', { url: LIST, entries: [['arxiv:2405.00001'], ['arxiv:2405.00002'], ['arxiv:2405.00009']] }, tab1),
    ) as LookupResult;
    expect(lookup.states.map((s) => s.status)).toEqual(['seen', 'dismissed', null]);
  });
});
