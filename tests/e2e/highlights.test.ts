/**
 * Highlights on a real full-text page (ar5iv), in Chromium: made from a selection with the toolbar and
 * with the "Highlight with Lectern" push (context menu, keyboard command), restored in place after a reload,
 * placed again on changed versions of the page (or listed as orphans when their text is gone), placed after
 * the page's own late rendering, and scrolled to from a `#lectern-highlight=<id>` link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureCases } from '../helpers/fixtures';
import { clearLibrary, eventually, launch, storedPapers, tabIdOf, type Session } from './harness';

const fixture = fixtureCases(['arxiv']).find((c) => c.url === 'https://ar5iv.labs.arxiv.org/html/1706.03762')!;
const URL_ = fixture.url;
const ORIGINAL = fixture.html();
const FIRST_QUOTE = 'We propose a new simple network architecture, the Transformer';

/** What `CSS.highlights` holds for Lectern, read in the page's own world: colour → texts of the ranges. */
async function drawn(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    for (const [name, highlight] of registry) {
      if (!name.startsWith('lectern-') || name === 'lectern-flash') continue;
      const texts = [...highlight].map((range) => range.toString().replace(/\s+/g, ' ').trim());
      if (texts.length) out[name.slice('lectern-'.length)] = texts.sort();
    }
    return out;
  });
}

interface HostState {
  drawn: number;
  orphans: number;
  state: { id: string; color: string; note: string; placed: boolean; text: string | null }[];
  scrolledTo?: string;
}

async function hostState(page: Page): Promise<HostState> {
  return page.evaluate(() => {
    const host = document.querySelector('lectern-highlighter') as HTMLElement | null;
    if (!host?.dataset.state) throw new Error('no highlighter state yet');
    return {
      drawn: Number(host.dataset.drawn),
      orphans: Number(host.dataset.orphans),
      state: JSON.parse(host.dataset.state),
      ...(host.dataset.scrolledTo ? { scrolledTo: host.dataset.scrolledTo } : {}),
    };
  });
}

async function open(session: Session, url = URL_): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await eventually(async () => expect((await storedPapers(session)).length).toBeGreaterThan(0));
  return page;
}

/** Selects the first occurrence of `text` inside one text node under `selector`, in the page's world. */
async function selectText(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate(
    ([selector, text]) => {
      const root = document.querySelector(selector)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(text);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`not found: ${text}`);
    },
    [selector, text] as const,
  );
}

/**
 * Selects from the middle of the text before the first inline formula of a paragraph to the middle of
 * the text after it (a selection across LaTeXML's MathML); answers the selected text as the page shows it.
 */
async function selectAcrossMath(page: Page): Promise<string> {
  return page.evaluate(() => {
    const paragraph = [...document.querySelectorAll('.ltx_para p')].find((p) => {
      const math = p.querySelector('math');
      return math && math.previousSibling?.nodeType === 3 && math.nextSibling?.nodeType === 3 && (math.previousSibling as Text).data.length > 30 && (math.nextSibling as Text).data.length > 12;
    })!;
    const math = paragraph.querySelector('math')!;
    const before = math.previousSibling as Text;
    const after = math.nextSibling as Text;
    const range = document.createRange();
    range.setStart(before, before.data.length - 25);
    range.setEnd(after, 10);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return range.toString();
  });
}

function variant(edit: (html: string) => string): string {
  const html = edit(ORIGINAL);
  if (html === ORIGINAL) throw new Error('the variant changed nothing');
  return html;
}

