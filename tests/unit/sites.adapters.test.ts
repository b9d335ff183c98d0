/**
 * Site adapters on small hand-written pages: the layouts and routes the fixture pages do not show (Scholar
 * cluster pages and 2016 markup, older NeurIPS lists, bioRxiv listings, record pages…), which URLs each
 * adapter takes, and the generic reader's cost on large pages (informational).
 */
import nodeConsole from 'node:console';
import { describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPage } from '../../lib/sites/registry';
import { fixtureCase } from '../helpers/fixtures';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const detect = (html: string, url: string) => detectPage(parse(html), url);

describe('which adapter takes a URL', () => {
  it.each([
    ['https://scholar.google.com/scholar?cluster=5331804836605365413&hl=en', 'scholar'],
    ['https://scholar.google.de/scholar?q=x', 'scholar'],
    ['https://scholar.google.com/citations?user=kukA0LcAAAAJ', 'scholar'],
    ['https://aclanthology.org/P19-1001/', 'acl'],
    ['https://aclanthology.org/volumes/2021.naacl-main/', 'acl'],
    ['https://aclanthology.org/events/acl-2023/', 'acl'],
    ['https://proceedings.mlr.press/v37/', 'pmlr'],
    ['https://proceedings.mlr.press/v37/ioffe15.html', 'pmlr'],
    ['https://openreview.net/forum?id=YicbFdNTTy', 'openreview'],
    ['https://openreview.net/group?id=ICLR.cc/2021/Conference', 'openreview'],
    ['https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776', 'semanticscholar'],
    ['https://www.semanticscholar.org/arxiv/1706.03762', 'semanticscholar'],
    ['https://www.semanticscholar.org/author/Ashish-Vaswani/40348417', 'semanticscholar'],
    ['https://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html', 'neurips'],
    ['https://proceedings.neurips.cc/paper_files/paper/2022', 'neurips'],
    ['https://openaccess.thecvf.com/CVPR2023?day=all', 'cvf'],
    ['https://dblp.org/pid/66/8999.html', 'dblp'],
    ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html', 'dblp'],
    ['https://pubmed.ncbi.nlm.nih.gov/?term=x', 'pubmed'],
    ['https://pubmed.ncbi.nlm.nih.gov/26017442/', 'pubmed'],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3531190/', 'pmc'],
    ['https://www.medrxiv.org/content/10.1101/2020.02.11.20022053v1.full', 'biorxiv'],
    ['https://www.biorxiv.org/collection/bioinformatics', 'biorxiv'],
    ['https://www.alphaxiv.org/abs/1706.03762v7', 'alphaxiv'],
    ['https://dl.acm.org/doi/abs/10.1145/2939672.2939785', 'acm'],
    ['https://dl.acm.org/doi/proceedings/10.1145/2939672', 'acm'],
  ])('%s → %s', (url, name) => {
    expect(adapterFor(url)?.name).toBe(name);
  });

  it.each([
    'https://www.nature.com/articles/s41586-021-03819-2',
    'https://scholar.google.com/scholar_lookup?title=x',
    'https://openreview.net/pdf?id=YicbFdNTTy',
    'https://www.alphaxiv.org/abs/not-an-id',
    'https://dl.acm.org/doi/pdf/10.1145/2939672.2939785',
    'https://evil.example.org/scholar?q=x',
  ])('%s → none (generic detection)', (url) => {
    expect(adapterFor(url)).toBeUndefined();
  });
});

