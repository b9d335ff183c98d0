/** Stable side panel addresses: `#/view/<view>`, `#/paper/<encodeURIComponent(id)>` and `#/data`. */
import { isLibraryView, type LibraryViewKey } from './status';

export type LibraryRoute = { kind: 'view'; view: LibraryViewKey } | { kind: 'paper'; id: string } | { kind: 'data' };

export const DEFAULT_ROUTE: LibraryRoute = { kind: 'view', view: 'unread' };

export function parseLibraryHash(hash: string): LibraryRoute {
  if (hash === '#/data') return { kind: 'data' };
  const match = /^#\/(view|paper)\/(.+)$/.exec(hash);
  if (!match) return DEFAULT_ROUTE;
  const [, kind, rest] = match as unknown as [string, string, string];
  if (kind === 'view') return isLibraryView(rest) ? { kind: 'view', view: rest } : DEFAULT_ROUTE;
  try {
    return { kind: 'paper', id: decodeURIComponent(rest) };
  } catch {
    return DEFAULT_ROUTE;
  }
}

export function libraryHash(route: LibraryRoute): string {
  if (route.kind === 'data') return '#/data';
  return route.kind === 'view' ? `#/view/${route.view}` : `#/paper/${encodeURIComponent(route.id)}`;
}
