/** The reader's address: `reader.html?paper=<encodeURIComponent(id)>`, optionally scrolled to a highlight. */
import type { PaperId } from '../model';

export const HIGHLIGHT_FRAGMENT = 'lectern-highlight=';

export type ReaderPath = `reader.html?paper=${string}`;

export function readerPath(paperId: PaperId, highlightId?: string): ReaderPath {
  const path: ReaderPath = `reader.html?paper=${encodeURIComponent(paperId)}`;
  return highlightId ? `${path}#${HIGHLIGHT_FRAGMENT}${encodeURIComponent(highlightId)}` : path;
}

/** The paper a reader address names (`search` is `location.search`), if any. */
export function paperOfReaderSearch(search: string): PaperId | undefined {
  const id = new URLSearchParams(search).get('paper');
  return id && /^[a-z]+:./s.test(id) ? id : undefined;
}

/** The highlight an address's fragment names (`#lectern-highlight=<id>`), if any. */
export function highlightOfFragment(hash: string): string | undefined {
  const at = hash.indexOf(HIGHLIGHT_FRAGMENT);
  if (at === -1) return undefined;
  try {
    return decodeURIComponent(hash.slice(at + HIGHLIGHT_FRAGMENT.length)) || undefined;
  } catch {
    return undefined;
  }
}

/** The live page with the fragment the content script scrolls to. */
export function livePageLink(url: string, highlightId: string): string {
  return `${url.split('#')[0]}#${HIGHLIGHT_FRAGMENT}${encodeURIComponent(highlightId)}`;
}

/** Whether a tab shows an arXiv PDF (where the reader offers the HTML version instead). */
export function isArxivPdf(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/pdf\//.test(url);
}
