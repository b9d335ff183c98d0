/**
 * The built extension in real headless Chromium: fixture pages served at their real URLs are recorded
 * into IndexedDB, and the popup and side panel show the library and follow it live.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, fixtureCase, fixtureCases, type FixtureCase, type Truth } from '../helpers/fixtures';
import { clearLibrary, eventually, launch, storedPapers, tabIdOf, type Session, type StoredPaper } from './harness';

const LARGE_PAGE = 'arxiv-rendered/list-large-astro-ph-2020-06-show2000';

function findPaper(papers: StoredPaper[], id: string): StoredPaper | undefined {
  return papers.find((paper) => paper.id === id || paper.aliases.includes(id));
}

/** Every truth entry is in the library with its title, and authors and abstract where the truth has them. */
function expectRecorded(papers: StoredPaper[], truth: Truth): void {
  for (const entry of truth.entries) {
    const paper = entry.id ? findPaper(papers, entry.id) : papers.find((p) => p.title === entry.title);
    expect(paper, `${truth.page}: ${entry.id ?? entry.title} not recorded`).toBeDefined();
    expect(paper!.title, `${truth.page}: title of ${entry.id}`).toBe(entry.title);
    if (entry.authors) expect(paper!.authors, `${truth.page}: authors of ${entry.id}`).toEqual(entry.authors);
    if (entry.hasAbstract) expect(paper!.abstract, `${truth.page}: abstract of ${entry.id}`).toBeTruthy();
  }
}

async function visit(session: Session, fixture: FixtureCase) {
  await session.serve(fixture.url, fixture.html());
  const page = await session.context.newPage();
  await page.goto(fixture.url, { waitUntil: 'domcontentloaded' });
  return page;
}

