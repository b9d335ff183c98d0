import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialName, shortAuthorList } from '../../lib/library/authors';
import { libraryQuery, listableWithoutIndex } from '../../lib/library/query';
import { EMPTY_SELECTION, extendTo, selectAll, selectedInOrder, toggle } from '../../lib/library/selection';
import { hostOf, siteBadge, siteBadges } from '../../lib/library/sites';
import { papersWord, statusMessage, statusUndoGroups } from '../../lib/library/undo';
import { scrollToShow, visibleWindow } from '../../lib/library/window';
import { exportPapers } from '../../lib/export';
import type { PaperRecord } from '../../lib/model';

const ORDER = ['a:1', 'a:2', 'a:3', 'a:4', 'a:5', 'a:6'];

describe('selection', () => {
  it('toggles one row and remembers it as the anchor', () => {
    const one = toggle(EMPTY_SELECTION, 'a:2');
    expect([...one.ids]).toEqual(['a:2']);
    expect(one.anchor).toBe('a:2');
    expect(toggle(one, 'a:2').ids.size).toBe(0);
  });

  it('shift-click selects the range from the anchor, in either direction', () => {
    const down = extendTo(toggle(EMPTY_SELECTION, 'a:2'), ORDER, 'a:5');
    expect(selectedInOrder(down, ORDER)).toEqual(['a:2', 'a:3', 'a:4', 'a:5']);
    const up = extendTo(toggle(EMPTY_SELECTION, 'a:5'), ORDER, 'a:3');
    expect(selectedInOrder(up, ORDER)).toEqual(['a:3', 'a:4', 'a:5']);
    // A second shift-click extends from the last clicked row.
    expect(selectedInOrder(extendTo(down, ORDER, 'a:6'), ORDER)).toEqual(['a:2', 'a:3', 'a:4', 'a:5', 'a:6']);
  });

  it('shift-click on a selected row clears the range', () => {
    const all = { ...selectAll(ORDER), anchor: 'a:1' };
    expect(selectedInOrder(extendTo(all, ORDER, 'a:3'), ORDER)).toEqual(['a:4', 'a:5', 'a:6']);
  });

  it('shift-click without an anchor in the list is a plain toggle', () => {
    expect(selectedInOrder(extendTo(EMPTY_SELECTION, ORDER, 'a:4'), ORDER)).toEqual(['a:4']);
    expect(selectedInOrder(extendTo(toggle(EMPTY_SELECTION, 'gone:1'), ORDER, 'a:4'), ORDER)).toEqual(['a:4']);
  });

  it('keeps only rows still in the view, in its order', () => {
    const selection = selectAll(['a:6', 'x:1', 'a:2']);
    expect(selectedInOrder(selection, ORDER)).toEqual(['a:2', 'a:6']);
  });
});

describe('list window', () => {
  it('renders the visible rows plus overscan, clamped', () => {
    expect(visibleWindow(0, 500, 100, 1000, 2)).toEqual({ start: 0, end: 7 });
    expect(visibleWindow(1050, 500, 100, 1000, 2)).toEqual({ start: 8, end: 18 });
    expect(visibleWindow(99_950, 500, 100, 1000, 2)).toEqual({ start: 997, end: 1000 });
    expect(visibleWindow(0, 500, 100, 0)).toEqual({ start: 0, end: 0 });
  });

  it('always covers the viewport and never renders more than it needs', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 200 }), fc.nat(5000), (top, viewport, height, total) => {
        const window = visibleWindow(top, viewport, height, total, 3);
        expect(window.start).toBeGreaterThanOrEqual(0);
        expect(window.end).toBeLessThanOrEqual(total);
        const firstVisible = Math.floor(top / height);
        const lastVisible = Math.min(total, Math.ceil((top + viewport) / height));
        if (firstVisible < total) {
          expect(window.start).toBeLessThanOrEqual(firstVisible);
          expect(window.end).toBeGreaterThanOrEqual(lastVisible);
        }
        expect(window.end - window.start).toBeLessThanOrEqual(Math.ceil(viewport / height) + 1 + 6);
      }),
    );
  });

  it('scrolls only as far as needed to show the cursor row', () => {
    expect(scrollToShow(3, 0, 500, 100)).toBeUndefined();
    expect(scrollToShow(5, 0, 500, 100)).toBe(100);
    expect(scrollToShow(1, 300, 500, 100)).toBe(100);
  });
});

