/**
 * The backup file: one JSON object holding the whole library (see docs/backup-format.md).
 *
 * `exportBackup` answers it as an object, read in pages inside one read transaction (a consistent
 * snapshot; the pages keep any one request short). `exportBackupChunks` yields the same document as JSON
 * text, a page of rows per chunk, for writing a large library out without building one giant string;
 * `backupToJson` gives the identical text for an object.
 */
import type { HighlightRecord, HighlightSelector, PaperId, PaperLinks, PaperRecord, SnapshotRecord, TagChange } from '../model';
import { currentEpoch, type LecternDB, type SightingRow, type TombstoneRow } from '../db/schema';

export const BACKUP_FORMAT = 'lectern-backup';
/** Version 2 added highlights and snapshots; version 1 files (which hold none) still restore. */
export const BACKUP_FORMAT_VERSION = 2;

/** Settings as they travel: name → value (see `lib/settings.ts`; restoring gives them back to the caller). */
export type BackupSettings = Record<string, boolean | number | string>;

/** A deleted paper: a newer deletion removes older copies of the paper when merging. */
export type BackupTombstone = TombstoneRow;

/** A highlight, as stored (format version 2 onward). */
export type BackupHighlight = HighlightRecord;
/** A paper's readable copy, as stored (format version 2 onward; only when the export includes snapshots). */
export type BackupSnapshot = SnapshotRecord;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  /** 1 or 2; a file read in is always answered as the current version. */
  formatVersion: 1 | typeof BACKUP_FORMAT_VERSION;
  /** The version of Lectern that wrote the file. */
  appVersion: string;
  /** When the file was written (epoch ms). */
  exportedAt: number;
  papers: PaperRecord[];
  sightings: SightingRow[];
  highlights: BackupHighlight[];
  snapshots: BackupSnapshot[];
  settings: BackupSettings;
  tombstones: BackupTombstone[];
}

export type ExportPhase = 'papers' | 'sightings' | 'highlights' | 'snapshots' | 'tombstones';

export interface ExportProgress {
  phase: ExportPhase;
  /** Rows of this phase written so far. */
  done: number;
  /** Rows of this phase in all. */
  total: number;
}

export interface ExportOptions {
  appVersion: string;
  /** `exportedAt`. */
  now: number;
  /** Include the papers' readable copies (large); the file's `snapshots` is empty otherwise. */
  includeSnapshots?: boolean;
  /** The settings to carry (e.g. `loadSettings()`); none when absent. */
  settings?: BackupSettings;
  /** Rows read per request (default 1,000). */
  pageSize?: number;
  onProgress?: (progress: ExportProgress) => void;
}

export const DEFAULT_PAGE_SIZE = 1_000;

const LINK_KEYS = ['abs', 'pdf', 'html', 'code', 'page'] as const satisfies readonly (keyof PaperLinks)[];
type MissingLinkKey = Exclude<keyof PaperLinks, (typeof LINK_KEYS)[number]>;
const linkKeysComplete: [MissingLinkKey] extends [never] ? true : MissingLinkKey = true;

/** Every field of a record, in the order a backup writes them. */
export const PAPER_KEYS = [
  'id',
  'aliases',
  'title',
  'authors',
  'abstract',
  'published',
  'venue',
  'version',
  'links',
  'status',
  'tags',
  'note',
  'firstSeenAt',
  'firstSeenOn',
  'lastSeenAt',
  'savedAt',
  'startedAt',
  'readAt',
  'updatedAt',
  'changedAt',
  'tagChanges',
] as const satisfies readonly (keyof PaperRecord)[];
type MissingPaperKey = Exclude<keyof PaperRecord, (typeof PAPER_KEYS)[number]>;
// A field added to PaperRecord must be added to PAPER_KEYS (and to the validator): this fails to compile.
const paperKeysComplete: [MissingPaperKey] extends [never] ? true : MissingPaperKey = true;
void linkKeysComplete;
void paperKeysComplete;

function canonicalLinks(links: PaperLinks): PaperLinks {
  const out: PaperLinks = {};
  for (const key of LINK_KEYS) if (links[key] !== undefined) out[key] = links[key];
  return out;
}

function canonicalTagChange(change: TagChange): TagChange {
  return change.removed ? { tag: change.tag, at: change.at, removed: true } : { tag: change.tag, at: change.at };
}

