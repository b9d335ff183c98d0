/**
 * Validation of a backup file (docs/backup-format.md), all of it, before anything is written. A file is
 * untrusted input: it may be truncated, hand-edited, written by a newer Lectern, or hostile.
 *
 * Answers the backup, or every problem found (the first `MAX_REPORTED_ISSUES`), each naming where it is:
 * `papers[1042].status: expected one of seen, unread, reading, read, dismissed`.
 *
 * Rules beyond the types (limits in `BACKUP_LIMITS`):
 * - `format` must be `lectern-backup`; a `formatVersion` above `BACKUP_FORMAT_VERSION` is refused with a
 *   message saying a newer Lectern wrote it;
 * - unknown fields are refused (a new field means a new format version);
 * - `__proto__`, `constructor` and `prototype` are refused as object keys anywhere (as text they are fine);
 * - ids look like `namespace:value` (`^[a-z]+:`), links and pages are http(s) URLs;
 * - a paper's aliases include its own id and no alias belongs to two papers; a paper, sighting or
 *   tombstone given twice is accepted once when both copies are identical and refused when they differ;
 * - a paper's tags are distinct, and its `tagChanges` name each tag once and agree with `tags`;
 * - format version 1 files hold no highlights or snapshots (those arrays must be empty there); from version
 *   2, a highlight's `paperId` and a snapshot's `paperId` name a paper of the file (by id or alias; they are
 *   rewritten to its id); sightings, highlights and snapshots of a paper the file does not hold are dropped
 *   (they could only be left over from a deleted paper), as are identical duplicates; different rows with
 *   one key are refused.
 */
import * as v from 'valibot';
import { HIGHLIGHT_COLORS, STATUSES, type HighlightRecord, type PaperRecord, type SnapshotRecord } from '../model';
import type { SightingRow } from '../db/schema';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  canonicalHighlight,
  canonicalPaper,
  canonicalSnapshot,
  type BackupFile,
  type BackupSettings,
  type BackupTombstone,
} from './format';

export const BACKUP_LIMITS = {
  /** Characters of an id or alias. */
  idLength: 4_096,
  aliases: 1_000,
  title: 10_000,
  abstract: 100_000,
  authors: 10_000,
  authorName: 1_000,
  venue: 2_000,
  published: 64,
  /** Characters of a link, `firstSeenOn` or a sighting's page. */
  urlLength: 8_192,
  note: 1_000_000,
  tags: 1_000,
  tagLength: 200,
  tagChanges: 5_000,
  version: 1_000_000,
  papers: 1_000_000,
  sightings: 10_000_000,
  tombstones: 1_000_000,
  highlights: 1_000_000,
  /** Characters of a highlight id. */
  highlightId: 200,
  selectors: 10,
  /** Characters of a highlight's quote, prefix or suffix. */
  quote: 100_000,
  snapshots: 100_000,
  /** Characters of a snapshot's HTML and of its text. */
  snapshotContent: 20_000_000,
  settings: 200,
  settingName: 100,
  settingText: 10_000,
  appVersion: 100,
  /** Latest time accepted (epoch ms): the end of JavaScript dates. */
  time: 8_640_000_000_000_000,
} as const;

export const MAX_REPORTED_ISSUES = 20;

/** Keys that could reach an object's prototype when copied around. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type BackupCheck =
  | { ok: true; backup: BackupFile; /** Rows left out: identical duplicates and sightings of absent papers. */ dropped: number }
  | { ok: false; error: string; issues: string[] };

/** A backup file that failed validation: `message` sums it up, `issues` lists the problems found. */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly issues: readonly string[],
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

const L = BACKUP_LIMITS;
const ID_PATTERN = /^[a-z]+:./s;
const SETTING_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function isHttpUrl(raw: string): boolean {
  if (!/^https?:\/\//i.test(raw)) return false;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const objectMessage = (issue: v.BaseIssue<unknown>): string =>
  issue.expected === 'never' ? `unknown field (format version ${BACKUP_FORMAT_VERSION} has no such field)` : 'expected an object';

/**
 * A strict object schema that also refuses arrays (valibot's object schemas take an array for an object
 * without keys).
 */
function strict<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'expected an object'),
    v.strictObject(entries, objectMessage),
  );
}

const text = (max: number) =>
  v.pipe(v.string('expected a string'), v.maxLength(max, `at most ${max} characters`));

const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'expected an array'), v.maxLength(max, `at most ${max} items`));