describe('undo of bulk status changes', () => {
  it('groups records by their previous status and leaves out those that did not change', () => {
    const groups = statusUndoGroups(
      [
        { id: 'a:1', status: 'unread' },
        { id: 'a:2', status: 'reading' },
        { id: 'a:3', status: 'read' },
        { id: 'a:4', status: 'unread' },
      ],
      'read',
    );
    expect(groups).toEqual([
      { status: 'unread', ids: ['a:1', 'a:4'] },
      { status: 'reading', ids: ['a:2'] },
    ]);
  });

  it('words the toast', () => {
    expect(statusMessage(100, 'read')).toBe('100 papers marked read');
    expect(statusMessage(1, 'unread')).toBe('1 paper saved to read');
    expect(papersWord(0)).toBe('0 papers');
  });
});

describe('rows', () => {
  it('shortens author lists with initials', () => {
    expect(initialName('Ashish Vaswani')).toBe('A. Vaswani');
    expect(initialName('Vaswani, Ashish')).toBe('A. Vaswani');
    expect(initialName('Jean-Baptiste Alayrac')).toBe('J.-B. Alayrac');
    expect(initialName('Plato')).toBe('Plato');
    const eight = ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Lukasz Kaiser', 'Illia Polosukhin'];
    expect(shortAuthorList(eight)).toBe('A. Vaswani, N. Shazeer, … +6');
    expect(shortAuthorList(eight.slice(0, 3))).toBe('A. Vaswani, N. Shazeer, N. Parmar');
    expect(shortAuthorList([])).toBe('');
  });

  it('gives each site one badge, known sites by name, others by their first letter', () => {
    expect(siteBadge('www.arxiv.org')).toMatchObject({ mark: 'aX', key: 'arxiv', name: 'arXiv' });
    expect(siteBadge('export.arxiv.org').key).toBe('arxiv');
    expect(siteBadge('lab.example.org')).toMatchObject({ mark: 'L', key: 'other', name: 'lab.example.org' });
    expect(siteBadges(['arxiv.org', 'export.arxiv.org', 'huggingface.co']).map((b) => b.key)).toEqual(['arxiv', 'huggingface']);
    expect(hostOf('https://www.semanticscholar.org/paper/x')).toBe('semanticscholar.org');
    expect(hostOf('javascript:alert(1)')).toBeUndefined();
  });
});

describe('queries from the route', () => {
  it('maps filters onto the index query', () => {
    expect(libraryQuery('unread')).toEqual({ text: '', view: 'unread', sort: 'seen' });
    expect(libraryQuery('all', { q: ' transformers ', tag: 'nlp', site: 'arxiv.org', seenFrom: '2024-01-01', seenTo: '2024-01-31', publishedFrom: '2023' })).toEqual({
      text: 'transformers',
      view: 'all',
      sort: 'relevance',
      tags: ['nlp'],
      site: 'arxiv.org',
      seen: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 1, 1) - 1 },
      published: { from: '2023' },
    });
    expect(libraryQuery('read', { sort: 'title', reverse: true })).toEqual({ text: '', view: 'read', sort: 'title', reverse: true });
  });

  it('lists straight from the database only for the plain newest-first view', () => {
    expect(listableWithoutIndex(undefined)).toBe(true);
    expect(listableWithoutIndex({ sort: 'seen' })).toBe(true);
    expect(listableWithoutIndex({ sort: 'seen', reverse: true })).toBe(false);
    expect(listableWithoutIndex({ q: 'x' })).toBe(false);
    expect(listableWithoutIndex({ tag: 'x' })).toBe(false);
  });
});

describe('exporting a selection', () => {
  const paper = (n: number, note = ''): PaperRecord => ({
    id: `arxiv:2405.0000${String(n)}`,
    aliases: [`arxiv:2405.0000${String(n)}`],
    title: `Paper ${String(n)}`,
    authors: ['Ada Lovelace'],
    links: { abs: `https://arxiv.org/abs/2405.0000${String(n)}` },
    status: 'unread',
    tags: ['x'],
    note,
    firstSeenAt: 1,
    lastSeenAt: 1,
    updatedAt: 1,
  });

  it('writes exactly the given records, in order, in each format', () => {
    const chosen = [paper(2), paper(1)];
    const bib = exportPapers(chosen, 'bibtex');
    expect(bib.ext).toBe('bib');
    expect(bib.text.match(/^@/gm)).toHaveLength(2);
    expect(bib.text.indexOf('2405.00002')).toBeLessThan(bib.text.indexOf('2405.00001'));
    expect(JSON.parse(exportPapers(chosen, 'csl').text)).toHaveLength(2);
    expect(exportPapers(chosen, 'ris').text.match(/^TY {2}-/gm)).toHaveLength(2);
    expect(exportPapers(chosen, 'csv').text.trim().split('\n')).toHaveLength(3);
    // Markdown of a selection lists every paper, noted or not.
    expect(exportPapers([paper(1), paper(2, 'Read it.')], 'markdown').text).toContain('Paper 1');
  });
});
