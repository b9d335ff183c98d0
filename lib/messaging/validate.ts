/**
 * Validation of every request of the protocol (`Requests` in `protocol.ts`). Whatever arrives over the
 * runtime is untrusted until it passes here: content scripts run in pages we do not control.
 *
 * Every string and list is bounded, ids must look like `namespace:…`, URLs must be http(s), statuses come
 * from `STATUSES`. Unknown keys of objects are dropped. Errors name the path of the offending value,
 * e.g. `entries[3].title: at most 2000 characters`.
 */
import * as v from 'valibot';
import { STATUSES } from '../model';
import { HIGHLIGHT_SCHEMAS } from './areas/highlights-schemas';
import { DATA_SCHEMAS } from './areas/data-schemas';
import { LIBRARY_SCHEMAS } from './areas/library-schemas';
import { RECORDING_SCHEMAS } from './areas/recording-schemas';
import { SNAPSHOT_SCHEMAS } from './areas/snapshots-schemas';
import { LIMITS, httpUrl, list, obj, paperIdSchema, siteOriginSchema, statusSchema, tabIdSchema, detectedPaperSchema } from './schema-parts';
export { LIMITS, detectedPaperSchema, linksSchema, paperIdSchema, statusSchema } from './schema-parts';
import type { PushMessage, RequestData, RequestType, Result } from './protocol';

/** One entry as `page.lookup` names it: its ids, at least one. */
const entryIdsSchema = v.pipe(list(paperIdSchema, LIMITS.aliases + 1), v.minLength(1, 'expected at least one id'));

/** The schema of each request's data; the type ties each one to the protocol. */
export const REQUEST_SCHEMAS: { [K in RequestType]: v.GenericSchema<unknown, RequestData<K>> } = {
  ...LIBRARY_SCHEMAS,
  ...HIGHLIGHT_SCHEMAS,
  ...SNAPSHOT_SCHEMAS,
  ...DATA_SCHEMAS,
  ...RECORDING_SCHEMAS,
  'page.report': obj({
    url: httpUrl(LIMITS.pageUrlLength),
    entries: list(detectedPaperSchema, LIMITS.entries),
    more: v.optional(v.boolean('expected a boolean')),
  }),
  'page.lookup': obj({
    url: httpUrl(LIMITS.pageUrlLength),
    entries: list(entryIdsSchema, LIMITS.entries),
    more: v.optional(v.boolean('expected a boolean')),
  }),
  'page.states': obj({ ids: list(paperIdSchema, LIMITS.entries) }),
  'page.setStatus': obj({ id: paperIdSchema, status: statusSchema }),
  'page.saveAll': v.optional(obj({}), {}),
  'page.setStatuses': obj({
    ids: list(paperIdSchema, LIMITS.entries),
    status: statusSchema,
    from: v.optional(list(statusSchema, STATUSES.length)),
  }),
  'page.openInLibrary': obj({ id: paperIdSchema }),
  'tab.papers': obj({ tabId: tabIdSchema }),
  'tab.saveAll': obj({ tabId: tabIdSchema }),
  'library.setStatus': obj({ ids: list(paperIdSchema, LIMITS.libraryIds), status: statusSchema }),
  'library.delete': obj({ ids: list(paperIdSchema, LIMITS.libraryIds) }),
  'tab.detect': obj({ tabId: tabIdSchema }),
  'site.register': obj({ origin: siteOriginSchema, tabId: v.optional(tabIdSchema) }),
  'site.unregister': obj({ origin: siteOriginSchema }),
};

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_SCHEMAS, type);
}

/** `entries[3].title` from a valibot issue path. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const MAX_REPORTED_ISSUES = 3;

/** A readable message for failed validation: up to three issues, each prefixed with its path. */
export function describeIssues(type: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const parts = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = pathOf(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > MAX_REPORTED_ISSUES ? ` (and ${issues.length - MAX_REPORTED_ISSUES} more)` : '';
  return `Invalid ${type} request: ${parts.join('; ')}${more}`;
}

/** Validates the data of a request of `type`; an unknown type is an error. */
export function parseRequest<T extends RequestType>(type: T, data: unknown): Result<RequestData<T>>;
export function parseRequest(type: string, data: unknown): Result<unknown>;
export function parseRequest(type: string, data: unknown): Result<unknown> {
  if (!isRequestType(type)) return { ok: false, error: `Unknown request type: ${JSON.stringify(String(type)).slice(0, 100)}` };
  const parsed = v.safeParse(REQUEST_SCHEMAS[type], data);
  if (parsed.success) return { ok: true, value: parsed.output };
  return { ok: false, error: describeIssues(type, parsed.issues) };
}

// ---------------------------------------------------------------------------------------------------------
// Pushes (background → content script). The content script validates them too: whatever arrives over the
// runtime is checked before it touches the page.

const statusChangeSchema = v.object(
  {
    id: paperIdSchema,
    aliases: list(paperIdSchema, LIMITS.aliases),
    status: v.nullable(statusSchema),
  },
  'expected an object',
);

const PUSH_SCHEMAS = {
  'page.statusChanged': obj({ changes: list(statusChangeSchema, LIMITS.libraryIds) }),
  'page.highlightSelection': v.optional(obj({}), {}),
};

/**
 * Validates a message received by a content script as a push of the protocol. Anything that is not tagged
 * `lectern: 'push'` with a known type is refused; unknown keys are dropped.
 */
export function parsePush(message: unknown): Result<PushMessage> {
  if (!message || typeof message !== 'object' || (message as { lectern?: unknown }).lectern !== 'push') {
    return { ok: false, error: 'Not a push' };
  }
  const { type, data } = message as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(PUSH_SCHEMAS, type)) {
    return { ok: false, error: `Unknown push type: ${JSON.stringify(String(type)).slice(0, 100)}` };
  }
  const parsed = v.safeParse(PUSH_SCHEMAS[type as keyof typeof PUSH_SCHEMAS], data);
  if (!parsed.success) return { ok: false, error: describeIssues(type, parsed.issues) };
  // The schema of `type` checked `data`: the pair is one of `PushMessage`'s.
  return { ok: true, value: { lectern: 'push', type, data: parsed.output } as PushMessage };
}
