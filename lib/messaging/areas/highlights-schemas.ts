/** Validation of the highlight requests (`./highlights.ts`), built from `../schema-parts.ts`. */
import * as v from 'valibot';
import { HIGHLIGHT_COLORS, type HighlightRecord } from '../../model';
import { LIMITS, httpUrl, list, obj, paperIdSchema, text } from '../schema-parts';
import type { HighlightRequests, NewHighlight } from './highlights';

export const HIGHLIGHT_LIMITS = {
  /** Longest highlighted text (a few paragraphs). */
  quote: 20_000,
  /** Prefix and suffix of a quote (about 32 characters are stored; some slack for other tools' data). */
  context: 500,
  note: 20_000,
  selectors: 4,
  idLength: 200,
  /** Highlights in one delete or restore (a paper's or everything, from the side panel). */
  batch: 10_000,
} as const;

const offset = v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected 0 or more'));

const quoteSelectorSchema = obj({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(text(HIGHLIGHT_LIMITS.quote), v.nonEmpty('must not be empty')),
  prefix: v.optional(text(HIGHLIGHT_LIMITS.context)),
  suffix: v.optional(text(HIGHLIGHT_LIMITS.context)),
});

const positionSelectorSchema = v.pipe(
  obj({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
  v.check((s) => s.end >= s.start, 'end must not be before start'),
);

const selectorsSchema = v.pipe(
  list(v.variant('type', [quoteSelectorSchema, positionSelectorSchema], 'expected a TextQuoteSelector or TextPositionSelector'), HIGHLIGHT_LIMITS.selectors),
  v.check((selectors) => selectors.some((s) => s.type === 'TextQuoteSelector'), 'expected a TextQuoteSelector'),
);

const colorSchema = v.picklist(HIGHLIGHT_COLORS, `expected one of ${HIGHLIGHT_COLORS.join(', ')}`);
const highlightIdSchema = v.pipe(text(HIGHLIGHT_LIMITS.idLength), v.nonEmpty('must not be empty'));
const noteSchema = text(HIGHLIGHT_LIMITS.note);

/** The address a highlight was made on: an http(s) page, or (from extension pages) the reader. */
const anyUrl = v.pipe(text(LIMITS.pageUrlLength), v.nonEmpty('must not be empty'));

const newHighlight = (url: v.GenericSchema<unknown, string>, paperRequired: boolean): v.GenericSchema<unknown, NewHighlight> =>
  obj({
    paperId: paperRequired ? paperIdSchema : v.optional(paperIdSchema),
    url,
    selectors: selectorsSchema,
    text: v.pipe(text(HIGHLIGHT_LIMITS.quote), v.nonEmpty('must not be empty')),
    color: colorSchema,
    note: v.optional(noteSchema),
  });

const editSchema = obj({ id: highlightIdSchema, color: v.optional(colorSchema), note: v.optional(noteSchema) });

const recordSchema: v.GenericSchema<unknown, HighlightRecord> = obj({
  id: highlightIdSchema,
  paperId: v.optional(paperIdSchema),
  url: anyUrl,
  selectors: selectorsSchema,
  text: text(HIGHLIGHT_LIMITS.quote),
  color: colorSchema,
  note: noteSchema,
  createdAt: offset,
  updatedAt: offset,
});

export const HIGHLIGHT_SCHEMAS: { [K in keyof HighlightRequests]: v.GenericSchema<unknown, HighlightRequests[K][0]> } = {
  'page.highlights': obj({ url: httpUrl(LIMITS.pageUrlLength) }),
  'page.highlight.create': newHighlight(httpUrl(LIMITS.pageUrlLength), false),
  'page.highlight.update': editSchema,
  'page.highlight.delete': obj({ id: highlightIdSchema }),
  'highlight.create': newHighlight(anyUrl, true),
  'highlight.update': editSchema,
  'highlight.delete': obj({ ids: list(highlightIdSchema, HIGHLIGHT_LIMITS.batch) }),
  'highlight.restore': obj({ highlights: list(recordSchema, HIGHLIGHT_LIMITS.batch) }),
};
