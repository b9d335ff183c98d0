/**
 * Small hand-written pages: the layouts the fixtures do not show (missing parts, broken hydration JSON,
 * duplicates, odd values), and which URLs each adapter takes.
 */
import { describe, expect, it } from 'vitest';
import { adapterFor, detectPage } from '../../lib/sites/registry';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** An attribute value holding JSON, escaped the way servers write it. */
const attr = (value: unknown) =>
  (typeof value === 'string' ? value : JSON.stringify(value)).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function listingEntry(id: string, title: string | null, authors: string | null, abstract = ''): string {
  return `<dt><a name="item1">[1]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a>
      [<a href="/pdf/${id}" title="Download PDF">pdf</a>]</dt>
    <dd><div class='meta'>
      ${title === null ? '' : `<div class='list-title mathjax'><span class='descriptor'>Title:</span>\n   ${title}\n  </div>`}
      ${authors === null ? '' : `<div class='list-authors'>${authors}</div>`}
      <div class='list-journal-ref'><span class='descriptor'>Journal-ref:</span> Phys. Rev. D 1, 2 (2020)</div>
      <p class='mathjax'>${abstract}</p>
    </div></dd>`;
}

describe('arXiv listings', () => {
  const url = 'https://arxiv.org/list/hep-th/new';

  it('reads entries with missing authors, skips entries without a title, drops repeats', () => {
    const html = `<div id="dlpage"><dl id='articles'><h3>New submissions</h3>
      ${listingEntry('2303.08867', 'First', '<a href="#">Ann One</a> (MIT), <a href="#">Bo Two</a>', 'An abstract.')}
      ${listingEntry('2303.08868', 'No authors shown', null)}
      ${listingEntry('2303.08869', null, '<a href="#">Someone</a>')}
      </dl><dl id='articles'><h3>Replacements</h3>
      ${listingEntry('2303.08867', 'First', '<a href="#">Ann One</a>')}
      ${listingEntry('hep-th/9901001', 'Old style', 'Carl Plain, Dee Text, et al. (3 additional authors not shown)')}
      </dl></div>`;
    const r = detectPage(parse(html), url);
    expect(r.kind).toBe('list');
    expect(r.papers.map((p) => [p.id, p.title, p.authors])).toEqual([
      ['arxiv:2303.08867', 'First', ['Ann One', 'Bo Two']],
      ['arxiv:2303.08868', 'No authors shown', []],
      ['arxiv:hep-th/9901001', 'Old style', ['Carl Plain', 'Dee Text']],
    ]);
    expect(r.papers[0]!.abstract).toBe('An abstract.');
    expect(r.papers[0]!.venue).toBe('Phys. Rev. D 1, 2 (2020)');
    expect(r.papers[1]!.abstract).toBeUndefined();
    expect(r.papers[2]!.links.abs).toBe('https://arxiv.org/abs/hep-th/9901001');
  });

  it('reads linked author names exactly, whatever text stands between or after the links', () => {
    const html = `<div id="dlpage"><dl id='articles'>
      ${listingEntry('2303.08870', 'Clean', '<a href="#">Ann One</a>, <a href="#">Bo Two</a>, <a href="#">Cy Three</a>')}
      ${listingEntry('2303.08871', 'Trailing text', '<a href="#">Ann One</a>, <a href="#">Bo Two</a> et al.')}
      ${listingEntry('2303.08872', 'Comma in a name', '<a href="#">Smith, Jr.</a>, <a href="#">Bo Two</a>')}
      ${listingEntry('2303.08873', 'Spaced', '<a href="#">\n  Ann   One </a>,\n <a href="#">Bo\tTwo</a>')}
      </dl></div>`;
    expect(detectPage(parse(html), url).papers.map((p) => p.authors)).toEqual([
      ['Ann One', 'Bo Two', 'Cy Three'],
      ['Ann One', 'Bo Two'],
      ['Smith, Jr.', 'Bo Two'],
      ['Ann One', 'Bo Two'],
    ]);
  });

  it('an empty listing is a list with no papers', () => {
    expect(detectPage(parse("<dl id='articles'></dl>"), url)).toEqual({ adapter: 'arxiv', kind: 'list', papers: [], anchors: [] });
  });
});

