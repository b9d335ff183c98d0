/**
 * The data model shared by every part of Lectern: what detection produces and what the library stores.
 * Plain types only, so in-page code and extension pages can both import it.
 */

/** A canonical identifier with its namespace, e.g. `arxiv:2405.01234`, `doi:10.1145/3368089`, `url:https://…`. */
export type PaperId = string;

export const STATUSES = ['seen', 'unread', 'reading', 'read', 'dismissed'] as const;
/** `seen`: recorded only; `unread`: saved to read ("to read"); the rest as named. */
export type PaperStatus = (typeof STATUSES)[number];

export interface PaperLinks {
  /** Landing/abstract page. */
  abs?: string;
  pdf?: string;
  /** Full-text HTML. */
  html?: string;
  /** Code repository. */
  code?: string;
  /** The page of the site the paper was detected on when it is not the abstract page (e.g. the HF paper page). */
  page?: string;
}

/** One paper as a site adapter sees it on a page. Pure data, produced by `lib/sites`. */
export interface DetectedPaper {
  /** Highest-ranked canonical id the page gives. */
  id: PaperId;
  /** Every id the page shows for it, including `id` itself and the `url:` form of its landing pages. */
  aliases: PaperId[];
  /** As displayed, whitespace collapsed. Never empty. */
  title: string;
  /** Display names in order; [] when the page shows none. */
  authors: string[];
  abstract?: string;
  /** 'YYYY' or 'YYYY-MM-DD' (or 'YYYY-MM'). */
  published?: string;
  venue?: string;
  /** arXiv version number when the page names one (`v3` → 3). */
  version?: number;
  links: PaperLinks;
}

/** The user-edited fields whose change times are kept (`PaperRecord.changedAt`). */
export type UserField = 'status' | 'note' | 'tags';

/**
 * A tag's last change on a record: added (the tag is in `tags`) or removed (`removed: true`, a tombstone)
 * at `at`. Merging two copies of a record keeps, per tag, the later change (an addition on a tie).
 */
export interface TagChange {
  tag: string;
  at: number;
  removed?: true;
}

/** A paper in the library (`papers` table). */
export interface PaperRecord {
  id: PaperId;
  aliases: PaperId[];
  title: string;
  authors: string[];
  abstract?: string;
  published?: string;
  venue?: string;
  version?: number;
  links: PaperLinks;
  status: PaperStatus;
  tags: string[];
  note: string;
  firstSeenAt: number;
  /** The normalised URL of the page Lectern first saw it on (its first sighting; later ones are `sightings` rows). */
  firstSeenOn?: string;
  lastSeenAt: number;
  savedAt?: number;
  startedAt?: number;
  readAt?: number;
  /** Changes only on user edits. */
  updatedAt: number;
  /**
   * When each user field last changed (absent: unknown; see `fieldTime` in `lib/db/changes.ts`). Merging two
   * copies of a record keeps, per field, the value changed last.
   */
  changedAt?: Partial<Record<UserField, number>>;
  /** The last change of each tag ever added to or removed from this record, sorted by tag; see `TagChange`. */
  tagChanges?: TagChange[];
}

/** W3C Web Annotation selectors a highlight stores (https://www.w3.org/TR/annotation-model/#selectors). */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  /** About 32 characters before the quote. */
  prefix?: string;
  /** About 32 characters after the quote. */
  suffix?: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Offsets in the text content of the document (or of the reader's snapshot). */
  start: number;
  end: number;
}

export type HighlightSelector = TextQuoteSelector | TextPositionSelector;

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** A highlight (`highlights` table). It belongs to the paper, whatever URL it was made on. */
export interface HighlightRecord {
  id: string;
  /**
   * The record id of its paper (any alias resolves to it when the highlight is made); absent when the page
   * it was made on is not a paper the library knows (a blog post): it then belongs to `url` alone.
   */
  paperId?: PaperId;
  /** The page it was made on (normalised), or the reader address. */
  url: string;
  selectors: HighlightSelector[];
  /** The highlighted text (the quote's `exact`). */
  text: string;
  color: HighlightColor;
  note: string;
  createdAt: number;
  updatedAt: number;
}

/** A readable copy of a paper's page (`snapshots` table): Readability's output, sanitised. */
export interface SnapshotRecord {
  /** One snapshot per paper: the record id. */
  paperId: PaperId;
  /** The page it was taken from. */
  url: string;
  title: string;
  byline?: string;
  /** Sanitised HTML (DOMPurify); never contains scripts, handlers or remote resources. */
  content: string;
  /** The text of `content`, what highlights in the reader anchor against. */
  text: string;
  savedAt: number;
  /** Images that could not be stored with the snapshot and were dropped. */
  droppedImages?: number;
}
