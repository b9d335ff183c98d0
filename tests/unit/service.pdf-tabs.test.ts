import { describe, expect, it } from 'vitest';
import { openLecternDb } from '../../lib/db/schema';
import { sightingsOf } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { pdfEntry, recordPdfTab } from '../../lib/service/pdf-tabs';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';

describe('pdfEntry', () => {
  it.each([
    ['https://arxiv.org/pdf/2405.01234', 'arxiv:2405.01234', undefined],
    ['https://arxiv.org/pdf/2405.01234v2', 'arxiv:2405.01234', 2],
    ['https://arxiv.org/pdf/2405.01234v2.pdf', 'arxiv:2405.01234', 2],
    ['https://export.arxiv.org/pdf/hep-th/9901001v1', 'arxiv:hep-th/9901001', 1],
  ])('%s is the PDF of %s', (url, id, version) => {
    const entry = pdfEntry(url, '2405.01234v2.pdf');
    expect(entry?.id).toBe(id);
    expect(entry?.version).toBe(version);
    expect(entry?.aliases).toContain(id);
    expect(entry?.links.pdf).toMatch(/^https:\/\/arxiv\.org\/pdf\//);
  });

  it('uses a real document title and a placeholder for a file name', () => {
    expect(pdfEntry('https://arxiv.org/pdf/2405.01234', 'Attention Is Enough')?.title).toBe('Attention Is Enough');
    expect(pdfEntry('https://arxiv.org/pdf/2405.01234', '2405.01234v1.pdf')?.title).toBe('arXiv:2405.01234');
    expect(pdfEntry('https://arxiv.org/pdf/2405.01234', undefined)?.title).toBe('arXiv:2405.01234');
  });

  it.each([
    'https://arxiv.org/abs/2405.01234',
    'https://arxiv.org/list/cs.LG/new',
    'https://example.org/paper.pdf',
    'not a url',
  ])('%s is not a paper PDF', (url) => {
    expect(pdfEntry(url, 'x')).toBeNull();
  });
});

describe('recordPdfTab', () => {
  it('records a sighting of the paper and keeps one record when its abstract page is seen later', async () => {
    const db = openLecternDb(`pdf-${Math.random()}`);
    const tabs = createTabPapers(memoryArea());
    const url = 'https://arxiv.org/pdf/2405.01234v1';
    expect(await recordPdfTab(db, tabs, { id: 7, url, title: '2405.01234v1.pdf' }, 1_000)).toBe(true);
    expect((await tabs.get(7))?.ids).toEqual(['arxiv:2405.01234']);
    expect((await sightingsOf(db, 'arxiv:2405.01234')).map((s) => s.page)).toEqual(['https://arxiv.org/pdf/2405.01234v1']);

    await recordBatch(db, {
      url: 'https://arxiv.org/abs/2405.01234',
      now: 2_000,
      entries: [
        {
          id: 'arxiv:2405.01234',
          aliases: ['arxiv:2405.01234', 'url:https://arxiv.org/abs/2405.01234'],
          title: 'Attention Is Enough',
          authors: ['A. One'],
          links: { abs: 'https://arxiv.org/abs/2405.01234' },
        },
      ],
    });
    const papers = await db.papers.toArray();
    expect(papers).toHaveLength(1);
    expect(papers[0]!.title).toBe('Attention Is Enough');
    expect(papers[0]!.firstSeenAt).toBe(1_000);
    db.close();
  });

  it('ignores pages that are not paper PDFs', async () => {
    const db = openLecternDb(`pdf-${Math.random()}`);
    const tabs = createTabPapers(memoryArea());
    expect(await recordPdfTab(db, tabs, { id: 1, url: 'https://arxiv.org/list/cs.LG/new' }, 1)).toBe(false);
    expect(await db.papers.count()).toBe(0);
    db.close();
  });
});
