/** Highlight exports: grouping, Markdown for note apps, W3C Web Annotation JSON-LD. */
import { describe, expect, it } from 'vitest';
import { highlightsToAnnotations } from '../../lib/export/highlights-annotation';
import { groupHighlights, type HighlightPaper } from '../../lib/export/highlights-group';
import { highlightsToMarkdown } from '../../lib/export/highlights-markdown';
import type { HighlightRecord } from '../../lib/model';

const T0 = Date.UTC(2026, 10, 1, 9);
const ATTENTION: HighlightPaper = {
  id: 'arxiv:1706.03762',
  aliases: ['arxiv:1706.03762'],
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  links: { abs: 'https://arxiv.org/abs/1706.03762' },
};

function highlight(n: number, over: Partial<HighlightRecord> = {}): HighlightRecord {
  return {
    id: `h${n}`,
    paperId: 'arxiv:1706.03762',
    url: 'https://arxiv.org/html/1706.03762v7',
    selectors: [
      { type: 'TextQuoteSelector', exact: `quote ${n}`, prefix: 'before ', suffix: ' after' },
      { type: 'TextPositionSelector', start: 100 * n, end: 100 * n + 7 },
    ],
    text: `quote ${n}`,
    color: 'yellow',
    note: '',
    createdAt: T0 + n,
    updatedAt: T0 + n,
    ...over,
  };
}

const papers = new Map([[ATTENTION.id, ATTENTION]]);

describe('grouping highlights', () => {
  it('groups by paper, else by page; groups and highlights newest first', () => {
    const blog = highlight(5, { paperId: undefined, url: 'https://blog.example/post', updatedAt: T0 + 50 });
    const groups = groupHighlights([highlight(1), highlight(3), blog, highlight(2, { updatedAt: T0 + 100 })], papers);
    expect(groups.map((g) => g.key)).toEqual(['arxiv:1706.03762', 'url:https://blog.example/post']);
    expect(groups[0]!.highlights.map((h) => h.id)).toEqual(['h2', 'h3', 'h1']);
    expect(groups[0]!.paper?.title).toBe('Attention Is All You Need');
    expect(groups[1]!.paper).toBeUndefined();
  });
});

describe('Markdown', () => {
  it('writes the title linked to the paper, authors, quotes as blockquotes with a link back, and notes', () => {
    const groups = groupHighlights([highlight(1, { note: 'My **own** note' }), highlight(2, { color: 'green' })], papers);
    const markdown = highlightsToMarkdown(groups);
    expect(markdown).toBe(
      [
        '# [Attention Is All You Need](https://arxiv.org/abs/1706.03762)',
        '',
        'Ashish Vaswani, Noam Shazeer',
        '',
        'Library id: `arxiv:1706.03762`',
        '',
        '> quote 2',
        '> — *green*, 2026-11-01 · [open](https://arxiv.org/html/1706.03762v7#lectern-highlight=h2)',
        '',
        '> quote 1',
        '> — *yellow*, 2026-11-01 · [open](https://arxiv.org/html/1706.03762v7#lectern-highlight=h1)',
        '',
        'My **own** note',
        '',
      ].join('\n'),
    );
  });

  it('escapes page text so a quote cannot become a heading, link or HTML, and keeps its lines quoted', () => {
    const hostile = highlight(1, { text: '# Not a heading\n[link](javascript:alert(1)) <img src=x onerror=alert(1)>' });
    const blog = highlight(2, { paperId: undefined, url: 'javascript:alert(1)' });
    const markdown = highlightsToMarkdown(groupHighlights([hostile, blog], papers), { heading: 'All' });
    expect(markdown.startsWith('# All\n')).toBe(true);
    expect(markdown).toContain('> \\# Not a heading');
    expect(markdown).toContain('> \\[link\\](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(markdown).toContain('## javascript:alert(1)');
  });
});

describe('W3C Web Annotations', () => {
  it('writes one collection with an annotation per highlight, selectors, note and colour bodies', () => {
    const groups = groupHighlights([highlight(1, { note: 'why it matters' }), highlight(2)], papers);
    const doc = highlightsToAnnotations(groups, T0 + 1000);
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(2);
    const [second, first] = doc.first.items;
    expect(first).toEqual({
      id: 'urn:lectern:highlight:h1',
      type: 'Annotation',
      motivation: 'commenting',
      created: new Date(T0 + 1).toISOString(),
      modified: new Date(T0 + 1).toISOString(),
      body: [
        { type: 'TextualBody', value: 'why it matters', format: 'text/markdown', purpose: 'commenting' },
        { type: 'TextualBody', value: 'yellow', format: 'text/plain', purpose: 'tagging' },
      ],
      target: {
        source: 'https://arxiv.org/html/1706.03762v7',
        scope: 'https://arxiv.org/abs/1706.03762',
        selector: [
          { type: 'TextQuoteSelector', exact: 'quote 1', prefix: 'before ', suffix: ' after' },
          { type: 'TextPositionSelector', start: 100, end: 107 },
        ],
      },
      'dcterms:relation': 'urn:lectern:paper:arxiv:1706.03762',
    });
    expect(second!.motivation).toBe('highlighting');
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
