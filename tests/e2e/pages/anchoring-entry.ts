// Test-only entry: exposes selectors for a quote of the current page, described as the live page does.
import { describe } from '../../../lib/anchoring';

/** Selectors for the first occurrence of `quote` inside the first element matching `selector`. */
function describeQuote(selector: string, quote: string): unknown {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`No element ${selector}`);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(quote);
    if (at === -1) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + quote.length);
    return describe(document.body, range);
  }
  throw new Error(`Quote not found in one text node: ${quote}`);
}

(window as unknown as { lecternDescribe: typeof describeQuote }).lecternDescribe = describeQuote;
