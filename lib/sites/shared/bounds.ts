/**
 * Detected entries brought within what the background accepts (`detectedPaperSchema`): the background
 * refuses a whole report when one entry breaks a limit, so a page with one absurd author name or venue would
 * otherwise lose all its entries. Over-long text is cut, values of the wrong form are left out, and an entry
 * without a usable id or title is dropped.
 */
import { isHttpUrl, LIMITS } from '../../messaging/schema-parts';
import type { DetectedPaper, PaperId, PaperLinks } from '../../model';

const ID_PATTERN = /^[a-z]+:./s;
const DATE_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const LINK_KEYS = ['abs', 'pdf', 'html', 'code', 'page'] as const;

const isId = (value: unknown): value is PaperId =>
  typeof value === 'string' && value.length <= LIMITS.idLength && ID_PATTERN.test(value);

const clip = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

function optionalText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? clip(value, max) : undefined;
}

function boundedLinks(links: unknown): PaperLinks {
  const out: PaperLinks = {};
  if (!links || typeof links !== 'object') return out;
  for (const key of LINK_KEYS) {
    const url = (links as Record<string, unknown>)[key];
    if (typeof url === 'string' && url.length <= LIMITS.urlLength && isHttpUrl(url)) out[key] = url;
  }
  return out;
}

/** The entry within the request limits, or `null` when it has no valid id or no title. */
export function withinLimits(paper: DetectedPaper): DetectedPaper | null {
  if (!isId(paper.id) || typeof paper.title !== 'string') return null;
  const title = clip(paper.title.trim(), LIMITS.title);
  if (!title) return null;
  const aliases = [paper.id, ...(Array.isArray(paper.aliases) ? paper.aliases : []).filter((a) => a !== paper.id && isId(a))];
  const out: DetectedPaper = {
    id: paper.id,
    aliases: [...new Set(aliases)].slice(0, LIMITS.aliases),
    title,
    authors: (Array.isArray(paper.authors) ? paper.authors : [])
      .filter((name): name is string => typeof name === 'string')
      .slice(0, LIMITS.authors)
      .map((name) => clip(name, LIMITS.authorName)),
    links: boundedLinks(paper.links),
  };
  const abstract = optionalText(paper.abstract, LIMITS.abstract);
  if (abstract !== undefined) out.abstract = abstract;
  const venue = optionalText(paper.venue, LIMITS.venue);
  if (venue !== undefined) out.venue = venue;
  if (typeof paper.published === 'string' && DATE_PATTERN.test(paper.published)) out.published = paper.published;
  if (typeof paper.version === 'number' && Number.isInteger(paper.version) && paper.version >= 1 && paper.version <= 10_000) {
    out.version = paper.version;
  }
  return out;
}
