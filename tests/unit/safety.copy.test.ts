/**
 * The safety net for a lost database: the sentinel and marker tell a fresh install from a wiped database,
 * the rolling copy holds what the user made, and restoring it brings statuses, tags, notes and highlights
 * back, merged with whatever was recorded since.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { editUserFields } from '../../lib/db/changes';
import { applyStatus } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { openLecternDb, type LecternDB } from '../../lib/db/schema';
import type { DetectedPaper, HighlightRecord } from '../../lib/model';
import {
  checkDatabase,
  COPY_KEY,
  dismissLoss,
  LOSS_KEY,
  PREVIOUS_COPY_KEY,
  refreshSafetyCopy,
  restoreSafetyCopy,
  takeSafetyCopy,
  type LibraryLoss,
  type SafetyCopy,
} from '../../lib/safety/copy';
import { memoryArea } from '../../lib/service/tabs';
import { dropDbs, freshDb, T0 } from '../fixtures/db/helpers';

afterEach(dropDbs);

function entry(n: number): DetectedPaper {
  const id = `arxiv:2405.${String(10_000 + n)}`;
  return { id, aliases: [id], title: `Paper ${n}`, authors: ['Ada Lovelace'], abstract: 'Long text '.repeat(50), links: {} };
}

function highlight(paperId: string): HighlightRecord {
  return {
    id: `h-${paperId}`,
    paperId,
    url: 'https://arxiv.org/abs/2405.10003',
    selectors: [{ type: 'TextQuoteSelector', exact: 'Long text' }],
    text: 'Long text',
    color: 'green',
    note: 'why this matters',
    createdAt: T0,
    updatedAt: T0,
  };
}

/** A library of 20 seen papers, of which the user saved one, tagged one, noted one and highlighted one. */
async function libraryWithWork(db: LecternDB): Promise<void> {
  await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: Array.from({ length: 20 }, (_, i) => entry(i)), now: T0 });
  await applyStatus(db, ['arxiv:2405.10000'], 'reading', T0 + 1);
  await editUserFields(db, 'arxiv:2405.10001', { addTags: ['to-cite'] }, T0 + 2);
  await editUserFields(db, 'arxiv:2405.10002', { note: 'Compare with §3' }, T0 + 3);
  await db.highlights.add(highlight('arxiv:2405.10003'));
}

/** Wipes every table, as an eviction would (the database then reopens empty). */
async function wipe(db: LecternDB): Promise<LecternDB> {
  const name = db.name;
  db.close();
  await Dexie.delete(name);
  return openLecternDb(name);
}

describe('the sentinel and the marker', () => {
  it('a fresh install writes both; a later start finds the database intact', async () => {
    const db = freshDb('sentinel');
    const area = memoryArea();
    expect(await checkDatabase(db, area, T0)).toBe('fresh');
    expect(await checkDatabase(db, area, T0 + 1)).toBe('intact');
    expect(await area.get(LOSS_KEY)).toBeUndefined();
  });

  it('a cleared extension storage with an intact database rewrites the marker, no alarm', async () => {
    const db = freshDb('sentinel');
    await checkDatabase(db, memoryArea(), T0);
    const cleared = memoryArea();
    expect(await checkDatabase(db, cleared, T0 + 1)).toBe('marker-restored');
    expect(await checkDatabase(db, cleared, T0 + 2)).toBe('intact');
  });

  it('a wiped database is detected as lost, with what the copy can bring back', async () => {
    let db = freshDb('sentinel');
    const area = memoryArea();
    await checkDatabase(db, area, T0);
    await libraryWithWork(db);
    expect(await refreshSafetyCopy(db, area, T0 + 10)).toBe(true);
    db = await wipe(db);
    expect(await checkDatabase(db, area, T0 + 20)).toBe('lost');
    expect(await area.get(LOSS_KEY)).toEqual({ detectedAt: T0 + 20, copyAt: T0 + 10, papers: 4, highlights: 1 } satisfies LibraryLoss);
    db.close();
  });
});

