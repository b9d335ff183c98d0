/** Validation of the library requests (`./library.ts`), built from `../schema-parts.ts`. */
import * as v from 'valibot';
import { HIGHLIGHT_COLORS, type PaperRecord } from '../../model';
import { LIMITS, httpUrl, linksSchema, list, obj, paperIdSchema, statusSchema, text } from '../schema-parts';
import type { LibraryRequests } from './library';

export const LIBRARY_LIMITS = {
  /** Characters of a note. */
  note: 1_000_000,
  /** Tags in one request. */
  tags: 1_000,
  /** Characters of a tag as sent (it is trimmed and cut to `MAX_TAG_LENGTH` when stored). */
  tagLength: 1_000,
  /** Records in one undo. */
  records: 100_000,
  /** Sightings or highlights of one record in an undo. */
  rowsPerRecord: 100_000,
  /** Characters of a snapshot's content or text. */
  snapshotText: 50_000_000,
} as const;

const ids = list(paperIdSchema, LIMITS.libraryIds);
const idsNonEmpty = v.pipe(ids, v.minLength(1, 'expected at least one id'));
const tags = list(text(LIBRARY_LIMITS.tagLength), LIBRARY_LIMITS.tags);
const time = v.pipe(v.number('expected a number'), v.finite('expected a finite number'), v.minValue(0, 'expected 0 or more'));

const tagSchema = v.pipe(v.string('expected a string'), v.minLength(1, 'must not be empty'), v.maxLength(200, 'at most 200 characters'));

/**
 * A stored record as an undo sends it back. Its own schema rather than the backup format's: this module is
 * part of the protocol, which the content script bundles, and must not pull in the database code.
 */
const paperRecordSchema = obj({
  id: paperIdSchema,
  aliases: v.pipe(list(paperIdSchema, 1_000), v.minLength(1, "must hold at least the paper's own id")),
  title: text(LIMITS.title * 5),
  authors: list(text(LIMITS.authorName), LIMITS.authors * 2),
  abstract: v.optional(text(LIMITS.abstract * 5)),
  published: v.optional(text(64)),
  venue: v.optional(text(LIMITS.venue * 2)),
  version: v.optional(v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected 0 or more'))),
  links: linksSchema,
  status: statusSchema,
  tags: list(tagSchema, 1_000),
  note: text(LIBRARY_LIMITS.note),
  firstSeenAt: time,
  firstSeenOn: v.optional(httpUrl(LIMITS.pageUrlLength)),
  lastSeenAt: time,
  savedAt: v.optional(time),
  startedAt: v.optional(time),
  readAt: v.optional(time),
  updatedAt: time,
  changedAt: v.optional(obj({ status: v.optional(time), note: v.optional(time), tags: v.optional(time) })),
  tagChanges: v.optional(
    list(obj({ tag: tagSchema, at: time, removed: v.optional(v.literal(true, 'expected true (or no field)')) }), 5_000),
  ),
});

// The schema must cover every field of a record: this fails to compile when PaperRecord gains one.
type MissingFromSchema = Exclude<keyof PaperRecord, keyof v.InferOutput<typeof paperRecordSchema>>;
const schemaComplete: [MissingFromSchema] extends [never] ? true : MissingFromSchema = true;
void schemaComplete;

const sightingSchema = obj({ paperId: paperIdSchema, page: httpUrl(LIMITS.pageUrlLength), firstAt: time });

const selectorSchema = v.variant(
  'type',
  [
    obj({
      type: v.literal('TextQuoteSelector'),
      exact: text(LIBRARY_LIMITS.snapshotText),
      prefix: v.optional(text(1_000)),
      suffix: v.optional(text(1_000)),
    }),
    obj({ type: v.literal('TextPositionSelector'), start: time, end: time }),
  ],
  'expected a TextQuoteSelector or TextPositionSelector',
);

const highlightSchema = obj({
  id: text(200),
  paperId: v.optional(paperIdSchema),
  url: text(LIMITS.pageUrlLength),
  selectors: list(selectorSchema, 10),
  text: text(LIBRARY_LIMITS.snapshotText),
  color: v.picklist(HIGHLIGHT_COLORS, `expected one of ${HIGHLIGHT_COLORS.join(', ')}`),
  note: text(LIBRARY_LIMITS.note),
  createdAt: time,
  updatedAt: time,
});

const snapshotSchema = obj({
  paperId: paperIdSchema,
  url: text(LIMITS.pageUrlLength),
  title: text(LIMITS.title),
  byline: v.optional(text(LIMITS.title)),
  content: text(LIBRARY_LIMITS.snapshotText),
  text: text(LIBRARY_LIMITS.snapshotText),
  savedAt: time,
  droppedImages: v.optional(time),
});

const savedRecordSchema = obj({
  paper: paperRecordSchema,
  sightings: v.optional(list(sightingSchema, LIBRARY_LIMITS.rowsPerRecord)),
  highlights: v.optional(list(highlightSchema, LIBRARY_LIMITS.rowsPerRecord)),
  snapshot: v.optional(v.nullable(snapshotSchema)),
});

const undoSchema = obj({
  records: list(savedRecordSchema, LIBRARY_LIMITS.records),
  expect: list(obj({ id: paperIdSchema, version: v.nullable(text(100)) }), LIBRARY_LIMITS.records),
});

export const LIBRARY_SCHEMAS: { [K in keyof LibraryRequests]: v.GenericSchema<unknown, LibraryRequests[K][0]> } = {
  'library.setNote': obj({ id: paperIdSchema, note: text(LIBRARY_LIMITS.note) }),
  'library.setTags': obj({ ids: idsNonEmpty, tags }),
  'library.addTags': obj({ ids: idsNonEmpty, tags }),
  'library.removeTags': obj({ ids: idsNonEmpty, tags }),
  'library.merge': obj({ keep: paperIdSchema, absorb: paperIdSchema }),
  'library.split': obj({ id: paperIdSchema, aliases: v.pipe(list(paperIdSchema, LIMITS.aliases * 10), v.minLength(1, 'expected at least one id')) }),
  'library.notAPaper': obj({ ids: idsNonEmpty }),
  'library.snapshotRecords': obj({ ids }),
  'library.restoreRecords': undoSchema,
};
