import { describe, expect, it } from 'vitest';
import type { RequestData, RequestType, Result } from '../../lib/messaging/protocol';
import { LIMITS, isRequestType, parsePush, parseRequest } from '../../lib/messaging/validate';
import type { DetectedPaper } from '../../lib/model';
import { GOOD_HIGHLIGHT_REQUESTS } from '../helpers/highlight-requests';

function entry(n: number, over: Partial<DetectedPaper> = {}): DetectedPaper {
  const id = `arxiv:2405.0000${n}`;
  return {
    id,
    aliases: [id],
    title: `Paper ${n}`,
    authors: ['A. One'],
    links: { abs: `https://arxiv.org/abs/2405.0000${n}` },
    ...over,
  };
}

function error(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('parseRequest: good requests', () => {
  const good: { [K in RequestType]: RequestData<K> } = {
    ...GOOD_HIGHLIGHT_REQUESTS,
    'page.report': {
      url: 'https://arxiv.org/list/cs.LG/new',
      entries: [
        entry(1, {
          abstract: 'Text.',
          published: '2024-05-02',
          venue: 'NeurIPS',
          version: 3,
          links: { abs: 'https://arxiv.org/abs/2405.00001', pdf: 'http://arxiv.org/pdf/2405.00001' },
        }),
        entry(2, { authors: [] }),
      ],
    },
    'page.lookup': {
      url: 'https://arxiv.org/list/cs.LG/new',
      entries: [['arxiv:2405.00001', 'url:https://arxiv.org/abs/2405.00001'], ['doi:10.1145/3368089']],
      more: true,
    },
    'page.states': { ids: ['arxiv:2405.00001', 'doi:10.1145/3368089'] },
    'page.setStatus': { id: 'arxiv:2405.00001', status: 'reading' },
    'page.saveAll': {},
    'page.setStatuses': { ids: ['arxiv:2405.00001'], status: 'dismissed', from: ['seen'] },
    'page.openInLibrary': { id: 'arxiv:2405.00001' },
    'tab.papers': { tabId: 12 },
    'tab.saveAll': { tabId: 0 },
    'library.setStatus': { ids: ['url:https://example.org/p'], status: 'dismissed' },
    'data.restoreSafetyCopy': {},
    'data.dismissLoss': {},
    'library.delete': { ids: [] },
    'tab.detect': { tabId: 3 },
    'site.register': { origin: 'https://lab.example.org/*', tabId: 3 },
    'site.unregister': { origin: 'http://lab.example.org:8080/*' },
    'page.save': { url: 'https://arxiv.org/list/cs.LG/new', entries: [entry(1)], status: 'unread' },
    'housekeeping.run': { action: 'forgetSeenOlderThan', days: 30 },
    'housekeeping.undo': { token: 'f3a1c2d4-0000-4000-8000-000000000000' },
    'page.snapshot.save': {
      url: 'https://arxiv.org/html/2405.00001v1',
      title: 'Paper 1',
      content: '<p>Text.</p>',
      text: 'Text.',
      droppedImages: 2,
    },
    'snapshot.delete': { paperId: 'arxiv:2405.00001' },
    'library.setNote': { id: 'arxiv:2405.00001', note: 'Read **section 3**.' },
    'library.setTags': { ids: ['arxiv:2405.00001'], tags: ['rl', 'to cite'] },
    'library.addTags': { ids: ['arxiv:2405.00001', 'doi:10.1145/3368089'], tags: ['rl'] },
    'library.removeTags': { ids: ['arxiv:2405.00001'], tags: ['rl'] },
    'library.merge': { keep: 'arxiv:2405.00001', absorb: 'doi:10.1145/3368089' },
    'library.split': { id: 'arxiv:2405.00001', aliases: ['doi:10.1145/3368089'] },
    'library.notAPaper': { ids: ['url:https://example.org/about'] },
    'library.snapshotRecords': { ids: [] },
    'library.restoreRecords': {
      records: [
        {
          paper: {
            id: 'arxiv:2405.00001',
            aliases: ['arxiv:2405.00001'],
            title: 'Paper 1',
            authors: [],
            links: {},
            status: 'read',
            tags: ['rl'],
            note: '',
            firstSeenAt: 1,
            lastSeenAt: 2,
            updatedAt: 3,
          },
          sightings: [{ paperId: 'arxiv:2405.00001', page: 'https://arxiv.org/list/cs.LG/new', firstAt: 1 }],
          highlights: [],
          snapshot: null,
        },
      ],
      expect: [
        { id: 'arxiv:2405.00001', version: '3:1' },
        { id: 'doi:10.1145/3368089', version: null },
      ],
    },
  };

  for (const [type, data] of Object.entries(good)) {
    it(`accepts ${type}`, () => {
      const result = parseRequest(type, data);
      expect(result).toEqual({ ok: true, value: data });
    });
  }

  it('accepts page.saveAll without data', () => {
    expect(parseRequest('page.saveAll', undefined)).toEqual({ ok: true, value: {} });
  });

  it('drops unknown keys', () => {
    const result = parseRequest('page.setStatus', { id: 'arxiv:1', status: 'read', admin: true });
    expect(result).toEqual({ ok: true, value: { id: 'arxiv:1', status: 'read' } });
    const report = parseRequest('page.report', {
      url: 'https://arxiv.org/',
      entries: [{ ...entry(1), status: 'read', note: 'x' }],
    });
    expect(report.ok && Object.keys(report.value.entries[0]!)).not.toContain('status');
  });

  it('trims titles', () => {
    const result = parseRequest('page.report', { url: 'https://arxiv.org/', entries: [entry(1, { title: '  Spaced  ' })] });
    expect(result.ok && result.value.entries[0]!.title).toBe('Spaced');
  });

  it('knows every request type and no other', () => {
    expect(isRequestType('library.delete')).toBe(true);
    expect(isRequestType('toString')).toBe(false);
    expect(isRequestType('constructor')).toBe(false);
    expect(isRequestType(42)).toBe(false);
  });
});

describe('parseRequest: bad requests', () => {
  it('refuses an unknown type', () => {
    expect(error(parseRequest('library.dropAll', {}))).toMatch(/Unknown request type: "library.dropAll"/);
  });

  it('names the path of a too long title', () => {
    const entries = [entry(1), entry(2), entry(3), entry(4, { title: 'x'.repeat(LIMITS.title + 1) })];
    expect(error(parseRequest('page.report', { url: 'https://arxiv.org/', entries }))).toBe(
      'Invalid page.report request: entries[3].title: at most 2000 characters',
    );
  });

  it('refuses an empty title', () => {
    expect(error(parseRequest('page.report', { url: 'https://arxiv.org/', entries: [entry(1, { title: ' ' })] }))).toContain(
      'entries[0].title: must not be empty',
    );
  });

  it('bounds abstracts, authors and entries', () => {
    const url = 'https://arxiv.org/';
    expect(error(parseRequest('page.report', { url, entries: [entry(1, { abstract: 'a'.repeat(20_001) })] }))).toContain(
      'entries[0].abstract: at most 20000 characters',
    );
    const authors = Array.from({ length: 5_001 }, (_, i) => `Author ${i}`);
    expect(error(parseRequest('page.report', { url, entries: [entry(1, { authors })] }))).toContain(
      'entries[0].authors: at most 5000 items',
    );
    expect(parseRequest('page.report', { url, entries: [entry(1, { authors: authors.slice(1) })] }).ok).toBe(true);
    const entries = Array.from({ length: 5_001 }, () => entry(1));
    expect(error(parseRequest('page.report', { url, entries }))).toContain('entries: at most 5000 items');
  });

  it('refuses ids without a namespace or too long', () => {
    expect(error(parseRequest('page.states', { ids: ['arxiv:1', '2405.01234'] }))).toContain(
      'ids[1]: expected an id of the form namespace:value',
    );
    expect(error(parseRequest('page.states', { ids: ['ARXIV:1'] }))).toContain('ids[0]');
    expect(error(parseRequest('page.states', { ids: [`url:${'x'.repeat(2_048)}`] }))).toContain(
      'ids[0]: at most 2048 characters',
    );
    expect(error(parseRequest('page.report', { url: 'https://a.org/', entries: [entry(1, { aliases: ['x'] })] }))).toContain(
      'entries[0].aliases[0]',
    );
  });

  it('accepts only http(s) URLs', () => {
    expect(error(parseRequest('page.report', { url: 'javascript:alert(1)', entries: [] }))).toBe(
      'Invalid page.report request: url: expected an http(s) URL',
    );
    expect(error(parseRequest('page.report', { url: 'file:///etc/passwd', entries: [] }))).toContain('url:');
    expect(
      error(parseRequest('page.report', { url: 'https://a.org/', entries: [entry(1, { links: { pdf: 'javascript:x' } })] })),
    ).toContain('entries[0].links.pdf: expected an http(s) URL');
  });

  it('accepts statuses from STATUSES only', () => {
    expect(error(parseRequest('page.setStatus', { id: 'arxiv:1', status: 'archived' }))).toContain(
      'status: expected one of seen, unread, reading, read, dismissed',
    );
    expect(error(parseRequest('library.setStatus', { ids: ['arxiv:1'] }))).toContain('status:');
  });

  it('checks types and shapes', () => {
    expect(error(parseRequest('tab.papers', { tabId: '3' }))).toContain('tabId: expected a number');
    expect(error(parseRequest('tab.papers', { tabId: 1.5 }))).toContain('tabId: expected an integer');
    expect(error(parseRequest('tab.papers', { tabId: -1 }))).toContain('tabId');
    expect(error(parseRequest('library.delete', null))).toBe('Invalid library.delete request: expected an object');
    expect(error(parseRequest('library.delete', { ids: 'arxiv:1' }))).toContain('ids: expected an array');
    expect(error(parseRequest('page.report', { url: 'https://a.org/', entries: [entry(1, { version: 0 })] }))).toContain(
      'entries[0].version',
    );
    expect(
      error(parseRequest('page.report', { url: 'https://a.org/', entries: [entry(1, { published: 'May 2024' })] })),
    ).toContain('entries[0].published: expected YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('reports at most three issues', () => {
    const message = error(parseRequest('page.states', { ids: ['a', 'b', 'c', 'd', 'e'] }));
    expect(message).toMatch(/ids\[0\].*ids\[1\].*ids\[2\].*\(and 2 more\)$/);
  });
});

describe('parseRequest: triage requests', () => {
  it('page.lookup: each entry is a non-empty list of ids, bounded; `more` is a boolean', () => {
    const url = 'https://arxiv.org/list/cs.LG/new';
    expect(parseRequest('page.lookup', { url, entries: [] }).ok).toBe(true);
    expect(error(parseRequest('page.lookup', { url, entries: [[]] }))).toContain('entries[0]: expected at least one id');
    expect(error(parseRequest('page.lookup', { url, entries: [['arxiv:1', 'nope']] }))).toContain('entries[0][1]');
    expect(error(parseRequest('page.lookup', { url, entries: [['arxiv:1']], more: 'yes' }))).toContain('more: expected a boolean');
    const tooMany = Array.from({ length: LIMITS.entries + 1 }, () => ['arxiv:1']);
    expect(error(parseRequest('page.lookup', { url, entries: tooMany }))).toContain('entries: at most 5000 items');
    expect(error(parseRequest('page.lookup', { url: 'javascript:1', entries: [] }))).toContain('url: expected an http(s) URL');
  });

  it('page.setStatuses: statuses from STATUSES, ids bounded', () => {
    expect(error(parseRequest('page.setStatuses', { ids: ['arxiv:1'], status: 'read', from: ['new'] }))).toContain('from[0]');
    expect(error(parseRequest('page.setStatuses', { ids: ['arxiv:1'], status: 'gone' }))).toContain('status:');
    const ids = Array.from({ length: LIMITS.entries + 1 }, (_, i) => `arxiv:${i}`);
    expect(error(parseRequest('page.setStatuses', { ids, status: 'read' }))).toContain('ids: at most 5000 items');
  });

  it('page.openInLibrary: one id', () => {
    expect(error(parseRequest('page.openInLibrary', { id: '2405.00001' }))).toContain('id:');
    expect(error(parseRequest('page.openInLibrary', {}))).toContain('id:');
  });
});

describe('parseRequest: site requests', () => {
  it('site.register and site.unregister take one site origin, nothing broader', () => {
    for (const origin of ['<all_urls>', 'https://*/*', 'https://*.example.org/*', 'https://lab.example.org/papers/*', 'ftp://lab.example.org/*', 'https://lab.example.org', '']) {
      expect(error(parseRequest('site.register', { origin })), origin).toMatch(/^Invalid site\.register request: origin: /);
      expect(parseRequest('site.unregister', { origin }).ok, origin).toBe(false);
    }
  });

  it('tab.detect takes a tab id', () => {
    expect(error(parseRequest('tab.detect', { tabId: -1 }))).toContain('tabId');
    expect(parseRequest('tab.detect', {}).ok).toBe(false);
  });
});

describe('parsePush', () => {
  const push = {
    lectern: 'push',
    type: 'page.statusChanged',
    data: { changes: [{ id: 'arxiv:1', aliases: ['arxiv:1', 'doi:10.1/x'], status: 'read' }, { id: 'arxiv:2', aliases: [], status: null }] },
  };

  it('accepts a status change push, deletions included, and drops unknown keys', () => {
    expect(parsePush(push)).toEqual({ ok: true, value: push });
    const extra = parsePush({ ...push, data: { changes: [{ ...push.data.changes[0], title: '<img>' }] }, x: 1 });
    expect(extra.ok && extra.value).toEqual({ lectern: 'push', type: 'page.statusChanged', data: { changes: [push.data.changes[0]] } });
  });

  it('refuses anything else', () => {
    expect(error(parsePush(undefined))).toBe('Not a push');
    expect(error(parsePush({ type: 'page.statusChanged', data: push.data }))).toBe('Not a push');
    expect(error(parsePush({ ...push, type: 'page.eval' }))).toMatch(/Unknown push type/);
    expect(error(parsePush({ ...push, type: 'toString' }))).toMatch(/Unknown push type/);
    expect(error(parsePush({ ...push, data: { changes: [{ id: 'arxiv:1', aliases: [], status: 'archived' }] } }))).toContain(
      'changes[0].status',
    );
    expect(error(parsePush({ ...push, data: { changes: [{ id: 'x', aliases: [], status: 'read' }] } }))).toContain('changes[0].id');
  });
});
