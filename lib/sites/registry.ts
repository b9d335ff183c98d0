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
  /** Index-aligned with `papers` (see `PageEntries.anchors`); `null` where unknown. */
  anchors: (Element | null)[];
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

/** Keep well-formed papers only, first occurrence of each id, in page order, with their anchors. */
function wellFormed(papers: unknown, anchors: unknown): { papers: DetectedPaper[]; anchors: (Element | null)[] } {
  const out = { papers: [] as DetectedPaper[], anchors: [] as (Element | null)[] };
  if (!Array.isArray(papers)) return out;
  const anchorList: unknown[] = Array.isArray(anchors) ? anchors : [];
  const seen = new Set<string>();
  (papers as DetectedPaper[]).forEach((p, index) => {
    if (!p || typeof p.id !== 'string' || !p.id || typeof p.title !== 'string' || !p.title.trim()) return;
    if (seen.has(p.id)) return;
    seen.add(p.id);
    out.papers.push(p);
    const anchor = anchorList[index];
    out.anchors.push(anchor && typeof anchor === 'object' && 'nodeType' in anchor ? (anchor as Element) : null);
  });
  return out;
}

const NOTHING = { kind: 'none', papers: [], anchors: [] } as const satisfies Omit<PageDetection, 'adapter'>;

/**
 * The papers on a page. Never throws: an unknown site gives `{ kind: 'none', papers: [] }` without
 * `adapter`; a page the adapter cannot read gives kind `none` and no papers.
 */
export function detectPage(doc: Document, url: URL | string): PageDetection {
  let name: string | undefined;
  try {
    const u = toUrl(url);
    const adapter = u && adapterFor(u);
    if (!u || !adapter) return { ...NOTHING, papers: [], anchors: [] };
    name = adapter.name;
    const result = adapter.entries(doc, u);
    let { papers, anchors } = wellFormed(result?.papers, result?.anchors);
    let kind: PageKind = result?.kind === 'list' || result?.kind === 'single' ? result.kind : 'none';
    if (kind === 'single') {
      if (papers.length === 0) kind = 'none';
      else {
        papers = papers.slice(0, 1);
        anchors = anchors.slice(0, 1);
      }
    }
    if (kind === 'none') return { adapter: name, ...NOTHING, papers: [], anchors: [] };
    return { adapter: name, kind, papers, anchors };
  } catch {
    return name ? { adapter: name, ...NOTHING, papers: [], anchors: [] } : { ...NOTHING, papers: [], anchors: [] };
  }
}