describe('recording in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  const cases = fixtureCases(['arxiv', 'arxiv-rendered', 'huggingface']).filter((c) => c.name !== LARGE_PAGE);

  it.each(cases.map((c) => [c.name, c] as const))('records %s as its truth file lists', async (_name, fixture) => {
    // Pages share papers (an abs page and a search hit) and show their names slightly differently:
    // each page is compared with its own truth on an empty library.
    await clearLibrary(session);
    const page = await visit(session, fixture);
    await eventually(async () => expectRecorded(await storedPapers(session), fixture.truth), 20_000);
    await page.close();
  });

  it('records nothing on pages of matched hosts that list no papers', async () => {
    const before = (await storedPapers(session)).length;
    const pages = {
      'https://arxiv.org/help/api/user-manual': `<!doctype html><title>arXiv API User's Manual</title><h1>arXiv API User's Manual</h1><p>Please review the <a href="https://arxiv.org/help/api/tou">Terms of Use</a>. Papers such as <a href="https://arxiv.org/abs/2101.10016">arXiv:2101.10016</a> can be fetched.</p>`,
      'https://huggingface.co/papers/trending?help=1': `<!doctype html><title>Trending papers</title><main><p>No papers yet.</p></main>`,
      'https://huggingface.co/blog/open-llm-leaderboard': `<!doctype html><title>A blog post</title><article><h1>The leaderboard</h1><p>See <a href="https://huggingface.co/papers/2609.18703">this paper</a>.</p></article>`,
    };
    for (const [url, body] of Object.entries(pages)) {
      await session.serve(url, body);
      const page = await session.context.newPage();
      await page.goto(url);
      await page.waitForTimeout(1_500);
      await page.close();
    }
    expect((await storedPapers(session)).length).toBe(before);
  });

  it('keeps one record for a paper met on Hugging Face and on arXiv', async () => {
    const hf = await visit(session, fixtureCase('huggingface/hf-paper-page'));
    const absUrl = 'https://arxiv.org/abs/2609.31620';
    await session.serve(absUrl, readFileSync(path.join(PROJECT_ROOT, 'tests', 'e2e', 'pages', 'arxiv-abs-2609.31620.html'), 'utf8'));
    const abs = await session.context.newPage();
    await abs.goto(absUrl);
    const paper = await eventually(async () => {
      const matching = (await storedPapers(session)).filter(
        (p) => p.id === 'arxiv:2609.31620' || p.aliases.includes('arxiv:2609.31620'),
      );
      expect(matching).toHaveLength(1);
      expect(matching[0]!.aliases).toEqual(
        expect.arrayContaining(['url:https://huggingface.co/papers/2609.31620', 'url:https://arxiv.org/abs/2609.31620']),
      );
      return matching[0]!;
    });
    expect(paper.id).toBe('arxiv:2609.31620');
    await hf.close();
    await abs.close();
  });

  it('records an arXiv PDF tab as a sighting of its paper, one record with its abstract page', async () => {
    await clearLibrary(session);
    // The PDF viewer runs no content script: the background recognises the paper from the tab's URL.
    const pdfUrl = 'https://arxiv.org/pdf/2101.10016v2';
    await session.serve(pdfUrl, '<!doctype html><title>2101.10016v2.pdf</title><embed type="application/pdf">');
    const pdf = await session.context.newPage();
    await pdf.goto(pdfUrl);
    const placeholder = await eventually(async () => {
      const found = findPaper(await storedPapers(session), 'arxiv:2101.10016');
      expect(found).toBeDefined();
      return found!;
    });
    expect(placeholder.title).toBe('arXiv:2101.10016');

    const abs = await visit(session, fixtureCase('arxiv-rendered/abs-2101.10016'));
    const title = fixtureCase('arxiv-rendered/abs-2101.10016').truth.entries[0]!.title;
    await eventually(async () => {
      const papers = (await storedPapers(session)).filter((p) => p.aliases.includes('arxiv:2101.10016'));
      expect(papers).toHaveLength(1);
      expect(papers[0]!.title).toBe(title);
    });
    await pdf.close();
    await abs.close();
  });

  it('shows a tab’s papers in the popup, saves them all, and the side panel follows live', async () => {
    const fixture = fixtureCase('arxiv-rendered/list-q-fin-new');
    const listing = await visit(session, fixture);
    await eventually(async () => expectRecorded(await storedPapers(session), fixture.truth));
    const tabId = await tabIdOf(session, fixture.url);

    const popup = await session.extensionPage(`popup.html?tabId=${tabId}`);
    const rows = popup.locator('.paper-row');
    await eventually(async () => expect(await rows.count()).toBe(fixture.truth.entries.length));
    const firstTitle = fixture.truth.entries[0]!.title;
    await expect(popup.locator('.paper-title').first().textContent()).resolves.toBe(firstTitle);

    const panel = await session.extensionPage('sidepanel.html#/view/unread');
    await popup.getByRole('button', { name: 'Save all' }).click();
    await eventually(async () => {
      const stored = await storedPapers(session);
      for (const entry of fixture.truth.entries) expect(findPaper(stored, entry.id!)!.status).toBe('unread');
    });
    // The side panel was open before the save: it must show the saved papers without a reload (the list
    // renders only the rows in view: the view's size is its tab's count).
    const unreadCount = panel.locator('.views [data-view="unread"] .count');
    await eventually(async () => expect(await unreadCount.textContent()).toBe(String(fixture.truth.entries.length)));
    await eventually(async () => expect(await panel.locator('.paper-row[data-paper-id]').count()).toBeGreaterThan(0));

    // A status changed in the popup leaves the side panel's "To read" view live.
    await popup.getByLabel(`Status of “${firstTitle}”`).selectOption('read');
    await eventually(async () => expect(await unreadCount.textContent()).toBe(String(fixture.truth.entries.length - 1)));
    await eventually(async () => expect(await panel.getByText(`Select all ${String(fixture.truth.entries.length - 1)}`).count()).toBe(1));
    await panel.goto(panel.url().replace(/#.*$/, '#/view/read'));
    await eventually(async () => expect(await panel.locator('.paper-title').allTextContents()).toContain(firstTitle));

    // The paper's own address opens its detail view.
    const id = fixture.truth.entries[0]!.id!;
    await panel.goto(panel.url().replace(/#.*$/, `#/paper/${encodeURIComponent(id)}`));
    await eventually(async () => expect(await panel.locator('.detail h2').textContent()).toBe(firstTitle));
    await expect(panel.locator('.sightings').textContent()).resolves.toContain('arxiv.org/list/q-fin/new');

    await popup.close();
    await panel.close();
    await listing.close();
  });

  it('records all 1,675 entries of the arXiv month page', async () => {
    const fixture = fixtureCase(LARGE_PAGE);
    const page = await visit(session, fixture);
    await eventually(async () => expectRecorded(await storedPapers(session), fixture.truth), 60_000);
    await page.close();
  }, 120_000);
});
