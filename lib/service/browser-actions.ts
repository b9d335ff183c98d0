/**
 * What the browser's own controls do, without the browser: the "Save this page's paper" command, "Save to
 * Lectern" on a link, and the settings the background follows (recording gates). Entry points in
 * `entrypoints/background/` pass the browser's events in.
 */
import { findByAlias, applyStatus } from '../db/papers';
import { saveEntries } from '../db/save';
import type { LecternDB } from '../db/schema';
import { paperFromLink } from '../link-paper';
import type { PaperRecord } from '../model';
import { DEFAULT_SETTINGS, recordingBlock, type RecordingBlock, type Settings } from '../settings';
import { withoutFragment, type TabPapers } from './tabs';

/** Statuses "save" moves to "to read": never a paper being read or read. */
const SAVABLE = ['seen', 'dismissed'] as const;

export interface SaveOutcome {
  /** The record saved (or already further along), if the page or link names a paper. */
  record?: PaperRecord;
  /** Its status changed now. */
  changed: boolean;
}

/**
 * "Save to Lectern" on a link: records the linked paper by its canonical id (titled by the link text when it
 * looks like a title) as "to read", or moves the paper the library holds to "to read" (unless it is being
 * read or read). Answers nothing for a link that names no paper.
 */
export async function saveLink(
  db: LecternDB,
  link: { url: string; text?: string; pageUrl?: string },
  now: number,
): Promise<SaveOutcome> {
  const entry = paperFromLink(link.url, link.text);
  if (!entry) return { changed: false };
  const { states, records } = await saveEntries(db, {
    entries: [entry],
    status: 'unread',
    now,
    ...(link.pageUrl ? { page: link.pageUrl } : {}),
    from: SAVABLE,
  });
  const record = records[0] ?? (await findByAlias(db, states[0]!.recordId));
  return { ...(record ? { record } : {}), changed: records.some((r) => r.changedAt?.status === now) };
}

/**
 * The "save this page's paper" command: the one paper the tab's page showed (an abstract page, a PDF), or
 * else the paper its URL names. A listing of several papers names none: nothing is saved.
 */
export async function savePageOfTab(
  db: LecternDB,
  tabs: TabPapers,
  tab: { id: number; url?: string; title?: string },
  now: number,
): Promise<SaveOutcome> {
  const known = await tabs.get(tab.id);
  const shows = known && tab.url !== undefined && withoutFragment(tab.url) === known.url ? known : undefined;
  if (shows && shows.ids.length === 1) {
    const record = await findByAlias(db, shows.ids[0]!);
    if (record) {
      const [changed] = await applyStatus(db, [record.id], 'unread', now, SAVABLE);
      return { record: changed ?? record, changed: changed !== undefined };
    }
  }
  if (shows && shows.ids.length > 1) return { changed: false };
  if (!tab.url) return { changed: false };
  return saveLink(db, { url: tab.url, text: tab.title }, now);
}

/**
 * The settings the background follows, kept in step with storage: loaded once, then updated by every
 * change. `block(page)` says why a page must not be recorded automatically (`recordingBlock`).
 */
export function createRecordingGate(
  load: () => Promise<Settings>,
  watch: (onChange: (patch: Partial<Settings>) => void) => () => void,
): { block(page: { url?: string; incognito?: boolean }): Promise<RecordingBlock | null>; current(): Promise<Settings> } {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let pending: Partial<Settings> = {};
  watch((patch) => {
    settings = { ...settings, ...patch };
    pending = { ...pending, ...patch };
  });
  // Changes that arrive while the first load is on its way win over what it read.
  const ready = load()
    .then((loaded) => void (settings = { ...loaded, ...pending }))
    .catch(() => undefined);
  return {
    async block(page) {
      await ready;
      return recordingBlock(settings, page);
    },
    async current() {
      await ready;
      return settings;
    },
  };
}
