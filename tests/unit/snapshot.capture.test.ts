/**
 * Which pages get a readable copy. (Capturing and sanitising run in real Chromium,
 * tests/e2e/snapshot-capture.test.ts: DOMPurify needs a DOM whose node iterators follow removals, which
 * happy-dom's do not.)
 */
import { describe, expect, it } from 'vitest';
import { isArticleLike } from '../../lib/snapshot/capture';
import { fixtureCase } from '../helpers/fixtures';
import { parseHtml } from '../helpers/dom';

describe('article-like pages', () => {
  it('takes full-text pages for articles', () => {
    for (const name of ['arxiv/ar5iv-html-1706.03762-2023', 'nature/nature-s41586-021-03819-2-alphafold']) {
      const fixture = fixtureCase(name);
      expect(isArticleLike(parseHtml(fixture.html()), fixture.url), name).toBe(true);
    }
  });

  it('does not take listings or abstract pages for articles', () => {
    for (const name of ['arxiv-rendered/list-q-fin-new', 'arxiv/abs-1706.03762-attention']) {
      const fixture = fixtureCase(name);
      expect(isArticleLike(parseHtml(fixture.html()), fixture.url), name).toBe(false);
    }
  });

  it('does not take a page without article metadata for an article', () => {
    const doc = parseHtml(`<html><head><title>Shop</title></head><body><article>${'words '.repeat(1000)}</article></body></html>`);
    expect(isArticleLike(doc, 'https://shop.example/item')).toBe(false);
  });
});
