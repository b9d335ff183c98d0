/**
 * PDF tabs: the browser's PDF viewer runs no content script, so the background recognises a paper's PDF by
 * its URL and records the visit as a sighting of that paper.
 */
import { recordBatch } from '../db/record';
import type { LecternDB } from '../db/schema';
import { arxivLinks, displayId, idsFromUrl, urlId } from '../ids';
import type { DetectedPaper } from '../model';
import type { TabPapers } from './tabs';

const PDF_PATH = /\/pdf\/|\.pdf$/i;
/** Titles the viewer shows before (or instead of) the document's own: a file name or the URL. */
const FILE_NAME_TITLE = /^(?:https?:\/\/\S+|[\w.-]+(?:v\d+)?(?:\.pdf)?)$/i;

/** The paper a PDF URL belongs to, as an entry to record; null when the URL is not a recognised paper PDF. */
export function pdfEntry(url: string, tabTitle: string | undefined): DetectedPaper | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!PDF_PATH.test(parsed.pathname)) return null;
  const { ids, version } = idsFromUrl(url);
  const id = ids[0];
  if (!id?.startsWith('arxiv:')) return null;
  const bare = id.slice('arxiv:'.length);
  const links = arxivLinks(bare);
  const title = tabTitle?.trim();
  const entry: DetectedPaper = {
    id,
    aliases: [...ids, urlId(links.abs)!],
    // The placeholder is the paper's display id; a later sighting with a real title replaces it.
    title: title && !FILE_NAME_TITLE.test(title) ? title : displayId(id),
    authors: [],
    links,
  };
  if (version !== undefined) entry.version = version;
  return entry;
}

/** Records a PDF tab's paper and remembers it as the tab's paper; answers whether the URL was a paper PDF. */
export async function recordPdfTab(
  db: LecternDB,
  tabs: TabPapers,
  tab: { id: number; url: string; title?: string },
  now: number,
): Promise<boolean> {
  const entry = pdfEntry(tab.url, tab.title);
  if (!entry) return false;
  const { states } = await recordBatch(db, { url: tab.url, entries: [entry], now });
  await tabs.set(tab.id, tab.url, states.map((state) => state.recordId));
  return true;
}
