import { describe, it, expect } from 'vitest';
import {
  arxivId,
  arxivLinks,
  bestId,
  displayId,
  doiId,
  idRank,
  idsFromText,
  idsFromUrl,
  namespaceOf,
  normalizeDoi,
  normalizeUrl,
  parseArxivId,
  rankIds,
  urlId,
} from '../../lib/ids';

describe('parseArxivId', () => {
  it.each([
    ['2405.01234', '2405.01234', undefined],
    ['2405.01234v3', '2405.01234', 3],
    ['0704.0001', '0704.0001', undefined],
    ['1412.9999v12', '1412.9999', 12],
    ['1501.00001', '1501.00001', undefined],
    ['arXiv:2405.01234', '2405.01234', undefined],
    ['arxiv:2405.01234v2', '2405.01234', 2],
    ['ARXIV:2405.01234', '2405.01234', undefined],
    ['arXiv: 2405.01234', '2405.01234', undefined],
    ['  2405.01234  ', '2405.01234', undefined],
    ['hep-th/9901001', 'hep-th/9901001', undefined],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['HEP-TH/9901001', 'hep-th/9901001', undefined],
    ['math.GT/0309136', 'math/0309136', undefined],
    ['math.GT/0309136v1', 'math/0309136', 1],
    ['cond-mat.mes-hall/0101001', 'cond-mat/0101001', undefined],
    ['arXiv:cs/0112017', 'cs/0112017', undefined],
    ['astro-ph/0703999', 'astro-ph/0703999', undefined],
    ['q-bio/0701001', 'q-bio/0701001', undefined],
    ['gr-qc/9108001', 'gr-qc/9108001', undefined],
  ])('%s → %s (v%s)', (input, id, version) => {
    expect(parseArxivId(input)).toEqual(version === undefined ? { id } : { id, version });
  });

  it.each([
    ['2413.01234', 'month 13'],
    ['2400.01234', 'month 00'],
    ['0612.0001', 'new style before April 2007'],
    ['1412.00001', '5 digits before 1501'],
    ['1501.0001', '4 digits from 1501'],
    ['2405.0123', '4 digits in 2024'],
    ['2405.012345', '6 digits'],
    ['240.01234', '3-digit yymm'],
    ['2405.00000', 'number zero'],
    ['2405.01234v0', 'version zero'],
    ['2405.01234v', 'empty version'],
    ['hep-th/9913001', 'old style month 13'],
    ['hep-th/9900001', 'old style month 00'],
    ['hep-th/0801001', 'old style after 2007'],
    ['hep-th/9001001', 'old style before 1991'],
    ['hep-th/990100', 'old style 6 digits'],
    ['hep-th/99010011', 'old style 8 digits'],
    ['foo-bar/9901001', 'unknown archive'],
    ['cs.AI/9901001x', 'trailing junk'],
    ['see 2405.01234', 'not the whole string'],
    ['arXiv 2405.01234', 'prefix without colon'],
    ['', 'empty'],
  ])('rejects %s (%s)', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });
});

describe('arxivId', () => {
  it.each([
    ['2405.01234v3', 'arxiv:2405.01234'],
    ['arXiv:0704.0001', 'arxiv:0704.0001'],
    ['math.GT/0309136v2', 'arxiv:math/0309136'],
    ['2413.01234', null],
    ['10.48550/arXiv.2405.01234', null],
  ])('%s → %s', (input, expected) => {
    expect(arxivId(input)).toBe(expected);
  });
});

describe('arxivLinks', () => {
  it('gives unversioned links', () => {
    expect(arxivLinks('2405.01234')).toEqual({
      abs: 'https://arxiv.org/abs/2405.01234',
      pdf: 'https://arxiv.org/pdf/2405.01234',
      html: 'https://arxiv.org/html/2405.01234',
    });
  });
  it('gives versioned links', () => {
    expect(arxivLinks('hep-th/9901001', 2)).toEqual({
      abs: 'https://arxiv.org/abs/hep-th/9901001v2',
      pdf: 'https://arxiv.org/pdf/hep-th/9901001v2',
      html: 'https://arxiv.org/html/hep-th/9901001v2',
    });
  });
  it('tolerates the namespace', () => {
    expect(arxivLinks('arxiv:2405.01234', 1).abs).toBe('https://arxiv.org/abs/2405.01234v1');
  });
});

