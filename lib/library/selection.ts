/**
 * Selection in the library list (pure): a click toggles one row, a shift-click selects every row between the
 * last clicked row (the anchor) and the clicked one, "select all" takes every row of the view.
 */
import type { PaperId } from '../model';

export interface Selection {
  ids: ReadonlySet<PaperId>;
  /** The row a shift-click extends from. */
  anchor?: PaperId;
}

export const EMPTY_SELECTION: Selection = { ids: new Set() };

/** Toggles `id`; it becomes the anchor. */
export function toggle(selection: Selection, id: PaperId): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift-click on `id` in the ordered `order`: every row from the anchor to `id` (inclusive) takes the state
 * `id` gets (selected when it was not). Without an anchor still in the list it is a plain toggle.
 */
export function extendTo(selection: Selection, order: readonly PaperId[], id: PaperId): Selection {
  const to = order.indexOf(id);
  const from = selection.anchor === undefined ? -1 : order.indexOf(selection.anchor);
  if (to === -1 || from === -1) return toggle(selection, id);
  const select = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  const [low, high] = from <= to ? [from, to] : [to, from];
  for (let i = low; i <= high; i++) {
    const rowId = order[i]!;
    if (select) ids.add(rowId);
    else ids.delete(rowId);
  }
  return { ids, anchor: id };
}

export function selectAll(order: readonly PaperId[]): Selection {
  return { ids: new Set(order) };
}

/** Keeps only ids still in the view (after a filter change or a deletion), in the view's order. */
export function selectedInOrder(selection: Selection, order: readonly PaperId[]): PaperId[] {
  if (selection.ids.size === 0) return [];
  return order.filter((id) => selection.ids.has(id));
}
