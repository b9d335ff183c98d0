import { parse } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bibtexTitle, escapeTex, toBibtex } from '../../lib/export/bibtex';
import { toCslJson } from '../../lib/export/csl';
import { csvCell, toCsv } from '../../lib/export/csv';
import { toMarkdown } from '../../lib/export/markdown';
import { toRis } from '../../lib/export/ris';
import { baseCitationKey, citationKeys, publicationKind, splitName, type CitablePaper } from '../../lib/export/shared';
import { SEED, trickyText } from '../fixtures/db/helpers';

const ATTENTION: CitablePaper = {
  id: 'arxiv:1706.03762',
  aliases: ['arxiv:1706.03762', 'url:https://arxiv.org/abs/1706.03762'],
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer', 'Łukasz Kaiser'],
  published: '2017-06-12',
  links: { abs: 'https://arxiv.org/abs/1706.03762', pdf: 'https://arxiv.org/pdf/1706.03762' },
  abstract: 'The dominant sequence transduction models…',
  tags: ['transformers', 'to cite'],
  note: 'Read section 3.\n\nThen the appendix.',
  status: 'read',
};

const NATURE: CitablePaper = {
  id: 'doi:10.1038/nature14539',
  aliases: ['doi:10.1038/nature14539', 'pmid:26017442'],
  title: 'Deep learning',
  authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
  published: '2015-05-28',
  venue: 'Nature',
  links: { abs: 'https://www.nature.com/articles/nature14539' },
};

const NEURIPS: CitablePaper = {
  id: 'arxiv:2005.14165',
  aliases: ['arxiv:2005.14165', 'doi:10.5555/3495724.3495883'],
  title: 'Language Models are Few-Shot Learners',
  authors: ['Tom B. Brown', 'Benjamin Mann'],
  published: '2020',
  venue: 'Advances in Neural Information Processing Systems 33 (NeurIPS 2020)',
  links: { abs: 'https://arxiv.org/abs/2005.14165' },
};

/** A creator of @retorquere/bibtex-parser as a display name. */
function displayOf(c: { name?: string; firstName?: string; prefix?: string; lastName?: string; suffix?: string }): string {
  return c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter((x) => x).join(' ');
}

function parseBib(text: string) {
  const library = parse(text, { sentenceCase: false, english: false, caseProtection: false });
  expect(library.errors).toEqual([]);
  return library.entries;
}

