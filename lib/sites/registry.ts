/**
 * The list of site adapters and the one entry point for detection: `detectPage(doc, url)`.
 * Adding a site = one adapter file + its entry here + a fixture page with a truth file.
 * Pages no adapter serves go to generic detection (`./generic`): paper pages read from their metadata,
 * lists of papers on arbitrary pages.
 */
import type { DetectedPaper } from '../model';
import type { PageEntries, PageKind, SiteAdapter } from './types';
import { adapter as arxiv } from './arxiv';
import { adapter as huggingface } from './huggingface';
import { adapter as scholar } from './scholar';
import { adapter as acl } from './acl';
import { adapter as pmlr } from './pmlr';
import { adapter as openreview } from './openreview';
import { adapter as semanticscholar } from './semanticscholar';
import { adapter as neurips } from './neurips';
import { adapter as cvf } from './cvf';
import { adapter as dblp } from './dblp';
import { adapter as pubmed } from './pubmed';
import { adapter as pmc } from './pmc';
import { adapter as biorxiv } from './biorxiv';
import { adapter as alphaxiv } from './alphaxiv';
import { adapter as acm } from './acm';
import { withinLimits } from './shared/bounds';
import { detectGeneric } from './generic';

/** First match wins: an adapter's `appliesTo` must not claim another adapter's pages. */
export const ADAPTERS: readonly SiteAdapter[] = Object.freeze([
  arxiv,
  huggingface,
  scholar,
  acl,
  pmlr,
  openreview,
  semanticscholar,
  neurips,
  cvf,
  dblp,
  pubmed,
  pmc,
  biorxiv,
  alphaxiv,
  acm,
]);

/** The name `detectPage` reports when generic detection found the page's papers. */
export const GENERIC = 'generic';

export interface PageDetection {
  /**
   * Name of the adapter that handled the page; `generic` when no adapter applies and generic detection found
   * papers; absent when no adapter applies and the page holds none.
   */
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

/** Keep well-formed papers only (within the request limits), first occurrence of each id, in page order, with their anchors. */
function wellFormed(papers: unknown, anchors: unknown): { papers: DetectedPaper[]; anchors: (Element | null)[] } {
  const out = { papers: [] as DetectedPaper[], anchors: [] as (Element | null)[] };
  if (!Array.isArray(papers)) return out;
  const anchorList: unknown[] = Array.isArray(anchors) ? anchors : [];
  const seen = new Set<string>();
  (papers as DetectedPaper[]).forEach((found, index) => {
    if (!found || typeof found !== 'object') return;
    const p = withinLimits(found);
    if (!p || seen.has(p.id)) return;
    seen.add(p.id);
    out.papers.push(p);
    const anchor = anchorList[index];
    out.anchors.push(anchor && typeof anchor === 'object' && 'nodeType' in anchor ? (anchor as Element) : null);
  });
  return out;
}

const NOTHING = { kind: 'none', papers: [], anchors: [] } as const satisfies Omit<PageDetection, 'adapter'>;

/** Apply the page-kind rules to what an adapter (or generic detection) returned. */
function settle(result: PageEntries | undefined): Omit<PageDetection, 'adapter'> {
  let { papers, anchors } = wellFormed(result?.papers, result?.anchors);
  let kind: PageKind = result?.kind === 'list' || result?.kind === 'single' ? result.kind : 'none';
  if (kind === 'single') {
    if (papers.length === 0) kind = 'none';
    else {
      papers = papers.slice(0, 1);
      anchors = anchors.slice(0, 1);
    }
  }
  if (kind === 'none') return { ...NOTHING, papers: [], anchors: [] };
  return { kind, papers, anchors };
}

/**
 * The papers on a page. Never throws: a page the adapter cannot read gives kind `none` and no papers; a page
 * no adapter serves is read by generic detection, and gives `{ kind: 'none', papers: [] }` without
 * `adapter` when it holds no papers.
 */
export function detectPage(doc: Document, url: URL | string): PageDetection {
  let name: string | undefined;
  try {
    const u = toUrl(url);
    if (!u) return { ...NOTHING, papers: [], anchors: [] };
    const adapter = adapterFor(u);
    if (!adapter) {
      const found = settle(detectGeneric(doc, u));
      return found.papers.length ? { adapter: GENERIC, ...found } : { ...NOTHING, papers: [], anchors: [] };
    }
    name = adapter.name;
    return { adapter: name, ...settle(adapter.entries(doc, u)) };
  } catch {
    return name ? { adapter: name, ...NOTHING, papers: [], anchors: [] } : { ...NOTHING, papers: [], anchors: [] };
  }
}
