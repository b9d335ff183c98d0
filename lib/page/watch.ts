/**
 * Noticing entries the page adds after load (infinite scroll, "load more", late rendering) or re-renders: a
 * MutationObserver on the part of the page that holds the entries (child lists only: no attribute or text
 * changes), debounced, that ignores changes made by Lectern's own elements.
 */

/** Our own elements' tags: adding or removing them is never a reason to look again. */
export const OWN_TAGS = new Set(['lectern-badge', 'lectern-bar', 'lectern-menu']);

function isOwn(node: Node): boolean {
  return node.nodeType === 1 && OWN_TAGS.has((node as Element).localName);
}

/** Whether a batch of mutation records holds a change of the page's own content. */
export function hasPageChange(records: readonly MutationRecord[]): boolean {
  for (const record of records) {
    if (record.type !== 'childList') continue;
    if (isOwn(record.target)) continue;
    for (const node of record.addedNodes) if (!isOwn(node)) return true;
    for (const node of record.removedNodes) if (!isOwn(node)) return true;
  }
  return false;
}

/**
 * The element to watch for entries whose titles are `anchors`: the parent of their closest common
 * ancestor (so a new list next to the current one is seen too), or `body` when there are none.
 */
export function scopeFor(doc: Document, anchors: readonly (Element | null)[]): Element {
  const fallback = doc.body ?? doc.documentElement;
  const present = anchors.filter((a): a is Element => a !== null && a.isConnected);
  if (!present.length) return fallback;
  let common: Element | null = present[0]!;
  for (const anchor of present) {
    while (common && !common.contains(anchor)) common = common.parentElement;
    if (!common) return fallback;
  }
  const scope = common.parentElement ?? common;
  return scope === doc.documentElement ? fallback : scope;
}

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs (ms). */
  debounceMs?: number;
  /** Longest wait while changes keep coming (ms). */
  maxWaitMs?: number;
  setTimeout: (run: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

/** Watches one element at a time for page changes and calls `onChange` once per burst of them. */
export class EntryWatcher {
  private readonly observer: MutationObserver;
  private target: Element | undefined;
  private timer: number | undefined;
  private firstChangeAt = 0;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly onChange: () => void,
    private readonly options: WatchOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 250;
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
    this.observer = new MutationObserver((records) => {
      if (hasPageChange(records)) this.schedule();
    });
  }

  /**
   * Watches `target` (and its subtree) instead of what was watched before, and the child lists of its
   * ancestors, so that a site replacing the whole list (or a container above it) is seen too.
   */
  watch(target: Element): void {
    if (target === this.target && target.isConnected) return;
    this.observer.disconnect();
    this.target = target;
    this.observer.observe(target, { childList: true, subtree: true });
    for (let up = target.parentElement; up; up = up.parentElement) this.observer.observe(up, { childList: true });
  }

  /** Runs `onChange` after the debounce, as if the page had changed (e.g. after client-side navigation). */
  schedule(): void {
    const now = Date.now();
    if (this.timer === undefined) this.firstChangeAt = now;
    else this.options.clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstChangeAt + this.maxWaitMs - now));
    this.timer = this.options.setTimeout(() => {
      this.timer = undefined;
      this.onChange();
    }, wait);
  }

  stop(): void {
    this.observer.disconnect();
    this.target = undefined;
    if (this.timer !== undefined) this.options.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
