/**
 * Exports of papers detected on real fixture pages read back to the same titles, authors and ids: BibTeX
 * through @retorquere/bibtex-parser and through Lectern's own importers, CSL-JSON through the CSL importer.
 */
import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../lib/export/bibtex';
import { toCslJson } from '../../lib/export/csl';
import { arxivOf, citationKeys, doiOf } from '../../lib/export/shared';
import { parseBibtex } from '../../lib/import/bibtex';
import { parseCslJson } from '../../lib/import/csl';
import type { DetectedPaper } from '../../lib/model';
import { detectPage } from '../../lib/sites/registry';
import { parseHtml } from '../helpers/dom';
import { fixtureCase } from '../helpers/fixtures';

/** An arXiv listing, an abstract page, a Hugging Face daily page, and a listing whose titles hold TeX ($…$, \mathrm, _) and whose names hold accents. */
const PAGES = ['arxiv-rendered/list-q-fin-new', 'arxiv/abs-1706.03762-attention', 'huggingface/hf-daily-2026-09-28', 'arxiv-rendered/list-astro-ph.CO-new'];

function detected(name: string): DetectedPaper[] {
  const c = fixtureCase(name);
  return detectPage(parseHtml(c.html()), c.url).papers;
}

function displayOf(c: { name?: string; firstName?: string; prefix?: string; lastName?: string; suffix?: string }): string {
  return c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter((x) => x).join(' ');
}

describe.each(PAGES)('papers of %s', (name) => {
  const papers = detected(name);

  it('were detected', () => {
    expect(papers.length).toBeGreaterThan(0);
  });

  it('BibTeX (literal) parses back to the same titles, authors and ids', () => {
    const library = parse(toBibtex(papers, { math: 'literal' }), { sentenceCase: false, english: false, caseProtection: false });
    expect(library.errors).toEqual([]);
    expect(library.entries.map((e) => e.key)).toEqual(citationKeys(papers));
    expect(new Set(library.entries.map((e) => e.key)).size).toBe(papers.length);
    library.entries.forEach((entry, i) => {
      const paper = papers[i]!;
      expect(entry.fields.title).toBe(paper.title);
      expect((entry.fields.author ?? []).map(displayOf)).toEqual(paper.authors);
      expect(entry.fields.eprint).toBe(arxivOf(paper));
      expect(entry.fields.doi).toBe(doiOf(paper));
    });
  });

  it('BibTeX (TeX math kept) parses without errors, and titles without TeX read back the same', () => {
    const library = parse(toBibtex(papers), { sentenceCase: false, english: false, caseProtection: false });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(papers.length);
    library.entries.forEach((entry, i) => {
      const title = papers[i]!.title;
      if (!/[$\\]|--|''|``/.test(title)) expect(entry.fields.title).toBe(title);
    });
  });

  it('BibTeX and CSL-JSON read back through the importers to the same papers', () => {
    for (const result of [parseBibtex(toBibtex(papers, { math: 'literal' })), parseCslJson(toCslJson(papers))]) {
      expect(result.errors).toEqual([]);
      expect(result.skipped).toEqual([]);
      expect(result.papers.map((p) => [p.id, p.title, p.authors])).toEqual(papers.map((p) => [p.id, p.title, p.authors]));
      result.papers.forEach((p, i) => expect(p.aliases).toEqual(expect.arrayContaining(papers[i]!.aliases.filter((a) => !a.startsWith('url:')))));
    }
  });
});
