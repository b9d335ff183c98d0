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
