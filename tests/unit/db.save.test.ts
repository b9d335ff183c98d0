import { describe, expect, it } from 'vitest';
import { applyStatus } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { saveEntries } from '../../lib/db/save';
import { paperFromLink, titleFromLinkText } from '../../lib/link-paper';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('save-test');
const T0 = Date.UTC(2026, 5, 1);

describe('a link as a paper', () => {
  it.each([
    ['https://arxiv.org/abs/2405.01234v2', 'Attention Is All You Need', 'arxiv:2405.01234', 'Attention Is All You Need'],
    ['https://arxiv.org/pdf/2405.01234', 'PDF', 'arxiv:2405.01234', 'arXiv:2405.01234'],
    ['https://huggingface.co/papers/2405.01234', 'arXiv:2405.01234', 'arxiv:2405.01234', 'arXiv:2405.01234'],
    ['https://doi.org/10.1145/3368089.3409741', 'https://doi.org/10.1145/3368089.3409741', 'doi:10.1145/3368089.3409741', undefined],
    ['https://openreview.net/forum?id=abcDEF12345', '  Scaling   laws\nfor neural models ', 'openreview:abcDEF12345', 'Scaling laws for neural models'],
    ['https://aclanthology.org/2021.naacl-main.208/', '[bib]', 'acl:2021.naacl-main.208', undefined],
  ])('%s "%s" → %s', (url, text, id, title) => {
    const entry = paperFromLink(url, text);
    expect(entry?.id).toBe(id);
    expect(entry?.aliases).toContain(id);
    if (title !== undefined) expect(entry?.title).toBe(title);
    else expect(entry?.title).not.toBe(text);
    expect(entry?.authors).toEqual([]);
  });

  it('names no paper for links that are not papers', () => {
    expect(paperFromLink('https://arxiv.org/list/cs.LG/recent', 'Machine learning')).toBeNull();
    expect(paperFromLink('https://huggingface.co/papers', 'Daily papers')).toBeNull();
    expect(paperFromLink('javascript:alert(1)', 'A real looking title')).toBeNull();
  });

  it('takes link texts as titles only when they look like one', () => {
    expect(titleFromLinkText('Deep Residual Learning for Image Recognition')).toBe('Deep Residual Learning for Image Recognition');
    for (const text of ['pdf', '[PDF]', 'arXiv', 'here', 'code', '2405.01234v3', '10.1145/3368089', 'https://arxiv.org/abs/1', '', '  ', 'Paper'])
      expect(titleFromLinkText(text)).toBeUndefined();
  });
});

describe('saveEntries', () => {
  it('creates a paper the library does not hold, with the status asked for and its savedAt', async () => {
    const db = scratchDb();
    const entry = paperFromLink('https://arxiv.org/abs/2405.01234', 'A Paper Worth Reading')!;
    const { states, records } = await saveEntries(db, { entries: [entry], status: 'unread', now: T0 });
    expect(states).toEqual([{ recordId: 'arxiv:2405.01234', status: 'unread', created: true, newSinceVisit: false }]);
    expect(records).toHaveLength(1);
    const record = await db.papers.get('arxiv:2405.01234');
    expect(record).toMatchObject({ title: 'A Paper Worth Reading', status: 'unread', savedAt: T0, firstSeenAt: T0 });
    expect(record?.firstSeenOn).toBeUndefined();
    expect(await db.visits.count()).toBe(0);
    expect((await db.changes.toArray()).flatMap((c) => c.ids)).toEqual(['arxiv:2405.01234']);
  });

  it('finds a known paper by any alias, improves a placeholder title, and never moves one being read back', async () => {
    const db = scratchDb();
    const pdf = paperFromLink('https://arxiv.org/pdf/2405.01234', 'PDF')!;
    await saveEntries(db, { entries: [pdf], status: 'unread', now: T0 });
    expect((await db.papers.get('arxiv:2405.01234'))?.title).toBe('arXiv:2405.01234');
    const titled = paperFromLink('https://huggingface.co/papers/2405.01234', 'The Real Title of It')!;
    await saveEntries(db, { entries: [titled], status: 'unread', now: T0 + 1, from: ['seen', 'dismissed'] });
    expect((await db.papers.get('arxiv:2405.01234'))?.title).toBe('The Real Title of It');
    await applyStatus(db, ['arxiv:2405.01234'], 'reading', T0 + 2);
    const { states } = await saveEntries(db, { entries: [titled], status: 'unread', now: T0 + 3, from: ['seen', 'dismissed'] });
    expect(states[0]).toMatchObject({ status: 'reading', created: false });
    expect(await db.papers.count()).toBe(1);
  });

  it('saves a paper recorded as seen to read, keeping its first sighting', async () => {
    const db = scratchDb();
    const entry = paperFromLink('https://arxiv.org/abs/2405.01234', 'Seen on a listing first')!;
    await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: [entry], now: T0 });
    const { states } = await saveEntries(db, { entries: [entry], status: 'unread', now: T0 + 5, page: 'https://arxiv.org/list/cs.LG/new' });
    expect(states[0]).toEqual({ recordId: 'arxiv:2405.01234', status: 'unread', created: false, newSinceVisit: false });
    expect(await db.papers.get('arxiv:2405.01234')).toMatchObject({ firstSeenOn: 'https://arxiv.org/list/cs.LG/new', savedAt: T0 + 5 });
  });
});
