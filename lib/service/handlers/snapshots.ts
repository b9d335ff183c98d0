/** Handlers of the snapshot requests (`lib/messaging/areas/snapshots.ts`). */
import { findByAlias } from '../../db/papers';
import { deleteSnapshot, putSnapshot } from '../../db/snapshots';
import { SNAPSHOT_CONTENT_REQUESTS, type SnapshotRequests } from '../../messaging/areas/snapshots';
import type { PaperId } from '../../model';
import { Refused, type ExtensionHandlersOf, type HandlerContext, type PageContext, type PageHandlersOf } from './context';

type PageTypes = (typeof SNAPSHOT_CONTENT_REQUESTS)[number];

/** The paper a page's copy belongs to: the one named (on its own tab), else the one paper its tab listed. */
async function paperOfPage(ctx: HandlerContext, paperId: PaperId | undefined, page: PageContext): Promise<PaperId> {
  if (paperId !== undefined) {
    await ctx.assertOnOwnTab([paperId], page);
    return paperId;
  }
  const own = [...(await ctx.ownTabIds(page))];
  if (own.length === 0) throw new Refused('No paper on this page to keep a readable copy of');
  if (own.length > 1) throw new Refused('This page lists several papers: name the one to keep a readable copy of');
  return own[0]!;
}

/** Requests a page sends about itself. */
export function snapshotPageHandlers(ctx: HandlerContext): PageHandlersOf<PageTypes> {
  return {
    async 'page.snapshot.save'(data, page) {
      ctx.assertTabShows(data.url, page, 'keep a readable copy');
      const paperId = await paperOfPage(ctx, data.paperId, page);
      try {
        const row = await putSnapshot(
          ctx.db,
          paperId,
          {
            url: data.url,
            title: data.title,
            ...(data.byline ? { byline: data.byline } : {}),
            content: data.content,
            text: data.text,
            droppedImages: data.droppedImages,
          },
          ctx.now(),
        );
        return { paperId: row.paperId, size: row.content.length + row.text.length, droppedImages: data.droppedImages };
      } catch (error) {
        throw new Refused(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** Requests from extension pages. */
export function snapshotHandlers(ctx: HandlerContext): ExtensionHandlersOf<Exclude<keyof SnapshotRequests, PageTypes>> {
  return {
    async 'snapshot.delete'(data) {
      const record = await findByAlias(ctx.db, data.paperId);
      return deleteSnapshot(ctx.db, record?.id ?? data.paperId, ctx.now());
    },
  };
}
