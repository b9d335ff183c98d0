/**
 * Generated hostile pages for detection: the layouts the site adapters read (arXiv listings and search
 * results, Hugging Face hydration props, Next.js page data, dblp entries, Scholar results, citation_* meta,
 * JSON-LD, COinS, plain lists of links), filled with values a page can hold and an adapter must survive:
 * enormous attributes and text, deep nesting, markup cut anywhere, JSON of the wrong types, references that
 * point at each other, huge arrays, ids that only look like ids, `javascript:` links, control characters.
 */
import fc from 'fast-check';

/** Fixed seed: a failure replays with the same pages. */
export const FUZZ_SEED = 20_261_129;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const TRICKY = [
  '',
  ' ',
  '\u0000',
  '\u202e\u200b',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  '</script><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  ']]>-->',
  '%E0%A4%A',
  '\ud800',
  'arxiv:',
  'doi:',
  'url:',
  '10.',
  '10.1000/',
  'arXiv:2101.00001v0',
  '2101.00001v99999999999',
  '9999.999999',
  'hep-th/',
  '../../etc/passwd',
  'constructor',
  '__proto__',
  'null',
  'NaN',
  '-1',
  '1e309',
];

/** Text a page can hold, up to very long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'a ', 'é', '\n', '2101.00001 '), fc.integer({ min: 2_000, max: 120_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length))) },
);

/** Identifiers, well-formed or only nearly. */
export const idLike: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 7, max: 30 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99_999 })).map(
    ([y, m, n]) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}.${String(n).padStart(5, '0')}`,
  ),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `hep-th/${String(n).padStart(7, '0')}`),
  fc.tuple(fc.integer({ min: 1000, max: 99_999 }), hostileText).map(([p, s]) => `10.${p}/${s}`),
  fc.constantFrom(...TRICKY),
  hostileText,
);

const KEYS = [
  'paper', 'id', 'title', 'authors', 'name', 'user', 'summary', 'publishedAt', 'githubRepo', 'dailyPapers', 'papers',
  'props', 'pageProps', 'forumNote', 'content', 'value', '@type', '@graph', '@id', '@context', 'headline', 'author',
  'identifier', 'sameAs', 'url', 'datePublished', 'doi', 'abstract', 'description', 'isPartOf', 'mainEntity',
  'citation', '$ref', '__proto__', 'constructor', 'length',
];

/** JSON of any shape, biased to the keys adapters read, with wrong types and references to other nodes. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(hostileText, idLike, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 6 }),
    fc.array(tie('node'), { maxLength: 5 }),
    // A reference to another node, the way JSON-LD and normalised stores link them (never resolved here).
    fc.constantFrom({ '@id': '#a' }, { $ref: '#/props' }, { '@id': '_:b0', '@type': 'ScholarlyArticle', sameAs: { '@id': '_:b0' } }),
    // Huge arrays of one small value.
    fc.tuple(fc.oneof(fc.integer(), fc.constant(null), fc.constant({ paper: { id: '2101.00001' } }), fc.string({ maxLength: 12 })), fc.integer({ min: 1_000, max: 20_000 })).map(([x, n]) => new Array<unknown>(n).fill(x)),
    // Paper-shaped values with wrong or hostile fields.
    fc.record(
      { id: fc.oneof(idLike, tie('node')), title: fc.oneof(hostileText, tie('node')), authors: tie('node'), summary: fc.oneof(hostileText, tie('node')), publishedAt: fc.oneof(hostileText, tie('node')) },
      { requiredKeys: ['id'] },
    ).map((paper) => ({ paper })),
  ),
})).node;

const json = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '{';
  }
};

interface EntryFields {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  href: string;
}

const entryFields: fc.Arbitrary<EntryFields> = fc.record({
  id: idLike,
  title: hostileText,
  authors: fc.array(hostileText, { maxLength: 4 }),
  abstract: hostileText,
  href: fc.oneof(idLike.map((id) => `/abs/${id}`), idLike.map((id) => `https://doi.org/${id}`), fc.constantFrom(...TRICKY), hostileText),
});

