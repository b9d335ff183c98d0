import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../lib/import/bibtex';
import { identify } from '../../lib/import/shared';

const BIB = String.raw`
@string{nips = "Advances in Neural Information Processing Systems"}

@article{vaswani2017attention,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam and Kaiser, {\L}ukasz and others},
  journal = {arXiv preprint arXiv:1706.03762},
  year = {2017}
}

@misc{eprint,
  title = {{BERT}: Pre-training of Deep Bidirectional Transformers},
  author = {Jacob Devlin and Ming-Wei Chang},
  eprint = {1810.04805v2},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  year = {2018},
  month = oct,
  keywords = {nlp, pretraining},
  annote = {Read it \& take notes: 50\%.},
}

@inproceedings{datacite,
  title = {M{\"u}ller's \textit{Law} of $\alpha$},
  author = {M{\"u}ller, J{\"o}rg},
  booktitle = nips,
  doi = {10.48550/arXiv.2101.00001},
  date = {2021-01-04},
}

@article{nature,
  title = {Deep learning},
  author = {LeCun, Yann and Bengio, Yoshua},
  journal = {Nature},
  doi = {https://doi.org/10.1038/NATURE14539},
  pmid = {26017442},
  year = 2015,
}

@online{blog,
  title = {A Blog Post},
  url = {https://example.org/posts/1?utm_source=x},
}

@book{noid,
  title = {A Book Without Identifiers},
  author = {Anon Ymous},
}

@misc{notitle, doi = {10.1/x}}
`;

describe('parseBibtex', () => {
  const result = parseBibtex(BIB);
  const byTitle = (t: string) => result.papers.find((p) => p.title.startsWith(t))!;

  it('reads every entry with an identifier, and says why the others were skipped', () => {
    expect(result.errors).toEqual([]);
    expect(result.papers.map((p) => p.id)).toEqual([
      'arxiv:1706.03762',
      'arxiv:1810.04805',
      'arxiv:2101.00001',
      'doi:10.1038/nature14539',
      'url:https://example.org/posts/1',
    ]);
    expect(result.skipped).toEqual([
      { index: 5, key: 'noid', title: 'A Book Without Identifiers', reason: 'no identifier (DOI, arXiv id, PMID, PMCID or http(s) URL)' },
      { index: 6, key: 'notitle', reason: 'no title' },
    ]);
  });

  it('finds arXiv ids in journal text, eprint fields and arXiv DOIs', () => {
    expect(byTitle('Attention')).toMatchObject({
      aliases: ['arxiv:1706.03762', 'url:https://arxiv.org/abs/1706.03762'],
      links: { abs: 'https://arxiv.org/abs/1706.03762', pdf: 'https://arxiv.org/pdf/1706.03762' },
      published: '2017',
    });
    expect(byTitle('Attention').venue).toBeUndefined();
    expect(byTitle('BERT')).toMatchObject({ id: 'arxiv:1810.04805', version: 2, published: '2018-10' });
    expect(byTitle('Müller')).toMatchObject({ id: 'arxiv:2101.00001', venue: 'Advances in Neural Information Processing Systems', published: '2021-01-04' });
  });

  it('turns TeX into Unicode text, names into display names ("others" dropped)', () => {
    expect(byTitle('Attention').authors).toEqual(['Ashish Vaswani', 'Noam Shazeer', 'Łukasz Kaiser']);
    expect(byTitle('Müller')).toMatchObject({ title: "Müller's Law of α", authors: ['Jörg Müller'] });
    expect(byTitle('BERT').title).toBe('BERT: Pre-training of Deep Bidirectional Transformers');
  });

  it('reads DOIs and PMIDs, keywords as tags and annotations as the note', () => {
    expect(byTitle('Deep learning')).toMatchObject({
      aliases: ['doi:10.1038/nature14539', 'pmid:26017442'],
      venue: 'Nature',
      links: { abs: 'https://doi.org/10.1038/nature14539' },
    });
    expect(byTitle('BERT')).toMatchObject({ tags: ['nlp', 'pretraining'], note: 'Read it & take notes: 50%.' });
    expect(parseBibtex(BIB, { keywordsAsTags: false, annotesAsNotes: false }).papers[1]).not.toHaveProperty('tags');
  });

  it('gives a page-only entry its normalised url: id and link', () => {
    expect(byTitle('A Blog')).toMatchObject({ aliases: ['url:https://example.org/posts/1'], links: { abs: 'https://example.org/posts/1?utm_source=x' } });
  });

  it('reports a broken entry and still reads the rest', () => {
    const broken = parseBibtex('@article{a, title = {Unclosed\n@misc{b, title = {Fine}, doi = {10.1000/fine}}\n');
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.papers.map((p) => p.id)).toEqual(['doi:10.1000/fine']);
  });

  it('skips entries over the limits instead of cutting them', () => {
    const long = parseBibtex(`@misc{a, title = {${'x'.repeat(2_001)}}, doi = {10.1/a}}`);
    expect(long.skipped[0]!.reason).toBe('title longer than 2000 characters');
  });

  it('reads nothing from text that is not BibTeX', () => {
    expect(parseBibtex('hello world').papers).toEqual([]);
  });
});

describe('identify', () => {
  it('ranks ids, keeps the arXiv version, ignores non-http links', () => {
    expect(identify({ doi: '10.48550/arXiv.2405.01234v3', url: 'javascript:alert(1)' })).toEqual({
      id: 'arxiv:2405.01234',
      aliases: ['arxiv:2405.01234', 'url:https://arxiv.org/abs/2405.01234'],
      version: 3,
      links: { abs: 'https://arxiv.org/abs/2405.01234', pdf: 'https://arxiv.org/pdf/2405.01234' },
    });
    expect(identify({ eprint: 'hep-th/9901001', archive: 'arXiv' })?.id).toBe('arxiv:hep-th/9901001');
    expect(identify({ eprint: '2405.01234', archive: 'SSRN' })).toBeUndefined();
    expect(identify({ pmcid: 'PMC123', texts: ['see arXiv: 2405.01234'] })?.aliases).toEqual([
      'arxiv:2405.01234',
      'pmcid:PMC123',
      'url:https://arxiv.org/abs/2405.01234',
    ]);
  });
});
