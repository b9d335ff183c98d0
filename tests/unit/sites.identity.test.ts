/**
 * One paper met on different sites gives entries whose aliases intersect, so the library merges them into
 * one record: arXiv abs, Hugging Face, Google Scholar, a journal page carrying both its DOI and the arXiv DOI,
 * OpenReview with an arXiv link, dblp, Semantic Scholar, CVF, a lab page; PubMed, PMC and the publisher;
 * NeurIPS and dblp; ACL paper and list pages.
 */
import { describe, expect, it } from 'vitest';
import type { DetectedPaper } from '../../lib/model';
import { detectPage } from '../../lib/sites/registry';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

function paperAt(html: string, url: string, index = 0): DetectedPaper {
  const r = detectPage(parse(html), url);
  const p = r.papers[index];
  if (!p) throw new Error(`no paper #${index} detected at ${url} (kind ${r.kind}, adapter ${r.adapter})`);
  return p;
}

function shared(a: DetectedPaper, b: DetectedPaper): string[] {
  const set = new Set(a.aliases);
  return b.aliases.filter((x) => set.has(x));
}

function expectSamePaper(pages: Record<string, DetectedPaper>): void {
  const names = Object.keys(pages);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = pages[names[i]!]!;
      const b = pages[names[j]!]!;
      expect(shared(a, b), `${names[i]} ${JSON.stringify(a.aliases)} vs ${names[j]} ${JSON.stringify(b.aliases)}`).not.toEqual([]);
    }
  }
}

const VIT = 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale';

describe('the same arXiv paper on different sites', () => {
  const arxivAbs = paperAt(
    `<head><meta name="citation_title" content="${VIT}"><meta name="citation_arxiv_id" content="2010.11929"></head>
     <body><h1 class="title mathjax"><span class="descriptor">Title:</span>${VIT}</h1>
     <div class="authors"><span class="descriptor">Authors:</span><a href="#">Alexey Dosovitskiy</a></div></body>`,
    'https://arxiv.org/abs/2010.11929v2',
  );
  const hf = paperAt(`<h1>${VIT}</h1>`, 'https://huggingface.co/papers/2010.11929');
  const scholar = paperAt(
    `<div class="gs_r gs_or gs_scl" data-cid="abcdefgh"><div class="gs_ri"><h3 class="gs_rt"><a href="https://arxiv.org/abs/2010.11929">${VIT}</a></h3>
     <div class="gs_a">A Dosovitskiy, L Beyer - arXiv preprint arXiv:2010.11929, 2020 - arxiv.org</div></div></div>`,
    'https://scholar.google.com/scholar?q=vision+transformer',
  );
  const openreview = paperAt(
    `<head><meta name="citation_title" content="${VIT}"></head><body><div class="forum-note"><h2>${VIT}</h2>
     <div class="note-content"><strong class="note-content-field">Code:</strong> <a href="https://arxiv.org/abs/2010.11929">arXiv version</a></div></div>
     <div class="forum-replies"><a href="https://arxiv.org/abs/2005.12872">a reviewer's pointer</a></div></body>`,
    'https://openreview.net/forum?id=YicbFdNTTy',
  );
  const openreviewList = paperAt(
    `<ul><li class="note"><h4><a href="/forum?id=YicbFdNTTy">${VIT}</a></h4><div class="note-authors"><a href="/profile?id=~A1">Alexey Dosovitskiy</a></div></li></ul>`,
    'https://openreview.net/group?id=ICLR.cc/2021/Conference',
  );
  const alphaxiv = paperAt(`<head><meta property="og:title" content="${VIT} | alphaXiv"></head>`, 'https://www.alphaxiv.org/abs/2010.11929');
  const s2 = paperAt(
    `<div data-test-id="search-result"><a data-test-id="title-link" href="/paper/An-Image-Dosovitskiy/268d347e8a55b5eb82fb5e7d2f800e33c75ab18a"><h2>${VIT}</h2></a>
     <a data-test-id="paper-link" href="https://arxiv.org/pdf/2010.11929.pdf">arxiv.org</a></div>`,
    'https://www.semanticscholar.org/search?q=vit',
  );
  const lab = paperAt(
    `<ul>${['2010.11929', '1512.03385', '1506.02640']
      .map((id, i) => `<li><b>${i === 0 ? VIT : `Another Paper Number ${i}`}</b> [<a href="https://arxiv.org/abs/${id}">arXiv</a>]${i === 0 ? ' [<a href="https://openreview.net/forum?id=YicbFdNTTy">OpenReview</a>]' : ''}</li>`)
      .join('')}</ul>`,
    'https://lab.example.org/publications/',
  );

  it('all share arxiv:2010.11929', () => {
    for (const p of [arxivAbs, hf, scholar, openreview, alphaxiv, s2, lab]) expect(p.id).toBe('arxiv:2010.11929');
    expectSamePaper({ arxivAbs, hf, scholar, openreview, alphaxiv, s2, lab });
  });

  it('OpenReview: the forum (with its arXiv link), its listing entry and a lab page share the forum id', () => {
    expect(openreview.aliases).toContain('openreview:YicbFdNTTy');
    expect(openreview.aliases).not.toContain('arxiv:2005.12872');
    expect(openreviewList.id).toBe('openreview:YicbFdNTTy');
    expectSamePaper({ openreview, openreviewList, lab });
  });
});