const idSchema = v.pipe(
  v.string('expected a string'),
  v.maxLength(L.idLength, `at most ${L.idLength} characters`),
  v.regex(ID_PATTERN, 'expected an id of the form namespace:value (e.g. arxiv:2405.01234)'),
);

const httpUrl = v.pipe(
  v.string('expected a string'),
  v.maxLength(L.urlLength, `at most ${L.urlLength} characters`),
  v.check(isHttpUrl, 'expected an http(s) URL'),
);

const time = v.pipe(
  v.number('expected a number'),
  v.finite('expected a finite number'),
  v.minValue(0, 'expected a time (epoch ms, 0 or more)'),
  v.maxValue(L.time, 'expected a time (epoch ms) before the year 275760'),
);

const tagSchema = v.pipe(
  v.string('expected a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(L.tagLength, `at most ${L.tagLength} characters`),
);

const linksSchema = strict({
  abs: v.optional(httpUrl),
  pdf: v.optional(httpUrl),
  html: v.optional(httpUrl),
  code: v.optional(httpUrl),
  page: v.optional(httpUrl),
});

export const paperSchema = strict(
  {
    id: idSchema,
    aliases: v.pipe(list(idSchema, L.aliases), v.minLength(1, 'must hold at least the paper\'s own id')),
    title: text(L.title),
    authors: list(text(L.authorName), L.authors),
    abstract: v.optional(text(L.abstract)),
    published: v.optional(text(L.published)),
    venue: v.optional(text(L.venue)),
    version: v.optional(
      v.pipe(
        v.number('expected a number'),
        v.integer('expected an integer'),
        v.minValue(0, 'expected 0 or more'),
        v.maxValue(L.version, `at most ${L.version}`),
      ),
    ),
    links: linksSchema,
    status: v.picklist(STATUSES, `expected one of ${STATUSES.join(', ')}`),
    tags: list(tagSchema, L.tags),
    note: text(L.note),
    firstSeenAt: time,
    firstSeenOn: v.optional(httpUrl),
    lastSeenAt: time,
    savedAt: v.optional(time),
    startedAt: v.optional(time),
    readAt: v.optional(time),
    updatedAt: time,
    changedAt: v.optional(
      strict({ status: v.optional(time), note: v.optional(time), tags: v.optional(time) }),
    ),
    tagChanges: v.optional(
      list(
        strict({ tag: tagSchema, at: time, removed: v.optional(v.literal(true, 'expected true (or no field)')) }),
        L.tagChanges,
      ),
    ),
  },
);

// The schema must cover every field of a record: this fails to compile when PaperRecord gains one.
type SchemaPaper = v.InferOutput<typeof paperSchema>;
type MissingFromSchema = Exclude<keyof PaperRecord, keyof SchemaPaper>;
const schemaComplete: [MissingFromSchema] extends [never] ? true : MissingFromSchema = true;
const schemaMatches: (x: SchemaPaper) => PaperRecord = (x) => x;
void schemaComplete;
void schemaMatches;

const sightingSchema = strict({ paperId: idSchema, page: httpUrl, firstAt: time });

const tombstoneSchema = strict({ id: idSchema, aliases: list(idSchema, L.aliases), deletedAt: time });

const offset = v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected 0 or more'));

const selectorSchema = v.variant(
  'type',
  [
    v.strictObject(
      {
        type: v.literal('TextQuoteSelector'),
        exact: v.pipe(text(L.quote), v.minLength(1, 'must not be empty')),
        prefix: v.optional(text(L.quote)),
        suffix: v.optional(text(L.quote)),
      },
      objectMessage,
    ),
    v.strictObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset }, objectMessage),
  ],
  'expected a TextQuoteSelector or TextPositionSelector object',
);

export const highlightSchema = strict({
  id: v.pipe(v.string('expected a string'), v.minLength(1, 'must not be empty'), v.maxLength(L.highlightId, `at most ${L.highlightId} characters`)),
  paperId: v.optional(idSchema),
  url: httpUrl,
  selectors: v.pipe(list(selectorSchema, L.selectors), v.minLength(1, 'expected at least one selector')),
  text: text(L.quote),
  color: v.picklist(HIGHLIGHT_COLORS, `expected one of ${HIGHLIGHT_COLORS.join(', ')}`),
  note: text(L.note),
  createdAt: time,
  updatedAt: time,
});

