/** Highlights gathered by paper, the shape both highlight exports and the Highlights view read. */
import type { HighlightRecord, PaperId, PaperRecord } from '../model';

export type HighlightPaper = Pick<PaperRecord, 'id' | 'aliases' | 'title' | 'authors' | 'links'> &
  Partial<Pick<PaperRecord, 'published' | 'venue'>>;

export interface HighlightGroup {
  /** The paper's record id, or `url:<page>` for highlights of a page that is not a known paper. */
  key: string;
  /** Absent when the page is not a paper the library knows (or the paper was deleted). */
  paper?: HighlightPaper;
  /** The page the newest highlight was made on. */
  url: string;
  /** Newest first. */
  highlights: HighlightRecord[];
}

export function groupKeyOf(highlight: HighlightRecord): string {
  return highlight.paperId ?? `url:${highlight.url}`;
}

/**
 * Groups highlights by paper (else by page), groups ordered by their newest highlight and highlights newest
 * first. `papers` holds the records known for the paper ids.
 */
export function groupHighlights(highlights: readonly HighlightRecord[], papers: ReadonlyMap<PaperId, HighlightPaper>): HighlightGroup[] {
  const groups = new Map<string, HighlightGroup>();
  const sorted = [...highlights].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
  for (const highlight of sorted) {
    const key = groupKeyOf(highlight);
    let group = groups.get(key);
    if (!group) {
      const paper = highlight.paperId ? papers.get(highlight.paperId) : undefined;
      group = { key, url: highlight.url, highlights: [], ...(paper ? { paper } : {}) };
      groups.set(key, group);
    }
    group.highlights.push(highlight);
  }
  return [...groups.values()];
}