const arxivListing = fc.array(entryFields, { maxLength: 6 }).map(
  (entries) =>
    `<dl id='articles'><h3>New</h3>${entries
      .map(
        (e) => `<dt><a href="/abs/${esc(e.id)}" title="Abstract" id="${esc(e.id)}">arXiv:${esc(e.id)}</a> [<a href="${esc(e.href)}">pdf</a>]</dt>
<dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> ${esc(e.title)}</div>
<div class='list-authors'>${e.authors.map((a) => `<a href="${esc(e.href)}">${esc(a)}</a>`).join(', ')}</div>
<div class='list-journal-ref'>${esc(e.abstract.slice(0, 50))}</div><p class='mathjax'>${esc(e.abstract)}</p></div></dd>`,
      )
      .join('')}</dl>`,
);

const arxivSearch = fc.array(entryFields, { maxLength: 6 }).map(
  (entries) =>
    `<ol class="breathe-horizontal">${entries
      .map(
        (e) => `<li class="arxiv-result"><div class="is-marginless"><p class="list-title"><a href="https://arxiv.org/abs/${esc(e.id)}">arXiv:${esc(e.id)}</a> <a href="${esc(e.href)}">doi</a></p></div>
<p class="title is-5 mathjax">${esc(e.title)}</p><p class="authors">${e.authors.map((a) => `<a>${esc(a)}</a>`).join(', ')}</p>
<p class="abstract mathjax"><span class="abstract-full">${esc(e.abstract)}</span></p><p class="is-size-7"><span>Submitted</span> ${esc(e.abstract.slice(0, 30))}</p></li>`,
      )
      .join('')}</ol>`,
);

const hfHydration = fc
  .tuple(fc.constantFrom('DailyPapers', 'PaperContent', 'Other'), fc.oneof(hostileJson, fc.array(hostileJson, { maxLength: 4 }).map((dailyPapers) => ({ dailyPapers }))), fc.boolean(), fc.array(entryFields, { maxLength: 3 }))
  .map(
    ([target, props, broken, cards]) =>
      `<div class="SVELTE_HYDRATER contents" data-target="${target}" data-props="${esc(broken ? json(props).slice(0, Math.floor(json(props).length / 2)) : json(props))}">${cards
        .map((c) => `<article class="relative flex"><h3><a href="/papers/${esc(c.id)}">${esc(c.title)}</a></h3><p class="line-clamp-3">${esc(c.abstract)}</p></article>`)
        .join('')}</div>`,
  );

const nextData = hostileJson.map(
  (data) => `<script id="__NEXT_DATA__" type="application/json">${json({ props: { pageProps: { forumNote: data } } }).replace(/</g, '\\u003c')}</script>`,
);

const jsonLd = hostileJson.map(
  (data) =>
    `<script type="application/ld+json">${json(
      typeof data === 'object' && data !== null && !Array.isArray(data) ? { '@type': 'ScholarlyArticle', ...data } : data,
    ).replace(/</g, '\\u003c')}</script>`,
);

const META_NAMES = [
  'citation_title', 'citation_author', 'citation_doi', 'citation_arxiv_id', 'citation_pmid', 'citation_date',
  'citation_publication_date', 'citation_abstract', 'citation_journal_title', 'citation_conference_title',
  'citation_pdf_url', 'citation_abstract_html_url', 'citation_firstpage', 'dc.title', 'dc.identifier', 'DC.creator',
  'og:title', 'description',
];

const citationMeta = fc.array(fc.tuple(fc.constantFrom(...META_NAMES), fc.oneof(hostileText, idLike)), { maxLength: 12 }).map((pairs) =>
  pairs.map(([name, content]) => `<meta name="${name}" property="${name}" content="${esc(content)}">`).join(''),
);