export const snapshotSchema = strict({
  paperId: idSchema,
  url: httpUrl,
  title: text(L.title),
  byline: v.optional(text(L.title)),
  content: text(L.snapshotContent),
  text: text(L.snapshotContent),
  savedAt: time,
  droppedImages: v.optional(offset),
});

// The schemas must cover every field of a highlight and a snapshot: these fail to compile when one is added.
type MissingFromHighlight = Exclude<keyof HighlightRecord, keyof v.InferOutput<typeof highlightSchema>>;
type MissingFromSnapshot = Exclude<keyof SnapshotRecord, keyof v.InferOutput<typeof snapshotSchema>>;
const highlightComplete: [MissingFromHighlight] extends [never] ? true : MissingFromHighlight = true;
const snapshotComplete: [MissingFromSnapshot] extends [never] ? true : MissingFromSnapshot = true;
void highlightComplete;
void snapshotComplete;

const settingValue = v.union(
  [v.boolean(), v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.maxLength(L.settingText))],
  `expected true, false, a finite number or a string of at most ${L.settingText} characters`,
);

const settingsSchema = v.pipe(
  v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'expected an object'),
  v.record(
    v.pipe(
      v.string(),
      v.maxLength(L.settingName, `setting names have at most ${L.settingName} characters`),
      v.regex(SETTING_NAME, 'expected a setting name (letters, digits, _ . -)'),
    ),
    settingValue,
    'expected an object',
  ),
  v.check((s) => Object.keys(s).length <= L.settings, `at most ${L.settings} settings`),
);

const fileSchema = strict({
  format: v.literal(BACKUP_FORMAT, `expected "${BACKUP_FORMAT}"`),
  formatVersion: v.picklist([1, 2] as const, 'expected 1 or 2'),
  appVersion: text(L.appVersion),
  exportedAt: time,
  papers: list(paperSchema, L.papers),
  sightings: v.optional(list(sightingSchema, L.sightings)),
  highlights: v.optional(list(highlightSchema, L.highlights)),
  snapshots: v.optional(list(snapshotSchema, L.snapshots)),
  settings: v.optional(settingsSchema),
  tombstones: v.optional(list(tombstoneSchema, L.tombstones)),
});

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `a.b[3].c` for a path of keys and indexes. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || '(the file)';
}

function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => {
    const key = (item as { key: unknown }).key;
    return typeof key === 'number' ? key : String(key);
  });
}

interface Visit {
  value: object;
  key: string | number;
  parent: Visit | undefined;
}

function pathOf(visit: Visit | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = visit; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Every forbidden key in `data`, with its path. Iterative, with parent links instead of copied paths: a
 * deeply nested file can neither exhaust the stack nor take quadratic time.
 */
function forbiddenKeys(data: unknown, max: number): string[] {
  const found: string[] = [];
  if (typeof data !== 'object' || data === null) return found;
  const stack: Visit[] = [{ value: data, key: '', parent: undefined }];
  while (stack.length && found.length < max) {
    const visit = stack.pop()!;
    const value = visit.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) stack.push({ value: item, key: i, parent: visit });
      }
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (FORBIDDEN_KEYS.has(key)) {
          found.push(`${formatPath(pathOf(visit))}: forbidden key "${key}"`);
          continue;
        }
        const item: unknown = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push({ value: item, key, parent: visit });
      }
    }
  }
  return found;
}

function failure(issues: string[]): BackupCheck {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { ok: false, error: `Not a valid Lectern backup: ${shown[0]}${more}`, issues: shown };
}

function versionProblem(data: Record<string, unknown>): string | undefined {
  if (data.format !== BACKUP_FORMAT) {
    return `format: expected "${BACKUP_FORMAT}" (this is not a Lectern backup file)`;
  }
  const version = data.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return `formatVersion: expected a positive integer (this version of Lectern reads format version ${BACKUP_FORMAT_VERSION})`;
  }
  if (version > BACKUP_FORMAT_VERSION) {
    return (
      `formatVersion: this backup was written by a newer version of Lectern (format version ${version}; ` +
      `this version reads format version ${BACKUP_FORMAT_VERSION} and older). Update Lectern to restore it.`
    );
  }
  return undefined;
}

