/**
 * Handlers of the recording and housekeeping requests (`lib/messaging/areas/recording.ts`), and the report
 * of a page that automatic recording leaves out (recording off, paused, a private window, a site switched
 * off): it reads the library and writes nothing.
 */
import { DAY_MS, DEFAULT_SIGHTINGS_CAP, compactSightings, forgetSeen, restoreRemoved, type RemovedRows } from '../../db/housekeeping';
import { lookupEntries } from '../../db/lookup';
import { saveEntries } from '../../db/save';
import type { HousekeepingResult, RecordingRequests } from '../../messaging/areas/recording';
import type { EntryState, ReportResult, RequestData } from '../../messaging/protocol';
import type { PaperId } from '../../model';
import type { RecordingBlock } from '../../settings';
import { countsAsNew } from '../../status';
import type { Pusher } from '../push';
import { withoutFragment } from '../tabs';
import { Refused, type ExtensionHandlersOf, type HandlerContext, type PageContext, type PageHandlersOf } from './context';

/** How long a housekeeping action can be undone (ms). */
export const UNDO_WINDOW_MS = 30_000;

function uniqueInOrder(ids: readonly PaperId[]): PaperId[] {
  return [...new Set(ids)];
}

/**
 * Answers a page's report without recording it: each entry's stored state, or `unrecorded` for a paper the
 * library does not hold. The tab remembers the entries (so that the page may save them) and its new papers.
 */
export async function reportWithoutRecording(
  ctx: HandlerContext,
  data: RequestData<'page.report'>,
  page: PageContext,
  block: RecordingBlock,
  pusher: Pusher | undefined,
): Promise<ReportResult> {
  ctx.assertTabShows(data.url, page, 'report entries');
  const looked = await lookupEntries(ctx.db, {
    url: data.url,
    entries: data.entries.map((entry) => [entry.id, ...entry.aliases.filter((id) => id !== entry.id)].slice(0, 101)),
  });
  const states: EntryState[] = looked.map((state) =>
    state.status === null
      ? { recordId: state.recordId, status: 'seen', created: false, newSinceVisit: state.newSinceVisit, unrecorded: true }
      : { recordId: state.recordId, status: state.status, created: false, newSinceVisit: state.newSinceVisit },
  );
  const known = data.more ? await ctx.tabs.get(page.tabId) : undefined;
  const before = known && known.url === withoutFragment(data.url) ? known : undefined;
  const ids = states.map((state) => state.recordId);
  const newIds = states.filter((state) => countsAsNew({ ...state, created: state.unrecorded === true })).map((s) => s.recordId);
  await ctx.tabs.set(page.tabId, data.url, uniqueInOrder([...(before?.ids ?? []), ...ids]), {
    newIds: uniqueInOrder([...(before?.newIds ?? []), ...newIds]),
  });
  const remembered = await ctx.tabs.get(page.tabId);
  if (pusher && remembered) pusher.tabReported(page.tabId, remembered).catch(() => undefined);
  return { states, notRecorded: block };
}

export function recordingPageHandlers(ctx: HandlerContext): PageHandlersOf<'page.save'> {
  return {
    async 'page.save'(data, page) {
      ctx.assertTabShows(data.url, page, 'save entries');
      const own = await ctx.ownTabIds(page);
      for (const entry of data.entries) {
        if (![entry.id, ...entry.aliases].some((id) => own.has(id))) {
          // A record merged since the report may know the entry by another id.
          await ctx.assertOnOwnTab([entry.id], page);
        }
      }
      const { states, records } = await saveEntries(ctx.db, {
        entries: data.entries,
        status: data.status,
        now: ctx.now(),
        page: data.url,
      });
      ctx.changed(records);
      return states;
    },
  };
}

/** Housekeeping with an undo window; the removed rows are kept in memory until it closes. */
export function housekeepingHandlers(ctx: HandlerContext): ExtensionHandlersOf<Exclude<keyof RecordingRequests, 'page.save'>> {
  const undoable = new Map<string, { rows: RemovedRows; until: number }>();
  const dropExpired = () => {
    const now = ctx.now();
    for (const [token, entry] of undoable) if (entry.until < now) undoable.delete(token);
  };
  return {
    async 'housekeeping.run'(data) {
      dropExpired();
      const now = ctx.now();
      let rows: RemovedRows;
      switch (data.action) {
        case 'forgetSeenOlderThan':
          if (data.days === undefined) throw new Refused('Say how many days');
          rows = await forgetSeen(ctx.db, { lastSeenBefore: now - data.days * DAY_MS }, now);
          break;
        case 'forgetUnsaved':
          rows = await forgetSeen(ctx.db, {}, now);
          break;
        case 'compactSightings':
          rows = await compactSightings(ctx.db, data.cap ?? DEFAULT_SIGHTINGS_CAP, now);
          break;
      }
      if (rows.papers.length) ctx.changed(rows.papers, true);
      const result: HousekeepingResult = { papers: rows.papers.length, sightings: rows.sightings.length };
      if (rows.papers.length || rows.sightings.length) {
        const token = crypto.randomUUID();
        const until = now + UNDO_WINDOW_MS;
        undoable.set(token, { rows, until });
        result.undoToken = token;
        result.undoUntil = until;
      }
      return result;
    },
    async 'housekeeping.undo'(data) {
      dropExpired();
      const entry = undoable.get(data.token);
      if (!entry) throw new Refused('Too late to undo: the undo window has closed.');
      undoable.delete(data.token);
      const restored = await restoreRemoved(ctx.db, entry.rows, ctx.now());
      if (entry.rows.papers.length) {
        const back = await ctx.db.papers.bulkGet(entry.rows.papers.map((r) => r.id));
        ctx.changed(back.filter((r) => r !== undefined));
      }
      return restored;
    },
  };
}