const coins = fc.array(fc.tuple(idLike, hostileText), { maxLength: 3 }).map((items) =>
  items
    .map(([id, title]) => `<span class="Z3988" title="${esc(`ctx_ver=Z39.88-2004&rft.atitle=${title.replace(/[&#%]/g, '%25')}&rft_id=info:doi/${id}&rft.au=${title.slice(0, 9)}`)}"></span>`)
    .join(''),
);

const dblpEntries = fc.array(entryFields, { maxLength: 4 }).map(
  (entries) =>
    `<ul class="publ-list">${entries
      .map(
        (e, i) => `<li class="entry article" id="${esc(e.id)}"><nav class="publ"><ul><li class="ee"><a href="${esc(e.href)}">ee</a></li><li class="ee"><a href="https://doi.org/${esc(e.id)}">doi</a></li></ul></nav>
<cite class="data">${e.authors.map((a) => `<span itemprop="author"><span itemprop="name">${esc(a)}</span></span>`).join(', ')}: <span class="title" itemprop="name">${esc(e.title)}</span>
<span itemprop="isPartOf"><span itemprop="name">${esc(e.abstract.slice(0, 40))}</span></span></cite><meta property="datePublished" content="${i ? '2020' : esc(e.abstract.slice(0, 8))}"></li>`,
      )
      .join('')}</ul>`,
);

const scholarResults = fc.array(entryFields, { maxLength: 4 }).map((entries) =>
  entries
    .map(
      (e) => `<div class="gs_r gs_or gs_scl" data-cid="${esc(e.id)}"><div class="gs_ri"><h3 class="gs_rt"><a href="${esc(e.href)}">${esc(e.title)}</a></h3>
<div class="gs_a">${esc(e.authors.join(', '))} - ${esc(e.abstract.slice(0, 20))}</div><div class="gs_rs">${esc(e.abstract)}</div>
<div class="gs_fl"><a href="/scholar?cluster=${esc(e.id)}">All versions</a></div></div></div>`,
    )
    .join(''),
);

const linkList = fc.array(entryFields, { maxLength: 8 }).map(
  (entries) => `<ul>${entries.map((e) => `<li><a href="${esc(e.href)}">${esc(e.title)}</a> ${esc(e.authors.join(', '))}. <a href="https://arxiv.org/abs/${esc(e.id)}">arXiv</a></li>`).join('')}</ul>`,
);

/** Tag soup: unbalanced, unknown and misplaced elements. */
const tagSoup = fc.array(fc.constantFrom('<div>', '</div>', '<dl id="articles">', '<dt>', '<dd>', '</dl>', '<table><td>', '<svg><title>', '</p>', '<li class="entry">', '<cite class="data">', '<!--', '<![CDATA[', '<script>', '</template>', '<template>', '<math><mi>', '<a href="/abs/2101.00001">', '<h3 class="gs_rt">'), { maxLength: 12 }).map((parts) => parts.join(''));

const fragment: fc.Arbitrary<string> = fc.oneof(arxivListing, arxivSearch, hfHydration, nextData, jsonLd, citationMeta, coins, dblpEntries, scholarResults, linkList, tagSoup);

interface PageShape {
  head: string;
  body: string[];
  depth: number;
  closeNesting: boolean;
  hugeAttribute: number | null;
  cutAt: number | null;
}

function assemble({ head, body, depth, closeNesting, hugeAttribute, cutAt }: PageShape): string {
  let inner = body.join('\n');
  if (depth) inner = '<div class="x">'.repeat(depth) + inner + (closeNesting ? '</div>'.repeat(depth) : '');
  const big = hugeAttribute ? ` data-big="${'a'.repeat(hugeAttribute)}" title="${'2101.00001 '.repeat(hugeAttribute / 11)}"` : '';
  const html = `<!DOCTYPE html><html><head>${head}</head><body${big}>${inner}</body></html>`;
  return cutAt === null ? html : html.slice(0, Math.floor(html.length * cutAt));
}

/** A page made of `fragments`: perhaps deeply nested, perhaps with an enormous attribute, perhaps cut anywhere. */
const pageOf = (fragments: fc.Arbitrary<string>) =>
  fc
    .record({
      head: fc.oneof(citationMeta, jsonLd, fc.constant('')),
      body: fc.array(fragments, { minLength: 1, maxLength: 5 }),
      depth: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 50, max: 1_500 }) }),
      closeNesting: fc.boolean(),
      hugeAttribute: fc.option(fc.integer({ min: 10_000, max: 300_000 }), { freq: 5 }),
      cutAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }),
    })
    .map(assemble);

