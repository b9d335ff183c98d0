/** Handlers of the highlight requests (`lib/messaging/areas/highlights.ts`). */
import { createHighlight, deleteHighlights, highlightsForPage, highlightUrl, restoreHighlights, updateHighlight } from '../../db/highlights';
import { findManyByAlias } from '../../db/papers';
import { HIGHLIGHT_CONTENT_REQUESTS, type HighlightRequests } from '../../messaging/areas/highlights';
import type { HighlightRecord, PaperId } from '../../model';
import { Refused, type ExtensionHandlersOf, type HandlerContext, type PageContext, type PageHandlersOf } from './context';

type PageTypes = (typeof HIGHLIGHT_CONTENT_REQUESTS)[number];

/** Requests a content script sends about its own page. */
export function highlightPageHandlers(ctx: HandlerContext): PageHandlersOf<PageTypes> {
  const { db, now } = ctx;

  /** Every id the tab's papers are known by (their records' ids and aliases). */
  async function ownPaperIds(page: PageContext): Promise<Set<PaperId>> {
    const own = await ctx.ownTabIds(page);
    const records = await findManyByAlias(db, [...own]);
    for (const record of records.values()) for (const alias of [record.id, ...record.aliases]) own.add(alias);
    return own;
  }

  /** Refuses unless the highlight is one the sender's page may read (see `page.highlights`). */
  async function readable(id: string, page: PageContext): Promise<HighlightRecord> {
    const row = await db.highlights.get(id);
    if (!row) throw new Refused('This highlight no longer exists');
    const shown = [page.url, page.tabUrl].flatMap((url) => (url ? [highlightUrl(url)] : []));
    if (shown.includes(row.url)) return row;
    if (row.paperId && (await ownPaperIds(page)).has(row.paperId)) return row;
    throw new Refused('Not allowed: this highlight is not on this tab');
  }

  return {
    async 'page.highlights'(data, page) {
      ctx.assertTabShows(data.url, page, 'read highlights');
      return highlightsForPage(db, [...(await ctx.ownTabIds(page))], data.url);
    },
    async 'page.highlight.create'(data, page) {
      ctx.assertTabShows(data.url, page, 'make highlights');
      if (data.paperId !== undefined) await ctx.assertOnOwnTab([data.paperId], page);
      return createHighlight(db, data, now());
    },
    async 'page.highlight.update'(data, page) {
      await readable(data.id, page);
      return updateHighlight(db, data, now());
    },
    async 'page.highlight.delete'(data, page) {
      await readable(data.id, page);
      const [row] = await deleteHighlights(db, [data.id], now());
      if (!row) throw new Refused('This highlight no longer exists');
      return row;
    },
  };
}

/** Requests from extension pages (side panel, reader). */
export function highlightHandlers(ctx: HandlerContext): ExtensionHandlersOf<Exclude<keyof HighlightRequests, PageTypes>> {
  const { db, now } = ctx;
  return {
    'highlight.create': (data) => createHighlight(db, data, now()),
    'highlight.update': (data) => updateHighlight(db, data, now()),
    'highlight.delete': (data) => deleteHighlights(db, data.ids, now()),
    'highlight.restore': (data) => restoreHighlights(db, data.highlights, now()),
  };
}