/** A copy of `record` with its fields in backup order, absent optional fields left out. */
export function canonicalPaper(record: PaperRecord): PaperRecord {
  const out: Record<string, unknown> = {};
  for (const key of PAPER_KEYS) {
    const value = record[key];
    if (value === undefined) continue;
    if (key === 'links') out[key] = canonicalLinks(value as PaperLinks);
    else if (key === 'changedAt') {
      const c = value as NonNullable<PaperRecord['changedAt']>;
      const times: Record<string, number> = {};
      for (const field of ['status', 'note', 'tags'] as const) if (c[field] !== undefined) times[field] = c[field];
      out[key] = times;
    } else if (key === 'tagChanges') out[key] = (value as TagChange[]).map(canonicalTagChange);
    else if (Array.isArray(value)) out[key] = [...(value as unknown[])];
    else out[key] = value;
  }
  return out as unknown as PaperRecord;
}

export function canonicalSighting(row: SightingRow): SightingRow {
  return { paperId: row.paperId, page: row.page, firstAt: row.firstAt };
}

export function canonicalTombstone(row: TombstoneRow): TombstoneRow {
  return { id: row.id, aliases: [...row.aliases], deletedAt: row.deletedAt };
}

function canonicalSelector(selector: HighlightSelector): HighlightSelector {
  if (selector.type === 'TextPositionSelector') return { type: selector.type, start: selector.start, end: selector.end };
  const out: HighlightSelector = { type: selector.type, exact: selector.exact };
  if (selector.prefix !== undefined) out.prefix = selector.prefix;
  if (selector.suffix !== undefined) out.suffix = selector.suffix;
  return out;
}