/** A whole page of any fragments. */
export const hostilePage: fc.Arbitrary<string> = pageOf(fragment);

/** Page addresses: every adapter's kinds of page, and pages no adapter serves (generic detection). */
export const PAGE_URLS = [
  'https://arxiv.org/list/hep-th/new',
  'https://arxiv.org/list/cs.LG/2020-06?skip=0&show=2000',
  'https://arxiv.org/search/?query=x&searchtype=all',
  'https://arxiv.org/abs/2101.00001v2',
  'https://arxiv.org/html/2101.00001',
  'https://huggingface.co/papers/date/2026-09-28',
  'https://huggingface.co/papers/trending',
  'https://huggingface.co/papers/2609.31620',
  'https://scholar.google.com/scholar?q=x',
  'https://scholar.google.com/citations?user=abc',
  'https://aclanthology.org/2021.naacl-main.208/',
  'https://aclanthology.org/events/naacl-2019/',
  'https://proceedings.mlr.press/v139/',
  'https://openreview.net/forum?id=YicbFdNTTy',
  'https://openreview.net/group?id=ICLR.cc/2021/Conference',
  'https://www.semanticscholar.org/search?q=x',
  'https://www.semanticscholar.org/paper/abc/0123456789abcdef0123456789abcdef01234567',
  'https://papers.nips.cc/paper_files/paper/2017',
  'https://openaccess.thecvf.com/CVPR2016',
  'https://dblp.org/search?q=x',
  'https://dblp.org/db/conf/cvpr/cvpr2016.html',
  'https://pubmed.ncbi.nlm.nih.gov/?term=x',
  'https://pubmed.ncbi.nlm.nih.gov/26017442/',
  'https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/',
  'https://www.biorxiv.org/content/10.1101/2020.01.01.123456v1',
  'https://www.alphaxiv.org/overview/1706.03762',
  'https://dl.acm.org/doi/10.1145/2939672.2939785',
  'https://dl.acm.org/action/doSearch?AllField=x',
  'https://example.org/publications',
  'http://lab.example.edu/~someone/papers.html',
];

export const pageUrl = fc.constantFrom(...PAGE_URLS);

/**
 * A hostile page and its address: half the time any page at any address, half the time a page in the layout
 * of the site at the address, so that adapters get past their first checks and produce entries.
 */
export const hostileCase: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(hostilePage, pageUrl),
  fc.tuple(pageOf(fc.oneof(arxivListing, tagSoup)), fc.constantFrom('https://arxiv.org/list/hep-th/new', 'https://arxiv.org/list/cs.LG/2020-06?skip=0&show=2000')),
  fc.tuple(pageOf(fc.oneof(arxivSearch, tagSoup)), fc.constant('https://arxiv.org/search/?query=x&searchtype=all')),
  fc.tuple(pageOf(fc.oneof(citationMeta, jsonLd)), fc.constantFrom('https://arxiv.org/abs/2101.00001v2', 'https://example.org/paper/1', 'https://dl.acm.org/doi/10.1145/2939672.2939785', 'https://www.biorxiv.org/content/10.1101/2020.01.01.123456v1')),
  fc.tuple(pageOf(hfHydration), fc.constantFrom('https://huggingface.co/papers/date/2026-09-28', 'https://huggingface.co/papers/2609.31620', 'https://huggingface.co/papers/trending')),
  fc.tuple(pageOf(nextData), fc.constant('https://openreview.net/forum?id=YicbFdNTTy')),
  fc.tuple(pageOf(dblpEntries), fc.constantFrom('https://dblp.org/search?q=x', 'https://dblp.org/db/conf/cvpr/cvpr2016.html')),
  fc.tuple(pageOf(scholarResults), fc.constant('https://scholar.google.com/scholar?q=x')),
  fc.tuple(pageOf(fc.oneof(linkList, coins, jsonLd)), fc.constantFrom('https://example.org/publications', 'http://lab.example.edu/~someone/papers.html')),
);
