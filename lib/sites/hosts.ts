/**
 * Hosts the content script runs on, as match patterns. Kept apart from the adapters so that the
 * build configuration can import it without pulling in DOM code.
 *
 * Three groups: the sites with an adapter of their own (each adapter's `matches` must be listed here), and
 * the main hosts of journal publishers and repositories, whose paper pages generic detection reads from
 * their embedded metadata. Never all URLs.
 */

/** Sites served by a site adapter. */
const ADAPTER_HOSTS: string[] = [
  // arXiv
  'https://arxiv.org/*',
  'https://www.arxiv.org/*',
  'https://export.arxiv.org/*',
  'https://ar5iv.labs.arxiv.org/*',
  'https://ar5iv.org/*',
  // Hugging Face papers
  'https://huggingface.co/papers*',
  'https://huggingface.co/papers/*',
  // Google Scholar (main country domains)
  'https://scholar.google.com/*',
  'https://scholar.google.co.uk/*',
  'https://scholar.google.de/*',
  'https://scholar.google.fr/*',
  'https://scholar.google.ca/*',
  'https://scholar.google.com.au/*',
  // Proceedings, indexes and preprint servers
  'https://aclanthology.org/*',
  'https://proceedings.mlr.press/*',
  'https://openreview.net/*',
  'https://www.semanticscholar.org/*',
  'https://proceedings.neurips.cc/*',
  'https://papers.nips.cc/*',
  'https://papers.neurips.cc/*',
  'https://openaccess.thecvf.com/*',
  'https://dblp.org/*',
  'https://dblp.uni-trier.de/*',
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://pmc.ncbi.nlm.nih.gov/*',
  'https://www.ncbi.nlm.nih.gov/pmc/*',
  'https://www.biorxiv.org/*',
  'https://www.medrxiv.org/*',
  'https://www.alphaxiv.org/*',
  'https://alphaxiv.org/*',
  'https://dl.acm.org/*',
];

/** Publishers and repositories read by generic detection (paper pages with citation_* / DC / JSON-LD metadata). */
const PUBLISHER_HOSTS: string[] = [
  'https://www.nature.com/*',
  'https://link.springer.com/*',
  'https://www.sciencedirect.com/*',
  'https://onlinelibrary.wiley.com/*',
  'https://*.onlinelibrary.wiley.com/*',
  'https://journals.plos.org/*',
  'https://www.frontiersin.org/*',
  'https://www.mdpi.com/*',
  'https://academic.oup.com/*',
  'https://www.cambridge.org/*',
  'https://iopscience.iop.org/*',
  'https://journals.aps.org/*',
  'https://pubs.acs.org/*',
  'https://ieeexplore.ieee.org/*',
  'https://www.tandfonline.com/*',
  'https://journals.sagepub.com/*',
  'https://www.jstor.org/*',
  'https://papers.ssrn.com/*',
  'https://hal.science/*',
  'https://*.hal.science/*',
  'https://zenodo.org/*',
];

export const CONTENT_SCRIPT_HOSTS: string[] = [...ADAPTER_HOSTS, ...PUBLISHER_HOSTS];
