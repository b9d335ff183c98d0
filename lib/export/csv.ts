/**
 * CSV export for spreadsheets: one row per paper under a header row, RFC 4180 (fields holding the
 * delimiter, a quote or a line break are quoted, quotes doubled, rows end in CRLF). A cell that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
 * prefixed with `'`, so opening an export never runs text from a web page. Lists (authors, tags) are joined
 * with `; `; times are ISO 8601 (UTC); `status` is the stored value (`seen`, `unread`, `reading`, `read`,
 * `dismissed`).
 */
import { arxivOf, doiOf, landingUrl, pmidOf, type CitablePaper } from './shared';

export interface CsvOptions {
  /** Field separator: `,` (default), `;` or a tab. */
  delimiter?: ',' | ';' | '\t';
  /** Start with a UTF-8 byte order mark (what Excel needs to read UTF-8). Default false. */
  bom?: boolean;
}

export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'published',
  'venue',
  'status',
  'tags',
  'note',
  'doi',
  'arxiv',
  'pmid',
  'url',
  'pdf',
  'firstSeenAt',
  'savedAt',
  'readAt',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: guarded against formulas, quoted when needed. */
export function csvCell(value: string, delimiter: string = ','): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return guarded.includes(delimiter) || /["\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function isoTime(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

function row(paper: CitablePaper): Record<(typeof CSV_COLUMNS)[number], string> {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join('; '),
    published: paper.published ?? '',
    venue: paper.venue ?? '',
    status: paper.status ?? '',
    tags: (paper.tags ?? []).join('; '),
    note: paper.note ?? '',
    doi: doiOf(paper) ?? '',
    arxiv: arxivOf(paper) ?? '',
    pmid: pmidOf(paper) ?? '',
    url: landingUrl(paper) ?? '',
    pdf: paper.links.pdf ?? '',
    firstSeenAt: isoTime(paper.firstSeenAt),
    savedAt: isoTime(paper.savedAt),
    readAt: isoTime(paper.readAt),
  };
}

/** The papers as CSV (header row, then one row per paper in the given order). */
export function toCsv(papers: readonly CitablePaper[], options: CsvOptions = {}): string {
  const d = options.delimiter ?? ',';
  const lines = [CSV_COLUMNS.join(d)];
  for (const paper of papers) {
    const r = row(paper);
    lines.push(CSV_COLUMNS.map((c) => csvCell(r[c], d)).join(d));
  }
  return (options.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}