describe('BibTeX', () => {
  it('writes an arXiv preprint as @misc with eprint fields and a stable key', () => {
    expect(toBibtex([ATTENTION])).toBe(
      [
        '@misc{vaswani2017attention,',
        '  title         = {{Attention} {Is} {All} {You} {Need}},',
        '  author        = {Ashish Vaswani and Noam Shazeer and Łukasz Kaiser},',
        '  year          = {2017},',
        '  month         = jun,',
        '  eprint        = {1706.03762},',
        '  archivePrefix = {arXiv},',
        '  url           = {https://arxiv.org/abs/1706.03762},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('chooses @article for journals and @inproceedings for conferences', () => {
    const text = toBibtex([NATURE, NEURIPS]);
    expect(text).toContain('@article{lecun2015deep,\n  title   = {{Deep} learning},');
    expect(text).toContain('  journal = {Nature},');
    expect(text).toContain('  doi     = {10.1038/nature14539},');
    expect(text).toContain('@inproceedings{brown2020language,');
    expect(text).toContain('  booktitle     = {Advances in Neural Information Processing Systems 33 (NeurIPS 2020)},');
    expect(text).toContain('  eprint        = {2005.14165},');
  });

  it('tells preprints, conferences and journals apart by the venue', () => {
    const kind = (venue?: string) => publicationKind({ ...NATURE, ...(venue === undefined ? {} : { venue }) });
    expect(kind('CoRR abs/1706.03762')).toBe('preprint');
    expect(kind('arXiv preprint arXiv:1706.03762')).toBe('preprint');
    expect(kind('Proc. of the 40th ICML')).toBe('conference');
    expect(kind('Findings of the Association for Computational Linguistics: EMNLP 2023')).toBe('conference');
    expect(kind('Physical Review D 101, 123 (2020)')).toBe('journal');
    expect(publicationKind({ ...ATTENTION })).toBe('preprint');
  });

  it('escapes TeX specials and keeps non-ASCII as it is', () => {
    expect(escapeTex('50% & $5 #1 a_b ~x^2 {c} \\ <>')).toBe(
      '50\\% \\& \\$5 \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2 \\{c\\} \\textbackslash{} \\textless{}\\textgreater{}',
    );
    expect(toBibtex([{ ...NATURE, title: 'Über “naïve” 中文 models', venue: 'R&D' }])).toContain('title   = {{Über} “naïve” 中文 models},');
    expect(toBibtex([{ ...NATURE, venue: 'R&D' }])).toContain('journal = {R\\&D},');
  });

  it('keeps $…$ math of titles as TeX by default, escapes it in literal mode', () => {
    const title = 'CMB-S4: Constraints on $f_\\mathrm{NL}$ Through $μ$-distortion, 50% off $5';
    expect(bibtexTitle(title)).toBe('{CMB-S4:} {Constraints} on {$f_\\mathrm{NL}$} {Through} {$μ$}-distortion, 50\\% off \\$5');
    expect(bibtexTitle(title, 'literal')).toBe(
      '{CMB-S4:} {Constraints} on {{\\$f\\_\\textbackslash{}mathrm\\{NL\\}\\$}} {Through} \\$μ\\$-distortion, 50\\% off \\$5',
    );
  });

  it('reads back exactly (literal mode): titles and names with TeX specials, quotes and Unicode', () => {
    const name = fc
      .tuple(fc.string({ unit: fc.constantFrom('a', 'É', 'ß', '{', '}', '%', '&', '$', '_', '~', '^', '#', '\\', "'", '"', '中'), minLength: 1, maxLength: 6 }), fc.string({ unit: fc.constantFrom('b', 'Ø', '-', '&', '_', '中'), minLength: 1, maxLength: 6 }))
      .map(([given, family]) => `${given} ${family}`);
    fc.assert(
      fc.property(trickyText(40), fc.array(name, { minLength: 1, maxLength: 3 }), (rawTitle, authors) => {
        const title = rawTitle.replace(/\s+/g, ' ').trim() || 'Untitled';
        const paper: CitablePaper = { ...ATTENTION, title, authors };
        const [entry] = parseBib(toBibtex([paper], { math: 'literal' }));
        expect(entry!.fields.title).toBe(title);
        expect((entry!.fields.author ?? []).map(displayOf)).toEqual(authors);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('protects capitals: a case-changing reader keeps them', () => {
    const [entry] = parse(toBibtex([{ ...ATTENTION, title: 'BERT: Pre-training of Deep Bidirectional Transformers for NLP' }]), {}).entries;
    expect(entry!.fields.title).toBe('BERT: Pre-training of Deep Bidirectional Transformers for NLP');
  });

  it('writes optional fields only when asked', () => {
    const plain = toBibtex([ATTENTION]);
    expect(plain).not.toMatch(/abstract|keywords|annote/);
    const full = toBibtex([ATTENTION], { abstracts: true, keywords: true, notes: true });
    expect(full).toContain('abstract      = {The dominant sequence transduction models…},');
    expect(full).toContain('keywords      = {transformers, to cite},');
    expect(full).toContain('annote        = {Read section 3. \\par Then the appendix.},');
    expect(parseBib(full)[0]!.fields.annote).toBeTruthy();
  });

  it('names holding "and" stay one name', () => {
    const [entry] = parseBib(toBibtex([{ ...ATTENTION, authors: ['Smith and Sons Ltd', 'Ada Lovelace'] }]));
    expect(entry!.fields.author!.map(displayOf)).toEqual(['Smith and Sons Ltd', 'Ada Lovelace']);
  });

  it('gives an empty file for no papers', () => {
    expect(toBibtex([])).toBe('');
  });
});

describe('citation keys', () => {
  it('are author, year and first significant title word, ASCII only', () => {
    expect(baseCitationKey(ATTENTION)).toBe('vaswani2017attention');
    expect(baseCitationKey({ ...ATTENTION, authors: ['Łukasz Kaiser'], title: 'The Ünïcode of $\\alpha$-Things' })).toBe('kaiser2017unicode');
    expect(baseCitationKey({ ...ATTENTION, authors: [], title: '$\\mathrm{morphofit}$: An automated package' })).toBe('anon2017automated');
    expect(baseCitationKey({ id: 'doi:10.1/x', aliases: [], authors: ['Ludwig van Beethoven'], title: 'On Music', links: {} })).toBe('beethovenmusic');
  });

  it('tell duplicates apart with a, b, … in id order, whatever the export order', () => {
    const papers = ['arxiv:1706.03764', 'arxiv:1706.03762', 'arxiv:1706.03763'].map((id) => ({ ...ATTENTION, id, aliases: [id] }));
    const keys = citationKeys(papers);
    expect(keys).toEqual(['vaswani2017attentionb', 'vaswani2017attention', 'vaswani2017attentiona']);
    expect(citationKeys([...papers].reverse())).toEqual([...keys].reverse());
  });

  it('never hand out a suffixed key another paper has as its own', () => {
    const a = { ...ATTENTION, title: 'Attention' };
    const b = { ...ATTENTION, id: 'arxiv:1706.00001', aliases: [], title: 'Attention' };
    const c = { ...ATTENTION, id: 'arxiv:1706.00002', aliases: [], title: 'Attentiona' };
    const keys = citationKeys([a, b, c]);
    expect(new Set(keys).size).toBe(3);
    expect(keys[2]).toBe('vaswani2017attentiona');
  });
});

describe('names', () => {
  it('split into family and given parts', () => {
    expect(splitName('Ashish Vaswani')).toEqual({ family: 'Vaswani', given: 'Ashish' });
    expect(splitName('Vaswani, Ashish')).toEqual({ family: 'Vaswani', given: 'Ashish' });
    expect(splitName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(splitName('Martin Luther King Jr.')).toEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
    expect(splitName('OpenAI')).toEqual({ literal: 'OpenAI' });
  });
});

describe('CSL-JSON', () => {
  it('writes typed items with split names, dates and ids', () => {
    const items = JSON.parse(toCslJson([ATTENTION, NATURE, NEURIPS]));
    expect(items[0]).toEqual({
      id: 'vaswani2017attention',
      type: 'article',
      title: 'Attention Is All You Need',
      author: [
        { family: 'Vaswani', given: 'Ashish' },
        { family: 'Shazeer', given: 'Noam' },
        { family: 'Kaiser', given: 'Łukasz' },
      ],
      issued: { 'date-parts': [[2017, 6, 12]] },
      URL: 'https://arxiv.org/abs/1706.03762',
      number: 'arXiv:1706.03762',
      publisher: 'arXiv',
      abstract: 'The dominant sequence transduction models…',
      keyword: 'transformers, to cite',
    });
    expect(items[1]).toMatchObject({ type: 'article-journal', 'container-title': 'Nature', DOI: '10.1038/nature14539', PMID: '26017442' });
    expect(items[2]).toMatchObject({ type: 'paper-conference', issued: { 'date-parts': [[2020]] } });
  });
});

describe('RIS', () => {
  it('writes one record per paper, CRLF lines, closed by ER', () => {
    const text = toRis([ATTENTION, NATURE]);
    expect(text.split('\r\n').slice(0, 16)).toEqual([
      'TY  - UNPB',
      'ID  - vaswani2017attention',
      'TI  - Attention Is All You Need',
      'AU  - Vaswani, Ashish',
      'AU  - Shazeer, Noam',
      'AU  - Kaiser, Łukasz',
      'PY  - 2017',
      'DA  - 2017/06/12/',
      'AN  - arXiv:1706.03762',
      'UR  - https://arxiv.org/abs/1706.03762',
      'L1  - https://arxiv.org/pdf/1706.03762',
      'AB  - The dominant sequence transduction models…',
      'KW  - transformers',
      'KW  - to cite',
      'ER  - ',
      '',
    ]);
    expect(text).toContain('TY  - JOUR\r\nID  - lecun2015deep\r\n');
    expect(text).toContain('T2  - Nature\r\nDO  - 10.1038/nature14539\r\n');
    expect(text.endsWith('ER  - \r\n')).toBe(true);
    expect(toRis([{ ...ATTENTION, title: 'Two\nlines' }], { notes: true })).toContain('TI  - Two lines\r\n');
  });
});

/** A small RFC 4180 reader, to check what a spreadsheet would read. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes by RFC 4180 and guards formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
  });

  it('writes a header and one row per paper that read back to the same cells', () => {
    fc.assert(
      fc.property(trickyText(30), trickyText(30), (title, note) => {
        const text = toCsv([{ ...ATTENTION, title, note }, NATURE]);
        expect(text.endsWith('\r\n')).toBe(true);
        const rows = readCsv(text);
        expect(rows).toHaveLength(3);
        expect(rows[0]![1]).toBe('title');
        const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
        expect(unguard(rows[1]![1]!)).toBe(title);
        expect(unguard(rows[1]![7]!)).toBe(note);
        expect(rows[1]![9]).toBe('1706.03762');
        expect(rows[2]![8]).toBe('10.1038/nature14539');
        for (const row of rows) expect(row.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('can start with a byte order mark for Excel', () => {
    expect(toCsv([], { bom: true })).toBe('\ufeffid,title,authors,published,venue,status,tags,note,doi,arxiv,pmid,url,pdf,firstSeenAt,savedAt,readAt\r\n');
  });
});

describe('Markdown', () => {
  it('lists papers with notes: linked title, facts, tags, the note as written', () => {
    expect(toMarkdown([ATTENTION, NATURE], { heading: 'Reading notes' })).toBe(
      [
        '# Reading notes',
        '',
        '## [Attention Is All You Need](https://arxiv.org/abs/1706.03762)',
        '',
        'Ashish Vaswani, Noam Shazeer, Łukasz Kaiser · 2017 · arXiv:1706.03762',
        '',
        'Tags: `transformers`, `to cite`',
        '',
        'Read section 3.',
        '',
        'Then the appendix.',
        '',
      ].join('\n'),
    );
  });

  it('escapes page text so it cannot become markup', () => {
    const text = toMarkdown([{ ...ATTENTION, title: '[click](javascript:x) <img src=x> *bold* #1 $x_1$', authors: ['<b>A</b>'] }]);
    expect(text).toContain('## [\\[click\\](javascript:x) &lt;img src=x&gt; \\*bold\\* \\#1 \\$x\\_1\\$](https://arxiv.org/abs/1706.03762)');
    expect(text).toContain('&lt;b&gt;A&lt;/b&gt;');
  });

  it('can include papers without notes', () => {
    expect(toMarkdown([NATURE])).toBe('');
    expect(toMarkdown([NATURE], { onlyWithNotes: false })).toContain('## [Deep learning](https://www.nature.com/articles/nature14539)');
  });
});
