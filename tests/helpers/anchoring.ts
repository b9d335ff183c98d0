/** Shared pieces of the anchoring tests: the real pages they run on, a seeded random source, selections. */
import nodeConsole from 'node:console';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { createTextIndex, type TextIndex } from '../../lib/anchoring/text';
import { parseHtml } from './dom';
import { fixturesDir } from './fixtures';

/** Full-text and abstract pages from the shared fixtures (paths under pages/). */
export const ANCHORING_PAGES = {
  ar5iv: { file: 'arxiv/ar5iv-html-1706.03762-2023.html', prose: '.ltx_para' },
  arxivAbs: { file: 'arxiv/abs-1706.03762-attention.html', prose: 'blockquote.abstract' },
  nature: { file: 'nature/nature-s41586-021-03819-2-alphafold.html', prose: '.c-article-section__content p' },
  biorxiv: { file: 'biorxiv/biorxiv-2020.03.22.002386v3.html', prose: 'div.section p' },
} as const;

export function readPage(file: string): string {
  return readFileSync(path.join(fixturesDir(), 'pages', file), 'utf8');
}

/** mulberry32: a small seeded generator, so that every run draws the same selections. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Selection {
  /** Index of the start and end text nodes in a `TextIndex` of the page's body, and offsets in them. */
  startNode: number;
  startOffset: number;
  endNode: number;
  endOffset: number;
}

/**
 * A random selection as a user makes one: from a point in a text node to a point up to `maxLength`
 * characters of text later (possibly many nodes later), with at least `minVisible` visible characters.
 */
export function randomSelection(index: TextIndex, random: () => number, minVisible = 8, maxLength = 240): Selection {
  for (;;) {
    const start = Math.floor(random() * index.raw.length);
    const end = Math.min(index.raw.length, start + 1 + Math.floor(random() * maxLength));
    const visible = index.rawToKey[end]! - index.rawToKey[start]!;
    if (visible < minVisible) continue;
    const at = (offset: number, isEnd: boolean) => {
      let i = 0;
      while (i + 1 < index.starts.length && (isEnd ? index.starts[i + 1]! < offset : index.starts[i + 1]! <= offset)) i++;
      return [i, offset - index.starts[i]!] as const;
    };
    const [startNode, startOffset] = at(start, false);
    const [endNode, endOffset] = at(end, true);
    return { startNode, startOffset, endNode, endOffset };
  }
}

/**
 * A random selection within the page's prose (its paragraphs, where text rarely repeats), for the tests
 * where repeated boilerplate (author lists, "View author publications" links) would make the right answer
 * ambiguous.
 */
export function randomProseSelection(index: TextIndex, random: () => number, prose: string, minVisible = 8, maxLength = 240): Selection {
  const inProse = (i: number) => index.nodes[i]!.parentElement?.closest(prose) != null;
  for (;;) {
    const s = randomSelection(index, random, minVisible, maxLength);
    if (inProse(s.startNode) && inProse(s.endNode)) return s;
  }
}

export function rangeOf(doc: Document, index: TextIndex, s: Selection): Range {
  const range = doc.createRange();
  range.setStart(index.nodes[s.startNode]!, s.startOffset);
  range.setEnd(index.nodes[s.endNode]!, s.endOffset);
  return range;
}

/**
 * Puts a page's body into the test's global document and indexes it. happy-dom's ranges work only in the
 * global document (in a parsed one, `setEnd` collapses the range), so pages are loaded there.
 */
export function loadPage(html: string): { doc: Document; index: TextIndex } {
  const parsed = parseHtml(html);
  // Scripts and frames have no text anchoring reads; happy-dom would try (and fail, noisily) to load them.
  for (const element of Array.from(parsed.body.querySelectorAll('script[src], iframe'))) element.remove();
  const quiet = vi.spyOn(nodeConsole as Console, 'error').mockImplementation(() => {});
  try {
    document.body.replaceWith(document.importNode(parsed.body, true));
  } finally {
    quiet.mockRestore();
  }
  return { doc: document, index: createTextIndex(document.body) };
}
