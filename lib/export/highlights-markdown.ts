/**
 * Highlights as Markdown, for Obsidian and Logseq: per paper a heading with its title linked to its page,
 * its authors, then each highlight as a blockquote (its colour and a link back to it on the page), and its
 * note below as written (notes are the user's own Markdown). Quotes come from pages: each line is quoted
 * and escaped so that it cannot become a heading, link or HTML.
 */
import { escapeMarkdown } from './markdown';
import type { HighlightGroup } from './highlights-group';

export interface HighlightMarkdownOptions {
  /** The document's first-level heading; default: the paper's title for one group, else "Highlights". */
  heading?: string;
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function paperLink(group: HighlightGroup): string | undefined {
  const links = group.paper?.links;
  return safeUrl(links?.abs ?? links?.page ?? links?.html ?? group.url);
}

/** A quote as blockquote lines: whitespace kept as line breaks, page text escaped. */
function blockquote(text: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return (lines.length ? lines : ['']).map((line) => `> ${escapeMarkdown(line)}`);
}

function groupSection(group: HighlightGroup, level: number): string[] {
  const title = escapeMarkdown(group.paper?.title ?? group.url) || '(untitled)';
  const link = paperLink(group);
  const hashes = '#'.repeat(level);
  const out = [`${hashes} ${link ? `[${title}](${link})` : title}`, ''];
  if (group.paper?.authors.length) out.push(group.paper.authors.map(escapeMarkdown).join(', '), '');
  if (group.paper) out.push(`Library id: \`${group.paper.id.replace(/`/g, '')}\``, '');
  for (const highlight of group.highlights) {
    out.push(...blockquote(highlight.text));
    const source = safeUrl(highlight.url);
    const back = source ? ` · [open](${source.split('#')[0]}#lectern-highlight=${encodeURIComponent(highlight.id)})` : '';
    out.push(`> — *${highlight.color}*, ${new Date(highlight.updatedAt).toISOString().slice(0, 10)}${back}`, '');
    if (highlight.note.trim()) out.push(highlight.note.trim(), '');
  }
  return out;
}

/** One Markdown document for the groups (one paper's or all highlights). */
export function highlightsToMarkdown(groups: readonly HighlightGroup[], options: HighlightMarkdownOptions = {}): string {
  if (groups.length === 1 && options.heading === undefined) {
    return groupSection(groups[0]!, 1).join('\n').trimEnd() + '\n';
  }
  const out = [`# ${escapeMarkdown(options.heading ?? 'Highlights')}`, ''];
  for (const group of groups) out.push(...groupSection(group, 2));
  return out.join('\n').trimEnd() + '\n';
}
