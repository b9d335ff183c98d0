/** Ranking, namespaces and display labels of canonical ids. */

import type { PaperId } from '../model';

const RANKS: ReadonlyMap<string, number> = new Map([
  ['arxiv', 0],
  ['doi', 1],
  ['pmid', 2],
  ['pmcid', 3],
  ['openreview', 4],
  ['acl', 5],
  ['url', 9],
]);
const OTHER_RANK = 6;

/** The namespace of an id (`arxiv`, `doi`, `url`, …); '' when it has none. */
export function namespaceOf(id: PaperId): string {
  const i = id.indexOf(':');
  return i <= 0 ? '' : id.slice(0, i).toLowerCase();
}

/** Lower is better: arxiv 0, doi 1, pmid 2, pmcid 3, openreview 4, acl 5, other namespaces 6, url 9. */
export function idRank(id: PaperId): number {
  return RANKS.get(namespaceOf(id)) ?? OTHER_RANK;
}

/** The best-ranked id (the first of equals), or undefined when there is none. */
export function bestId(ids: Iterable<PaperId>): PaperId | undefined {
  let best: PaperId | undefined;
  let bestRank = Infinity;
  for (const id of ids) {
    if (!id) continue;
    const r = idRank(id);
    if (r < bestRank) {
      best = id;
      bestRank = r;
    }
  }
  return best;
}

/** Deduplicated, best first; ids of equal rank keep their order. Empty strings are skipped. */
export function rankIds(ids: Iterable<PaperId>): PaperId[] {
  const unique: PaperId[] = [];
  const seen = new Set<PaperId>();
  for (const id of ids) {
    if (!id || seen.has(id)) continue;
    seen.add(id);
    unique.push(id);
  }
  if (unique.length < 2) return unique;
  const ranks = new Map<PaperId, number>();
  for (const id of unique) ranks.set(id, idRank(id));
  return unique.sort((a, b) => ranks.get(a)! - ranks.get(b)!);
}

const LABELS: Readonly<Record<string, string>> = {
  arxiv: 'arXiv:',
  doi: 'doi:',
  pmid: 'PMID:',
  pmcid: '',
  openreview: 'OpenReview:',
  acl: 'ACL:',
  url: '',
};

/**
 * A human label: `arXiv:2405.01234`, `doi:10.1145/…`, `PMID:123`, `PMC456`, `OpenReview:abc`,
 * `ACL:P19-1001`, the URL itself for `url:`; other ids as they are.
 */
export function displayId(id: PaperId): string {
  const ns = namespaceOf(id);
  const label = Object.prototype.hasOwnProperty.call(LABELS, ns) ? LABELS[ns] : undefined;
  return label === undefined ? id : label + id.slice(ns.length + 1);
}