describe('Google Scholar', () => {
  const result = (cid: string, inner: string) => `<div class="gs_r gs_or gs_scl" data-cid="${cid}"><div class="gs_ri">${inner}</div></div>`;

  it('cluster page: type labels dropped, ids from the title link, names and year from the byline', () => {
    const html = result(
      'pYyS8T9g_kkJ',
      `<h3 class="gs_rt"><span class="gs_ctc"><span class="gs_ct1">[PDF]</span><span class="gs_ct2">[PDF]</span></span> <a href="https://arxiv.org/pdf/1206.5538">Representation learning: A review and new perspectives</a></h3>
       <div class="gs_a">Y Bengio, A Courville, P Vincent\u00a0- IEEE transactions on pattern analysis and machine intelligence, 2013\u00a0- ieeexplore.ieee.org</div>
       <div class="gs_fl"><a href="/scholar?cites=123456789012&amp;hl=en">Cited by 9</a></div>`,
    );
    const r = detect(html, 'https://scholar.google.com/scholar?cluster=123456789012&hl=en');
    expect(r.kind).toBe('list');
    expect(r.papers[0]).toMatchObject({
      id: 'arxiv:1206.5538',
      title: 'Representation learning: A review and new perspectives',
      authors: ['Y Bengio', 'A Courville', 'P Vincent'],
      venue: 'IEEE transactions on pattern analysis and machine intelligence',
      published: '2013',
    });
    expect(r.papers[0]!.aliases).toContain('url:https://scholar.google.com/scholar?cluster=123456789012');
    expect(r.papers[0]!.abstract).toBeUndefined();
  });

  it('a citation-only result has the cluster as its id; a search with no results is an empty list', () => {
    const html = result('4qAC3XBmStsJ', `<h3 class="gs_rt"><span class="gs_ctu"><span class="gs_ct1">[CITATION]</span></span> <span id="4qAC3XBmStsJ">A Cited Work</span></h3><div class="gs_a">J Doe - 1990</div>`);
    const [p] = detect(html, 'https://scholar.google.com/scholar?q=x').papers;
    expect(p).toMatchObject({ id: 'url:https://scholar.google.com/scholar?q=info:4qAC3XBmStsJ:scholar.google.com/', title: 'A Cited Work', published: '1990' });
    expect(detect('<div id="gs_res_ccl_mid"></div>', 'https://scholar.google.com/scholar?q=nothing')).toMatchObject({ kind: 'list', papers: [] });
  });

  it('a captcha page has no entries', () => {
    expect(detect('<div id="gs_captcha_ccl"><form id="gs_captcha_f"><h1>Please show you\'re not a robot</h1></form></div>', 'https://scholar.google.com/scholar?q=x').kind).toBe('none');
  });
});

describe('NeurIPS, CVF, PMLR: older and sparser layouts', () => {
  it('NeurIPS list in the older layout: title link then <i> authors; ids stable across hosts and paths', () => {
    const html = `<ul class="paper-list"><li><a href="/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html">ImageNet Classification with Deep Convolutional Neural Networks</a> <i>Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton</i></li></ul>`;
    const [p] = detect(html, 'https://papers.nips.cc/paper/2012').papers;
    expect(p).toMatchObject({
      id: 'url:https://proceedings.neurips.cc/paper_files/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html',
      authors: ['Alex Krizhevsky', 'Ilya Sutskever', 'Geoffrey E. Hinton'],
    });
    expect(p!.aliases).toContain('url:https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html');
  });

  it('a CVF page that is not a listing has no entries', () => {
    expect(detect('<div id="content"><a href="/CVPR2016">CVPR 2016</a></div>', 'https://openaccess.thecvf.com/menu').kind).toBe('none');
  });

  it('a PMLR volume entry without an abstract page falls back to its PDF', () => {
    const html = `<div class="paper"><p class="title">Only a PDF Here</p><p class="details"><span class="authors">Ann Author,&nbsp;Bo Writer</span></p>
      <p class="links">[<a href="https://proceedings.mlr.press/v1/author07a/author07a.pdf">Download PDF</a>]</p></div>`;
    expect(detect(html, 'https://proceedings.mlr.press/v1/').papers[0]).toMatchObject({
      id: 'url:https://proceedings.mlr.press/v1/author07a/author07a.pdf',
      authors: ['Ann Author', 'Bo Writer'],
    });
  });
});