describe('arXiv search results', () => {
  it('uses the full abstract when there is one, else the short one, without toggles', () => {
    const li = (id: string, abstract: string) => `<li class="arxiv-result">
        <div class="is-marginless"><p class="list-title is-inline-block"><a href="https://arxiv.org/abs/${id}">arXiv:${id}</a></p></div>
        <p class="title is-5 mathjax">  Title ${id} </p>
        <p class="authors"><span class="search-hit">Authors:</span> <a href="/search/?a">A. Author</a></p>
        <p class="abstract mathjax">${abstract}</p>
        <p class="is-size-7"><span>Submitted</span> 5 May, 2021; <span>originally announced</span> May 2021.</p>
      </li>`;
    const html = `<ol class="breathe-horizontal">
      ${li('2105.00001', `<span class="abstract-short">Short text&hellip; <a class="is-size-7">&#9661; More</a></span>
        <span class="abstract-full" style="display:none">Short text and the rest. <a class="is-size-7">&#9651; Less</a></span>`)}
      ${li('2105.00002', `<span class="abstract-short">Only short. <a class="is-size-7">&#9661; More</a></span>`)}
    </ol>`;
    const r = detectPage(parse(html), 'https://arxiv.org/search/?query=x&searchtype=all');
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.abstract, p.published])).toEqual([
      ['arxiv:2105.00001', 'Title 2105.00001', ['A. Author'], 'Short text and the rest.', '2021-05-05'],
      ['arxiv:2105.00002', 'Title 2105.00002', ['A. Author'], 'Only short.', '2021-05-05'],
    ]);
  });
});

describe('arXiv abstract and full-text pages', () => {
  it('abs page: DOI from the DOI field and citation_doi, versioned URL', () => {
    const html = `<html><head>
        <meta name="citation_title" content="Meta title">
        <meta name="citation_author" content="Doe, Jane">
        <meta name="citation_date" content="2020/01/02">
        <meta name="citation_doi" content="10.1000/ABC.1">
      </head><body>
        <h1 class="title mathjax"><span class="descriptor">Title:</span>Shown title</h1>
        <div class="authors"><span class="descriptor">Authors:</span><a href="#">Jane Doe</a>, <a href="#">Jo Roe</a></div>
        <blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span> Text  of the
          abstract.</blockquote>
        <table><tr><td class="tablecell label">DOI:</td><td class="tablecell doi"><a href="https://doi.org/10.1000/xyz.2">10.1000/xyz.2</a></td></tr>
        <tr><td class="tablecell label">Journal reference:</td><td class="tablecell jref">J. Testing 1 (2020)</td></tr></table>
      </body></html>`;
    const [p] = detectPage(parse(html), 'https://arxiv.org/abs/2001.00001v3').papers;
    expect(p).toEqual({
      id: 'arxiv:2001.00001',
      aliases: ['arxiv:2001.00001', 'url:https://arxiv.org/abs/2001.00001', 'doi:10.1000/abc.1', 'doi:10.1000/xyz.2'],
      title: 'Shown title',
      authors: ['Jane Doe', 'Jo Roe'],
      abstract: 'Text of the abstract.',
      published: '2020-01-02',
      venue: 'J. Testing 1 (2020)',
      version: 3,
      links: {
        abs: 'https://arxiv.org/abs/2001.00001',
        pdf: 'https://arxiv.org/pdf/2001.00001',
        html: 'https://arxiv.org/html/2001.00001',
      },
    });
  });

  it('abs page without author links falls back to citation_author meta as "First Last"', () => {
    const html = `<head><meta name="citation_title" content="T"><meta name="citation_author" content="Doe, Jane"></head>`;
    const [p] = detectPage(parse(html), 'https://arxiv.org/abs/2001.00001').papers;
    expect(p!.authors).toEqual(['Jane Doe']);
  });

  it('LaTeXML page: one creator per author, affiliations and notes left out, references ignored', () => {
    const html = `<title>[2401.00001v2] T</title><article class="ltx_document">
      <h1 class="ltx_title ltx_title_document">Mass <math alttext="m_{1}"><mi>m</mi></math> bounds<span class="ltx_note ltx_role_footnote">Funded by X.</span></h1>
      <div class="ltx_authors">
        <span class="ltx_creator ltx_role_author"><span class="ltx_personname">Ana Lima<sup>1</sup></span><span class="ltx_contact ltx_role_affiliation">Uni A</span></span>
        <span class="ltx_author_before">, </span>
        <span class="ltx_creator ltx_role_author"><span class="ltx_personname">Ben Ode and Cy Ray<br class="ltx_break">Uni B</span></span>
      </div>
      <div class="ltx_abstract"><h6 class="ltx_title ltx_title_abstract">Abstract</h6><p class="ltx_p">We bound <math alttext="m_{1}"></math>.</p></div>
      <section class="ltx_bibliography"><ul class="ltx_biblist">
        <li class="ltx_bibitem"><span class="ltx_bibblock">Other paper, arXiv:2101.00002</span></li>
      </ul></section></article>`;
    const r = detectPage(parse(html), 'https://arxiv.org/html/2401.00001v2');
    expect(r.kind).toBe('single');
    expect(r.papers).toHaveLength(1);
    expect(r.papers[0]).toMatchObject({
      id: 'arxiv:2401.00001',
      title: 'Mass $m_{1}$ bounds',
      authors: ['Ana Lima', 'Ben Ode', 'Cy Ray'],
      abstract: 'We bound $m_{1}$.',
      version: 2,
      links: { page: 'https://arxiv.org/html/2401.00001v2' },
    });
  });

  it('a full-text page without a title is not a paper', () => {
    const html = `<section class="ltx_bibliography"><ul><li class="ltx_bibitem">Ref arXiv:2101.00002</li></ul></section>`;
    expect(detectPage(parse(html), 'https://ar5iv.org/html/2401.00001').kind).toBe('none');
  });
});

describe('Hugging Face listings', () => {
  const url = 'https://huggingface.co/papers/date/2026-09-28';
  const card = (id: string, title: string, abstract = '') => `<article class="relative flex">
      <a href="/papers/${id}"><img alt=""></a>
      <h3><a href="/papers/${id}">${title}</a></h3>${abstract ? `<p class="line-clamp-3">${abstract}</p>` : ''}
      <ul class="flex-row-reverse"><li title="user_name_2"></li><li title="user_name_1"></li></ul>
      <a href="/papers/${id}#community">3</a>
    </article>`;
  const cards = card('2609.00001', 'Card one', 'Card abstract.') + card('2609.00002', 'Card two');

  it('broken hydration JSON: falls back to the cards, without usernames as authors', () => {
    const html = `<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[{&quot;paper">${cards}</div>`;
    const r = detectPage(parse(html), url);
    expect(r.kind).toBe('list');
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.abstract])).toEqual([
      ['arxiv:2609.00001', 'Card one', [], 'Card abstract.'],
      ['arxiv:2609.00002', 'Card two', [], undefined],
    ]);
    expect(r.papers[0]!.links.page).toBe('https://huggingface.co/papers/2609.00001');
    expect(r.papers[0]!.aliases).toEqual([
      'arxiv:2609.00001',
      'url:https://huggingface.co/papers/2609.00001',
      'url:https://arxiv.org/abs/2609.00001',
    ]);
  });

  it('no hydration JSON at all: cards', () => {
    expect(detectPage(parse(cards), 'https://huggingface.co/papers/trending').papers).toHaveLength(2);
  });

  it('hydration JSON wins over cards; bad items are skipped, odd values ignored', () => {
    const props = {
      dailyPapers: [
        { paper: { id: 'not-an-id', title: 'Bad id' } },
        { paper: { id: '2609.00003', title: 42, authors: 'nobody' }, title: 'Title from the item' },
        'garbage',
        { paper: { id: '2609.00004', title: 'Four', authors: [{ name: 'Real Name', user: { user: 'handle' } }, null, {}], githubRepo: 'javascript:alert(1)', publishedAt: '2026-09-25T00:00:00.000Z' } },
      ],
    };
    const html = `<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${attr(props)}">${cards}</div>`;
    const r = detectPage(parse(html), url);
    expect(r.papers.map((p) => [p.id, p.title, p.authors])).toEqual([
      ['arxiv:2609.00003', 'Title from the item', []],
      ['arxiv:2609.00004', 'Four', ['Real Name']],
    ]);
    expect(r.papers[1]!.links.code).toBeUndefined();
    expect(r.papers[1]!.published).toBe('2026-09-25');
  });

  it('a listing with no papers is kind list with no entries', () => {
    const html = `<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${attr({ dailyPapers: [] })}"></div>`;
    expect(detectPage(parse(html), 'https://huggingface.co/papers/week/2026-W39')).toEqual({
      adapter: 'huggingface',
      kind: 'list',
      papers: [],
      anchors: [],
    });
  });
});

