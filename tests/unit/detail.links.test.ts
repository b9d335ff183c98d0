import { describe, expect, it } from 'vitest';
import { mergeCandidates } from '../../lib/db/candidates';
import { recordBatch } from '../../lib/db/record';
import { paperLinks } from '../../lib/paper-links';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('detail-links-test');

describe('paperLinks', () => {
  it('lists stored links first, then the pages every id names, each address once', () => {
    const links = paperLinks({
      aliases: ['arxiv:2405.01234', 'doi:10.48550/arXiv.2405.01234', 'openreview:AbC-12'],
      links: { abs: 'https://arxiv.org/abs/2405.01234', code: 'https://github.com/a/b' },
    });
    expect(links.map((l) => [l.key, l.href])).toEqual([
      ['abs', 'https://arxiv.org/abs/2405.01234'],
      ['code', 'https://github.com/a/b'],
      ['pdf', 'https://arxiv.org/pdf/2405.01234'],
      ['html', 'https://arxiv.org/html/2405.01234'],
      ['huggingface', 'https://huggingface.co/papers/2405.01234'],
      ['alphaxiv', 'https://www.alphaxiv.org/abs/2405.01234'],
      ['openreview', 'https://openreview.net/forum?id=AbC-12'],
      ['doi', 'https://doi.org/10.48550/arXiv.2405.01234'],
    ]);
  });

  it('never gives a link that is not http(s)', () => {
    const links = paperLinks({
      aliases: ['url:javascript:alert(1)'],
      links: { abs: 'javascript:alert(1)', pdf: 'data:application/pdf,x', code: 'https://github.com/a/b' },
    });
    expect(links).toEqual([{ key: 'code', label: 'Code', href: 'https://github.com/a/b' }]);
  });
});

describe('mergeCandidates', () => {
  it('finds other records by id prefix or by every word of the title', async () => {
    const db = scratchDb();
    const entry = (n: number, title: string) => ({
      id: `arxiv:2405.0000${n}`,
      aliases: [`arxiv:2405.0000${n}`],
      title,
      authors: [],
      links: {},
    });
    await recordBatch(db, {
      url: 'https://arxiv.org/list/cs.LG/new',
      entries: [entry(1, 'Attention is all you need'), entry(2, 'Attention is all you need (v2)'), entry(3, 'Diffusion models')],
      now: Date.UTC(2026, 10, 1),
    });
    expect((await mergeCandidates(db, 'attention need', 'arxiv:2405.00001')).map((r) => r.id)).toEqual(['arxiv:2405.00002']);
    expect((await mergeCandidates(db, 'arxiv:2405.00003', 'arxiv:2405.00001')).map((r) => r.id)).toEqual(['arxiv:2405.00003']);
    expect((await mergeCandidates(db, '2405.00003', 'arxiv:2405.00001')).map((r) => r.id)).toEqual(['arxiv:2405.00003']);
    expect(await mergeCandidates(db, 'x', 'arxiv:2405.00001')).toEqual([]);
  });
});
