/**
 * Adapters report where each entry's title is shown (`anchors`, index-aligned with `papers`): on-page UI
 * attaches there. Every fixture page: one anchor per paper, the element named for its page type, showing
 * that paper's title.
 */
import nodeConsole from 'node:console';
import { describe, expect, it, vi } from 'vitest';
import { fixtureCases, type FixtureCase } from '../helpers/fixtures';
import { detectPage } from '../../lib/sites/registry';

// The two very large month pages repeat the structure of the smaller listings; the end-to-end tests badge
// the largest one in a real browser.
const cases = fixtureCases(['arxiv', 'arxiv-rendered', 'huggingface']).filter((c) => !c.name.includes('/list-large-'));

function parse(c: FixtureCase): Document {
  const quiet = vi.spyOn(nodeConsole as Console, 'error').mockImplementation(() => {});
  try {
    return new DOMParser().parseFromString(c.html(), 'text/html');
  } finally {
    quiet.mockRestore();
  }
}

/** What the title element must be on each kind of page, as a predicate and a description. */
function expectedAnchor(c: FixtureCase): { describe: string; test: (el: Element) => boolean } {
  const url = new URL(c.url);
  if (url.hostname === 'huggingface.co') {
    return c.truth.kind === 'list'
      ? { describe: 'the card’s h3', test: (el) => el.localName === 'h3' && el.closest('article') !== null }
      : { describe: 'the h1', test: (el) => el.localName === 'h1' };
  }
  if (url.pathname.startsWith('/list/')) {
    return { describe: 'div.list-title in the dd', test: (el) => el.matches('dd div.list-title') };
  }
  if (url.pathname.startsWith('/search')) {
    return { describe: 'p.title in li.arxiv-result', test: (el) => el.matches('li.arxiv-result > p.title') };
  }
  return { describe: 'the h1 title', test: (el) => el.localName === 'h1' };
}

/** The element's text as an entry title: "Title:" descriptor dropped, whitespace collapsed. */
function titleText(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/^Title:\s*/i, '');
}

describe('anchors on fixture pages', () => {
  for (const c of cases) {
    it(`${c.name}: one title element per entry`, () => {
      const result = detectPage(parse(c), new URL(c.url));
      expect(result.anchors).toHaveLength(result.papers.length);
      const expected = expectedAnchor(c);
      result.papers.forEach((paper, i) => {
        const anchor = result.anchors[i];
        if (c.name === 'arxiv/abs-1902.02534-head-only-2024') {
          // The page has no body: its title comes from meta tags, and nothing on the page shows it.
          expect(anchor).toBeNull();
          return;
        }
        expect(anchor, `#${i} ${paper.id}: no anchor`).toBeTruthy();
        expect(expected.test(anchor!), `#${i} ${paper.id}: expected ${expected.describe}, got <${anchor!.localName} class="${anchor!.getAttribute('class') ?? ''}">`).toBe(true);
        if (!/ar5iv/.test(c.name)) expect(titleText(anchor!), `#${i} ${paper.id}`).toBe(paper.title);
      });
      expect(new Set(result.anchors).size, 'two entries share an anchor').toBe(result.anchors.length);
    });
  }
});
