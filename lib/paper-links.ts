/**
 * The links of a paper's detail view: its stored links, then the pages its ids name on the sites that have
 * one page per paper (arXiv, Hugging Face, alphaXiv, OpenReview, DOI). Pure; only http(s) addresses.
 */
import { arxivLinks } from './ids';
import { safeHttpUrl } from './links';
import type { PaperId, PaperLinks } from './model';

export interface PaperLink {
  /** Stable key, e.g. `pdf`, `huggingface`. */
  key: string;
  label: string;
  href: string;
}

const STORED: [keyof PaperLinks, string][] = [
  ['abs', 'Abstract page'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['code', 'Code'],
  ['page', 'Paper page'],
];

function after(prefix: string, ids: readonly PaperId[]): string | undefined {
  const id = ids.find((x) => x.startsWith(prefix));
  return id?.slice(prefix.length);
}

/** Every link worth showing for a paper, each address once, stored links first. */
export function paperLinks(paper: { aliases: readonly PaperId[]; links: PaperLinks; version?: number }): PaperLink[] {
  const out: PaperLink[] = [];
  const seen = new Set<string>();
  const add = (key: string, label: string, raw: string | undefined) => {
    const href = safeHttpUrl(raw);
    if (!href || seen.has(href) || out.some((l) => l.key === key)) return;
    seen.add(href);
    out.push({ key, label, href });
  };
  for (const [key, label] of STORED) add(key, label, paper.links[key]);

  const arxiv = after('arxiv:', paper.aliases);
  if (arxiv) {
    const links = arxivLinks(arxiv);
    add('abs', 'Abstract page', links.abs);
    add('pdf', 'PDF', links.pdf);
    add('html', 'HTML', links.html);
    add('huggingface', 'Hugging Face', `https://huggingface.co/papers/${encodeURIComponent(arxiv)}`);
    add('alphaxiv', 'alphaXiv', `https://www.alphaxiv.org/abs/${encodeURIComponent(arxiv)}`);
  }
  const forum = after('openreview:', paper.aliases);
  if (forum) add('openreview', 'OpenReview', `https://openreview.net/forum?id=${encodeURIComponent(forum)}`);
  const doi = after('doi:', paper.aliases);
  if (doi) add('doi', 'DOI', `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`);
  return out;
}
