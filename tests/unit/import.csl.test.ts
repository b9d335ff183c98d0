import { describe, expect, it } from 'vitest';
import { parseCslJson } from '../../lib/import/csl';

/** Items as Zotero's "CSL JSON" export writes them. */
const ZOTERO = [
  {
    id: 'http://zotero.org/users/1/items/ABCD1234',
    type: 'article',
    title: 'Attention Is All You Need',
    publisher: 'arXiv',
    number: 'arXiv:1706.03762',
    URL: 'http://arxiv.org/abs/1706.03762',
    DOI: '10.48550/arXiv.1706.03762',
    note: 'arXiv:1706.03762 [cs]',
    keyword: 'Computer Science - Computation and Language, Computer Science - Machine Learning',
    author: [
      { family: 'Vaswani', given: 'Ashish' },
      { family: 'Kaiser', given: 'Łukasz' },
    ],
    issued: { 'date-parts': [['2017', 6, 12]] },
    abstract: 'The dominant sequence transduction models are based on <i>complex</i> networks.',
  },
  {
    id: 'lecun2015',
    type: 'article-journal',
    title: 'Deep learning',
    'container-title': 'Nature',
    DOI: '10.1038/nature14539',
    PMID: '26017442',
    PMCID: 'PMC123',
    author: [{ family: 'LeCun', given: 'Yann' }, { literal: 'The Deep Learning Group' }, { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }],
    issued: { raw: 'May 28, 2015' },
  },
  { id: 'book', type: 'book', title: 'No Identifier Here' },
  'not an item',
  { id: 'weird', title: 42, DOI: { evil: true }, author: 'nobody', __proto__: { polluted: true } },
  { id: 'edited', type: 'chapter', title: 'Edited', editor: [{ family: 'Ed', given: 'Itor' }], URL: 'https://example.org/ch1', issued: { 'date-parts': [[2020, 13]] } },
];

describe('parseCslJson', () => {
  const result = parseCslJson(JSON.stringify(ZOTERO));

  it('reads items with identifiers and says why it skipped the others', () => {
    expect(result.errors).toEqual([]);
    expect(result.papers.map((p) => p.id)).toEqual(['arxiv:1706.03762', 'doi:10.1038/nature14539', 'url:https://example.org/ch1']);
    expect(result.skipped).toEqual([
      { index: 2, key: 'book', title: 'No Identifier Here', reason: 'no identifier (DOI, arXiv id, PMID, PMCID or http(s) URL)' },
      { index: 3, reason: 'not an object' },
      { index: 4, key: 'weird', reason: 'no title' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps a Zotero arXiv preprint to its arXiv id, without "arXiv" as a venue', () => {
    expect(result.papers[0]).toEqual({
      id: 'arxiv:1706.03762',
      aliases: ['arxiv:1706.03762', 'url:https://arxiv.org/abs/1706.03762'],
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Łukasz Kaiser'],
      links: { abs: 'https://arxiv.org/abs/1706.03762', pdf: 'https://arxiv.org/pdf/1706.03762' },
      abstract: 'The dominant sequence transduction models are based on complex networks.',
      published: '2017-06-12',
      tags: ['Computer Science - Computation and Language', 'Computer Science - Machine Learning'],
    });
  });

  it('reads journal articles: venue, DOI, PubMed ids, literal and particle names, raw dates', () => {
    expect(result.papers[1]).toMatchObject({
      aliases: ['doi:10.1038/nature14539', 'pmid:26017442', 'pmcid:PMC123'],
      venue: 'Nature',
      authors: ['Yann LeCun', 'The Deep Learning Group', 'Ludwig van Beethoven'],
      published: '2015-05-28',
    });
  });

  it('falls back to editors, and to the year of an impossible date', () => {
    expect(result.papers[2]).toMatchObject({ authors: ['Itor Ed'], published: '2020' });
  });

  it('reports files that are not CSL-JSON', () => {
    expect(parseCslJson('{"items": ').errors[0]).toMatch(/^Not a readable CSL-JSON file/);
    expect(parseCslJson('"text"').errors).toEqual(['Not a CSL-JSON file: expected an array of items']);
    expect(parseCslJson(JSON.stringify(ZOTERO[1])).papers).toHaveLength(1);
  });
});
