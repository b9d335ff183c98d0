/**
 * Bench-only code that runs inside an extension page of the built extension (evaluated over the DevTools
 * protocol by `scripts/seed.ts` and `bench/library.ts`; never part of the extension): it fills the library
 * through the `lib/db` writers and drives the library index.
 */
import { editUserFields } from '../lib/db/changes';
import { applyStatus } from '../lib/db/papers';
import { recordBatch } from '../lib/db/record';
import { openLecternDb, type LecternDB } from '../lib/db/schema';
import { openLibraryIndex, type OpenedLibraryIndex } from '../lib/search/index';
import type { LibraryQuery } from '../lib/search/types';
import type { PaperId, PaperStatus } from '../lib/model';
import { SEED_PAGES, syntheticLibrary } from '../scripts/seed-data';

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const BATCH = 1000;

let db: LecternDB | undefined;
const library = () => (db ??= openLecternDb());

export interface SeedFigures {
  papers: number;
  writeMs: number;
  rebuildMs: number;
}

/** Records papers [from, to) of the synthetic library with their statuses, tags and notes. */
export async function seed(from: number, to: number, seedValue: number): Promise<number> {
  const db = library();
  const synthetic = syntheticLibrary(seedValue);
  const start = performance.now();
  for (let at = from; at < to; at += BATCH) {
    const papers = synthetic.papers(at, Math.min(to, at + BATCH));
    const batch = Math.floor(at / BATCH);
    const now = T0 + batch * 7 * HOUR;
    await recordBatch(db, { url: SEED_PAGES[batch % SEED_PAGES.length]!, entries: papers.map((p) => p.entry), now });
    const byStatus = new Map<PaperStatus, PaperId[]>();
    for (const p of papers) if (p.status !== 'seen') (byStatus.get(p.status) ?? byStatus.set(p.status, []).get(p.status)!).push(p.entry.id);
    for (const [status, ids] of byStatus) await applyStatus(db, ids, status, now + HOUR);
    for (const p of papers) {
      if (p.tags.length || p.note) await editUserFields(db, p.entry.id, { tags: p.tags, note: p.note }, now + 2 * HOUR);
    }
  }
  return performance.now() - start;
}

let index: OpenedLibraryIndex | undefined;

/** Opens the index and answers how long until it was ready, and whether it loaded the saved copy. */
export async function open(): Promise<{ readyMs: number; loadedSavedCopy: boolean; rebuilds: number; papers: number; bufferBytes: number }> {
  const start = performance.now();
  index = openLibraryIndex(library(), { saveDelayMs: 600_000 });
  await index.whenReady();
  const readyMs = performance.now() - start;
  return { readyMs, ...index.stats, ...index.size() };
}

export async function save(): Promise<void> {
  await index!.save();
}

export async function rebuild(): Promise<number> {
  const start = performance.now();
  await index!.rebuild();
  return performance.now() - start;
}

/** Runs each query once; answers its time and its number of results. */
export function queries(list: string[]): { ms: number; results: number }[] {
  return list.map((text) => {
    const query: LibraryQuery = { text, view: 'all', sort: 'relevance' };
    const start = performance.now();
    const { ids } = index!.query(query);
    return { ms: performance.now() - start, results: ids.length };
  });
}

export async function close(): Promise<void> {
  await index?.close();
  index = undefined;
}
