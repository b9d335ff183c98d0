/**
 * BibTeX / BibLaTeX import, with @retorquere/bibtex-parser (the parser of Better BibTeX for Zotero): TeX is
 * turned into Unicode, `@string`s are expanded, and a broken entry does not stop the others.
 *
 * Fields read: title; author (editor when there is none; `others` dropped); date, else year/month/day;
 * journal/journaltitle/booktitle (venue); abstract; doi; eprint with archivePrefix/eprinttype (arXiv);
 * url; pmid/pmcid; arXiv ids and DOIs written in journal, note, number, howpublished or
 * publisher; keywords (as tags, when `keywordsAsTags`); annote/annotation (as the note, when `annotesAsNotes`).
 */
import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { buildPaper, collapse, IMPORT_LIMITS, isoDate, type ImportResult } from './shared';

export interface BibtexImportOptions {
  /** `keywords` become tags (default true). */
  keywordsAsTags?: boolean;
  /** `annote`/`annotation` become the note (default true). */
  annotesAsNotes?: boolean;
}

/** The markup the parser adds for TeX formatting commands (`\textbf` → `<b>`…): removed, the text kept. */
const MARKUP = /<\/?(?:b|i|em|strong|sup|sub|sc|tt|code|span|a|ncx)(?:\s[^<>]*)?>/g;

function plain(value: string | undefined): string {
  return collapse((value ?? '').replace(MARKUP, ''));
}

function creatorName(c: Creator): string {
  if (c.name !== undefined) return plain(c.name);
  return plain([c.firstName, c.prefix, c.lastName, c.suffix].filter((x) => x).join(' '));
}

/** Fields where an `arXiv:` id or a DOI may be written in passing. */
const TEXT_FIELDS = ['journal', 'journaltitle', 'note', 'number', 'howpublished', 'publisher', 'archiveprefix'];

function field(entry: Entry, name: string): string | undefined {
  const value = (entry.fields as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Papers from the text of a .bib file. */
export function parseBibtex(text: string, options: BibtexImportOptions = {}): ImportResult {
  const result: ImportResult = { papers: [], skipped: [], errors: [] };
  let library: ReturnType<typeof parse>;
  try {
    library = parse(text, { sentenceCase: false, english: false, caseProtection: false, unsupported: 'ignore' });
  } catch (error) {
    result.errors.push(`Not a readable BibTeX file: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
  for (const e of library.errors) result.errors.push(collapse(e.error).slice(0, 300));
  const entries = library.entries.slice(0, IMPORT_LIMITS.entries);
  if (library.entries.length > entries.length) {
    result.errors.push(`Only the first ${IMPORT_LIMITS.entries} entries are read`);
  }
  entries.forEach((entry, index) => {
    const f = entry.fields;
    const isOthers = (c: Creator) => c.lastName === 'others' && !c.firstName && !c.name;
    const people = (f.author?.length ? f.author : (f.editor ?? [])).filter((c) => !isOthers(c));
    const title = plain(field(entry, 'title'));
    const built = buildPaper({
      title,
      authors: people.map(creatorName),
      abstract: plain(field(entry, 'abstract')),
      published: isoDate({
        date: field(entry, 'date'),
        year: field(entry, 'year'),
        month: field(entry, 'month'),
        day: field(entry, 'day'),
      }),
      venue: plain(field(entry, 'journal') ?? field(entry, 'journaltitle') ?? field(entry, 'booktitle')),
      tags: options.keywordsAsTags === false ? [] : (f.keywords ?? []).map(plain),
      note: options.annotesAsNotes === false ? undefined : (field(entry, 'annote') ?? field(entry, 'annotation'))?.replace(MARKUP, ''),
      ids: {
        doi: field(entry, 'doi'),
        eprint: field(entry, 'eprint'),
        archive: field(entry, 'archiveprefix') ?? field(entry, 'eprinttype'),
        url: field(entry, 'url'),
        pmid: field(entry, 'pmid'),
        pmcid: field(entry, 'pmcid'),
        texts: TEXT_FIELDS.map((n) => field(entry, n)),
      },
    });
    if (typeof built === 'string') {
      const skip: ImportResult['skipped'][number] = { index, key: entry.key, reason: built };
      if (title) skip.title = title;
      result.skipped.push(skip);
    } else result.papers.push(built);
  });
  return result;
}
