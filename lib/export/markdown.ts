/**
 * Markdown export of reading notes: one section per paper (by default only papers with a note), its title
 * linked to its page, a line of authors, venue, year and identifiers, its tags, then the note as written
 * (notes are the user's own Markdown). Text from pages (titles, names, venues) is escaped so that it cannot
 * turn into links, emphasis or HTML. Highlights will get a `### Highlights` section per paper once they
 * exist (`options.highlights` is reserved for it).
 */
import { arxivOf, doiOf, landingUrl, oneLine, yearOf, type CitablePaper } from './shared';

export interface MarkdownOptions {
  /** Only papers with a non-empty note (default true). */
  onlyWithNotes?: boolean;
  /** A first-level heading for the document (none by default). */
  heading?: string;
  /** Reserved: include highlights once they are stored. */
  highlights?: boolean;
}

/** Escapes Markdown syntax in page-derived text (one line). */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#|~$&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function markdownSection(paper: CitablePaper): string {
  const title = escapeMarkdown(paper.title) || '(untitled)';
  const url = safeUrl(landingUrl(paper));
  const lines = [`## ${url ? `[${title}](${url})` : title}`, ''];
  const facts: string[] = [];
  if (paper.authors.length) facts.push(paper.authors.map(escapeMarkdown).join(', '));
  if (paper.venue) facts.push(`*${escapeMarkdown(paper.venue)}*`);
  const year = yearOf(paper);
  if (year !== undefined) facts.push(String(year));
  const arxiv = arxivOf(paper);
  if (arxiv) facts.push(`arXiv:${escapeMarkdown(arxiv)}`);
  const doi = doiOf(paper);
  if (doi) facts.push(`doi:${escapeMarkdown(doi)}`);
  if (facts.length) lines.push(facts.join(' · '), '');
  if (paper.tags?.length) lines.push(`Tags: ${paper.tags.map((t) => `\`${oneLine(t).replace(/`/g, "'")}\``).join(', ')}`, '');
  const note = (paper.note ?? '').trim();
  if (note) lines.push(note.replace(/\r\n?/g, '\n'), '');
  return lines.join('\n');
}

/** The papers' notes as one Markdown document (sections in the given order). */
export function toMarkdown(papers: readonly CitablePaper[], options: MarkdownOptions = {}): string {
  const chosen = options.onlyWithNotes === false ? papers : papers.filter((p) => (p.note ?? '').trim() !== '');
  const parts: string[] = [];
  if (options.heading) parts.push(`# ${escapeMarkdown(options.heading)}\n`);
  for (const paper of chosen) parts.push(markdownSection(paper));
  return parts.join('\n');
}
