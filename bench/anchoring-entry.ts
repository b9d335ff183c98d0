/** What `bench/anchoring.ts` bundles into the page: the anchoring functions and a way to make ranges. */
export { anchor, anchorWithMethod, createPainter, createTextIndex, describe } from '../lib/anchoring';
export { rangeFromRaw } from '../lib/anchoring/text';
