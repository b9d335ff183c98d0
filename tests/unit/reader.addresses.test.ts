/** Reader addresses and the reader's typography preferences. */
import { describe, expect, it } from 'vitest';
import { FONT_SIZES, loadPrefs, savePrefs } from '../../components/reader/prefs';
import { highlightOfFragment, isArxivPdf, livePageLink, paperOfReaderSearch, readerPath } from '../../lib/snapshot/reader-url';

describe('reader addresses', () => {
  it('round-trips paper ids and highlight ids through the address', () => {
    for (const id of ['arxiv:1706.03762', 'doi:10.1000/a b?c#d&e', 'url:https://example.org/p?x=1#y']) {
      const path = readerPath(id, 'h/1 2');
      const url = new URL(`chrome-extension://x/${path}`);
      expect(paperOfReaderSearch(url.search)).toBe(id);
      expect(highlightOfFragment(url.hash)).toBe('h/1 2');
    }
    expect(readerPath('arxiv:1706.03762')).toBe('reader.html?paper=arxiv%3A1706.03762');
  });

  it('names no paper for a missing or malformed id', () => {
    expect(paperOfReaderSearch('')).toBeUndefined();
    expect(paperOfReaderSearch('?paper=notanid')).toBeUndefined();
    expect(highlightOfFragment('#other')).toBeUndefined();
    expect(highlightOfFragment('#lectern-highlight=%E0%A4%A')).toBeUndefined();
  });

  it('links to the live page at the highlight, replacing any fragment', () => {
    expect(livePageLink('https://arxiv.org/html/1706.03762#S3', 'abc')).toBe('https://arxiv.org/html/1706.03762#lectern-highlight=abc');
  });

  it('recognises arXiv PDF tabs', () => {
    expect(isArxivPdf('https://arxiv.org/pdf/1706.03762v7')).toBe(true);
    expect(isArxivPdf('https://arxiv.org/abs/1706.03762')).toBe(false);
    expect(isArxivPdf(undefined)).toBe(false);
  });
});

describe('reader preferences', () => {
  it('follows the system theme until chosen, keeps the size within bounds, survives bad storage', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadPrefs(storage, true)).toEqual({ theme: 'dark', fontSize: FONT_SIZES.initial });
    savePrefs(storage, { theme: 'light', fontSize: 99 });
    expect(loadPrefs(storage, true)).toEqual({ theme: 'light', fontSize: FONT_SIZES.max });
    store.set('lectern.reader', '{not json');
    expect(loadPrefs(storage, false)).toEqual({ theme: 'light', fontSize: FONT_SIZES.initial });
  });
});