const LISTING = 'https://arxiv.org/list/cs.LG/new';

describe('idsFromUrl', () => {
  it.each<[string, string | undefined, string[], number | undefined]>([
    // arxiv.org forms
    ['https://arxiv.org/abs/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/abs/2405.01234v3', undefined, ['arxiv:2405.01234'], 3],
    ['https://arxiv.org/abs/2405.01234/', undefined, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/abs/2405.01234?context=cs.LG', undefined, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/abs/2405.01234#comments', undefined, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/pdf/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/pdf/2405.01234v2', undefined, ['arxiv:2405.01234'], 2],
    ['https://arxiv.org/pdf/2405.01234.pdf', undefined, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/pdf/2405.01234v2.pdf', undefined, ['arxiv:2405.01234'], 2],
    ['https://arxiv.org/html/2405.01234v1', undefined, ['arxiv:2405.01234'], 1],
    ['https://arxiv.org/html/2405.01234v1/', undefined, ['arxiv:2405.01234'], 1],
    ['https://arxiv.org/html/2405.01234v1/x1.png', undefined, ['arxiv:2405.01234'], 1],
    ['https://arxiv.org/html/2405.01234v1#S3', undefined, ['arxiv:2405.01234'], 1],
    ['https://arxiv.org/format/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://www.arxiv.org/abs/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['http://arxiv.org/abs/0704.0001', undefined, ['arxiv:0704.0001'], undefined],
    ['https://export.arxiv.org/abs/2405.01234v2', undefined, ['arxiv:2405.01234'], 2],
    ['https://arxiv.org/abs/hep-th/9901001', undefined, ['arxiv:hep-th/9901001'], undefined],
    ['https://arxiv.org/abs/hep-th/9901001v2', undefined, ['arxiv:hep-th/9901001'], 2],
    ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', undefined, ['arxiv:hep-th/9901001'], 1],
    ['https://arxiv.org/abs/math.GT/0309136', undefined, ['arxiv:math/0309136'], undefined],
    ['https://arxiv.org/abs/hep-th%2F9901001', undefined, ['arxiv:hep-th/9901001'], undefined],
    // listing anchors (relative hrefs on arxiv.org/list pages)
    ['/abs/2405.01234', LISTING, ['arxiv:2405.01234'], undefined],
    ['/pdf/2405.01234', LISTING, ['arxiv:2405.01234'], undefined],
    ['/pdf/2405.01234v1', LISTING, ['arxiv:2405.01234'], 1],
    ['/format/2405.01234', LISTING, ['arxiv:2405.01234'], undefined],
    ['https://arxiv.org/html/2405.01234v1', LISTING, ['arxiv:2405.01234'], 1],
    ['/abs/hep-th/9901001', LISTING, ['arxiv:hep-th/9901001'], undefined],
    // readers and mirrors
    ['https://ar5iv.labs.arxiv.org/html/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://ar5iv.labs.arxiv.org/html/hep-th/9901001', undefined, ['arxiv:hep-th/9901001'], undefined],
    ['https://ar5iv.org/abs/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://ar5iv.org/html/2405.01234v2', undefined, ['arxiv:2405.01234'], 2],
    ['https://www.alphaxiv.org/abs/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://alphaxiv.org/abs/2405.01234v2', undefined, ['arxiv:2405.01234'], 2],
    ['https://www.alphaxiv.org/overview/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://huggingface.co/papers/2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://huggingface.co/papers/2405.01234#community', undefined, ['arxiv:2405.01234'], undefined],
    // DOI resolvers
    ['https://doi.org/10.1145/3368089', undefined, ['doi:10.1145/3368089'], undefined],
    ['http://doi.org/10.1145/3368089', undefined, ['doi:10.1145/3368089'], undefined],
    ['https://dx.doi.org/10.1038/NATURE14539', undefined, ['doi:10.1038/nature14539'], undefined],
    ['http://dx.doi.org/10.1038/nature14539', undefined, ['doi:10.1038/nature14539'], undefined],
    ['https://doi.org/10.1016/S0140-6736(20)30183-5', undefined, ['doi:10.1016/s0140-6736(20)30183-5'], undefined],
    ['https://doi.org/10.1000%2Fxyz', undefined, ['doi:10.1000/xyz'], undefined],
    ['https://doi.org/10.48550/arXiv.2405.01234', undefined, ['arxiv:2405.01234'], undefined],
    ['https://doi.org/10.48550/ARXIV.hep-th/9901001', undefined, ['arxiv:hep-th/9901001'], undefined],
    ['https://dl.acm.org/doi/10.1145/3368089.3409741', undefined, ['doi:10.1145/3368089.3409741'], undefined],
    ['https://dl.acm.org/doi/pdf/10.1145/3368089.3409741', undefined, ['doi:10.1145/3368089.3409741'], undefined],
    ['https://onlinelibrary.wiley.com/doi/full/10.1002/anie.202000001', undefined, ['doi:10.1002/anie.202000001'], undefined],
    ['https://link.springer.com/article/10.1007/s10994-021-05946-3', undefined, ['doi:10.1007/s10994-021-05946-3'], undefined],
    ['https://www.biorxiv.org/content/10.1101/2020.01.01.123456v2.full.pdf', undefined, ['doi:10.1101/2020.01.01.123456'], undefined],
    // PubMed / PMC
    ['https://pubmed.ncbi.nlm.nih.gov/31234567/', undefined, ['pmid:31234567'], undefined],
    ['https://pubmed.ncbi.nlm.nih.gov/31234567', undefined, ['pmid:31234567'], undefined],
    ['https://www.ncbi.nlm.nih.gov/pubmed/31234567', undefined, ['pmid:31234567'], undefined],
    ['https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/', undefined, ['pmcid:PMC1234567'], undefined],
    ['https://pmc.ncbi.nlm.nih.gov/articles/pmc1234567/pdf/main.pdf', undefined, ['pmcid:PMC1234567'], undefined],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567', undefined, ['pmcid:PMC1234567'], undefined],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/', undefined, ['pmcid:PMC1234567'], undefined],
    ['https://europepmc.org/article/MED/31234567', undefined, ['pmid:31234567'], undefined],
    // OpenReview
    ['https://openreview.net/forum?id=rJ4km2R5t7', undefined, ['openreview:rJ4km2R5t7'], undefined],
    ['https://openreview.net/forum?id=rJ4km2R5t7&noteId=abc123XYZ', undefined, ['openreview:rJ4km2R5t7'], undefined],
    ['https://openreview.net/pdf?id=B1ckMDqlg', undefined, ['openreview:B1ckMDqlg'], undefined],
    // ACL Anthology
    ['https://aclanthology.org/2021.naacl-main.208/', undefined, ['acl:2021.naacl-main.208'], undefined],
    ['https://aclanthology.org/2021.naacl-main.208.pdf', undefined, ['acl:2021.naacl-main.208'], undefined],
    ['https://aclanthology.org/P19-1001/', undefined, ['acl:P19-1001'], undefined],
    ['https://aclanthology.org/P19-1001.pdf', undefined, ['acl:P19-1001'], undefined],
    ['https://www.aclweb.org/anthology/P19-1001', undefined, ['acl:P19-1001'], undefined],
    // id URIs
    ['arXiv:2405.01234v2', undefined, ['arxiv:2405.01234'], 2],
    ['doi:10.1000/XYZ', undefined, ['doi:10.1000/xyz'], undefined],
  ])('%s (base %s) → %j v%s', (url, base, ids, version) => {
    expect(idsFromUrl(url, base)).toEqual(version === undefined ? { ids } : { ids, version });
  });

  it.each<[string, string | undefined]>([
    ['https://arxiv.org/list/cs.LG/new', undefined],
    ['https://arxiv.org/abs/2413.01234', undefined],
    ['https://arxiv.org/abs/1412.00001', undefined],
    ['https://arxiv.org/abs/foo-bar/9901001', undefined],
    ['https://arxiv.org/a/smith_j_1', undefined],
    ['https://example.com/abs/2405.01234', undefined],
    ['https://huggingface.co/papers', undefined],
    ['https://openreview.net/group?id=ICLR.cc/2024/Conference', undefined],
    ['https://aclanthology.org/volumes/2021.naacl-main/', undefined],
    ['https://pubmed.ncbi.nlm.nih.gov/?term=cancer', undefined],
    ['mailto:someone@example.com', undefined],
    ['javascript:void(0)', undefined],
    ['#top', LISTING],
    ['not a url', undefined],
    ['', undefined],
    ['/abs/2405.01234', 'not a base'],
  ])('%s (base %s) → none', (url, base) => {
    expect(idsFromUrl(url, base)).toEqual({ ids: [] });
  });

  it('never throws on odd input', () => {
    expect(idsFromUrl(null as unknown as string)).toEqual({ ids: [] });
    expect(idsFromUrl('http://[bad')).toEqual({ ids: [] });
  });
});

describe('normalizeDoi', () => {
  it.each([
    ['10.1145/3368089', '10.1145/3368089'],
    ['10.1038/NATURE14539', '10.1038/nature14539'],
    ['doi:10.1038/nature14539', '10.1038/nature14539'],
    ['DOI: 10.1038/nature14539', '10.1038/nature14539'],
    ['https://doi.org/10.1038/nature14539', '10.1038/nature14539'],
    ['http://doi.org/10.1038/nature14539', '10.1038/nature14539'],
    ['https://dx.doi.org/10.1038/nature14539', '10.1038/nature14539'],
    ['doi.org/10.1038/nature14539', '10.1038/nature14539'],
    ['https://doi.org/10.1038/nature14539#refs', '10.1038/nature14539'],
    ['10.1000%2Fxyz', '10.1000/xyz'],
    ['https://doi.org/10.1000%2FXYZ', '10.1000/xyz'],
    ['10.1002/%28SICI%291097', '10.1002/(sici)1097'],
    ['10.1000/xyz.', '10.1000/xyz'],
    ['10.1000/xyz,', '10.1000/xyz'],
    ['10.1000/xyz;', '10.1000/xyz'],
    ['10.1000/xyz).', '10.1000/xyz'],
    ['10.1000/xyz)', '10.1000/xyz'],
    ['10.1000/xyz"', '10.1000/xyz'],
    ['10.1016/S0140-6736(20)30183-5', '10.1016/s0140-6736(20)30183-5'],
    ['10.1016/S0140-6736(20)30183-5).', '10.1016/s0140-6736(20)30183-5'],
    ['10.1007/978-3-030-58452-8_13', '10.1007/978-3-030-58452-8_13'],
    ['10.1000.10/abc', '10.1000.10/abc'],
    ['  10.1145/3368089  ', '10.1145/3368089'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDoi(input)).toBe(expected);
  });

  it.each([[''], ['10.1145'], ['10.1145/'], ['10.12/abc'], ['11.1145/abc'], ['doi:'], ['10.1145/abc def'], ['https://example.com/10.1145/abc']])(
    'rejects %j',
    (input) => {
      expect(normalizeDoi(input)).toBeNull();
    },
  );
});

describe('doiId', () => {
  it.each([
    ['10.1145/3368089', 'doi:10.1145/3368089'],
    ['https://doi.org/10.1145/3368089.', 'doi:10.1145/3368089'],
    ['10.48550/arXiv.2405.01234', 'arxiv:2405.01234'],
    ['10.48550/ARXIV.2405.01234', 'arxiv:2405.01234'],
    ['https://doi.org/10.48550/arxiv.2405.01234', 'arxiv:2405.01234'],
    ['10.48550/arXiv.hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['10.48550/arXiv.2413.01234', 'doi:10.48550/arxiv.2413.01234'],
    ['not a doi', null],
  ])('%s → %s', (input, expected) => {
    expect(doiId(input)).toBe(expected);
  });
});

describe('normalizeUrl', () => {
  it.each<[string, string | undefined, string]>([
    ['https://example.com/paper', undefined, 'https://example.com/paper'],
    ['http://example.com/paper', undefined, 'https://example.com/paper'],
    ['https://www.example.com/paper', undefined, 'https://example.com/paper'],
    ['HTTPS://Example.COM/Paper', undefined, 'https://example.com/Paper'],
    ['https://example.com/paper#section-2', undefined, 'https://example.com/paper'],
    ['https://example.com/paper/', undefined, 'https://example.com/paper'],
    ['https://example.com/a/b//', undefined, 'https://example.com/a/b'],
    ['https://example.com', undefined, 'https://example.com/'],
    ['https://example.com/', undefined, 'https://example.com/'],
    ['https://example.com/?', undefined, 'https://example.com/'],
    ['https://example.com:443/x', undefined, 'https://example.com/x'],
    ['http://example.com:80/x', undefined, 'https://example.com/x'],
    ['https://example.com:8443/x', undefined, 'https://example.com:8443/x'],
    ['https://example.com/p?utm_source=tw&utm_medium=social&id=3', undefined, 'https://example.com/p?id=3'],
    ['https://example.com/p?UTM_Campaign=x&id=3', undefined, 'https://example.com/p?id=3'],
    ['https://example.com/p?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&ref_src=twsrc', undefined, 'https://example.com/p'],
    ['https://example.com/p?b=2&a=1&c=3', undefined, 'https://example.com/p?a=1&b=2&c=3'],
    ['https://example.com/p?b=2&a=2&a=1', undefined, 'https://example.com/p?a=2&a=1&b=2'],
    ['https://example.com/p?q=a%2fb&flag', undefined, 'https://example.com/p?flag&q=a%2Fb'],
    ['https://example.com/%7euser/', undefined, 'https://example.com/~user'],
    ['https://user:secret@example.com/x', undefined, 'https://example.com/x'],
    ['/abs/2405.01234', 'https://arxiv.org/list/cs.LG/new', 'https://arxiv.org/abs/2405.01234'],
    ['../b?x=1#f', 'https://www.example.com/a/c/d', 'https://example.com/a/b?x=1'],
    ['example.com/paper/', undefined, 'https://example.com/paper'],
    ['//www.example.com/x', undefined, 'https://example.com/x'],
  ])('%s (base %s) → %s', (input, base, expected) => {
    expect(normalizeUrl(input, base)).toBe(expected);
  });

  it.each([['ftp://example.com/file'], ['mailto:a@example.com'], ['javascript:alert(1)'], ['data:text/plain,hi'], ['not a url'], ['']])(
    'rejects %s',
    (input) => {
      expect(normalizeUrl(input)).toBeNull();
    },
  );

  it('is idempotent', () => {
    const once = normalizeUrl('http://www.Example.com/a/?z=1&utm_source=x&b=%7e#frag')!;
    expect(normalizeUrl(once)).toBe(once);
  });
});

describe('urlId', () => {
  it('prefixes the normalised URL', () => {
    expect(urlId('http://www.example.com/paper/?utm_source=x')).toBe('url:https://example.com/paper');
    expect(urlId('/x', 'https://example.com/y')).toBe('url:https://example.com/x');
    expect(urlId('ftp://example.com/')).toBeNull();
  });
});

describe('idsFromText', () => {
  it.each<[string, string[]]>([
    ['See arXiv:2405.01234 for details.', ['arxiv:2405.01234']],
    ['arXiv: 2405.01234v2', ['arxiv:2405.01234']],
    ['arXiv preprint arXiv:1706.03762, 2017.', ['arxiv:1706.03762']],
    ['Old one: arXiv:hep-th/9901001v1.', ['arxiv:hep-th/9901001']],
    ['arXiv:math.GT/0309136', ['arxiv:math/0309136']],
    ['https://arxiv.org/abs/2405.01234v3.', ['arxiv:2405.01234']],
    ['(arxiv.org/abs/2405.01234)', ['arxiv:2405.01234']],
    ['www.arxiv.org/pdf/2301.00001v1', ['arxiv:2301.00001']],
    ['doi:10.1145/3368089.', ['doi:10.1145/3368089']],
    ['Available at https://doi.org/10.1038/nature14539, accessed', ['doi:10.1038/nature14539']],
    ['(see 10.1000/xyz).', ['doi:10.1000/xyz']],
    ['Lancet 10.1016/S0140-6736(20)30183-5; cited', ['doi:10.1016/s0140-6736(20)30183-5']],
    ['DOI 10.48550/arXiv.2405.01234', ['arxiv:2405.01234']],
    ['https://openreview.net/forum?id=rJ4km2R5t7 and PMID: 31234567', ['openreview:rJ4km2R5t7', 'pmid:31234567']],
    ['Full text PMC1234567.', ['pmcid:PMC1234567']],
    [
      'arXiv:2405.01234 and doi:10.1000/a, then arXiv:2405.01234v2 again and 10.1000/A',
      ['arxiv:2405.01234', 'doi:10.1000/a'],
    ],
    ['10.1000/b then arXiv:2405.01234', ['doi:10.1000/b', 'arxiv:2405.01234']],
    ['arXiv:2413.01234 and arXiv:1412.00001 are impossible', []],
    ['version 2405.01234 without prefix', []],
    ['nothing here', []],
    ['', []],
  ])('%j → %j', (text, ids) => {
    expect(idsFromText(text)).toEqual(ids);
  });
});

describe('ranking', () => {
  it.each([
    ['arxiv:2405.01234', 0, 'arxiv'],
    ['doi:10.1145/3368089', 1, 'doi'],
    ['pmid:31234567', 2, 'pmid'],
    ['pmcid:PMC1234567', 3, 'pmcid'],
    ['openreview:rJ4km2R5t7', 4, 'openreview'],
    ['acl:P19-1001', 5, 'acl'],
    ['isbn:9780262035613', 6, 'isbn'],
    ['url:https://example.com/p', 9, 'url'],
    ['no-namespace', 6, ''],
  ])('%s → rank %i, namespace %j', (id, rank, ns) => {
    expect(idRank(id)).toBe(rank);
    expect(namespaceOf(id)).toBe(ns);
  });

  it('picks the best id, first of equals', () => {
    expect(bestId(['url:https://a.org/', 'doi:10.1/x', 'arxiv:2405.01234', 'arxiv:2405.05678'])).toBe('arxiv:2405.01234');
    expect(bestId(new Set(['url:https://a.org/', 'pmid:1']))).toBe('pmid:1');
    expect(bestId([])).toBeUndefined();
  });

  it('ranks, deduplicates and keeps order among equals', () => {
    expect(
      rankIds(['url:https://b.org/', 'doi:10.1000/b', 'url:https://a.org/', 'acl:P19-1001', 'doi:10.1000/a', 'arxiv:2405.01234', 'doi:10.1000/b']),
    ).toEqual(['arxiv:2405.01234', 'doi:10.1000/b', 'doi:10.1000/a', 'acl:P19-1001', 'url:https://b.org/', 'url:https://a.org/']);
    expect(rankIds([])).toEqual([]);
  });

  it.each([
    ['arxiv:2405.01234', 'arXiv:2405.01234'],
    ['arxiv:hep-th/9901001', 'arXiv:hep-th/9901001'],
    ['doi:10.1145/3368089', 'doi:10.1145/3368089'],
    ['pmid:31234567', 'PMID:31234567'],
    ['pmcid:PMC1234567', 'PMC1234567'],
    ['openreview:rJ4km2R5t7', 'OpenReview:rJ4km2R5t7'],
    ['acl:2021.naacl-main.208', 'ACL:2021.naacl-main.208'],
    ['url:https://example.com/p?a=1', 'https://example.com/p?a=1'],
    ['isbn:123', 'isbn:123'],
  ])('displayId(%s) → %s', (id, label) => {
    expect(displayId(id)).toBe(label);
  });
});

describe('speed', () => {
  it('handles a large listing quickly', () => {
    const links: string[] = [];
    for (let i = 1; i <= 2000; i++) {
      const n = String(i).padStart(5, '0');
      links.push(`/abs/2405.${n}`, `/pdf/2405.${n}v1`, `https://doi.org/10.1000/${n}`, `https://example.com/p/${n}?utm_source=x`);
    }
    const start = performance.now();
    let found = 0;
    for (const href of links) {
      found += idsFromUrl(href, LISTING).ids.length;
      if (urlId(href, LISTING)) found++;
    }
    expect(found).toBe(2000 * 3 + 2000 * 4);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
