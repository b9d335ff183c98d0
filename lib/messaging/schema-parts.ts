/**
 * The building blocks of request validation, shared by every area of the protocol (`validate.ts` and
 * `areas/*`). Every string and list is bounded, ids must look like `namespace:…`, URLs must be http(s).
 */
import * as v from 'valibot';
import { STATUSES } from '../model';
import { isSiteOrigin } from '../origins';

export const LIMITS = {
  idLength: 2_048,
  urlLength: 2_048,
  pageUrlLength: 8_192,
  title: 2_000,
  abstract: 20_000,
  authors: 5_000,
  authorName: 1_000,
  venue: 1_000,
  aliases: 100,
  entries: 5_000,
  /** Ids in one library request (a "select all" over a large library). */
  libraryIds: 100_000,
} as const;

const ID_PATTERN = /^[a-z]+:./s;

export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const text = (max: number) =>
  v.pipe(
    v.string('expected a string'),
    v.maxLength(max, `at most ${max} characters`),
  );

export const nonEmptyText = (max: number) =>
  v.pipe(
    v.string('expected a string'),
    v.trim(),
    v.nonEmpty('must not be empty'),
    v.maxLength(max, `at most ${max} characters`),
  );

export const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'expected an array'), v.maxLength(max, `at most ${max} items`));

export const paperIdSchema = v.pipe(
  v.string('expected a string'),
  v.maxLength(LIMITS.idLength, `at most ${LIMITS.idLength} characters`),
  v.regex(ID_PATTERN, 'expected an id of the form namespace:value (e.g. arxiv:2405.01234)'),
);

export const httpUrl = (max: number) =>
  v.pipe(
    v.string('expected a string'),
    v.maxLength(max, `at most ${max} characters`),
    v.check(isHttpUrl, 'expected an http(s) URL'),
  );

export const statusSchema = v.picklist(STATUSES, `expected one of ${STATUSES.join(', ')}`);

export const tabIdSchema = v.pipe(
  v.number('expected a number'),
  v.integer('expected an integer'),
  v.minValue(0, 'expected a tab id (0 or more)'),
);

export const linksSchema = v.object(
  {
    abs: v.optional(httpUrl(LIMITS.urlLength)),
    pdf: v.optional(httpUrl(LIMITS.urlLength)),
    html: v.optional(httpUrl(LIMITS.urlLength)),
    code: v.optional(httpUrl(LIMITS.urlLength)),
    page: v.optional(httpUrl(LIMITS.urlLength)),
  },
  'expected an object',
);

export const detectedPaperSchema = v.object(
  {
    id: paperIdSchema,
    aliases: list(paperIdSchema, LIMITS.aliases),
    title: nonEmptyText(LIMITS.title),
    authors: list(text(LIMITS.authorName), LIMITS.authors),
    abstract: v.optional(text(LIMITS.abstract)),
    published: v.optional(
      v.pipe(v.string('expected a string'), v.regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')),
    ),
    venue: v.optional(text(LIMITS.venue)),
    version: v.optional(
      v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(1, 'expected 1 or more'), v.maxValue(10_000, 'expected at most 10000')),
    ),
    links: linksSchema,
  },
  'expected an object',
);

/** A site origin as Lectern asks for it: `http(s)://<host>/*`. */
export const siteOriginSchema = v.pipe(
  v.string('expected a string'),
  v.maxLength(LIMITS.urlLength, `at most ${LIMITS.urlLength} characters`),
  v.check(isSiteOrigin, 'expected a site origin of the form https://<host>/*'),
);

export const obj = <T extends v.ObjectEntries>(entries: T) => v.object(entries, 'expected an object');

