/**
 * Generic detection on small hand-written pages: which metadata makes a page a paper page, which link
 * patterns make a list, and the traps — reference lists, citation widgets, related-papers sidebars, prose
 * that cites DOIs, pages whose only metadata is Open Graph.
 */
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../lib/sites/registry';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const detect = (html: string, url = 'https://journal.example.org/article/1') => detectPage(parse(html), url);
const none = { kind: 'none', papers: [], anchors: [] };

const pub = (title: string, href: string, extra = '') =>
  `<li><span class="title">${title}</span> <span class="authors">Ann Author, Bo Writer</span> ${extra}[<a href="${href}">link</a>]</li>`;

describe('generic single-paper pages', () => {
  it('Highwire citation_* meta: "Last, First" names, DOI, arXiv id, PDF, date, journal; references are not read', () => {
    const html = `<head>
      <meta name="citation_title" content="A Study of Things">
      <meta name="citation_author" content="Doe, Jane">
      <meta name="citation_author" content="Roe, Richard A.">
      <meta name="citation_doi" content="10.1234/ABC.5">
      <meta name="citation_arxiv_id" content="2101.00001">
      <meta name="citation_pdf_url" content="https://journal.example.org/article/1.pdf">
      <meta name="citation_publication_date" content="2021/03/04">
      <meta name="citation_journal_title" content="Journal of Things">
      <meta name="citation_abstract" content="&lt;p&gt;Abstract We study things.&lt;/p&gt;">
      <meta name="citation_reference" content="citation_title=Other work; citation_doi=10.9999/other.1">
    </head><body><h1 class="title">A Study of Things</h1>
      <ol class="references"><li><a href="https://doi.org/10.9999/other.1">Other work</a></li>
      <li><a href="https://doi.org/10.9999/other.2">Other work 2</a></li><li><a href="https://doi.org/10.9999/other.3">Other work 3</a></li></ol></body>`;
    const r = detect(html);
    expect(r.adapter).toBe('generic');
    expect(r.kind).toBe('single');
    expect(r.papers).toHaveLength(1);
    expect(r.papers[0]).toEqual({
      id: 'arxiv:2101.00001',
      aliases: ['arxiv:2101.00001', 'doi:10.1234/abc.5', 'url:https://arxiv.org/abs/2101.00001', 'url:https://journal.example.org/article/1'],
      title: 'A Study of Things',
      authors: ['Jane Doe', 'Richard A. Roe'],
      abstract: 'We study things.',
      published: '2021-03-04',
      venue: 'Journal of Things',
      links: {
        abs: 'https://arxiv.org/abs/2101.00001',
        pdf: 'https://arxiv.org/pdf/2101.00001',
        html: 'https://arxiv.org/html/2101.00001',
        page: 'https://journal.example.org/article/1',
      },
    });
    expect(r.anchors[0]?.localName).toBe('h1');
  });

  it('Dublin Core with a DOI identifier (ACM/Atypon style)', () => {
    const html = `<head><meta name="dc.Title" content="Dublin Paper"><meta name="dc.Creator" content="Ann Author">
      <meta name="dc.Identifier" scheme="doi" content="10.1145/1234567.7654321"><meta name="dc.Date" content="2019-05-01">
      <meta name="dc.Description" content="What the paper says, at some length."></head><body><h1>Dublin Paper</h1></body>`;
    const [p] = detect(html).papers;
    expect(p).toMatchObject({ id: 'doi:10.1145/1234567.7654321', title: 'Dublin Paper', authors: ['Ann Author'], published: '2019-05-01' });
    expect(p!.abstract).toBe('What the paper says, at some length.');
  });

  it('Dublin Core without any identifier is not enough', () => {
    expect(detect(`<head><meta name="DC.title" content="Some page"><meta name="DC.creator" content="Someone"></head>`)).toEqual(none);
  });

  it('PRISM DOI with an Open Graph title', () => {
    const html = `<head><meta property="og:title" content="Prism Paper | Example Journal"><meta property="og:site_name" content="Example Journal">
      <meta name="prism.doi" content="doi:10.5555/prism.1"><meta name="prism.publicationName" content="Example Journal"></head>`;
    expect(detect(html).papers[0]).toMatchObject({ id: 'doi:10.5555/prism.1', title: 'Prism Paper', venue: 'Example Journal' });
  });

  it('JSON-LD ScholarlyArticle with a PropertyValue DOI; news Articles are not papers', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'x' },
        {
          '@type': 'ScholarlyArticle',
          headline: 'Linked Data Paper',
          author: [{ '@type': 'Person', givenName: 'Ann', familyName: 'Author' }, { '@type': 'Person', name: 'Bo Writer' }],
          identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: '10.7777/LD.42' },
          datePublished: '2020-02-03',
          isPartOf: { '@type': 'PublicationIssue', isPartOf: { '@type': 'Periodical', name: 'LD Journal' } },
          abstract: 'Linked data abstract.',
        },
      ],
    };
    const [p] = detect(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`).papers;
    expect(p).toMatchObject({
      id: 'doi:10.7777/ld.42',
      title: 'Linked Data Paper',
      authors: ['Ann Author', 'Bo Writer'],
      published: '2020-02-03',
      venue: 'LD Journal',
      abstract: 'Linked data abstract.',
    });

    const news = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Scientists find thing', description: 'See doi:10.1038/nature14539' };
    expect(detect(`<script type="application/ld+json">${JSON.stringify(news)}</script><h1>Scientists find thing</h1>`, 'https://news.example.org/a')).toEqual(none);
    const wiki = { '@context': 'https://schema.org', '@type': 'Article', name: 'New Zealand', url: 'https://en.wikipedia.org/wiki/New_Zealand' };
    expect(detect(`<script type="application/ld+json">${JSON.stringify(wiki)}</script>`, 'https://en.wikipedia.org/wiki/New_Zealand')).toEqual(none);
  });

  it('malformed JSON-LD is ignored', () => {
    expect(detect('<script type="application/ld+json">{"@type": "ScholarlyArticle", </script>')).toEqual(none);
  });

  it('COinS: the only span, naming the page heading, is the paper; several spans are citations', () => {
    const span = (t: string, doi: string) =>
      `<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&amp;rft.atitle=${encodeURIComponent(t)}&amp;rft.jtitle=J&amp;rft.au=Doe%2C+Jane&amp;rft.date=2018&amp;rft_id=info%3Adoi%2F${encodeURIComponent(doi)}"></span>`;
    const one = detect(`<h1>Coins Paper Title</h1>${span('Coins Paper Title', '10.1111/coins.1')}`, 'https://repo.example.org/item/9');
    expect(one.papers[0]).toMatchObject({ id: 'doi:10.1111/coins.1', title: 'Coins Paper Title', authors: ['Jane Doe'], published: '2018' });
    // A page citing works with COinS (Wikipedia style) is not a paper page.
    const many = `<h1>An encyclopedia article</h1>${span('Coins Paper Title', '10.1111/coins.1')}${span('Another', '10.1111/coins.2')}`;
    expect(detect(many, 'https://wiki.example.org/A')).toEqual(none);
    // One span about something else than the page.
    expect(detect(`<h1>A blog post</h1>${span('Coins Paper Title', '10.1111/coins.1')}`, 'https://blog.example.org/p')).toEqual(none);
  });

  it('Open Graph alone never makes a paper, even on an article', () => {
    const html = `<head><meta property="og:type" content="article"><meta property="og:title" content="Why the sky is blue"></head>
      <body><h1>Why the sky is blue</h1><p>See <a href="https://doi.org/10.1038/nature14539">this paper</a>.</p></body>`;
    expect(detect(html, 'https://news.example.org/sky')).toEqual(none);
  });

  it('a page with scholarly meta it cannot read yields nothing, not a list of its references', () => {
    const refs = [1, 2, 3, 4].map((i) => `<li><a href="https://doi.org/10.9999/ref.${i}">A Referenced Paper Number ${i}</a></li>`).join('');
    const html = `<head><meta name="citation_reference" content="citation_title=Ref"></head><body><ul>${refs}</ul></body>`;
    expect(detect(html)).toEqual(none);
  });
});