describe('Hugging Face paper page', () => {
  const page = (props: string) => `<head><meta property="og:title" content="Paper page - OG title"></head><body>
    <div class="SVELTE_HYDRATER contents" data-target="PaperContent" data-props="${props}"><section>
      <div>Published on <time datetime="2026-09-25T00:00:00.000Z">Sep 25</time></div>
      <h1 class="mb-2">Page title</h1>
      <div class="relative flex">Authors: <span><a href="/u1">Ann One</a></span>, <span><button type="button">Bo Two</button></span></div>
      <div><h2 class="mb-2">Abstract</h2> <p class="text-gray-600">Page abstract.</p></div>
    </section></div></body>`;

  it('reads the hydration JSON', () => {
    const props = attr({ paper: { id: '2609.31620', title: 'JSON title', authors: [{ name: 'J Son' }], summary: 'JSON abstract.' } });
    const r = detectPage(parse(page(props)), 'https://huggingface.co/papers/2609.31620');
    expect(r.kind).toBe('single');
    expect(r.papers[0]).toMatchObject({ id: 'arxiv:2609.31620', title: 'JSON title', authors: ['J Son'], abstract: 'JSON abstract.' });
  });

  it('broken JSON: reads the page itself', () => {
    const r = detectPage(parse(page('{&quot;paper&quot;:')), 'https://huggingface.co/papers/2609.31620');
    expect(r.papers).toEqual([
      {
        id: 'arxiv:2609.31620',
        aliases: ['arxiv:2609.31620', 'url:https://huggingface.co/papers/2609.31620', 'url:https://arxiv.org/abs/2609.31620'],
        title: 'Page title',
        authors: ['Ann One', 'Bo Two'],
        abstract: 'Page abstract.',
        published: '2026-09-25',
        links: {
          abs: 'https://arxiv.org/abs/2609.31620',
          pdf: 'https://arxiv.org/pdf/2609.31620',
          html: 'https://arxiv.org/html/2609.31620',
          page: 'https://huggingface.co/papers/2609.31620',
        },
      },
    ]);
  });

  it('JSON for another paper is not trusted', () => {
    const props = attr({ paper: { id: '2609.00001', title: 'Other paper' } });
    const [p] = detectPage(parse(page(props)), 'https://huggingface.co/papers/2609.31620').papers;
    expect(p).toMatchObject({ id: 'arxiv:2609.31620', title: 'Page title' });
  });
});

