/**
 * The recording path on the real 1,675-entry arXiv month page: every entry is recorded, and an unchanged
 * revisit writes no paper rows (and no sightings).
 */
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../lib/db/record';
import { openLecternDb } from '../../lib/db/schema';
import { detectPage } from '../../lib/sites/registry';
import { parseHtml } from '../helpers/dom';
import { fixtureCase } from '../helpers/fixtures';

describe('revisiting the 1,675-entry arXiv month page', () => {
  it('records every entry once, then writes no paper rows on an unchanged revisit', async () => {
    const fixture = fixtureCase('arxiv-rendered/list-large-astro-ph-2020-06-show2000');
    const doc = parseHtml(fixture.html());
    const { papers } = detectPage(doc, fixture.url);
    expect(papers).toHaveLength(1_675);

    const db = openLecternDb(`revisit-${Math.random()}`);
    const first = await recordBatch(db, { url: fixture.url, entries: papers, now: 1_000_000 });
    expect(first.states.every((state) => state.created)).toBe(true);
    expect(await db.papers.count()).toBe(1_675);

    const writes = { papers: 0, sightings: 0 };
    db.papers.hook('creating', () => void writes.papers++);
    db.papers.hook('updating', () => void writes.papers++);
    db.sightings.hook('creating', () => void writes.sightings++);
    const again = await recordBatch(db, { url: fixture.url, entries: papers, now: 1_060_000 });
    expect(writes).toEqual({ papers: 0, sightings: 0 });
    expect(again.wrotePapers).toBe(0);
    expect(again.states.some((state) => state.created || state.newSinceVisit)).toBe(false);
    db.close();
  }, 120_000);
});
