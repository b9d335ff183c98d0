/**
 * A paper named by a link anywhere on the web ("Save to Lectern" on a link): its canonical ids from the
 * link's URL, and its title from the link's text when that text looks like a title (not "PDF", "[arXiv]",
 * an id or a URL). Pure.
 */
import { arxivLinks, displayId, idsFromUrl, rankIds, urlId } from './ids';
import type { DetectedPaper } from './model';

/**
 * Where "Save to Lectern" is offered: links to the paper sites whose URLs name a paper (`targetUrlPatterns`
 * of the context menu item). The URL is parsed again when the item is clicked; these only keep the item off
 * links that cannot be papers.
 */
export const PAPER_LINK_PATTERNS: readonly string[] = [
  '*://arxiv.org/*',
  '*://*.arxiv.org/*',
  '*://doi.org/*',
  '*://dx.doi.org/*',
  '*://openreview.net/*',
  '*://huggingface.co/papers/*',
  '*://hf.co/papers/*',
  '*://aclanthology.org/*',
  '*://alphaxiv.org/*',
  '*://*.alphaxiv.org/*',
  '*://ar5iv.org/*',
  '*://ar5iv.labs.arxiv.org/*',
  '*://pubmed.ncbi.nlm.nih.gov/*',
  '*://pmc.ncbi.nlm.nih.gov/*',
  '*://www.ncbi.nlm.nih.gov/pmc/*',
  '*://europepmc.org/*',
  '*://dl.acm.org/doi/*',
  '*://www.semanticscholar.org/arxiv/*',
];

/** Link texts that name a format, a site or an action, never a paper. */
const NOT_A_TITLE =
  /^(?:\[?\s*(?:pdf|html|abs(?:tract)?|arxiv|doi|code|paper|link|here|bib(?:tex)?|ps|other formats?|view|download|full ?text|openreview|hf|hugging ?face|project ?page|slides|poster|video|read more|more)\s*\]?)$/i;
const URL_LIKE = /^(?:https?:\/\/|www\.)\S+$/i;
const ID_LIKE = /^(?:arxiv:\s*)?\d{4}\.\d{4,5}(?:v\d+)?$|^10\.\d{4,9}\/\S+$|^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}$/i;

/** The link text as a title, or `undefined` when it does not look like one. */
export function titleFromLinkText(text: string | undefined): string | undefined {
  const title = (text ?? '').replace(/\s+/g, ' ').trim();
  if (title.length < 8 || title.length > 500) return undefined;
  if (NOT_A_TITLE.test(title) || URL_LIKE.test(title) || ID_LIKE.test(title)) return undefined;
  // A title has words: at least two runs of letters.
  if ((title.match(/\p{L}{2,}/gu) ?? []).length < 2) return undefined;
  return title;
}

/**
 * The paper a link names, as an entry to record, or `null` when its URL names no paper (a site's front page,
 * a search). The title is the link text when it looks like one, else the paper's display id (a placeholder
 * that any later sighting with a real title replaces).
 */
export function paperFromLink(linkUrl: string, linkText?: string): DetectedPaper | null {
  const { ids, version } = idsFromUrl(linkUrl);
  const ranked = rankIds(ids);
  const id = ranked[0];
  if (!id) return null;
  const aliases = [...ranked];
  const links: DetectedPaper['links'] = {};
  if (id.startsWith('arxiv:')) {
    Object.assign(links, arxivLinks(id.slice('arxiv:'.length)));
    const abs = urlId(links.abs!);
    if (abs) aliases.push(abs);
  } else {
    try {
      const url = new URL(linkUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') links.abs = url.href;
    } catch {
      // idsFromUrl accepted it: an http(s) URL; nothing else to keep.
    }
  }
  const paper: DetectedPaper = {
    id,
    aliases: [...new Set(aliases)],
    title: titleFromLinkText(linkText) ?? displayId(id),
    authors: [],
    links,
  };
  if (version !== undefined) paper.version = version;
  return paper;
}
