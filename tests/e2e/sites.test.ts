/**
 * Detection beyond arXiv and Hugging Face, end to end: a journal article, a Google Scholar results page, an
 * ACL Anthology page and a PMLR volume, served at their real URLs, are recorded as their truth files list;
 * a Scholar captcha page and an ordinary news article record nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCase, type Truth } from '../helpers/fixtures';
import { clearLibrary, eventually, launch, storedPapers, type Session, type StoredPaper } from './harness';

function recorded(papers: StoredPaper[], truth: Truth): void {
  expect(papers).toHaveLength(truth.entries.length);
  for (const entry of truth.entries) {
    const paper = entry.id
      ? papers.find((p) => p.id === entry.id || p.aliases.includes(entry.id!))
      : papers.find((p) => p.title === entry.title);
    expect(paper, `${truth.page}: ${entry.id ?? entry.title}`).toBeDefined();
    expect(paper!.title).toBe(entry.title);
    if (entry.authors) expect(paper!.authors).toEqual(entry.authors);
    if (entry.hasAbstract) expect(paper!.abstract).toBeTruthy();
  }
}

describe('recording on paper sites and journals', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each([
    'nature/nature-s41586-021-03819-2-alphafold',
    'google-scholar/gs-search-olympus-range-2020',
    'acl-anthology/acl-person-andreas-madsack',
    'acl-anthology/acl-paper-2021.naacl-main.208',
    'pmlr-rendered/pmlr-v195-colt2023-volume',
  ])('records %s as its truth file lists', async (name) => {
    await clearLibrary(session);
    const fixture = fixtureCase(name);
    await session.serve(fixture.url, fixture.html());
    const page = await session.context.newPage();
    await page.goto(fixture.url, { waitUntil: 'domcontentloaded' });
    await eventually(async () => recorded(await storedPapers(session), fixture.truth), 30_000);
    await page.close();
  });

  // Non-scholarly pages are served on a matched host so that the content script really runs on them.
  it.each([
    ['google-scholar/gs-captcha-blocked-2020', undefined],
    ['nonscholarly/readability-wikipedia-2', 'https://www.nature.com/articles/not-a-paper-wikipedia'],
    ['nonscholarly/readability-quanta-1', 'https://www.nature.com/articles/not-a-paper-quanta'],
  ] as const)(
    'records nothing on %s',
    async (name, servedAt) => {
      await clearLibrary(session);
      const fixture = fixtureCase(name);
      const url = servedAt ?? fixture.url;
      await session.serve(url, fixture.html());
      const page = await session.context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await page.waitForTimeout(2_000);
      expect(await storedPapers(session)).toEqual([]);
      await page.close();
    },
  );
});
