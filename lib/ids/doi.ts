/** DOIs: normalisation to the canonical lower-case form and the `doi:` id (arXiv DOIs map to `arxiv:`). */

import type { PaperId } from '../model';
import { parseArxivId } from './arxiv';
import { safeDecode, trimTrailingPunctuation } from './text';

const SCHEME_PREFIX_RE = /^(?:doi\s*:\s*|info:doi\/|urn:doi:)/i;
const RESOLVER_PREFIX_RE = /^(?:(?:https?:)?\/\/)?(?:(?:www\.|dx\.)?doi\.org|doi\.acm\.org)\//i;
/** `10.` + registrant code (with optional sub-divisions) + `/` + a suffix without whitespace. */
const DOI_RE = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;
const ARXIV_DOI_PREFIX = '10.48550/arxiv.';

/**
 * Normalises a DOI given bare (`10.…`), prefixed (`doi:`, `info:doi/`), as a resolver link
 * (`https://doi.org/…`, `dx.doi.org`, `http:`) or URL-encoded. Trailing punctuation from running
 * text is dropped, balanced parentheses are kept. Returns the lower-case DOI, or null.
 */
export function normalizeDoi(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  if (!s) return null;
  s = s.replace(SCHEME_PREFIX_RE, '');
  const resolver = RESOLVER_PREFIX_RE.exec(s);
  if (resolver) {
    s = s.slice(resolver[0].length);
    // In a link, a literal `?` or `#` starts the query or fragment; inside a DOI they are escaped.
    const cut = s.search(/[?#]/);
    if (cut !== -1) s = s.slice(0, cut);
  }
  s = safeDecode(s).trim();
  if (s.charCodeAt(0) !== 49 /* '1' */) {
    s = s.replace(SCHEME_PREFIX_RE, '');
  }
  s = trimTrailingPunctuation(s);
  if (!DOI_RE.test(s)) return null;
  return s.toLowerCase();
}

/** Like {@link doiId} but keeps the arXiv version an arXiv DOI may carry. */
export function doiIdentity(raw: string): { id: PaperId; version?: number } | null {
  const doi = normalizeDoi(raw);
  if (doi === null) return null;
  if (doi.startsWith(ARXIV_DOI_PREFIX)) {
    const ref = parseArxivId(doi.slice(ARXIV_DOI_PREFIX.length));
    if (ref) return ref.version === undefined ? { id: `arxiv:${ref.id}` } : { id: `arxiv:${ref.id}`, version: ref.version };
  }
  return { id: `doi:${doi}` };
}

/** The id for a DOI: `arxiv:<id>` for arXiv's DataCite DOIs (`10.48550/arXiv.<id>`), else `doi:<doi>`. */
export function doiId(raw: string): PaperId | null {
  const d = doiIdentity(raw);
  return d === null ? null : d.id;
}
