/** Addresses that say by themselves whether a page is a paper's full text (no DOM needed: the background reads them). */

/** Pages that show a paper's full text (or a paper page worth keeping) by their address. */
const ARTICLE_URLS = [
  /^https?:\/\/(?:www\.)?arxiv\.org\/html\//,
  /^https?:\/\/(?:ar5iv\.labs\.arxiv\.org|ar5iv\.org)\/(?:html|abs)\//,
  /^https?:\/\/huggingface\.co\/papers\/\d{4}\.\d{4,5}/,
];
/** Pages that are never an article: abstracts, listings, searches, PDFs. */
const NOT_ARTICLE_URLS = [
  /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|list|pdf|search|catchup)\//,
  /^https?:\/\/scholar\.google\./,
  /^https?:\/\/huggingface\.co\/papers\/?(?:[?#]|$|trending|date|week|month)/,
];
/** Whether the address alone says the page is a paper's full text (arXiv HTML, ar5iv, a Hugging Face paper). */
export function isArticleUrl(url: string): boolean {
  return ARTICLE_URLS.some((pattern) => pattern.test(url));
}

/** Whether the address says the page is never an article (abstracts, listings, searches, PDFs). */
export function isNeverArticleUrl(url: string): boolean {
  return NOT_ARTICLE_URLS.some((pattern) => pattern.test(url));
}
