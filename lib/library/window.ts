/** The window of a virtualised list (pure): which rows to render for a scroll position. */

export interface ListWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Last rendered row + 1. */
  end: number;
}

/**
 * Rows visible between `scrollTop` and `scrollTop + viewport` with fixed-height rows, plus `overscan` rows
 * either side, clamped to `[0, total)`.
 */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): ListWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewport)) / rowHeight);
  return { start: Math.max(0, Math.min(first - overscan, total - 1)), end: Math.min(total, last + overscan) };
}

/**
 * The scroll position that brings row `index` fully into view, or `undefined` when it already is (the
 * keyboard cursor keeps its row visible without jumping).
 */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return undefined;
}