/** A copy of a highlight with its fields in backup order, absent optional fields left out. */
export function canonicalHighlight(row: HighlightRecord): HighlightRecord {
  return {
    id: row.id,
    ...(row.paperId !== undefined ? { paperId: row.paperId } : {}),
    url: row.url,
    selectors: row.selectors.map(canonicalSelector),
    text: row.text,
    color: row.color,
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A copy of a snapshot with its fields in backup order, absent optional fields left out. */
export function canonicalSnapshot(row: SnapshotRecord): SnapshotRecord {
  return {
    paperId: row.paperId,
    url: row.url,
    title: row.title,
    ...(row.byline !== undefined ? { byline: row.byline } : {}),
    content: row.content,
    text: row.text,
    savedAt: row.savedAt,
    ...(row.droppedImages !== undefined ? { droppedImages: row.droppedImages } : {}),
  };
}

function canonicalSettings(settings: BackupSettings | undefined): BackupSettings {
  const out: BackupSettings = {};
  if (!settings) return out;
  for (const key of Object.keys(settings).sort()) {
    const value = settings[key];
    if (typeof value === 'boolean' || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

/** Reads a table in primary-key order, a page of rows per `next()`; `[]` once it is exhausted. */
class PageCursor<T, K> {
  private last: K | undefined;
  private done = false;

  constructor(
    private readonly first: (limit: number) => Promise<T[]>,
    private readonly after: (key: K, limit: number) => Promise<T[]>,
    private readonly keyOf: (row: T) => K,
    private readonly pageSize: number,
  ) {}

  async next(): Promise<T[]> {
    if (this.done) return [];
    const rows = this.last === undefined ? await this.first(this.pageSize) : await this.after(this.last, this.pageSize);
    if (rows.length < this.pageSize) this.done = true;
    if (rows.length) this.last = this.keyOf(rows[rows.length - 1]!);
    return rows;
  }
}

function cursors(db: LecternDB, pageSize: number) {
  return {
    papers: new PageCursor<PaperRecord, PaperId>(
      (n) => db.papers.orderBy(':id').limit(n).toArray(),
      (key, n) => db.papers.where(':id').above(key).limit(n).toArray(),
      (r) => r.id,
      pageSize,
    ),
    sightings: new PageCursor<SightingRow, [PaperId, string]>(
      (n) => db.sightings.orderBy(':id').limit(n).toArray(),
      (key, n) => db.sightings.where(':id').above(key).limit(n).toArray(),
      (r) => [r.paperId, r.page],
      pageSize,
    ),
    highlights: new PageCursor<HighlightRecord, string>(
      (n) => db.highlights.orderBy(':id').limit(n).toArray(),
      (key, n) => db.highlights.where(':id').above(key).limit(n).toArray(),
      (r) => r.id,
      pageSize,
    ),
    snapshots: new PageCursor<SnapshotRecord, PaperId>(
      (n) => db.snapshots.orderBy(':id').limit(n).toArray(),
      (key, n) => db.snapshots.where(':id').above(key).limit(n).toArray(),
      (r) => r.paperId,
      pageSize,
    ),
    tombstones: new PageCursor<TombstoneRow, PaperId>(
      (n) => db.tombstones.orderBy(':id').limit(n).toArray(),
      (key, n) => db.tombstones.where(':id').above(key).limit(n).toArray(),
      (r) => r.id,
      pageSize,
    ),
  };
}

function header(options: ExportOptions): Pick<BackupFile, 'format' | 'formatVersion' | 'appVersion' | 'exportedAt'> {
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, appVersion: options.appVersion, exportedAt: options.now };
}

/**
 * The whole library as a backup object, read in one read transaction (joining the caller's transaction
 * when there is one over the same tables), a page of rows per request.
 */
export async function exportBackup(db: LecternDB, options: ExportOptions): Promise<BackupFile> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const progress = options.onProgress;
  return db.transaction('r', [db.papers, db.sightings, db.highlights, db.snapshots, db.tombstones], async () => {
    const [paperCount, sightingCount, highlightCount, snapshotCount, tombstoneCount] = await Promise.all([
      db.papers.count(),
      db.sightings.count(),
      db.highlights.count(),
      options.includeSnapshots ? db.snapshots.count() : 0,
      db.tombstones.count(),
    ]);
    const read = cursors(db, pageSize);
    const papers: PaperRecord[] = [];
    const sightings: SightingRow[] = [];
    const highlights: HighlightRecord[] = [];
    const snapshots: SnapshotRecord[] = [];
    const tombstones: TombstoneRow[] = [];
    for (let rows = await read.papers.next(); rows.length; rows = await read.papers.next()) {
      for (const r of rows) papers.push(canonicalPaper(r));
      progress?.({ phase: 'papers', done: papers.length, total: Math.max(paperCount, papers.length) });
    }
    for (let rows = await read.sightings.next(); rows.length; rows = await read.sightings.next()) {
      for (const r of rows) sightings.push(canonicalSighting(r));
      progress?.({ phase: 'sightings', done: sightings.length, total: Math.max(sightingCount, sightings.length) });
    }
    for (let rows = await read.highlights.next(); rows.length; rows = await read.highlights.next()) {
      for (const r of rows) highlights.push(canonicalHighlight(r));
      progress?.({ phase: 'highlights', done: highlights.length, total: Math.max(highlightCount, highlights.length) });
    }
    if (options.includeSnapshots) {
      for (let rows = await read.snapshots.next(); rows.length; rows = await read.snapshots.next()) {
        for (const r of rows) snapshots.push(canonicalSnapshot(r));
        progress?.({ phase: 'snapshots', done: snapshots.length, total: Math.max(snapshotCount, snapshots.length) });
      }
    }
    for (let rows = await read.tombstones.next(); rows.length; rows = await read.tombstones.next()) {
      for (const r of rows) tombstones.push(canonicalTombstone(r));
      progress?.({ phase: 'tombstones', done: tombstones.length, total: Math.max(tombstoneCount, tombstones.length) });
    }
    return {
      ...header(options),
      papers,
      sightings,
      highlights,
      snapshots,
      settings: canonicalSettings(options.settings),
      tombstones,
    };
  });
}

/** Raised by `exportBackupChunks` when records were merged or deleted while it read them. */
export class LibraryChangedError extends Error {
  constructor() {
    super('The library changed while it was being exported (papers were merged or deleted). Export again.');
    this.name = 'LibraryChangedError';
  }
}

// The text layout, shared by `backupToJson` and `exportBackupChunks`: the header on the first line, then each
// array with one row per line.

function openText(h: Pick<BackupFile, 'format' | 'formatVersion' | 'appVersion' | 'exportedAt'>): string {
  const fields = [
    `"format":${JSON.stringify(h.format)}`,
    `"formatVersion":${JSON.stringify(h.formatVersion)}`,
    `"appVersion":${JSON.stringify(h.appVersion)}`,
    `"exportedAt":${JSON.stringify(h.exportedAt)}`,
  ];
  return `{${fields.join(',')},\n"papers":[`;
}

function rowsText(rows: readonly unknown[], first: boolean): string {
  let out = '';
  rows.forEach((row, i) => {
    out += (first && i === 0 ? '\n' : ',\n') + JSON.stringify(row);
  });
  return out;
}

function closeArray(count: number): string {
  return count ? '\n]' : ']';
}

function middleText(name: 'sightings' | 'highlights' | 'snapshots' | 'tombstones'): string {
  return `,\n"${name}":[`;
}

function settingsText(settings: BackupSettings): string {
  return `,\n"settings":${JSON.stringify(settings)}`;
}

/** The JSON text of a backup, exactly as `exportBackupChunks` writes it (parses back to an equal object). */
export function backupToJson(backup: BackupFile): string {
  const papers = backup.papers.map(canonicalPaper);
  const sightings = backup.sightings.map(canonicalSighting);
  const tombstones = backup.tombstones.map(canonicalTombstone);
  const highlights = backup.highlights.map(canonicalHighlight);
  const snapshots = backup.snapshots.map(canonicalSnapshot);
  return (
    openText(backup) +
    rowsText(papers, true) +
    closeArray(papers.length) +
    middleText('sightings') +
    rowsText(sightings, true) +
    closeArray(sightings.length) +
    middleText('highlights') +
    rowsText(highlights, true) +
    closeArray(highlights.length) +
    middleText('snapshots') +
    rowsText(snapshots, true) +
    closeArray(snapshots.length) +
    settingsText(canonicalSettings(backup.settings)) +
    middleText('tombstones') +
    rowsText(tombstones, true) +
    closeArray(tombstones.length) +
    '}\n'
  );
}

/**
 * The backup as JSON text chunks (their concatenation is the file), one page of rows each, read a page at a
 * time so that a library of any size is never held as one string. Pages are separate reads: if papers are
 * merged or deleted meanwhile (the library's epoch moves) the generator throws `LibraryChangedError` at the
 * end, and the file must not be kept.
 */
export async function* exportBackupChunks(db: LecternDB, options: ExportOptions): AsyncGenerator<string, void, undefined> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const progress = options.onProgress;
  const epoch = await currentEpoch(db);
  const [paperCount, sightingCount, highlightCount, snapshotCount, tombstoneCount] = await Promise.all([
    db.papers.count(),
    db.sightings.count(),
    db.highlights.count(),
    options.includeSnapshots ? db.snapshots.count() : 0,
    db.tombstones.count(),
  ]);

  const read = cursors(db, pageSize);
  yield openText(header(options));
  let done = 0;
  for (let rows = await read.papers.next(); rows.length; rows = await read.papers.next()) {
    yield rowsText(rows.map(canonicalPaper), done === 0);
    done += rows.length;
    progress?.({ phase: 'papers', done, total: Math.max(paperCount, done) });
  }
  yield closeArray(done) + middleText('sightings');
  done = 0;
  for (let rows = await read.sightings.next(); rows.length; rows = await read.sightings.next()) {
    yield rowsText(rows.map(canonicalSighting), done === 0);
    done += rows.length;
    progress?.({ phase: 'sightings', done, total: Math.max(sightingCount, done) });
  }
  yield closeArray(done) + middleText('highlights');
  done = 0;
  for (let rows = await read.highlights.next(); rows.length; rows = await read.highlights.next()) {
    yield rowsText(rows.map(canonicalHighlight), done === 0);
    done += rows.length;
    progress?.({ phase: 'highlights', done, total: Math.max(highlightCount, done) });
  }
  yield closeArray(done) + middleText('snapshots');
  done = 0;
  if (options.includeSnapshots) {
    for (let rows = await read.snapshots.next(); rows.length; rows = await read.snapshots.next()) {
      yield rowsText(rows.map(canonicalSnapshot), done === 0);
      done += rows.length;
      progress?.({ phase: 'snapshots', done, total: Math.max(snapshotCount, done) });
    }
  }
  yield closeArray(done) + settingsText(canonicalSettings(options.settings)) + middleText('tombstones');
  done = 0;
  for (let rows = await read.tombstones.next(); rows.length; rows = await read.tombstones.next()) {
    yield rowsText(rows.map(canonicalTombstone), done === 0);
    done += rows.length;
    progress?.({ phase: 'tombstones', done, total: Math.max(tombstoneCount, done) });
  }
  if ((await currentEpoch(db)) !== epoch) throw new LibraryChangedError();
  yield closeArray(done) + '}\n';
}
