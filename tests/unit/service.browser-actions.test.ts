import { describe, expect, it } from 'vitest';
import { applyStatus } from '../../lib/db/papers';
import { recordBatch } from '../../lib/db/record';
import { createRecordingGate, saveLink, savePageOfTab } from '../../lib/service/browser-actions';
import { createTabPapers, memoryArea } from '../../lib/service/tabs';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { applyTheme, followTheme } from '../../lib/theme';
import { scratchDatabases } from '../helpers/db';

const scratchDb = scratchDatabases('browser-actions-test');
const T0 = Date.UTC(2026, 5, 1);
const ABS = 'https://arxiv.org/abs/2405.01234';
const entry = { id: 'arxiv:2405.01234', aliases: ['arxiv:2405.01234'], title: 'Full Title From The Page', authors: ['B. Author'], links: { abs: ABS } };

describe('Save to Lectern on a link', () => {
  it('records the linked paper to read, titled by the link text', async () => {
    const db = scratchDb();
    const outcome = await saveLink(db, { url: 'https://huggingface.co/papers/2405.01234', text: 'Scaling Things Up Quickly', pageUrl: 'https://example.org/reading-list' }, T0);
    expect(outcome.changed).toBe(true);
    expect(outcome.record).toMatchObject({ id: 'arxiv:2405.01234', status: 'unread', title: 'Scaling Things Up Quickly', firstSeenOn: 'https://example.org/reading-list' });
  });

  it('leaves a paper being read alone, and does nothing for a link that names no paper', async () => {
    const db = scratchDb();
    await recordBatch(db, { url: 'https://arxiv.org/list/cs.LG/new', entries: [entry], now: T0 });
    await applyStatus(db, [entry.id], 'reading', T0 + 1);
    const outcome = await saveLink(db, { url: ABS, text: 'PDF' }, T0 + 2);
    expect(outcome).toMatchObject({ changed: false, record: { status: 'reading', title: 'Full Title From The Page' } });
    expect(await saveLink(db, { url: 'https://arxiv.org/list/cs.LG/new', text: 'New submissions here' }, T0)).toEqual({ changed: false });
  });
});

describe("the save-this-page's-paper command", () => {
  it("saves the one paper the tab's page reported", async () => {
    const db = scratchDb();
    const tabs = createTabPapers(memoryArea());
    await recordBatch(db, { url: ABS, entries: [entry], now: T0 });
    await tabs.set(7, ABS, [entry.id]);
    const outcome = await savePageOfTab(db, tabs, { id: 7, url: `${ABS}#comments`, title: 'whatever' }, T0 + 1);
    expect(outcome).toMatchObject({ changed: true, record: { id: entry.id, status: 'unread', title: 'Full Title From The Page' } });
  });

  it('saves a paper named by the URL when nothing was reported (a PDF, recording off), and nothing on a listing', async () => {
    const db = scratchDb();
    const tabs = createTabPapers(memoryArea());
    const pdf = await savePageOfTab(db, tabs, { id: 3, url: 'https://arxiv.org/pdf/2405.01234v2', title: '2405.01234v2.pdf' }, T0);
    expect(pdf.record).toMatchObject({ id: 'arxiv:2405.01234', status: 'unread' });
    await tabs.set(4, 'https://arxiv.org/list/cs.LG/new', ['arxiv:2405.00001', 'arxiv:2405.00002']);
    expect(await savePageOfTab(db, tabs, { id: 4, url: 'https://arxiv.org/list/cs.LG/new' }, T0)).toEqual({ changed: false });
    expect(await db.papers.count()).toBe(1);
  });
});

describe('the recording gate of the background', () => {
  it('follows the stored settings and their changes', async () => {
    let listener: ((patch: Partial<Settings>) => void) | undefined;
    const gate = createRecordingGate(
      async () => ({ ...DEFAULT_SETTINGS, recordingPaused: true }),
      (onChange) => {
        listener = onChange;
        return () => undefined;
      },
    );
    expect(await gate.block({ url: ABS })).toBe('paused');
    listener!({ recordingPaused: false });
    expect(await gate.block({ url: ABS })).toBeNull();
    expect(await gate.block({ url: ABS, incognito: true })).toBe('private');
  });
});

describe('theme', () => {
  it('sets data-theme for light and dark, and removes it to follow the browser', async () => {
    const root = document.createElement('html');
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'system');
    expect(root.hasAttribute('data-theme')).toBe(false);
    let listener: ((patch: { theme?: Settings['theme'] }) => void) | undefined;
    followTheme(root, { load: async () => ({ theme: 'light' }), watch: (cb) => ((listener = cb), () => undefined) });
    await new Promise((r) => setTimeout(r, 0));
    expect(root.dataset.theme).toBe('light');
    listener!({ theme: 'dark' });
    expect(root.dataset.theme).toBe('dark');
  });
});