describe('highlights on pages, in Chromium', () => {
  let session: Session;
  let firstId = '';

  beforeAll(async () => {
    session = await launch();
    await clearLibrary(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('makes highlights from the toolbar and the context-menu push, and restores them after a reload', async () => {
    await session.serve(URL_, ORIGINAL);
    const page = await open(session);

    await selectText(page, '.ltx_abstract p', FIRST_QUOTE);
    await page.locator('lectern-highlighter button[data-color="green"]').click();
    await eventually(async () => expect((await hostState(page)).drawn).toBe(1));
    expect(await drawn(page)).toEqual({ green: [FIRST_QUOTE] });
    expect(await page.evaluate(() => getSelection()!.isCollapsed)).toBe(true);

    // Across inline math, through the push the context menu and the keyboard command send.
    const acrossMath = await selectAcrossMath(page);
    const tabId = await tabIdOf(session, URL_);
    const worker = await session.worker();
    await worker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { lectern: 'push', type: 'page.highlightSelection', data: {} }), tabId);
    await eventually(async () => expect((await hostState(page)).drawn).toBe(2));
    const shown = await drawn(page);
    expect(shown.green).toEqual([FIRST_QUOTE]);
    expect(shown.yellow).toEqual([acrossMath.replace(/\s+/g, ' ').trim()]);

    // Stored with its selectors, under the paper.
    const stored = await worker.evaluate(
      () =>
        new Promise<{ id: string; paperId?: string; text: string; selectors: { type: string }[] }[]>((resolve, reject) => {
          const request = indexedDB.open('lectern');
          request.onsuccess = () => {
            const all = request.result.transaction('highlights').objectStore('highlights').getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          };
        }),
    );
    expect(stored).toHaveLength(2);
    expect(stored.every((h) => h.paperId === 'arxiv:1706.03762')).toBe(true);
    expect(stored.map((h) => h.selectors.map((s) => s.type).sort())).toEqual([
      ['TextPositionSelector', 'TextQuoteSelector'],
      ['TextPositionSelector', 'TextQuoteSelector'],
    ]);
    firstId = stored.find((h) => h.text === FIRST_QUOTE)!.id;

    await page.reload({ waitUntil: 'domcontentloaded' });
    await eventually(async () => expect((await hostState(page)).drawn).toBe(2));
    expect(await drawn(page)).toEqual(shown);
    await page.close();
  });

  it('edits a clicked highlight’s note, shows it on hover, deletes it and undoes the deletion', async () => {
    const page = await open(session);
    await eventually(async () => expect((await hostState(page)).drawn).toBe(2));
    const box = await page.evaluate((quote) => {
      const p = document.querySelector('.ltx_abstract p')!;
      const node = p.firstChild as Text;
      const at = node.data.indexOf(quote);
      const range = document.createRange();
      range.setStart(node, at + 3);
      range.setEnd(node, at + 10);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, FIRST_QUOTE);
    await page.mouse.click(box.x, box.y);
    const editor = page.locator('lectern-highlighter [role="dialog"]');
    await editor.waitFor({ state: 'visible' });
    await editor.locator('textarea').fill('The paper’s main claim.');
    await editor.locator('button[data-action="save"]').click();
    await eventually(async () => expect((await hostState(page)).state.find((h) => h.id === firstId)?.note).toBe('The paper’s main claim.'));

    // Hover: a pointer that moves over the highlight once the editor has closed shows its note.
    const tooltip = page.locator('lectern-highlighter [role="tooltip"]');
    let nudge = 0;
    await eventually(async () => {
      await page.mouse.move(box.x + 1 + (nudge++ % 3), box.y);
      expect(await tooltip.isVisible()).toBe(true);
    });
    expect(await page.locator('lectern-highlighter [role="tooltip"]').textContent()).toBe('The paper’s main claim.');

    await page.mouse.click(box.x, box.y);
    await editor.waitFor({ state: 'visible' });
    await editor.locator('button[data-action="delete"]').click();
    await eventually(async () => expect((await hostState(page)).drawn).toBe(1));
    expect((await drawn(page)).green).toBeUndefined();
    await page.locator('lectern-highlighter button[data-action="undo"]').click();
    await eventually(async () => expect((await hostState(page)).drawn).toBe(2));
    const restored = (await hostState(page)).state.find((h) => h.text === FIRST_QUOTE)!;
    expect(restored).toMatchObject({ color: 'green', note: 'The paper’s main claim.', placed: true });
    firstId = restored.id;
    await page.close();
  });

  it('places highlights again on a revised page: a paragraph inserted before them, a word changed inside', async () => {
    await session.serve(
      URL_,
      variant((html) =>
        html
          .replace('<div class="ltx_abstract">', '<div class="ltx_para"><p class="ltx_p">A paragraph added in a revision of the page, before the abstract. We propose a new idea here too.</p></div>\n<div class="ltx_abstract">')
          .replace('We propose a new simple network architecture', 'We propose a novel simple network architecture'),
      ),
    );
    const page = await open(session);
    await eventually(async () => expect((await hostState(page)).drawn).toBe(2));
    expect((await hostState(page)).orphans).toBe(0);
    expect((await drawn(page)).green).toEqual(['We propose a novel simple network architecture, the Transformer']);
    await page.close();
  });

  it('lists a highlight whose text is gone as an orphan, with its quote, and keeps it', async () => {
    await session.serve(URL_, variant((html) => html.replace(/<div class="ltx_abstract">[\s\S]*?<\/div>/, '<div class="ltx_abstract"></div>')));
    const page = await open(session);
    await eventually(async () => expect((await hostState(page)).orphans).toBe(1));
    expect((await hostState(page)).drawn).toBe(1);
    const panel = page.locator('lectern-highlighter [aria-label="Highlights not found on this page"]');
    await expect(panel.locator('button').first().textContent()).resolves.toBe('1 highlight not found on this page');
    await panel.locator('button').first().click();
    await expect(panel.locator('li').first().textContent()).resolves.toContain(FIRST_QUOTE);
    const count = await (await session.worker()).evaluate(
      () =>
        new Promise<number>((resolve) => {
          const request = indexedDB.open('lectern');
          request.onsuccess = () => {
            const all = request.result.transaction('highlights').objectStore('highlights').count();
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );
    expect(count).toBe(2);
    await page.close();
  });

  it('places highlights after the page’s own late rendering', async () => {
    const abstract = /<div class="ltx_abstract">[\s\S]*?<\/div>/.exec(ORIGINAL)![0];
    const late = `<script>setTimeout(() => { document.querySelector('.ltx_abstract').outerHTML = ${JSON.stringify(abstract)}; }, 1500);</script>`;
    await session.serve(
      URL_,
      variant((html) => html.replace(abstract, '<div class="ltx_abstract"></div>').replace('</body>', `${late}</body>`)),
    );
    const page = await open(session);
    await eventually(async () => expect(await hostState(page)).toMatchObject({ drawn: 2, orphans: 0 }), 20_000);
    expect((await drawn(page)).green).toEqual([FIRST_QUOTE]);
    await page.close();
  });

  it('scrolls to the highlight a #lectern-highlight link names and flashes it', async () => {
    await session.serve(URL_, ORIGINAL);
    // The abstract is near the top: link to the other highlight, in the body.
    const page = await open(session);
    await eventually(async () => expect((await hostState(page)).drawn).toBe(2));
    const other = (await hostState(page)).state.find((h) => h.id !== firstId)!;
    await page.close();

    const linked = await open(session, `${URL_}#lectern-highlight=${encodeURIComponent(other.id)}`);
    await eventually(async () => expect((await hostState(linked)).scrolledTo).toBe(other.id));
    const where = await linked.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const range = [...registry.get('lectern-yellow')!][0]!;
      const rect = range.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: innerHeight, scrollY };
    });
    expect(where.scrollY).toBeGreaterThan(0);
    expect(where.top).toBeGreaterThanOrEqual(0);
    expect(where.bottom).toBeLessThanOrEqual(where.height);
    await linked.close();
  });
});
