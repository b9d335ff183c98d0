/**
 * Site badges for list rows (pure): a short label per host, drawn as a letter badge by the stylesheet —
 * nothing is ever fetched to show a site.
 */

export interface SiteBadge {
  /** The host without `www.`. */
  host: string;
  /** What the badge shows (1–3 characters). */
  mark: string;
  /** The site's name, for the badge's accessible name. */
  name: string;
  /** Key for the badge's colour (`data-site`); `other` for hosts without one. */
  key: string;
}

const KNOWN: readonly [suffix: string, mark: string, name: string, key: string][] = [
  ['arxiv.org', 'aX', 'arXiv', 'arxiv'],
  ['alphaxiv.org', 'αX', 'alphaXiv', 'alphaxiv'],
  ['huggingface.co', 'HF', 'Hugging Face', 'huggingface'],
  ['scholar.google.com', 'G', 'Google Scholar', 'scholar'],
  ['openreview.net', 'OR', 'OpenReview', 'openreview'],
  ['semanticscholar.org', 'S2', 'Semantic Scholar', 'semanticscholar'],
  ['aclanthology.org', 'ACL', 'ACL Anthology', 'acl'],
  ['proceedings.mlr.press', 'ML', 'PMLR', 'pmlr'],
  ['neurips.cc', 'NI', 'NeurIPS', 'neurips'],
  ['thecvf.com', 'CV', 'CVF', 'cvf'],
  ['dblp.org', 'db', 'dblp', 'dblp'],
  ['pubmed.ncbi.nlm.nih.gov', 'PM', 'PubMed', 'pubmed'],
  ['ncbi.nlm.nih.gov', 'PMC', 'PubMed Central', 'pmc'],
  ['biorxiv.org', 'bX', 'bioRxiv', 'biorxiv'],
  ['medrxiv.org', 'mX', 'medRxiv', 'biorxiv'],
  ['dl.acm.org', 'ACM', 'ACM Digital Library', 'acm'],
];

/** The host of a page URL without `www.`, or `undefined` for anything but http(s). */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

export function siteBadge(host: string): SiteBadge {
  const bare = host.replace(/^www\./, '');
  for (const [suffix, mark, name, key] of KNOWN) {
    if (bare === suffix || bare.endsWith(`.${suffix}`)) return { host: bare, mark, name, key };
  }
  const first = bare.split('.')[0] ?? bare;
  return { host: bare, mark: (first[0] ?? '?').toUpperCase(), name: bare, key: 'other' };
}

/** One badge per site (several hosts of one site show once), in the order first met. */
export function siteBadges(hosts: Iterable<string>): SiteBadge[] {
  const byKey = new Map<string, SiteBadge>();
  for (const host of hosts) {
    const badge = siteBadge(host);
    const key = badge.key === 'other' ? badge.host : badge.key;
    if (!byKey.has(key)) byKey.set(key, badge);
  }
  return [...byKey.values()];
}
