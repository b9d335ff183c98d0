/**
 * Constructed listing pages of synthetic papers, in the markup the site adapters read (the layouts of
 * tests/unit/sites.robustness.test.ts and the dblp pages under tests/fixtures/pages/dblp): arXiv listings
 * (arXiv id only), arXiv search results (arXiv id and DOI: the page that proves both name one paper), dblp
 * search results (DOI only) and Hugging Face daily papers (arXiv id under the Hugging Face address).
 */

export type ListingKind = 'arxiv-list' | 'arxiv-search' | 'dblp' | 'huggingface';

export interface SyntheticPaper {
  /** Bare arXiv id, e.g. `2611.00042`. */
  arxiv: string;
  /** Lower-case DOI. */
  doi: string;
  title: string;
  authors: string[];
  abstract: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Paper `index` of the month `yymm` (e.g. `2611`); the same index always gives the same paper. */
export function syntheticPaper(yymm: string, index: number, abstractLength = 300): SyntheticPaper {
  const words = ['graph', 'kernel', 'sparse', 'neural', 'quantum', 'spectral', 'robust', 'causal', 'latent', 'adaptive'];
  const topic = `${words[index % 10]} ${words[Math.floor(index / 10) % 10]} ${words[Math.floor(index / 100) % 10]}`;
  const sentence = `We study ${topic} methods for problem ${index} of ${yymm} and report what they find. `;
  return {
    arxiv: `${yymm}.${pad(index + 1, 5)}`,
    doi: `10.5555/lectern.${yymm}.${index}`,
    title: `Synthetic paper ${yymm}-${index} on ${topic}`,
    authors: [`Ada Author${index % 97}`, `Bo Writer${index % 89}`],
    abstract: sentence.repeat(Math.ceil(abstractLength / sentence.length)).slice(0, abstractLength).trim(),
  };
}

function arxivListEntry(p: SyntheticPaper, n: number, withAbstract: boolean): string {
  return `<dt><a name="item${n}">[${n}]</a> <a href="/abs/${p.arxiv}" title="Abstract" id="${p.arxiv}">arXiv:${p.arxiv}</a>
  [<a href="/pdf/${p.arxiv}" title="Download PDF">pdf</a>]</dt>
<dd><div class='meta'>
  <div class='list-title mathjax'><span class='descriptor'>Title:</span>
   ${p.title}
  </div>
  <div class='list-authors'>${p.authors.map((a) => `<a href="/a/${encodeURIComponent(a)}">${a}</a>`).join(', ')}</div>
  ${withAbstract ? `<p class='mathjax'>${p.abstract}</p>` : ''}
</div></dd>`;
}

function arxivSearchEntry(p: SyntheticPaper): string {
  return `<li class="arxiv-result">
  <div class="is-marginless"><p class="list-title is-inline-block"><a href="https://arxiv.org/abs/${p.arxiv}">arXiv:${p.arxiv}</a>
    <span>&nbsp;[<a href="https://arxiv.org/pdf/${p.arxiv}">pdf</a>]&nbsp;</span> doi <a href="https://doi.org/${p.doi}">${p.doi}</a></p></div>
  <p class="title is-5 mathjax">${p.title}</p>
  <p class="authors"><span class="search-hit">Authors:</span> ${p.authors.map((a) => `<a href="/search/?a">${a}</a>`).join(', ')}</p>
  <p class="is-size-7"><span>Submitted</span> 5 May, 2021; <span>originally announced</span> May 2021.</p>
</li>`;
}

function dblpEntry(p: SyntheticPaper): string {
  const key = `journals/synth/P${p.arxiv.replace('.', '-')}`;
  return `<li class="entry article" id="${key}" itemscope itemtype="http://schema.org/ScholarlyArticle"><nav class="publ"><ul>
<li class="drop-down"><div class="head"><a href="https://doi.org/${p.doi}">ee</a></div><div class="body"><ul><li class="ee"><a href="https://doi.org/${p.doi}" itemprop="url">electronic edition via DOI</a></li></ul></div></li></ul></nav>
<cite class="data tts-content" itemprop="headline">${p.authors.map((a) => `<span itemprop="author" itemscope itemtype="http://schema.org/Person"><a href="https://dblp.org/pid/00/1.html" itemprop="url"><span itemprop="name">${a}</span></a></span>`).join(', ')}:<br> <span class="title" itemprop="name">${p.title}.</span> <a href="https://dblp.org/db/journals/synth/index.html"><span itemprop="isPartOf" itemscope itemtype="http://schema.org/Periodical"><span itemprop="name">Synth. J.</span></span></a> <span itemprop="datePublished">2021</span></cite><meta property="datePublished" content="2021"></li>`;
}

function huggingfaceCard(p: SyntheticPaper): string {
  return `<article class="relative flex"><a href="/papers/${p.arxiv}"><img alt=""></a>
  <h3><a href="/papers/${p.arxiv}">${p.title}</a></h3>
  <a href="/papers/${p.arxiv}#community">3</a></article>`;
}

/** A whole page of `papers` in the layout of `kind`; `withAbstract(i)` says which arXiv list entries show one. */
export function listingPage(kind: ListingKind, papers: readonly SyntheticPaper[], withAbstract: (i: number) => boolean = () => false): string {
  const head = '<!-- Constructed page of synthetic papers (tests/stress/listings.ts). --><!DOCTYPE html><html><head><meta charset="utf-8"><title>Listing</title></head><body>';
  switch (kind) {
    case 'arxiv-list':
      return `${head}<div id="dlpage"><h1>Synthetic listing</h1><dl id='articles'><h3>Submissions</h3>${papers.map((p, i) => arxivListEntry(p, i + 1, withAbstract(i))).join('\n')}</dl></div></body></html>`;
    case 'arxiv-search':
      return `${head}<main><ol class="breathe-horizontal" start="1">${papers.map(arxivSearchEntry).join('\n')}</ol></main></body></html>`;
    case 'dblp':
      return `${head}<div id="main"><ul class="publ-list">${papers.map(dblpEntry).join('\n')}</ul></div></body></html>`;
    case 'huggingface':
      return `${head}<main><div class="grid">${papers.map(huggingfaceCard).join('\n')}</div></main></body></html>`;
  }
}

/** The strong ids an entry of `kind` names for a paper: what must find its record afterwards. */
export function idsShown(kind: ListingKind, p: SyntheticPaper): string[] {
  switch (kind) {
    case 'arxiv-list':
    case 'huggingface':
      return [`arxiv:${p.arxiv}`];
    case 'arxiv-search':
      return [`arxiv:${p.arxiv}`, `doi:${p.doi}`];
    case 'dblp':
      return [`doi:${p.doi}`];
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same rounds. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
