/**
 * Citation and notes exports: each a pure function `(papers, options) → string`. The backup format lives
 * in `lib/backup`.
 */
export { toBibtex, bibtexEntry, bibtexTitle, escapeTex, type BibtexOptions } from './bibtex';
export { toCslJson, cslItem, type CslItem, type CslOptions } from './csl';
export { toRis, risRecord, type RisOptions } from './ris';
export { toCsv, csvCell, CSV_COLUMNS, type CsvOptions } from './csv';
export { toMarkdown, escapeMarkdown, type MarkdownOptions } from './markdown';
export { citationKeys, baseCitationKey, splitName, type CitablePaper } from './shared';

import type { CitablePaper } from './shared';
import { toBibtex as bibtexOf } from './bibtex';
import { toCslJson as cslOf } from './csl';
import { toCsv as csvOf } from './csv';
import { toMarkdown as markdownOf } from './markdown';
import { toRis as risOf } from './ris';

export type ExportFormat = 'bibtex' | 'csl' | 'ris' | 'csv' | 'markdown';

export const EXPORT_FORMATS: readonly { key: ExportFormat; label: string; ext: string; type: string }[] = [
  { key: 'bibtex', label: 'BibTeX', ext: 'bib', type: 'application/x-bibtex' },
  { key: 'csl', label: 'CSL-JSON', ext: 'json', type: 'application/json' },
  { key: 'ris', label: 'RIS', ext: 'ris', type: 'application/x-research-info-systems' },
  { key: 'csv', label: 'CSV', ext: 'csv', type: 'text/csv' },
  { key: 'markdown', label: 'Markdown', ext: 'md', type: 'text/markdown' },
];

/**
 * A chosen list of records (e.g. the library's selection) in one format, in the order given. Markdown lists
 * every paper given, with or without a note.
 */
export function exportPapers(
  papers: readonly CitablePaper[],
  format: ExportFormat,
): { text: string; ext: string; type: string } {
  const { ext, type } = EXPORT_FORMATS.find((f) => f.key === format)!;
  const text =
    format === 'bibtex'
      ? bibtexOf(papers, { keywords: true })
      : format === 'csl'
        ? cslOf(papers)
        : format === 'ris'
          ? risOf(papers)
          : format === 'csv'
            ? csvOf(papers)
            : markdownOf(papers, { onlyWithNotes: false });
  return { text, ext, type };
}
