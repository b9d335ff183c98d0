/**
 * Canonical paper identifiers: parsing, normalisation, recognition in links and text, ranking.
 * Pure functions: no DOM, no network.
 *
 * Ids, best first: `arxiv:<id>`, `doi:<doi>`, `pmid:<n>`, `pmcid:PMC<n>`, `openreview:<forum id>`,
 * `acl:<anthology id>`, then `url:<normalised url>`.
 */

export { type ArxivRef, parseArxivId, arxivId, arxivLinks } from './arxiv';
export { normalizeDoi, doiId } from './doi';
export { normalizeUrl, urlId } from './url';
export { type UrlIdentity, idsFromUrl, idsFromText } from './recognise';
export { idRank, bestId, rankIds, namespaceOf, displayId } from './rank';
