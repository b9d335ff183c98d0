import { describe, expect, it } from 'vitest';
import { dayToEpoch, formatFilters, libraryHash, parseFilters, parseLibraryHash, type LibraryRoute } from '../../lib/routes';

describe('library routes', () => {
  it('keeps the existing addresses', () => {
    expect(parseLibraryHash('#/view/read')).toEqual({ kind: 'view', view: 'read' });
    expect(parseLibraryHash('#/data')).toEqual({ kind: 'data' });
    expect(parseLibraryHash('#/paper/arxiv%3A2405.01234')).toEqual({ kind: 'paper', id: 'arxiv:2405.01234' });
    expect(parseLibraryHash('')).toEqual({ kind: 'view', view: 'unread' });
    expect(parseLibraryHash('#/view/nonsense')).toEqual({ kind: 'view', view: 'unread' });
    expect(parseLibraryHash('#/paper/%E0%A4%A')).toEqual({ kind: 'view', view: 'unread' });
    expect(libraryHash({ kind: 'view', view: 'all' })).toBe('#/view/all');
    expect(libraryHash({ kind: 'paper', id: 'doi:10.1/a b' })).toBe('#/paper/doi%3A10.1%2Fa%20b');
  });

  it('carries search, filters and sort as query parameters', () => {
    const route: LibraryRoute = {
      kind: 'view',
      view: 'all',
      filters: { q: 'diffusion & "policy"', tag: 'to cite', site: 'arxiv.org', sort: 'published', reverse: true, seenFrom: '2024-01-01', publishedTo: '2023' },
    };
    const hash = libraryHash(route);
    expect(hash).toBe('#/view/all?q=diffusion+%26+%22policy%22&tag=to+cite&site=arxiv.org&sort=published&seenFrom=2024-01-01&publishedTo=2023&reverse=1');
    expect(parseLibraryHash(hash)).toEqual(route);
  });

  it('drops empty and malformed parameters instead of failing', () => {
    expect(parseLibraryHash('#/view/read?q=&sort=sideways&seenFrom=yesterday&publishedFrom=2024-13&reverse=yes')).toEqual({
      kind: 'view',
      view: 'read',
    });
    expect(parseFilters('publishedFrom=2024-05&savedTo=2024-05-31&junk=1')).toEqual({ publishedFrom: '2024-05', savedTo: '2024-05-31' });
    expect(formatFilters({ q: '', tag: undefined })).toBe('');
    expect(libraryHash({ kind: 'view', view: 'seen', filters: { q: '' } })).toBe('#/view/seen');
  });

  it('turns days into inclusive epoch bounds', () => {
    expect(dayToEpoch('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(dayToEpoch('2024-02-29', true)).toBe(Date.UTC(2024, 2, 1) - 1);
    expect(dayToEpoch(undefined)).toBeUndefined();
    expect(dayToEpoch('2024-2-1')).toBeUndefined();
  });
});