describe('a journal page carrying both its DOI and the arXiv DOI', () => {
  const title = 'Deep Residual Learning for Image Recognition';
  const journal = paperAt(
    `<head><meta name="citation_title" content="${title}"><meta name="citation_doi" content="10.1109/CVPR.2016.90">
     <meta name="dc.identifier" content="doi:10.48550/arXiv.1512.03385"></head><body><h1>${title}</h1></body>`,
    'https://ieeexplore.ieee.org/document/7780459',
  );
  const arxivAbs = paperAt(`<head><meta name="citation_title" content="${title}"></head>`, 'https://arxiv.org/abs/1512.03385');
  const dblp = paperAt(
    `<ul class="publ-list"><li class="entry inproceedings" id="conf/cvpr/HeZRS16"><nav class="publ"><ul><li class="drop-down"><div class="body"><ul>
     <li class="ee"><a href="https://doi.org/10.1109/CVPR.2016.90">DOI</a></li></ul></div></li></ul></nav>
     <cite class="data"><span itemprop="author"><span itemprop="name">Kaiming He</span></span>: <span class="title" itemprop="name">${title}.</span></cite></li></ul>`,
    'https://dblp.org/db/conf/cvpr/cvpr2016.html',
  );
  const cvf = paperAt(
    `<head><meta name="citation_title" content="${title}"></head><body><div id="content"><div id="papertitle">${title}</div>
     [<a href="http://arxiv.org/abs/1512.03385">arXiv</a>]</div></body>`,
    'https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html',
  );

  it('its entry carries both ids, the arXiv id first', () => {
    expect(journal.id).toBe('arxiv:1512.03385');
    expect(journal.aliases).toContain('doi:10.1109/cvpr.2016.90');
    expect(journal.links.page).toBe('https://ieeexplore.ieee.org/document/7780459');
  });

  it('and so meets the arXiv page (by arXiv id) and dblp (by DOI)', () => {
    expect(dblp.id).toBe('doi:10.1109/cvpr.2016.90');
    expectSamePaper({ journal, arxivAbs, cvf });
    expect(shared(journal, dblp)).toEqual(['doi:10.1109/cvpr.2016.90']);
  });
});

describe('PubMed, PMC and the publisher', () => {
  const pubmedSearch = paperAt(
    `<article class="full-docsum"><a class="docsum-title" href="/23193287/" data-article-id="23193287">GenBank.</a>
     <span class="docsum-authors full-authors">Benson DA, Cavanaugh M.</span>
     <span class="docsum-journal-citation full-journal-citation">Nucleic Acids Res. 2013 Jan;41(Database issue):D36-42. doi: 10.1093/nar/gks1195.</span></article>`,
    'https://pubmed.ncbi.nlm.nih.gov/?term=genbank',
  );
  const pmc = paperAt(
    `<head><meta name="citation_title" content="GenBank"><meta name="citation_pmid" content="23193287"></head>`,
    'https://pmc.ncbi.nlm.nih.gov/articles/PMC3531190/',
  );
  const publisher = paperAt(
    `<head><meta name="citation_title" content="GenBank"><meta name="citation_doi" content="10.1093/nar/gks1195"></head>`,
    'https://academic.oup.com/nar/article/41/D1/D36/1068219',
  );

  it('share the DOI or the PMID', () => {
    expect(pubmedSearch.id).toBe('doi:10.1093/nar/gks1195');
    expect(pubmedSearch.aliases).toContain('pmid:23193287');
    expect(pmc.aliases).toEqual(expect.arrayContaining(['pmid:23193287', 'pmcid:PMC3531190']));
    expect(shared(pubmedSearch, pmc)).toContain('pmid:23193287');
    expect(shared(pubmedSearch, publisher)).toContain('doi:10.1093/nar/gks1195');
  });
});

describe('papers without DOI meet by their landing page', () => {
  const hash = '3f5ee243547dee91fbd053c1c4a845aa';
  const neuripsPage = paperAt(
    `<head><meta name="citation_title" content="Attention is All you Need"></head>`,
    `https://papers.nips.cc/paper_files/paper/2017/hash/${hash}-Abstract.html`,
  );
  const neuripsList = paperAt(
    `<ul class="paper-list"><li><a href="/paper/2017/hash/${hash}-Abstract.html">Attention is All you Need</a> <i>Ashish Vaswani</i></li></ul>`,
    'https://proceedings.neurips.cc/paper/2017',
  );
  const dblp = paperAt(
    `<li class="entry inproceedings" id="conf/nips/VaswaniSPUJGKP17"><nav class="publ"><ul><li class="ee"><a href="https://proceedings.neurips.cc/paper/2017/hash/${hash}-Abstract.html">ee</a></li></ul></nav>
     <cite class="data"><span class="title">Attention is All you Need.</span></cite></li>`,
    'https://dblp.org/pid/00/0000.html',
  );
  const aclPaper = paperAt(
    `<head><meta name="citation_title" content="How many data points is a prompt worth?"><meta name="citation_doi" content="10.18653/v1/2021.naacl-main.208"></head>`,
    'https://aclanthology.org/2021.naacl-main.208/',
  );
  const aclList = paperAt(
    `<div class="d-sm-flex"><span class="d-block"><strong><a href="/2021.naacl-main.208/">How many data points is a prompt worth?</a></strong></span></div>`,
    'https://aclanthology.org/people/alexander-m-rush/',
  );

  it('NeurIPS pages on either host and dblp', () => expectSamePaper({ neuripsPage, neuripsList, dblp }));

  it('ACL paper page and list entry share the Anthology id', () => {
    expect(aclPaper.id).toBe('doi:10.18653/v1/2021.naacl-main.208');
    expect(shared(aclPaper, aclList)).toContain('acl:2021.naacl-main.208');
  });
});
