/**
 * The library's search and listing contract, shared by the index (`lib/search`) and the side panel
 * (`components/`). The index keeps, in memory, what filtering, sorting and ranking need for every paper;
 * rows themselves are read from Dexie by id for the visible window only.
 */
import type { PaperId, PaperStatus } from '../model';
import type { LibraryViewKey } from '../status';

/** `relevance` applies only with search text (without text it falls back to `seen`). */
export type SortKey = 'relevance' | 'seen' | 'saved' | 'published' | 'title';

export interface LibraryQuery {
  /** What the user typed; '' lists without searching. Prefix and typo tolerant, ranked. */
  text: string;
  /** The status view (`all`: every status). */
  view: LibraryViewKey;
  /** Papers carrying every one of these tags. */
  tags?: string[];
  /** Papers seen on this host (e.g. `arxiv.org`, `huggingface.co`). */
  site?: string;
  /** Inclusive ranges, epoch ms for seen/saved and `YYYY[-MM[-DD]]` for published. */
  seen?: { from?: number; to?: number };
  saved?: { from?: number; to?: number };
  published?: { from?: string; to?: string };
  sort: SortKey;
  /** Default: newest first for dates, A→Z for titles, best first for relevance. */
  reverse?: boolean;
}

export interface LibraryResult {
  /** Every matching record id, in order (the view virtualises over it). */
  ids: PaperId[];
}

/** What the index keeps of each paper for filters and sorting (never long text). */
export interface IndexedFacts {
  id: PaperId;
  status: PaperStatus;
  tags: string[];
  /** Hosts the paper was seen on. */
  sites: string[];
  firstSeenAt: number;
  savedAt?: number;
  published?: string;
  title: string;
}

export interface LibraryIndex {
  /** True once the index answers queries (loaded from its saved copy and caught up with the change feed). */
  readonly ready: boolean;
  whenReady(): Promise<void>;
  /** Synchronous: answers from memory. Throws if not ready. */
  query(query: LibraryQuery): LibraryResult;
  /** Called after the index folded in new changes (the view re-runs its query). Answers an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Every tag in the library with its number of papers, most used first (tag completion, tag filter). */
  tags(): { tag: string; count: number }[];
  /** Every host papers were seen on, with counts. */
  sites(): { site: string; count: number }[];
  /** Stops following the change feed and saves the index when it changed. */
  close(): Promise<void>;
}
