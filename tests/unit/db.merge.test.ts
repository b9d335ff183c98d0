import { describe, expect, it } from 'vitest';
import { combineStatus, improveMetadata, mergeRecords, withStatus } from '../../lib/db/papers';
import type { DetectedPaper, PaperRecord } from '../../lib/model';

function record(over: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: 'arxiv:2405.01234',
    aliases: ['arxiv:2405.01234'],
    title: 'Attention Is Enough',
    authors: ['A. One', 'B. Two'],
    links: { abs: 'https://arxiv.org/abs/2405.01234' },
    status: 'seen',
    tags: [],
    note: '',
    firstSeenAt: 1_000,
    lastSeenAt: 1_000,
    updatedAt: 1_000,
    ...over,
  };
}

function entry(over: Partial<DetectedPaper> = {}): DetectedPaper {
  return {
    id: 'arxiv:2405.01234',
    aliases: ['arxiv:2405.01234'],
    title: 'Attention Is Enough',
    authors: ['A. One', 'B. Two'],
    links: { abs: 'https://arxiv.org/abs/2405.01234' },
    ...over,
  };
}

describe('improveMetadata', () => {
  it('answers null when the entry adds nothing', () => {
    expect(improveMetadata(record(), entry())).toBeNull();
    expect(improveMetadata(record({ abstract: 'Long.', version: 3 }), entry({ version: 2 }))).toBeNull();
  });

  it('accumulates aliases, the entry id included', () => {
    const out = improveMetadata(record(), entry({ id: 'doi:10.1/x', aliases: ['url:https://example.org/p'] }));
    expect(out?.aliases).toEqual(['arxiv:2405.01234', 'doi:10.1/x', 'url:https://example.org/p']);
  });

  it('replaces a placeholder title (the paper id, from a PDF tab) with a real one, and never the reverse', () => {
    const placeholder = record({ title: 'arXiv:2405.01234' });
    expect(improveMetadata(placeholder, entry())?.title).toBe('Attention Is Enough');
    expect(improveMetadata(record(), entry({ title: 'arXiv:2405.01234' }))).toBeNull();
  });

  it('fills a missing abstract and keeps an existing one', () => {
    expect(improveMetadata(record(), entry({ abstract: 'We show.' }))?.abstract).toBe('We show.');
    expect(improveMetadata(record({ abstract: 'Old text.' }), entry({ abstract: 'Other text.' }))).toBeNull();
  });

  it('completes an abstract that was cut short', () => {
    const out = improveMetadata(record({ abstract: 'We show that …' }), entry({ abstract: 'We show that it works.' }));
    expect(out?.abstract).toBe('We show that it works.');
  });

  it('takes the longer author list, never a shorter one', () => {
    expect(improveMetadata(record(), entry({ authors: ['A. One', 'B. Two', 'C. Three'] }))?.authors).toEqual([
      'A. One',
      'B. Two',
      'C. Three',
    ]);
    expect(improveMetadata(record(), entry({ authors: ['A. One'] }))).toBeNull();
    expect(improveMetadata(record(), entry({ authors: [] }))).toBeNull();
  });

  it('never replaces a title with an empty one', () => {
    expect(improveMetadata(record(), entry({ title: '' }))).toBeNull();
    expect(improveMetadata(record(), entry({ title: '   ' }))).toBeNull();
  });

  it('fills an empty title and completes a cut one, but does not swap a full title', () => {
    expect(improveMetadata(record({ title: '' }), entry({ title: 'Real Title' }))?.title).toBe('Real Title');
    expect(improveMetadata(record({ title: 'Attention Is…' }), entry())?.title).toBe('Attention Is Enough');
    expect(improveMetadata(record(), entry({ title: 'A Different Rendering' }))).toBeNull();
  });

  it('fills missing published and venue, and makes a date more precise', () => {
    const out = improveMetadata(record(), entry({ published: '2024', venue: 'NeurIPS' }));
    expect(out).toMatchObject({ published: '2024', venue: 'NeurIPS' });
    expect(improveMetadata(record({ published: '2024' }), entry({ published: '2024-05-02' }))?.published).toBe(
      '2024-05-02',
    );
    expect(improveMetadata(record({ published: '2024-05-02' }), entry({ published: '2023' }))).toBeNull();
    expect(improveMetadata(record({ venue: 'ICML' }), entry({ venue: 'NeurIPS' }))).toBeNull();
  });

  it('fills missing links without replacing known ones', () => {
    const out = improveMetadata(
      record(),
      entry({ links: { abs: 'https://elsewhere.org/abs', pdf: 'https://arxiv.org/pdf/2405.01234' } }),
    );
    expect(out?.links).toEqual({
      abs: 'https://arxiv.org/abs/2405.01234',
      pdf: 'https://arxiv.org/pdf/2405.01234',
    });
  });

  it('keeps the highest version', () => {
    expect(improveMetadata(record({ version: 2 }), entry({ version: 3 }))?.version).toBe(3);
    expect(improveMetadata(record({ version: 3 }), entry({ version: 1 }))).toBeNull();
    expect(improveMetadata(record(), entry({ version: 1 }))?.version).toBe(1);
  });

  it('never touches user fields', () => {
    const before = record({ status: 'reading', tags: ['ml'], note: 'mine', savedAt: 5, startedAt: 6, updatedAt: 7 });
    const out = improveMetadata(before, entry({ abstract: 'New.', authors: ['x', 'y', 'z'] }))!;
    expect(out).toMatchObject({ status: 'reading', tags: ['ml'], note: 'mine', savedAt: 5, startedAt: 6, updatedAt: 7 });
    expect(before.abstract).toBeUndefined();
  });
});