describe('the rolling copy', () => {
  it('holds the papers the user acted on (without abstracts) and every highlight, nothing else', async () => {
    const db = freshDb('copy');
    await libraryWithWork(db);
    const copy = await takeSafetyCopy(db, T0 + 10);
    expect(copy.papers.map((p) => p.id).sort()).toEqual(['arxiv:2405.10000', 'arxiv:2405.10001', 'arxiv:2405.10002', 'arxiv:2405.10003']);
    expect(copy.papers.every((p) => p.abstract === undefined)).toBe(true);
    expect(copy.highlights).toHaveLength(1);
  });

  it('is rewritten only when the library changed, and never over a loss waiting to be restored', async () => {
    const db = freshDb('copy');
    const area = memoryArea();
    await libraryWithWork(db);
    expect(await refreshSafetyCopy(db, area, T0 + 10)).toBe(true);
    expect(await refreshSafetyCopy(db, area, T0 + 20)).toBe(false);
    await applyStatus(db, ['arxiv:2405.10005'], 'read', T0 + 30);
    expect(await refreshSafetyCopy(db, area, T0 + 40)).toBe(true);
    expect(((await area.get(COPY_KEY)) as SafetyCopy).papers).toHaveLength(5);

    await area.set(LOSS_KEY, { detectedAt: T0, papers: 5, highlights: 1 });
    await applyStatus(db, ['arxiv:2405.10006'], 'read', T0 + 50);
    expect(await refreshSafetyCopy(db, area, T0 + 60)).toBe(false);
    expect(((await area.get(COPY_KEY)) as SafetyCopy).papers).toHaveLength(5);
  });
});

describe('restoring after a loss', () => {
  it('brings back statuses, tags, notes and highlights, merged with what was recorded since', async () => {
    let db = freshDb('restore');
    const area = memoryArea();
    await checkDatabase(db, area, T0);
    await libraryWithWork(db);
    await refreshSafetyCopy(db, area, T0 + 10);
    db = await wipe(db);
    expect(await checkDatabase(db, area, T0 + 20)).toBe('lost');
    // Browsing goes on before the user answers: the same listing is recorded again, all `seen`.
    await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: Array.from({ length: 20 }, (_, i) => entry(i)), now: T0 + 30 });

    const summary = await restoreSafetyCopy(db, area, '0.1.0', T0 + 40);
    expect(summary.updated).toBe(4);
    expect((await db.papers.get('arxiv:2405.10000'))?.status).toBe('reading');
    expect((await db.papers.get('arxiv:2405.10001'))?.tags).toEqual(['to-cite']);
    expect((await db.papers.get('arxiv:2405.10002'))?.note).toBe('Compare with §3');
    // The abstract recorded since the loss is kept: the copy's missing abstract never removes one.
    expect((await db.papers.get('arxiv:2405.10002'))?.abstract).toContain('Long text');
    expect(await db.highlights.get('h-arxiv:2405.10003')).toEqual(highlight('arxiv:2405.10003'));
    expect(await db.papers.count()).toBe(20);
    expect(await area.get(LOSS_KEY)).toBeUndefined();
    db.close();
  });

  it('declining keeps the copy aside and clears the alarm', async () => {
    const db = freshDb('decline');
    const area = memoryArea();
    await libraryWithWork(db);
    await refreshSafetyCopy(db, area, T0 + 10);
    await area.set(LOSS_KEY, { detectedAt: T0, papers: 4, highlights: 1 });
    await dismissLoss(area);
    expect(await area.get(LOSS_KEY)).toBeUndefined();
    expect(((await area.get(PREVIOUS_COPY_KEY)) as SafetyCopy).papers).toHaveLength(4);
  });

  it('says so when there is no copy', async () => {
    await expect(restoreSafetyCopy(freshDb('none'), memoryArea(), '0.1.0', T0)).rejects.toThrow('There is no safety copy to restore.');
  });
});