describe('generic lists', () => {
  const url = 'https://lab.example.org/papers';

  it('three items with their own id links and titles make a list, in page order, ids merged per item', () => {
    const html = `<ul>
      ${pub('First Paper About Things', 'https://arxiv.org/abs/2101.00001', '[<a href="https://doi.org/10.1234/first">DOI</a>] ')}
      ${pub('Second Paper About Things', 'https://doi.org/10.1234/second')}
      ${pub('Third Paper About Things', 'https://openreview.net/forum?id=abcdefghij')}
    </ul>`;
    const r = detect(html, url);
    expect(r.adapter).toBe('generic');
    expect(r.kind).toBe('list');
    expect(r.papers.map((p) => [p.id, p.title, p.authors])).toEqual([
      ['arxiv:2101.00001', 'First Paper About Things', ['Ann Author', 'Bo Writer']],
      ['doi:10.1234/second', 'Second Paper About Things', ['Ann Author', 'Bo Writer']],
      ['openreview:abcdefghij', 'Third Paper About Things', ['Ann Author', 'Bo Writer']],
    ]);
    expect(r.papers[0]!.aliases).toEqual(['arxiv:2101.00001', 'doi:10.1234/first', 'url:https://arxiv.org/abs/2101.00001']);
    expect(r.anchors.map((a) => a?.textContent)).toEqual(['First Paper About Things', 'Second Paper About Things', 'Third Paper About Things']);
  });

  it('two items are not a list', () => {
    const html = `<ul>${pub('First Paper About Things', 'https://arxiv.org/abs/2101.00001')}${pub('Second Paper About Things', 'https://doi.org/10.1234/second')}</ul>`;
    expect(detect(html, url)).toEqual(none);
  });

  it('items without a distinct title are not entries', () => {
    const html = `<ul>${[1, 2, 3].map((i) => `<li>[<a href="https://arxiv.org/abs/2101.0000${i}">arXiv</a>] [<a href="https://doi.org/10.1/x${i}">pdf</a>]</li>`).join('')}</ul>`;
    expect(detect(html, url)).toEqual(none);
    const same = `<ul>${[1, 2, 3].map((i) => `<li><b>The Same Title Again</b> <a href="https://arxiv.org/abs/2101.0000${i}">arXiv</a></li>`).join('')}</ul>`;
    expect(detect(same, url)).toEqual(none);
  });

  const fourRefs = [1, 2, 3, 4]
    .map((i) => `<li>A. Author. <cite>A Referenced Paper Number ${i}</cite>. J. Things, 2020. <a href="https://doi.org/10.9999/ref.${i}">doi:10.9999/ref.${i}</a></li>`)
    .join('');

  it.each([
    ['LaTeXML bibliography', `<section class="ltx_bibliography"><ul class="ltx_biblist">${fourRefs}</ul></section>`],
    ['role=doc-bibliography', `<section role="doc-bibliography"><ol>${fourRefs}</ol></section>`],
    ['.references', `<ol class="references">${fourRefs}</ol>`],
    ['#references', `<div id="references"><ol>${fourRefs}</ol></div>`],
    ['Wikipedia reflist', `<div class="reflist"><div class="mw-references-wrap"><ol>${fourRefs}</ol></div></div>`],
    ['after a References heading', `<article><h2>Introduction</h2><p>Text.</p><h2>References</h2><ol>${fourRefs}</ol></article>`],
    ['after a numbered Bibliography heading', `<h3>7. Bibliography</h3><div><ul>${fourRefs}</ul></div>`],
    ['a related-papers sidebar', `<aside><h3>More like this</h3><ul>${fourRefs}</ul></aside>`],
    ['a related widget', `<div class="related-articles"><ul>${fourRefs}</ul></div>`],
    ['a cited-by widget', `<section class="cited-by"><ul>${fourRefs}</ul></section>`],
    ['a footer', `<footer><ul>${fourRefs}</ul></footer>`],
  ])('never a list inside %s', (_, body) => {
    expect(detect(`<main><h1>Some page</h1>${body}</main>`, url)).toEqual(none);
  });

  it('prose that cites papers is not a list', () => {
    const para = (i: number) =>
      `<p>Last week a team reported in a journal that things happen more often than thought, according to <a href="https://doi.org/10.9999/news.${i}">a new study of the phenomenon</a> published on Tuesday; other researchers were cautious and said that more work was needed before anyone could say for sure what it means for the field.</p>`;
    expect(detect(`<article>${para(1)}${para(2)}${para(3)}</article>`, 'https://news.example.org/story')).toEqual(none);
    const short = (i: number) => `<p>As <a href="https://doi.org/10.9999/news.${i}">one study</a> showed, it varies.</p>`;
    expect(detect(`<article>${short(1)}${short(2)}${short(3)}</article>`, 'https://news.example.org/story')).toEqual(none);
  });

  it('entries that start with a long author list are entries, not prose', () => {
    const authors = 'Alexey Dosovitskiy, Lucas Beyer, Alexander Kolesnikov, Dirk Weissenborn, Xiaohua Zhai, Thomas Unterthiner, Mostafa Dehghani, Matthias Minderer, Georg Heigold';
    const entry = (i: number) => `<div class="entry">${authors}. <b>Paper Number ${i} About Images</b>. ICLR, 2021. <a href="https://arxiv.org/abs/2010.1192${i}">[arXiv]</a></div>`;
    expect(detect(`<div class="pubs">${entry(1)}${entry(2)}${entry(3)}</div>`, url).papers.map((p) => p.title)).toEqual([
      'Paper Number 1 About Images',
      'Paper Number 2 About Images',
      'Paper Number 3 About Images',
    ]);
  });

  it('a blog roundup with one heading per paper is a list', () => {
    const item = (id: string, title: string) => `<h3><a href="https://arxiv.org/abs/${id}">${title}</a></h3><p>Why it matters: a few sentences of commentary.</p>`;
    const r = detect(
      `<article><h1>Five papers I liked this week</h1>${item('2101.00001', 'Paper One on Sparse Models')}${item('2101.00002', 'Paper Two on Dense Models')}${item('2101.00003', 'Paper Three on Other Models')}</article>`,
      'https://blog.example.org/roundup',
    );
    expect(r.papers.map((p) => p.id)).toEqual(['arxiv:2101.00001', 'arxiv:2101.00002', 'arxiv:2101.00003']);
  });

  it('year-grouped lists: shorter lists built like an accepted one are read too', () => {
    const html = `<h2>2021</h2><ul class="pubs">${pub('Only Paper of That Year', 'https://arxiv.org/abs/2101.00009')}</ul>
      <h2>2020</h2><ul class="pubs">${pub('First Paper About Things', 'https://arxiv.org/abs/2001.00001')}${pub('Second Paper About Things', 'https://arxiv.org/abs/2001.00002')}${pub('Third Paper About Things', 'https://arxiv.org/abs/2001.00003')}</ul>`;
    expect(detect(html, url).papers.map((p) => p.id)).toEqual(['arxiv:2101.00009', 'arxiv:2001.00001', 'arxiv:2001.00002', 'arxiv:2001.00003']);
  });

  it('a paper page is one paper even when its body lists papers', () => {
    const html = `<head><meta name="citation_title" content="The Paper"><meta name="citation_doi" content="10.1000/the"></head>
      <body><h1>The Paper</h1><ul>${pub('First Paper About Things', 'https://arxiv.org/abs/2101.00001')}${pub('Second Paper About Things', 'https://arxiv.org/abs/2101.00002')}${pub('Third Paper About Things', 'https://arxiv.org/abs/2101.00003')}</ul></body>`;
    const r = detect(html);
    expect(r.kind).toBe('single');
    expect(r.papers.map((p) => p.id)).toEqual(['doi:10.1000/the']);
  });

  it('page text stays text', () => {
    const html = `<ul>${[1, 2, 3].map((i) => `<li><b>&lt;img src=x onerror=alert(${i})&gt; title</b> <a href="https://arxiv.org/abs/2101.0000${i}">arXiv</a></li>`).join('')}</ul>`;
    const doc = parse(html);
    const before = doc.documentElement.outerHTML;
    const r = detectPage(doc, url);
    expect(r.papers[0]!.title).toBe('<img src=x onerror=alert(1)> title');
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
  });

  it('never throws on odd input', () => {
    expect(detectPage({} as Document, url)).toEqual(none);
    expect(detect('<a href="https://arxiv.org/abs/%E0%A4%A">x</a><a href="https://doi.org/%">y</a><a href="javascript:alert(1)">z</a>', url)).toEqual(none);
  });
});