describe('which adapter takes a URL', () => {
  const cases: [string, string | undefined][] = [
    ['https://arxiv.org/list/astro-ph/new', 'arxiv'],
    ['https://arxiv.org/list/astro-ph/pastweek?skip=0&show=25', 'arxiv'],
    ['https://export.arxiv.org/list/cs.LG/recent', 'arxiv'],
    ['https://www.arxiv.org/abs/1706.03762v7', 'arxiv'],
    ['https://arxiv.org/search/?query=quantum&searchtype=all', 'arxiv'],
    ['https://arxiv.org/search/cs?query=x&searchtype=author', 'arxiv'],
    ['https://arxiv.org/html/2401.00001v2', 'arxiv'],
    ['https://ar5iv.labs.arxiv.org/html/1706.03762', 'arxiv'],
    ['https://ar5iv.org/html/1706.03762', 'arxiv'],
    ['https://arxiv.org/pdf/1706.03762', undefined],
    ['https://arxiv.org/', undefined],
    ['https://huggingface.co/papers', 'huggingface'],
    ['https://huggingface.co/papers?q=attention', 'huggingface'],
    ['https://huggingface.co/papers/date/2026-09-28', 'huggingface'],
    ['https://huggingface.co/papers/week/2026-W39', 'huggingface'],
    ['https://huggingface.co/papers/month/2026-09', 'huggingface'],
    ['https://huggingface.co/papers/trending', 'huggingface'],
    ['https://huggingface.co/papers/2609.31620', 'huggingface'],
    ['https://huggingface.co/blog/paper-pages', undefined],
    ['https://huggingface.co/papersfoo', undefined],
    ['https://huggingface.co/datasets/x/papers', undefined],
  ];
  for (const [url, name] of cases) {
    it(`${url} → ${name ?? 'none'}`, () => {
      expect(adapterFor(new URL(url))?.name).toBe(name);
    });
  }

  it('/papers/<not an arXiv id> is no paper', () => {
    expect(detectPage(parse('<h1>x</h1>'), 'https://huggingface.co/papers/not-an-id').kind).toBe('none');
  });
});
