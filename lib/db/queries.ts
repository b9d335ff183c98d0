/**
 * Read-only queries for the popup and side panel. Lists read a sorted index with a limit and counts use
 * indexes, so no view ever reads the whole table.
 */
import Dexie from 'dexie';
import type { PaperId, PaperRecord } from '../model';
import { LIBRARY_VIEWS, type LibraryViewKey } from '../status';
import type { LecternDB, SightingRow } from './schema';
import { findByAlias, findManyByAlias, sightingsOf } from './papers';

/** Papers of a view, newest first (by when Lectern first saw them). */
export function listView(db: LecternDB, view: LibraryViewKey, limit: number): Promise<PaperRecord[]> {
  const status = LIBRARY_VIEWS.find((v) => v.key === view)?.status;
  if (status === undefined) return db.papers.orderBy('firstSeenAt').reverse().limit(limit).toArray();
  return db.papers
    .where('[status+firstSeenAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
}

/** How many papers each view holds. */
export async function countByView(db: LecternDB): Promise<Record<LibraryViewKey, number>> {
  const counts = await Promise.all(
    LIBRARY_VIEWS.map((view) =>
      view.status === undefined ? db.papers.count() : db.papers.where('status').equals(view.status).count(),
    ),
  );
  return Object.fromEntries(LIBRARY_VIEWS.map((view, i) => [view.key, counts[i] ?? 0])) as Record<LibraryViewKey, number>;
}

/** The records behind `ids` (any alias), in the order given, each once. */
export async function papersInOrder(db: LecternDB, ids: readonly PaperId[]): Promise<PaperRecord[]> {
  const byAlias = await findManyByAlias(db, ids);
  const ordered = new Map<PaperId, PaperRecord>();
  for (const id of ids) {
    const paper = byAlias.get(id);
    if (paper && !ordered.has(paper.id)) ordered.set(paper.id, paper);
  }
  return [...ordered.values()];
}

export interface PaperDetailData {
  paper: PaperRecord;
  sightings: SightingRow[];
}

/** A paper (by any alias) with every page it was seen on, earliest first. */
export async function paperDetail(db: LecternDB, id: PaperId): Promise<PaperDetailData | undefined> {
  const paper = await findByAlias(db, id);
  if (!paper) return undefined;
  return { paper, sightings: await sightingsOf(db, paper.id) };
}

/** The ids of a view, newest seen first, up to `limit`: keys only, read from the `[status+firstSeenAt]` index. */
export function listViewIds(db: LecternDB, view: LibraryViewKey, limit: number): Promise<PaperId[]> {
  const status = LIBRARY_VIEWS.find((v) => v.key === view)?.status;
  if (status === undefined) return db.papers.orderBy('firstSeenAt').reverse().limit(limit).primaryKeys();
  return db.papers
    .where('[status+firstSeenAt]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .primaryKeys() as Promise<PaperId[]>;
}

/** How many papers one view holds (an index count). */
export function countView(db: LecternDB, view: LibraryViewKey): Promise<number> {
  const status = LIBRARY_VIEWS.find((v) => v.key === view)?.status;
  return status === undefined ? db.papers.count() : db.papers.where('status').equals(status).count();
}

export interface ListRow {
  paper: PaperRecord;
  /** Hosts the paper was seen on (first sighting and every later page). */
  hosts: string[];
}

/** The rows of a list window: records by id (one `bulkGet`) with the hosts of their sightings. */
export async function listRows(db: LecternDB, ids: readonly PaperId[]): Promise<Map<PaperId, ListRow>> {
  const [papers, sightings] = await Promise.all([
    db.papers.bulkGet([...ids]),
    ids.length ? db.sightings.where('paperId').anyOf([...ids]).toArray() : Promise.resolve([]),
  ]);
  const rows = new Map<PaperId, ListRow>();
  for (const paper of papers) if (paper) rows.set(paper.id, { paper, hosts: hostsOf(paper.firstSeenOn) });
  for (const sighting of sightings) {
    const row = rows.get(sighting.paperId);
    const host = hostsOf(sighting.page)[0];
    if (row && host && !row.hosts.includes(host)) row.hosts.push(host);
  }
  return rows;
}

function hostsOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).hostname.replace(/^www\./, '')];
  } catch {
    return [];
  }
}