/** Problems of one valid-typed paper that the schema cannot see. */
function paperProblems(p: PaperRecord, at: string, out: string[]): void {
  if (!p.aliases.includes(p.id)) out.push(`${at}.aliases: must include the paper's own id (${p.id})`);
  const aliases = new Set<string>();
  p.aliases.forEach((alias, i) => {
    if (aliases.has(alias)) out.push(`${at}.aliases[${i}]: duplicate alias ${alias}`);
    aliases.add(alias);
  });
  const tags = new Set<string>();
  p.tags.forEach((tag, i) => {
    if (tags.has(tag)) out.push(`${at}.tags[${i}]: duplicate tag ${JSON.stringify(tag)}`);
    tags.add(tag);
  });
  const changed = new Set<string>();
  p.tagChanges?.forEach((change, i) => {
    const where = `${at}.tagChanges[${i}]`;
    if (changed.has(change.tag)) out.push(`${where}.tag: ${JSON.stringify(change.tag)} is listed twice`);
    changed.add(change.tag);
    if (change.removed && tags.has(change.tag)) {
      out.push(`${where}: ${JSON.stringify(change.tag)} is marked removed but is in tags`);
    } else if (!change.removed && !tags.has(change.tag)) {
      out.push(`${where}: ${JSON.stringify(change.tag)} is marked added but is not in tags`);
    }
  });
}

/** Checks across rows: duplicates, shared aliases, orphan sightings. Answers the deduplicated rows. */
function crossChecks(
  file: {
    papers: PaperRecord[];
    sightings: SightingRow[];
    highlights: HighlightRecord[];
    snapshots: SnapshotRecord[];
    tombstones: BackupTombstone[];
  },
  issues: string[],
): {
  papers: PaperRecord[];
  sightings: SightingRow[];
  highlights: HighlightRecord[];
  snapshots: SnapshotRecord[];
  tombstones: BackupTombstone[];
  dropped: number;
} {
  let dropped = 0;
  const papers: PaperRecord[] = [];
  const paperAt = new Map<string, { index: number; json: string }>();
  const aliasOwner = new Map<string, number>();
  file.papers.forEach((p, i) => {
    const at = `papers[${i}]`;
    const json = JSON.stringify(canonicalPaper(p));
    const twin = paperAt.get(p.id);
    if (twin) {
      if (twin.json === json) dropped++;
      else issues.push(`${at}.id: ${p.id} is also the id of papers[${twin.index}], with different data`);
      return;
    }
    paperAt.set(p.id, { index: i, json });
    paperProblems(p, at, issues);
    p.aliases.forEach((alias, j) => {
      const owner = aliasOwner.get(alias);
      if (owner !== undefined && owner !== i) {
        issues.push(`${at}.aliases[${j}]: ${alias} is also an id or alias of papers[${owner}] (${file.papers[owner]!.id})`);
      } else aliasOwner.set(alias, i);
    });
    papers.push(p);
  });

  const sightings: SightingRow[] = [];
  const sightingAt = new Map<string, { index: number; firstAt: number }>();
  file.sightings.forEach((s, i) => {
    const key = JSON.stringify([s.paperId, s.page]);
    const twin = sightingAt.get(key);
    if (twin) {
      if (twin.firstAt === s.firstAt) dropped++;
      else issues.push(`sightings[${i}]: the same paper and page as sightings[${twin.index}], with a different firstAt`);
      return;
    }
    sightingAt.set(key, { index: i, firstAt: s.firstAt });
    if (!paperAt.has(s.paperId)) {
      dropped++;
      return;
    }
    sightings.push(s);
  });

  // A highlight or snapshot names its paper by any id of it; it travels under the paper's own id.
  const paperOf = (id: string): string | undefined => {
    const owner = aliasOwner.get(id);
    return owner === undefined ? undefined : file.papers[owner]!.id;
  };
  const highlights: HighlightRecord[] = [];
  const highlightAt = new Map<string, { index: number; json: string }>();
  file.highlights.forEach((h, i) => {
    const json = JSON.stringify(canonicalHighlight(h));
    const twin = highlightAt.get(h.id);
    if (twin) {
      if (twin.json === json) dropped++;
      else issues.push(`highlights[${i}].id: ${h.id} is also the id of highlights[${twin.index}], with different data`);
      return;
    }
    highlightAt.set(h.id, { index: i, json });
    h.selectors.forEach((selector, j) => {
      if (selector.type === 'TextPositionSelector' && selector.end < selector.start) {
        issues.push(`highlights[${i}].selectors[${j}].end: must not be before start`);
      }
    });
    if (h.paperId === undefined) {
      highlights.push(h);
      return;
    }
    const paperId = paperOf(h.paperId);
    if (paperId === undefined) {
      dropped++;
      return;
    }
    highlights.push(paperId === h.paperId ? h : { ...h, paperId });
  });

  const snapshots: SnapshotRecord[] = [];
  const snapshotAt = new Map<string, { index: number; json: string }>();
  file.snapshots.forEach((snap, i) => {
    const paperId = paperOf(snap.paperId);
    if (paperId === undefined) {
      dropped++;
      return;
    }
    const row = paperId === snap.paperId ? snap : { ...snap, paperId };
    const json = JSON.stringify(canonicalSnapshot(row));
    const twin = snapshotAt.get(paperId);
    if (twin) {
      if (twin.json === json) dropped++;
      else issues.push(`snapshots[${i}].paperId: the paper ${paperId} already has snapshots[${twin.index}], with different data`);
      return;
    }
    snapshotAt.set(paperId, { index: i, json });
    snapshots.push(row);
  });

  const tombstones: BackupTombstone[] = [];
  const tombstoneAt = new Map<string, { index: number; json: string }>();
  file.tombstones.forEach((t, i) => {
    const json = JSON.stringify([t.aliases, t.deletedAt]);
    const twin = tombstoneAt.get(t.id);
    if (twin) {
      if (twin.json === json) dropped++;
      else issues.push(`tombstones[${i}].id: ${t.id} is also the id of tombstones[${twin.index}], with different data`);
      return;
    }
    tombstoneAt.set(t.id, { index: i, json });
    tombstones.push(t);
  });
  return { papers, sightings, highlights, snapshots, tombstones, dropped };
}

