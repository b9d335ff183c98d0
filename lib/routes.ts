/**
 * Stable side panel addresses: `#/view/<view>`, `#/paper/<encodeURIComponent(id)>`, `#/highlights` and `#/data`. A view may
 * carry its search and filters as query parameters, so that a search can be linked to (the popup opens one):
 * `#/view/all?q=attention&tag=nlp&site=arxiv.org&sort=published&seenFrom=2024-01-01`.
 */
import type { SortKey } from './search/types';
import { isLibraryView, type LibraryViewKey } from './status';

/** What narrows a view: search text, filters and sort. Dates are `YYYY-MM-DD` (published also `YYYY[-MM]`). */
export interface ListFilters {
  q?: string;
  tag?: string;
  site?: string;
  sort?: SortKey;
  reverse?: boolean;
  seenFrom?: string;
  seenTo?: string;
  savedFrom?: string;
  savedTo?: string;
  publishedFrom?: string;
  publishedTo?: string;
}

export type LibraryRoute =
  | { kind: 'view'; view: LibraryViewKey; filters?: ListFilters }
  | { kind: 'paper'; id: string }
  | { kind: 'data' }
  | { kind: 'highlights' };

export const DEFAULT_ROUTE: LibraryRoute = { kind: 'view', view: 'unread' };

export const SORT_KEYS: readonly SortKey[] = ['relevance', 'seen', 'saved', 'published', 'title'];

const TEXT_KEYS = ['q', 'tag', 'site'] as const;
const DATE_KEYS = ['seenFrom', 'seenTo', 'savedFrom', 'savedTo', 'publishedFrom', 'publishedTo'] as const;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PUBLISHED = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Reads filters from a query string, dropping anything malformed (a bad link never breaks the view). */
export function parseFilters(query: string): ListFilters {
  const params = new URLSearchParams(query);
  const filters: ListFilters = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  for (const key of DATE_KEYS) {
    const value = params.get(key);
    if (value && (key.startsWith('published') ? PUBLISHED : DAY).test(value)) filters[key] = value;
  }
  const sort = params.get('sort');
  if (sort && (SORT_KEYS as readonly string[]).includes(sort)) filters.sort = sort as SortKey;
  if (params.get('reverse') === '1') filters.reverse = true;
  return filters;
}

/** The query string of `filters` (without `?`), keys in a fixed order, empty values left out. */
export function formatFilters(filters: ListFilters): string {
  const params = new URLSearchParams();
  for (const key of [...TEXT_KEYS, 'sort', ...DATE_KEYS] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.reverse) params.set('reverse', '1');
  return params.toString();
}

export function hasFilters(filters: ListFilters | undefined): boolean {
  return !!filters && formatFilters(filters) !== '';
}

export function parseLibraryHash(hash: string): LibraryRoute {
  if (hash === '#/data') return { kind: 'data' };
  if (hash === '#/highlights') return { kind: 'highlights' };
  const match = /^#\/(view|paper)\/(.+)$/.exec(hash);
  if (!match) return DEFAULT_ROUTE;
  const [, kind, rest] = match as unknown as [string, string, string];
  if (kind === 'view') {
    const queryAt = rest.indexOf('?');
    const view = queryAt === -1 ? rest : rest.slice(0, queryAt);
    if (!isLibraryView(view)) return DEFAULT_ROUTE;
    const filters = queryAt === -1 ? {} : parseFilters(rest.slice(queryAt + 1));
    return hasFilters(filters) ? { kind: 'view', view, filters } : { kind: 'view', view };
  }
  try {
    return { kind: 'paper', id: decodeURIComponent(rest) };
  } catch {
    return DEFAULT_ROUTE;
  }
}

export function libraryHash(route: LibraryRoute): string {
  if (route.kind === 'data') return '#/data';
  if (route.kind === 'highlights') return '#/highlights';
  if (route.kind === 'paper') return `#/paper/${encodeURIComponent(route.id)}`;
  const query = route.filters ? formatFilters(route.filters) : '';
  return `#/view/${route.view}${query ? `?${query}` : ''}`;
}

/** Epoch ms of the start (or, with `endOfDay`, the last ms) of a `YYYY-MM-DD` day in UTC. */
export function dayToEpoch(day: string | undefined, endOfDay = false): number | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const start = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(start)) return undefined;
  return endOfDay ? start + 86_400_000 - 1 : start;
}
