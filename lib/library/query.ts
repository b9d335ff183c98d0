/** From a view and its route filters to the index's query (pure). */
import { dayToEpoch, hasFilters, type ListFilters } from '../routes';
import type { LibraryQuery } from '../search/types';
import type { LibraryViewKey } from '../status';

export function libraryQuery(view: LibraryViewKey, filters: ListFilters = {}): LibraryQuery {
  const text = (filters.q ?? '').trim();
  const query: LibraryQuery = { text, view, sort: filters.sort ?? (text ? 'relevance' : 'seen') };
  if (filters.reverse) query.reverse = true;
  if (filters.tag) query.tags = [filters.tag];
  if (filters.site) query.site = filters.site;
  const seen = range(dayToEpoch(filters.seenFrom), dayToEpoch(filters.seenTo, true));
  if (seen) query.seen = seen;
  const saved = range(dayToEpoch(filters.savedFrom), dayToEpoch(filters.savedTo, true));
  if (saved) query.saved = saved;
  const published = range(filters.publishedFrom, filters.publishedTo);
  if (published) query.published = published;
  return query;
}

function range<T>(from: T | undefined, to: T | undefined): { from?: T; to?: T } | undefined {
  if (from === undefined && to === undefined) return undefined;
  const value: { from?: T; to?: T } = {};
  if (from !== undefined) value.from = from;
  if (to !== undefined) value.to = to;
  return value;
}

/**
 * True when the view can be listed straight from Dexie's `[status+firstSeenAt]` index (no text, no filter,
 * newest seen first): it paints before the search index is ready.
 */
export function listableWithoutIndex(filters: ListFilters | undefined): boolean {
  if (!hasFilters(filters)) return true;
  const { sort, ...rest } = filters!;
  return (sort === undefined || sort === 'seen') && !hasFilters(rest);
}
