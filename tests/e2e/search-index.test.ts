import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, launch, storedPapers, type Session } from './harness';
import { fixtureCase } from '../helpers/fixtures';
import { benchPage, libraryPageBundle, type LibraryPageApi } from '../../bench/library-session';

declare const LecternBench: LibraryPageApi;

describe('the library index in an extension page', () => {
  let session: Session;
  let bundle: string;
  beforeAll(async () => {
    bundle = await libraryPageBundle();
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('follows what the background records on a listing page, and reopens from its saved copy', async () => {
    const page: Page = await benchPage(session, bundle);
    const opened = await page.evaluate(() => LecternBench.open());
    expect(opened).toMatchObject({ papers: 0, rebuilds: 1, loadedSavedCopy: false });

    const fixture = fixtureCase('arxiv-rendered/abs-2101.10016');
    await session.serve(fixture.url, fixture.html());
    const tab = await session.context.newPage();
    await tab.goto(fixture.url, { waitUntil: 'domcontentloaded' });
    const [paper] = await eventually(async () => {
      const papers = await storedPapers(session);
      expect(papers).toHaveLength(1);
      return papers;
    });
    const word = paper!.title.split(/\s+/).filter((w) => /^[A-Za-z]{6,}$/.test(w))[0]!;
    expect(word).toBeTruthy();

    // No catch-up asked: the index follows the change feed written by the background.
    await eventually(async () => expect(await page.evaluate((w) => LecternBench.search(w), word)).toEqual([paper!.id]));
    await page.evaluate(() => LecternBench.save());
    await page.evaluate(() => LecternBench.close());
    await page.close();

    const again = await benchPage(session, bundle);
    const reopened = await again.evaluate(() => LecternBench.open());
    expect(reopened).toMatchObject({ papers: 1, rebuilds: 0, loadedSavedCopy: true });
    expect(await again.evaluate((w) => LecternBench.search(w.slice(0, -1)), word)).toEqual([paper!.id]);
    await again.evaluate(() => LecternBench.close());
  });
});
