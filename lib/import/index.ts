/**
 * Imports from bibliography files: each parser answers papers (`ImportedPaper`, detected-paper data plus
 * tags and a note) and the entries it skipped, with why; `importPapers` (`lib/db/restore.ts`) records them.
 */
export { parseBibtex, type BibtexImportOptions } from './bibtex';
export { parseCslJson, type CslImportOptions } from './csl';
export { identify, IMPORT_LIMITS, type ImportResult, type ImportSkip } from './shared';
export type { ImportedPaper } from '../db/restore';
