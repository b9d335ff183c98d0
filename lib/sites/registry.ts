/**
 * The list of site adapters and the one entry point for detection: `detectPage(doc, url)`.
 * Adding a site = one adapter file + its entry here + a fixture page with a truth file.
 */
import type { DetectedPaper } from '../model';
import type { PageKind, SiteAdapter } from './types';
import { adapter as arxiv } from './arxiv';
import { adapter as huggingface } from './huggingface';

/** First match wins: an adapter's `appliesTo` must not claim another adapter's pages. */
export const ADAPTERS: readonly SiteAdapter[] = Object.freeze([arxiv, huggingface]);

export interface PageDetection {
  /** Name of the adapter that handled the page; absent when none applies. */
  adapter?: string;
  kind: PageKind;
  papers: DetectedPaper[];
}

function toUrl(url: URL | string): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function adapterFor(url: URL | string): SiteAdapter | undefined {
  const u = toUrl(url);
  if (!u) return undefined;
  return ADAPTERS.find((a) => {
    try {
      return a.appliesTo(u);
    } catch {
      return false;
    }
  });
}

/** Keep well-formed papers only, first occurrence of each id, in page order. */
function wellFormed(papers: unknown): DetectedPaper[] {
  if (!Array.isArray(papers)) return [];
  const out: DetectedPaper[] = [];
  const seen = new Set<string>();
  for (const p of papers as DetectedPaper[]) {
    if (!p || typeof p.id !== 'string' || !p.id || typeof p.title !== 'string' || !p.title.trim()) continue;
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    out.push(p);
  }
  return out;
}

/**
 * The papers on a page. Never throws: an unknown site gives `{ kind: 'none', papers: [] }` without
 * `adapter`; a page the adapter cannot read gives kind `none` and no papers.
 */
export function detectPage(doc: Document, url: URL | string): PageDetection {
  let name: string | undefined;
  try {
    const u = toUrl(url);
    const adapter = u && adapterFor(u);
    if (!u || !adapter) return { kind: 'none', papers: [] };
    name = adapter.name;
    const result = adapter.entries(doc, u);
    let papers = wellFormed(result?.papers);
    let kind: PageKind = result?.kind === 'list' || result?.kind === 'single' ? result.kind : 'none';
    if (kind === 'single') {
      if (papers.length === 0) kind = 'none';
      else papers = papers.slice(0, 1);
    }
    if (kind === 'none') papers = [];
    return { adapter: name, kind, papers };
  } catch {
    return name ? { adapter: name, kind: 'none', papers: [] } : { kind: 'none', papers: [] };
  }
}
