/**
 * The writers and readers of the `highlights` table. A highlight belongs to its paper (the record id its
 * `paperId` resolved to when it was made), whatever URL it was made on; a highlight made on a page that is
 * not a known paper belongs to its `url` alone. Every write notes the paper in the change feed, so the
 * search index (which reads a paper's highlights) re-reads it.
 */
import { normalizeUrl } from '../ids';
import type { NewHighlight, HighlightEdit } from '../messaging/areas/highlights';
import type { HighlightRecord, PaperId } from '../model';
import { findByAlias, findManyByAlias } from './papers';
import { noteChanges, type LecternDB } from './schema';

/** The stored form of a page address: normalised when it is an http(s) URL, as given otherwise (the reader). */
export function highlightUrl(url: string): string {
  return normalizeUrl(url) ?? url;
}

function paperIdsOf(rows: readonly HighlightRecord[]): PaperId[] {
  return rows.flatMap((row) => (row.paperId ? [row.paperId] : []));
}

function newId(): string {
  return crypto.randomUUID();
}

/** Creates a highlight; `paperId` (any alias) resolves to its record, and must name a known paper. */
export async function createHighlight(db: LecternDB, input: NewHighlight, now: number): Promise<HighlightRecord> {
  return db.transaction('rw', [db.papers, db.highlights, db.changes], async () => {
    let paperId: PaperId | undefined;
    if (input.paperId !== undefined) {
      const record = await findByAlias(db, input.paperId);
      if (!record) throw new Error(`Unknown paper: ${input.paperId}`);
      paperId = record.id;
    }
    const row: HighlightRecord = {
      id: newId(),
      ...(paperId ? { paperId } : {}),
      url: highlightUrl(input.url),
      selectors: input.selectors,
      text: input.text,
      color: input.color,
      note: input.note ?? '',
      createdAt: now,
      updatedAt: now,
    };
    await db.highlights.add(row);
    await noteChanges(db, paperIdsOf([row]), now);
    return row;
  });
}

/** Changes a highlight's colour or note; refuses an unknown id. */
export async function updateHighlight(db: LecternDB, edit: HighlightEdit, now: number): Promise<HighlightRecord> {
  return db.transaction('rw', [db.highlights, db.changes], async () => {
    const row = await db.highlights.get(edit.id);
    if (!row) throw new Error('This highlight no longer exists');
    const next: HighlightRecord = {
      ...row,
      ...(edit.color !== undefined ? { color: edit.color } : {}),
      ...(edit.note !== undefined ? { note: edit.note } : {}),
      updatedAt: now,
    };
    await db.highlights.put(next);
    if (next.note !== row.note) await noteChanges(db, paperIdsOf([next]), now);
    return next;
  });
}

/** Deletes highlights; answers the deleted rows (unknown ids are skipped), for an undo. */
export async function deleteHighlights(db: LecternDB, ids: readonly string[], now: number): Promise<HighlightRecord[]> {
  return db.transaction('rw', [db.highlights, db.changes], async () => {
    const rows = (await db.highlights.bulkGet([...ids])).filter((row): row is HighlightRecord => row !== undefined);
    await db.highlights.bulkDelete(rows.map((row) => row.id));
    await noteChanges(db, paperIdsOf(rows), now);
    return rows;
  });
}

/**
 * Puts deleted highlights back (an undo). A highlight whose paper was deleted meanwhile comes back attached
 * to the paper's current record if it was merged, or to its URL alone. Answers how many were written.
 */
export async function restoreHighlights(db: LecternDB, rows: readonly HighlightRecord[], now: number): Promise<number> {
  if (!rows.length) return 0;
  return db.transaction('rw', [db.papers, db.highlights, db.changes], async () => {
    const records = await findManyByAlias(db, paperIdsOf(rows));
    const restored = rows.map((row) => {
      if (!row.paperId) return row;
      const record = records.get(row.paperId);
      if (record) return { ...row, paperId: record.id };
      const { paperId: _gone, ...rest } = row;
      return rest;
    });
    await db.highlights.bulkPut(restored);
    await noteChanges(db, paperIdsOf(restored), now);
    return restored.length;
  });
}

/**
 * The highlights to draw on a page: those of the given papers (record ids or aliases; a highlight stores
 * the record id it was made under, which may since have been merged into another record) and those made on
 * `url` itself. Newest first.
 */
export async function highlightsForPage(db: LecternDB, paperIds: readonly PaperId[], url: string): Promise<HighlightRecord[]> {
  const page = highlightUrl(url);
  return db.transaction('r', [db.papers, db.highlights], async () => {
    const records = await findManyByAlias(db, paperIds);
    const ids = new Set<PaperId>(paperIds);
    for (const record of records.values()) for (const alias of [record.id, ...record.aliases]) ids.add(alias);
    const [ofPapers, onPage] = await Promise.all([
      ids.size ? db.highlights.where('paperId').anyOf([...ids]).toArray() : Promise.resolve([]),
      // No index on `url` (schema version 2): highlights are few next to papers, a scan of them is cheap.
      db.highlights.filter((row) => row.url === page).toArray(),
    ]);
    const byId = new Map<string, HighlightRecord>();
    for (const row of [...ofPapers, ...onPage]) byId.set(row.id, row);
    return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
  });
}
