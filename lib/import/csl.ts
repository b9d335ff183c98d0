/**
 * CSL-JSON import (Zotero's "CSL JSON" export, Pandoc, citeproc data): an array of items, or one item.
 *
 * Fields read: title; author (editor when there is none); issued (`date-parts`, or `raw`/`literal`);
 * container-title (venue); abstract; DOI; URL; PMID, PMCID; arXiv ids and DOIs in number, note (Zotero's
 * "Extra"), archive_location and publisher; keyword (comma-separated, as tags).
 * Every value is checked for its type: anything unexpected is ignored, never trusted.
 */
import { buildPaper, collapse, IMPORT_LIMITS, isoDate, type ImportResult } from './shared';

export interface CslImportOptions {
  /** `keyword` becomes tags (default true). */
  keywordsAsTags?: boolean;
}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A string field (own property only); numbers too when `numbers` (ids such as PMID are often numbers). */
function str(item: Json, key: string, numbers = false): string | undefined {
  const v = Object.prototype.hasOwnProperty.call(item, key) ? item[key] : undefined;
  if (typeof v === 'string') return v;
  if (numbers && typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** CSL rich text may hold HTML-like markup (`<i>`, `<sup>`…): removed. */
function plain(value: string | undefined): string {
  return collapse((value ?? '').replace(/<\/?(?:i|b|sup|sub|sc|span)(?:\s[^<>]*)?>/g, ''));
}

function names(item: Json, key: string): string[] {
  const list = item[key];
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const n of list) {
    if (!isObject(n)) continue;
    const literal = str(n, 'literal');
    if (literal) {
      out.push(plain(literal));
      continue;
    }
    const parts = [str(n, 'given'), str(n, 'dropping-particle'), str(n, 'non-dropping-particle'), str(n, 'family'), str(n, 'suffix')];
    const name = plain(parts.filter((x) => x).join(' '));
    if (name) out.push(name);
  }
  return out;
}

function issued(item: Json): string | undefined {
  const date = item.issued;
  if (!isObject(date)) return typeof date === 'string' ? isoDate({ date }) : undefined;
  const parts = date['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [year, month, day] = parts[0] as unknown[];
    const num = (x: unknown) => (typeof x === 'number' || typeof x === 'string' ? x : undefined);
    const out = isoDate({ year: num(year), month: num(month), day: num(day) });
    if (out) return out;
  }
  return isoDate({ date: str(date, 'raw') ?? str(date, 'literal') });
}

/** Papers from the text of a CSL-JSON file. */
export function parseCslJson(text: string, options: CslImportOptions = {}): ImportResult {
  const result: ImportResult = { papers: [], skipped: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    result.errors.push(`Not a readable CSL-JSON file: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
  const items = Array.isArray(data) ? data : isObject(data) ? [data] : undefined;
  if (!items) {
    result.errors.push('Not a CSL-JSON file: expected an array of items');
    return result;
  }
  if (items.length > IMPORT_LIMITS.entries) result.errors.push(`Only the first ${IMPORT_LIMITS.entries} items are read`);
  items.slice(0, IMPORT_LIMITS.entries).forEach((item, index) => {
    if (!isObject(item)) {
      result.skipped.push({ index, reason: 'not an object' });
      return;
    }
    const title = plain(str(item, 'title'));
    const authors = names(item, 'author');
    const keyword = str(item, 'keyword');
    const built = buildPaper({
      title,
      authors: authors.length ? authors : names(item, 'editor'),
      abstract: plain(str(item, 'abstract')),
      published: issued(item),
      venue: plain(str(item, 'container-title')),
      tags: options.keywordsAsTags === false || !keyword ? [] : keyword.split(/\s*[,;]\s*/),
      ids: {
        doi: str(item, 'DOI'),
        url: str(item, 'URL'),
        pmid: str(item, 'PMID', true),
        pmcid: str(item, 'PMCID', true),
        texts: ['number', 'note', 'archive_location', 'publisher', 'container-title'].map((k) => str(item, k, true)),
      },
    });
    if (typeof built === 'string') {
      const skip: ImportResult['skipped'][number] = { index, reason: built };
      const id = str(item, 'id', true);
      if (id) skip.key = id;
      if (title) skip.title = title;
      result.skipped.push(skip);
    } else result.papers.push(built);
  });
  return result;
}