/** Validates parsed JSON as a backup file (see the module comment). */
export function checkBackup(data: unknown): BackupCheck {
  if (!isPlainObject(data)) return failure(['(the file): expected a JSON object (this is not a Lectern backup file)']);
  const version = versionProblem(data);
  if (version) return failure([version]);

  const issues = forbiddenKeys(data, MAX_REPORTED_ISSUES);
  if (issues.length) return failure(issues);

  const parsed = v.safeParse(fileSchema, data);
  if (!parsed.success) {
    return failure(parsed.issues.map((issue) => `${formatPath(issuePath(issue))}: ${issue.message}`));
  }
  const out = parsed.output;
  if (out.formatVersion === 1) {
    for (const what of ['highlights', 'snapshots'] as const) {
      if (out[what]?.length) issues.push(`${what}: must be empty: format version 1 holds no ${what}`);
    }
    if (issues.length) return failure(issues);
  }
  const rows = crossChecks(
    {
      papers: out.papers as PaperRecord[],
      sightings: out.sightings ?? [],
      highlights: (out.highlights ?? []) as HighlightRecord[],
      snapshots: (out.snapshots ?? []) as SnapshotRecord[],
      tombstones: out.tombstones ?? [],
    },
    issues,
  );
  if (issues.length) return failure(issues);

  const settings: BackupSettings = {};
  for (const [key, value] of Object.entries(out.settings ?? {})) {
    Object.defineProperty(settings, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return {
    ok: true,
    dropped: rows.dropped,
    backup: {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: out.appVersion,
      exportedAt: out.exportedAt,
      papers: rows.papers,
      sightings: rows.sightings,
      highlights: rows.highlights,
      snapshots: rows.snapshots,
      settings,
      tombstones: rows.tombstones,
    },
  };
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return `line ${line}, column ${offset - last}`;
}

/** What went wrong in `JSON.parse`, in words: truncation is the usual cause of a broken backup file. */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : undefined;
  const end = text.trimEnd().length;
  if (/end of (?:JSON|data)|Unterminated/i.test(message) || (offset !== undefined && offset >= end - 1)) {
    return '(the file): the JSON ends too early: the file is incomplete (truncated during download or copy?)';
  }
  const where = offset !== undefined ? ` at ${lineColumn(text, offset)}` : '';
  return `(the file): not valid JSON${where} (${message.slice(0, 200)})`;
}

/** Parses and validates the text of a backup file. */
export function parseBackup(text: string): BackupCheck {
  if (typeof text !== 'string') return failure(['(the file): expected text']);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return failure(['(the file): the file is empty']);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return failure([jsonProblem(body, error)]);
  }
  return checkBackup(data);
}

/** `parseBackup` that throws a `BackupError` instead of answering a failure. */
export function readBackup(text: string): BackupFile {
  const result = parseBackup(text);
  if (!result.ok) throw new BackupError(result.error, result.issues);
  return result.backup;
}