describe('combineStatus', () => {
  it('keeps the most advanced status: seen < dismissed < unread < reading < read', () => {
    expect(combineStatus('seen', 'unread')).toBe('unread');
    expect(combineStatus('reading', 'unread')).toBe('reading');
    expect(combineStatus('read', 'reading')).toBe('read');
    expect(combineStatus('seen', 'dismissed')).toBe('dismissed');
    expect(combineStatus('dismissed', 'unread')).toBe('unread');
    expect(combineStatus('read', 'dismissed')).toBe('read');
  });
});

describe('mergeRecords', () => {
  const keep = record({
    status: 'unread',
    tags: ['ml', 'nlp'],
    note: 'Keep note.',
    firstSeenAt: 100,
    lastSeenAt: 500,
    savedAt: 300,
    updatedAt: 300,
  });
  const other = record({
    id: 'doi:10.48550/x',
    aliases: ['doi:10.48550/x', 'url:https://doi.org/10.48550/x'],
    title: 'Attention Is Enough',
    authors: ['A. One', 'B. Two', 'C. Three'],
    abstract: 'An abstract.',
    venue: 'ICML',
    status: 'reading',
    tags: ['nlp', 'theory'],
    note: 'Other note.',
    firstSeenAt: 200,
    lastSeenAt: 900,
    savedAt: 250,
    startedAt: 260,
    updatedAt: 800,
  });

  it('keeps the id and unions aliases, the other id included', () => {
    const out = mergeRecords(keep, other);
    expect(out.id).toBe('arxiv:2405.01234');
    expect(out.aliases).toEqual(['arxiv:2405.01234', 'doi:10.48550/x', 'url:https://doi.org/10.48550/x']);
  });

  it('takes the most advanced status', () => {
    expect(mergeRecords(keep, other).status).toBe('reading');
    expect(mergeRecords(record({ status: 'dismissed' }), record({ id: 'doi:1/a', status: 'unread' })).status).toBe(
      'unread',
    );
    expect(mergeRecords(record({ status: 'dismissed' }), record({ id: 'doi:1/a', status: 'seen' })).status).toBe(
      'dismissed',
    );
  });

  it('unions tags and joins notes with a blank line', () => {
    const out = mergeRecords(keep, other);
    expect(out.tags).toEqual(['ml', 'nlp', 'theory']);
    expect(out.note).toBe('Keep note.\n\nOther note.');
  });

  it('does not repeat a note', () => {
    expect(mergeRecords(record({ note: 'Same.' }), record({ id: 'doi:1/a', note: 'Same.' })).note).toBe('Same.');
    expect(mergeRecords(record({ note: '' }), record({ id: 'doi:1/a', note: 'Only.' })).note).toBe('Only.');
    expect(mergeRecords(record({ note: 'Only.' }), record({ id: 'doi:1/a', note: '' })).note).toBe('Only.');
  });

  it('takes the earliest firstSeenAt/savedAt/startedAt/readAt and the latest lastSeenAt', () => {
    const out = mergeRecords(keep, other);
    expect(out).toMatchObject({ firstSeenAt: 100, lastSeenAt: 900, savedAt: 250, startedAt: 260, updatedAt: 800 });
    expect(out.readAt).toBeUndefined();
  });

  it('improves metadata from the other record', () => {
    const out = mergeRecords(keep, other);
    expect(out.authors).toHaveLength(3);
    expect(out.abstract).toBe('An abstract.');
    expect(out.venue).toBe('ICML');
  });
});

describe('withStatus', () => {
  it('sets savedAt on the first save, startedAt on reading, readAt on read', () => {
    const unread = withStatus(record(), 'unread', 10)!;
    expect(unread).toMatchObject({ status: 'unread', savedAt: 10, updatedAt: 10 });
    const reading = withStatus(unread, 'reading', 20)!;
    expect(reading).toMatchObject({ savedAt: 10, startedAt: 20 });
    const read = withStatus(reading, 'read', 30)!;
    expect(read).toMatchObject({ savedAt: 10, startedAt: 20, readAt: 30, updatedAt: 30 });
    expect(withStatus(read, 'read', 40)).toBeNull();
    const dismissed = withStatus(record(), 'dismissed', 50)!;
    expect(dismissed.savedAt).toBeUndefined();
  });
});
