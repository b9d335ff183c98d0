import type { HighlightRequests } from '../../lib/messaging/areas/highlights';
import type { HighlightRecord } from '../../lib/model';

const selectors: HighlightRecord['selectors'] = [
  { type: 'TextQuoteSelector', exact: 'attention is all', prefix: 'We show that ', suffix: ' you need.' },
  { type: 'TextPositionSelector', start: 120, end: 136 },
];

/** A stored highlight, as the highlight requests carry it. */
export const SAMPLE_HIGHLIGHT: HighlightRecord = {
  id: 'h-1',
  paperId: 'arxiv:1706.03762',
  url: 'https://arxiv.org/abs/1706.03762',
  selectors,
  text: 'attention is all',
  color: 'yellow',
  note: 'Key claim.',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};

/** One valid example of each highlight request's data. */
export const GOOD_HIGHLIGHT_REQUESTS: { [K in keyof HighlightRequests]: HighlightRequests[K][0] } = {
  'page.highlights': { url: 'https://arxiv.org/abs/1706.03762' },
  'page.highlight.create': { paperId: 'arxiv:1706.03762', url: 'https://arxiv.org/abs/1706.03762', selectors, text: 'attention is all', color: 'green' },
  'page.highlight.update': { id: 'h-1', note: 'Revisit.' },
  'page.highlight.delete': { id: 'h-1' },
  'highlight.create': { paperId: 'arxiv:1706.03762', url: 'https://arxiv.org/abs/1706.03762', selectors, text: 'attention is all', color: 'blue', note: '' },
  'highlight.update': { id: 'h-1', color: 'pink' },
  'highlight.delete': { ids: ['h-1', 'h-2'] },
  'highlight.restore': { highlights: [SAMPLE_HIGHLIGHT] },
};
