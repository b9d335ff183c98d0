/** The selectors `describe` writes and the edge cases of `anchor`, on small constructed pages. */
import { beforeEach, describe as group, expect, it } from 'vitest';
import { anchor, anchorWithMethod, CONTEXT_LENGTH, describe } from '../../lib/anchoring';
import { collapseWhitespace, createTextIndex, keyOf, rawOffsetOf } from '../../lib/anchoring/text';
import { fragmentHighlightId } from '../../lib/page/highlighter';

// happy-dom's ranges work in the global document only (see tests/helpers/anchoring.ts).
function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function textRange(root: Node, text: string): Range {
  const index = createTextIndex(root);
  const at = index.raw.indexOf(text);
  if (at === -1) throw new Error(`not in the page: ${text}`);
  const range = document.createRange();
  const nodeAt = (offset: number, isEnd: boolean) => {
    let i = 0;
    while (i + 1 < index.starts.length && (isEnd ? index.starts[i + 1]! < offset : index.starts[i + 1]! <= offset)) i++;
    return [index.nodes[i]!, offset - index.starts[i]!] as const;
  };
  range.setStart(...nodeAt(at, false));
  range.setEnd(...nodeAt(at + text.length, true));
  return range;
}

const anchoredText = (range: Range | null) => (range ? collapseWhitespace(range.toString()) : null);

/** A range's text as anchoring reads it (without scripts and TeX annotations, which `toString` includes). */
function visibleText(root: Node, range: Range | null): string | null {
  if (!range) return null;
  const index = createTextIndex(root);
  return collapseWhitespace(index.raw.slice(rawOffsetOf(index, range.startContainer, range.startOffset), rawOffsetOf(index, range.endContainer, range.endOffset)));
}

beforeEach(() => {
  document.body.innerHTML = '';
});

group('describe', () => {
  it('writes a quote with up to 32 characters of context on each side, whitespace collapsed, and a position', () => {
    const root = page(`<p>Before the quote there is a long run of text that goes on and on.</p>
      <p>The   quoted
         words</p><p>and after the quote there is more text that also goes on for a while.</p>`);
    const selectors = describe(root, textRange(root, 'quoted\n         words'))!;
    expect(selectors[0]).toEqual({
      type: 'TextQuoteSelector',
      exact: 'quoted words',
      prefix: 'f text that goes on and on. The ',
      // Paragraphs follow each other in the text with nothing between them.
      suffix: 'and after the quote there is mor',
    });
    expect(selectors[0].prefix).toHaveLength(CONTEXT_LENGTH);
    const index = createTextIndex(root);
    expect(index.raw.slice(selectors[1].start, selectors[1].end)).toBe('quoted\n         words');
  });

  it('reads element boundaries (a selection that starts before an element) and leaves out scripts and TeX annotations', () => {
    const root = page(`<p>Energy <span id="f"><math><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">E=mc^{2}</annotation></semantics></math></span> holds<script>var hidden = 1;</script> everywhere.</p>`);
    const range = document.createRange();
    range.setStartBefore(document.getElementById('f')!);
    range.setEnd(root.querySelector('p')!.lastChild!, 11);
    const selectors = describe(root, range)!;
    expect(selectors[0].exact).toBe('E=mc2 holds everywhere');
    expect(visibleText(root, anchor(root, selectors))).toBe('E=mc2 holds everywhere');
  });

  it('answers null for a selection of whitespace only', () => {
    const root = page('<p>one</p>\n   \n<p>two</p>');
    const range = document.createRange();
    range.setStartAfter(root.firstChild!);
    range.setEndBefore(root.lastChild!);
    expect(describe(root, range)).toBeNull();
  });
});

group('anchor', () => {
  it('anchors text split across many inline elements and superscripts', () => {
    const html = `<p>The <b>Trans</b><i>former</i> reaches 28.4 BLEU<sup>1</sup> on <a href="#">WMT</a> 20<span>14</span>.</p>`;
    const root = page(html);
    const selectors = describe(root, textRange(root, 'former reaches 28.4 BLEU1 on WMT 2014'))!;
    // The same page rendered with other inline elements and spacing: found by its quote.
    const again = page(`<div><p>Intro.</p><p>The Transformer   reaches <em>28.4</em>\n BLEU<sup>1</sup> on WMT 2014.</p></div>`);
    const found = anchorWithMethod(again, selectors);
    expect(found?.method).toBe('exact');
    expect(keyOf(found!.range.toString())).toBe(keyOf('former reaches 28.4 BLEU1 on WMT 2014'));
  });

  it('prefers the position when the quote is still there, and the best context among repeated quotes otherwise', () => {
    const root = page('<p>alpha beta gamma. one two three. alpha beta delta.</p>');
    const second = describe(root, textRange(root, 'alpha beta delta').cloneRange())!;
    // Only the quote "alpha beta" of the second sentence, described as such.
    const index = createTextIndex(root);
    const at = index.raw.lastIndexOf('alpha beta');
    const range = document.createRange();
    range.setStart(index.nodes[0]!, at);
    range.setEnd(index.nodes[0]!, at + 'alpha beta'.length);
    const selectors = describe(root, range)!;
    expect(anchorWithMethod(root, selectors)?.method).toBe('position');
    // Positions lost (text inserted in front): the context picks the second occurrence.
    const moved = page('<p>new words first. alpha beta gamma. one two three. alpha beta delta.</p>');
    const found = anchorWithMethod(moved, selectors)!;
    expect(found.method).toBe('exact');
    const suffixAfter = createTextIndex(moved).raw.slice(found.range.endOffset, found.range.endOffset + 6);
    expect(suffixAfter).toBe(' delta');
    expect(second[0].exact).toBe('alpha beta delta');
  });

  it('finds a quote with a word changed (fuzzy) and leaves unrelated text alone (orphan)', () => {
    const root = page('<p>Experiments on two machine translation tasks show these models to be superior in quality.</p>');
    const selectors = describe(root, textRange(root, 'show these models to be superior in quality'))!;
    const edited = page('<p>Experiments on two machine translation tasks show the models to be superior in quality.</p>');
    const found = anchorWithMethod(edited, selectors);
    expect(found?.method).toBe('fuzzy');
    expect(anchoredText(found!.range)).toBe('show the models to be superior in quality');
    const gone = page('<p>Experiments on two machine translation tasks.</p><p>Something else entirely is written here now.</p>');
    expect(anchor(gone, selectors)).toBeNull();
  });

  it('never anchors selectors without a quote', () => {
    const root = page('<p>text</p>');
    expect(anchor(root, [{ type: 'TextPositionSelector', start: 0, end: 4 }])).toBeNull();
    expect(anchor(root, [{ type: 'TextQuoteSelector', exact: '  \n ' }])).toBeNull();
  });
});

group('fragment links', () => {
  it('reads the highlight id of #lectern-highlight=<id>', () => {
    expect(fragmentHighlightId('https://arxiv.org/abs/1706.03762#lectern-highlight=ab%2Fc-1')).toBe('ab/c-1');
    expect(fragmentHighlightId('https://arxiv.org/abs/1706.03762#section-2')).toBeUndefined();
    expect(fragmentHighlightId('https://arxiv.org/abs/1706.03762')).toBeUndefined();
    expect(fragmentHighlightId('https://arxiv.org/abs/1706.03762#lectern-highlight=%E0%A4%A')).toBeUndefined();
  });
});