describe('bioRxiv, dblp, Semantic Scholar, ACM, PubMed routes', () => {
  it('bioRxiv listing: highwire citations with their DOIs', () => {
    const html = `<ul><li><div class="highwire-article-citation"><div class="highwire-cite">
      <a class="highwire-cite-linked-title" href="/content/10.1101/2020.03.22.002386v3"><span class="highwire-cite-title">A SARS-CoV-2-Human Protein-Protein Interaction Map</span></a>
      <div class="highwire-cite-authors"><span class="highwire-citation-author first">David E. Gordon</span>, <span class="highwire-citation-author">Gwendolyn M. Jang</span></div></div></div></li></ul>`;
    const r = detect(html, 'https://www.biorxiv.org/search/sars-cov-2');
    expect(r.papers[0]).toMatchObject({ id: 'doi:10.1101/2020.03.22.002386', authors: ['David E. Gordon', 'Gwendolyn M. Jang'] });
    expect(r.papers[0]!.aliases).toContain('url:https://biorxiv.org/content/10.1101/2020.03.22.002386');
  });

  it('dblp record page: its one entry, homonym numbers dropped', () => {
    const html = `<ul class="publ-list"><li class="entry article" id="journals/nature/LeCunBH15"><nav class="publ"><ul><li class="ee"><a href="https://doi.org/10.1038/nature14539">DOI</a></li></ul></nav>
      <cite class="data"><span itemprop="author"><span itemprop="name">Yann LeCun</span></span>, <span itemprop="author"><span itemprop="name">Wei Wang 0001</span></span>: <span class="title" itemprop="name">Deep learning.</span></cite></li></ul>`;
    const r = detect(html, 'https://dblp.org/rec/journals/nature/LeCunBH15.html');
    expect(r.kind).toBe('single');
    expect(r.papers[0]).toMatchObject({ id: 'doi:10.1038/nature14539', title: 'Deep learning', authors: ['Yann LeCun', 'Wei Wang'] });
    expect(r.papers[0]!.aliases).toContain('url:https://dblp.org/rec/journals/nature/LeCunBH15');
  });

  it('Semantic Scholar /arxiv/ page: the arXiv id from the URL', () => {
    const r = detect('<head><meta name="citation_title" content="Attention is All you Need"></head>', 'https://www.semanticscholar.org/arxiv/1706.03762');
    expect(r.papers[0]!.id).toBe('arxiv:1706.03762');
  });

  it('ACM proceedings page: its table of contents', () => {
    const html = `<div class="issue-item"><h5 class="issue-item__title"><a href="/doi/10.1145/2939672.2939785">XGBoost: A Scalable Tree Boosting System</a></h5>
      <ul class="rlist--inline loa"><li><a href="/profile/1"><span>Tianqi Chen</span></a></li></ul></div>`;
    const r = detect(html, 'https://dl.acm.org/doi/proceedings/10.1145/2939672');
    expect(r.papers.map((p) => [p.id, p.authors])).toEqual([['doi:10.1145/2939672.2939785', ['Tianqi Chen']]]);
  });

  it('PubMed article page with only meta tags', () => {
    const html = `<head><meta name="citation_title" content="Deep learning."><meta name="citation_authors" content="LeCun Y;Bengio Y;Hinton G;">
      <meta name="citation_doi" content="10.1038/nature14539"><meta name="citation_date" content="2015 May 28"></head>`;
    expect(detect(html, 'https://pubmed.ncbi.nlm.nih.gov/26017442/').papers[0]).toMatchObject({
      id: 'doi:10.1038/nature14539',
      aliases: ['doi:10.1038/nature14539', 'pmid:26017442', 'url:https://pubmed.ncbi.nlm.nih.gov/26017442'],
      title: 'Deep learning',
      authors: ['LeCun Y', 'Bengio Y', 'Hinton G'],
      published: '2015-05-28',
    });
  });

  it('ACL: an entry whose volume link and author links are read, page text stays text', () => {
    const html = `<div class="d-sm-flex"><span class="d-block"><strong><a href="/2020.acl-main.1/">&lt;b&gt;Bold&lt;/b&gt; Title</a></strong><br>
      <a href="/people/a/ann/">Ann</a> | <a href="/people/b/bo/">Bo</a><br><a href="/volumes/2020.acl-main/">Proceedings of ACL 2020</a></span></div>`;
    const [p] = detect(html, 'https://aclanthology.org/volumes/2020.acl-main/').papers;
    expect(p).toMatchObject({ id: 'acl:2020.acl-main.1', title: '<b>Bold</b> Title', authors: ['Ann', 'Bo'], venue: 'Proceedings of ACL 2020' });
  });
});

describe('generic detection cost on large pages (informational)', () => {
  function time(name: string, url: string): { ms: number[]; papers: number } {
    const quiet = vi.spyOn(nodeConsole as Console, 'error').mockImplementation(() => {});
    let doc: Document;
    try {
      doc = parse(fixtureCase(name).html());
    } finally {
      quiet.mockRestore();
    }
    const ms: number[] = [];
    let papers = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      papers = detectPage(doc, url).papers.length;
      ms.push(performance.now() - t);
    }
    return { ms, papers };
  }

  it('the 1.9 MB Reddit page and the Wikipedia page yield nothing', () => {
    for (const [name, url] of [
      ['nonscholarly/postlight-www.reddit.com', 'https://www.reddit.com/r/Showerthoughts/comments/awx46q/x/'],
      ['nonscholarly/readability-wikipedia-2', 'https://en.wikipedia.org/wiki/New_Zealand'],
    ] as const) {
      const { ms, papers } = time(name, url);
      expect(papers).toBe(0);
      console.info(`[generic] ${name} in happy-dom: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms`);
    }
  }, 60_000);
});
