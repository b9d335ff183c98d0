/**
 * On-page triage, the content script's work on a paper page:
 *
 * 1. detect the page's entries (`lectern:detect`);
 * 2. look their states up, read-only (`page.lookup`), and show a badge next to each title at once
 *    (`lectern:badges`, `lectern:first-badge`);
 * 3. record them (`page.report`, `lectern:send`) and correct the badges from the answer;
 * 4. then follow the page: entries it adds later (a debounced, scoped MutationObserver) and client-side
 *    navigation (`wxt:locationchange`) go through 1–3 again with only the new entries, and status changes
 *    made anywhere arrive as pushes (`page.statusChanged`).
 *
 * On listing pages it also shows the page bar (counts, Save all new, Dismiss all new, Undo, switches),
 * dims read and dismissed entries when asked, and takes triage keys when keyboard triage is on.
 *
 * Timings go to the page's User Timing buffer (`lectern:start` marks the script's start at document idle),
 * so they can be read without touching the page's DOM. Everything it adds to the page is one of its own
 * elements (`lectern-badge`, `lectern-bar`, `lectern-menu`) with a shadow root; every listener goes through
 * WXT's context and everything is removed when the extension stops (reload, update).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { LookedUpState, RequestAnswer, RequestData, RequestType, StatusChange } from '../messaging/protocol';
import { parsePush } from '../messaging/validate';
import type { DetectedPaper, PaperId, PaperStatus } from '../model';
import { DEFAULT_SETTINGS, recordingBlockText, type Settings } from '../settings';
import { adapterFor, detectPage } from '../sites/registry';
import type { PageKind } from '../sites/types';
import { badgeButton, createBadge, placeBadge, placementOf, updateBadge, type BadgeModel } from './badge';
import { PageBar } from './bar';
import { citationLink, copyText, openLink } from './citation';
import { Dimmer } from './dim';
import { triageAction, deepActiveElement } from './keyboard';
import { StatusMenu, type MenuCommand, type MenuTarget } from './menu';
import { withRetry } from './retry';
import { badgeState, isNew, PageState, type Entry } from './state';
import { pageTheme, Styler } from './styles';
import { EntryWatcher, scopeFor } from './watch';
import { dispatchedByScript } from './trusted';

export type Ctx = Pick<ContentScriptContext, 'addEventListener' | 'onInvalidated' | 'setTimeout' | 'requestAnimationFrame' | 'isInvalid'>;

export interface TriageEnv {
  ctx: Ctx;
  doc: Document;
  win: Window;
  /** A request to the background (`request` from `lib/messaging/client`). */
  request<T extends RequestType>(type: T, data: RequestData<T>): Promise<RequestAnswer<T>>;
  /** Listens to messages from the background; answers a function that stops listening. */
  listen(listener: (message: unknown) => void): () => void;
  settings: {
    load(): Promise<Settings>;
    save(patch: Partial<Settings>): Promise<void>;
    watch(onChange: (patch: Partial<Settings>) => void): () => void;
  };
  /** Quiet time before looking at a changed page again (ms). */
  debounceMs?: number;
  /** How long to wait for a client-side navigation to render before reading the page anyway (ms). */
  navigationSettleMs?: number;
  /** Sleep between retries (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

export interface Triage {
  /** Settles when the current detection and recording pass is done (tests). */
  idle(): Promise<void>;
  /** Removes everything Lectern added to the page. */
  destroy(): void;
}

const MAX_IDS_PER_ENTRY = 101;

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** An entry's ids as `page.lookup` takes them: its own id first. */
function idsOf(paper: DetectedPaper): PaperId[] {
  return [paper.id, ...paper.aliases.filter((id) => id !== paper.id)].slice(0, MAX_IDS_PER_ENTRY);
}

const DIMMED: ReadonlySet<PaperStatus> = new Set(['read', 'dismissed']);

/** Entries asked for before the page's layout is read: the first ones in page order. */
const HEAD_ENTRIES = 40;
/** Entries looked up and shown first: those on screen, this many around them. */
const ON_SCREEN_MARGIN = 8;
/** At most this many entries count as on screen (a zoomed-out window). */
const MAX_ON_SCREEN = 120;
/**
 * Badges rendered per task. Each task that adds badges costs the page one style and layout pass over the
 * whole document (~100 ms on a 37,000-element listing, whatever the number of badges), so badges go in as
 * few tasks as possible; only very long pages are split, to keep each task short.
 */
const RENDER_CHUNK = 2_500;

export function startTriage(env: TriageEnv): Triage {
  const { ctx, doc, win } = env;
  performance.mark('lectern:start');

  const styler = new Styler(pageTheme(doc));
  const state = new PageState();
  const hosts = new Map<PaperId, HTMLElement>();
  const anchors = new Map<PaperId, Element>();
  const keyOfHost = new WeakMap<Element, PaperId>();
  const dimmer = new Dimmer();
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let kind: PageKind = 'none';
  let pageUrl = '';
  /** A report of the current page was answered: later entries are reported as `more`. */
  let reported = false;
  /** Resolves when the current page's first report is answered (actions wait for it). */
  let recorded = Promise.resolve();
  let markRecorded = () => {};
  let firstBadge = false;
  /** Keys of the entries on screen when the current pass began. */
  let onScreen = new Set<PaperId>();
  let busy = false;
  let statusText = '';
  /** Why the page's last report recorded nothing (recording off, paused, private window), if it did not. */
  let notRecorded: RequestAnswer<'page.report'>['notRecorded'];
  let cursor = -1;
  let destroyed = false;
  let locationChangedAt = 0;
  let pageChangedSinceLocation = true;

  const menu = new StatusMenu(doc, styler, (command, target) => runCommand(command, target));
  let bar: PageBar | undefined;

  // ---- passes: detect → look up → show → record, one at a time -------------------------------------------

  let queue: Promise<void> = Promise.resolve();
  const enqueue = () => {
    queue = queue.then(pass).catch((error: unknown) => {
      if (!ctx.isInvalid && !destroyed) console.warn('Lectern could not read this page:', error);
    });
    return queue;
  };

  const watcher = new EntryWatcher(
    () => {
      pageChangedSinceLocation = true;
      void enqueue();
    },
    {
      debounceMs: env.debounceMs ?? 250,
      setTimeout: (run, ms) => ctx.setTimeout(run, ms),
      clearTimeout: (id) => win.clearTimeout(id),
    },
  );

  function resetFor(url: string): void {
    menu.close(false);
    for (const host of hosts.values()) host.remove();
    hosts.clear();
    anchors.clear();
    dimmer.clear();
    state.clear();
    cursor = -1;
    pageUrl = url;
    reported = false;
    recorded = new Promise((resolve) => (markRecorded = resolve));
    statusText = '';
    notRecorded = undefined;
  }

  async function pass(): Promise<void> {
    if (destroyed || ctx.isInvalid) return;
    const url = win.location.href;
    const page = withoutFragment(url);
    if (page !== pageUrl) {
      // Client-side navigation: give the site time to render the new page before reading it.
      const waited = Date.now() - locationChangedAt;
      const settle = env.navigationSettleMs ?? 1_500;
      if (pageUrl && !pageChangedSinceLocation && waited < settle) {
        ctx.setTimeout(() => void enqueue(), settle - waited);
        return;
      }
      resetFor(page);
    }

    const started = performance.now();
    const detection = detectPage(doc, new URL(url));
    const detected = performance.now();
    performance.measure('lectern:detect', { start: started, end: detected, detail: { papers: detection.papers.length } });
    kind = detection.kind;

    const fresh: DetectedPaper[] = [];
    const freshAnchors: (Element | null)[] = [];
    const present = new Set<PaperId>();
    detection.papers.forEach((paper, i) => {
      present.add(paper.id);
      const anchor = detection.anchors[i] ?? null;
      if (state.has(paper.id)) {
        reattach(paper.id, anchor);
      } else {
        fresh.push(paper);
        freshAnchors.push(anchor);
      }
    });
    dropGone(present);
    watcher.watch(scopeFor(doc, detection.anchors));
    if (!fresh.length && state.entries.every((entry) => entry.recorded || entry.deleted)) {
      refreshPage();
      return;
    }

    const more = reported;
    state.add(fresh);
    fresh.forEach((paper, i) => {
      const anchor = freshAnchors[i];
      if (anchor) anchors.set(paper.id, anchor);
    });
    const stillHere = () => withoutFragment(win.location.href) === page && !destroyed;

    // Look up and show the entries on screen first, then the others, then record them all. The first
    // entries in page order are asked for at once (a page usually opens at its top), and which entries are
    // on screen is worked out while that answer travels (it needs the page's layout).
    const lookup = (part: DetectedPaper[]) =>
      part.length
        ? withRetry(() => env.request('page.lookup', { url, entries: part.map(idsOf), more }), env.sleep).then(
            (answer) => answer.states,
            () => undefined, // Without the stored states these badges wait for the report.
          )
        : Promise.resolve(undefined);
    const head = fresh.slice(0, HEAD_ENTRIES);
    const headLookup = lookup(head);
    const inHead = new Set(head.map((p) => p.id));
    const [screen] = splitByViewport(fresh, freshAnchors);
    onScreen = new Set(screen.map((p) => p.id));
    const screenRest = screen.filter((p) => !inHead.has(p.id));
    const screenLookup = lookup(screenRest);
    const rest = fresh.filter((p) => !inHead.has(p.id) && !onScreen.has(p.id));
    // The rest is asked for only once the screen's badges are in: its answer is long to read.
    const parts: [DetectedPaper[], () => Promise<LookedUpState[] | undefined>][] = [
      [head, () => headLookup],
      [screenRest, () => screenLookup],
      [rest, () => lookup(rest)],
    ];
    for (const [part, looked] of parts) {
      if (!part.length) continue;
      const states = await looked();
      if (!stillHere()) return;
      if (states) await renderInChunks(state.applyLookup(part.map((p) => p.id), states));
      if (!stillHere()) return;
    }
    markFirstBadge();

    // Record: these entries, and any whose report failed before (each entry is sent until it is answered).
    const entries = state.entries.filter((entry) => !entry.recorded && !entry.deleted).map((entry) => entry.paper);
    let answer: RequestAnswer<'page.report'>;
    try {
      answer = await withRetry(() => {
        const sendStarted = performance.now();
        const pending = env.request('page.report', { url, entries, more });
        performance.measure('lectern:send', { start: sendStarted, end: performance.now() });
        return pending;
      }, env.sleep);
    } catch (error) {
      // Actions do not wait for a report that will not come (they will say why they fail).
      markRecorded();
      throw error;
    }
    if (!stillHere()) return;
    const changed = state.applyReport(
      entries.map((p) => p.id),
      answer.states,
    );
    reported = true;
    notRecorded = answer.notRecorded;
    markRecorded();
    changed.forEach(refresh);
    refreshPage();
  }

  /**
   * The entries whose titles are on screen (with a few around them), and the others, each in page order.
   * Page order is screen order on listings, so a binary search finds the first one on screen with few
   * layout reads.
   */
  function splitByViewport(papers: readonly DetectedPaper[], titles: readonly (Element | null)[]): [DetectedPaper[], DetectedPaper[]] {
    const placed: number[] = [];
    titles.forEach((title, i) => {
      if (title) placed.push(i);
    });
    if (placed.length <= ON_SCREEN_MARGIN * 2) return [[...papers], []];
    const height = win.innerHeight;
    const rectOf = (i: number) => titles[placed[i]!]!.getBoundingClientRect();
    let lo = 0;
    let hi = placed.length - 1;
    let first = placed.length;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rectOf(mid).bottom >= 0) {
        first = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    let last = first;
    while (last + 1 < placed.length && last - first < MAX_ON_SCREEN && rectOf(last + 1).top < height) last++;
    const from = Math.max(0, first - ON_SCREEN_MARGIN);
    const to = Math.min(placed.length - 1, last + ON_SCREEN_MARGIN);
    const screen = new Set(placed.slice(from, to + 1));
    return [papers.filter((_, i) => screen.has(i)), papers.filter((_, i) => !screen.has(i))];
  }

  /** Renders badges a chunk at a time, yielding between chunks so the page stays responsive. */
  async function renderInChunks(entries: readonly Entry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += RENDER_CHUNK) {
      if (i > 0) await new Promise<void>((resolve) => ctx.setTimeout(resolve, 0));
      if (destroyed) return;
      render(entries.slice(i, i + RENDER_CHUNK));
    }
  }

  // ---- badges ----------------------------------------------------------------------------------------------

  function modelOf(entry: Entry, busyEntry = false): BadgeModel {
    return {
      recordId: entry.recordId,
      state: badgeState(entry),
      newSinceVisit: entry.newSinceVisit,
      title: entry.paper.title,
      busy: busyEntry,
    };
  }

  function render(entries: readonly Entry[]): void {
    const start = performance.now();
    let count = 0;
    // Read the page first (where each badge goes), then write: one style computation for all.
    const todo = entries.flatMap((entry) => {
      const anchor = anchors.get(entry.key);
      if (!anchor || hosts.has(entry.key) || entry.deleted || !entry.known) return [];
      return [{ entry, anchor, placement: placementOf(anchor) }];
    });
    for (const { entry, anchor, placement } of todo) {
      const host = createBadge(doc, modelOf(entry), styler, onBadge);
      keyOfHost.set(host, entry.key);
      placeBadge(anchor, host, placement);
      hosts.set(entry.key, host);
      count++;
    }
    if (!count) return;
    const end = performance.now();
    performance.measure('lectern:badges', { start, end, detail: { badges: count } });
    if (entries.some((entry) => onScreen.has(entry.key))) markFirstBadge();
  }

  /** Marks the first frame that shows a badge on screen (or, with none on screen, the first pass's end). */
  function markFirstBadge(): void {
    if (firstBadge || !hosts.size) return;
    firstBadge = true;
    // After the next rendering opportunity: the frame that shows them.
    ctx.requestAnimationFrame(() => ctx.setTimeout(() => performance.mark('lectern:first-badge'), 0));
  }

  function refresh(entry: Entry): void {
    const host = hosts.get(entry.key);
    if (entry.deleted) {
      host?.remove();
      hosts.delete(entry.key);
      if (menu.openFor === host) menu.close(false);
      return;
    }
    if (!host) {
      render([entry]);
      return;
    }
    updateBadge(host, modelOf(entry));
    if (menu.openFor === host) menu.setStatus(entry.status);
  }

  /** Puts a badge back when the site re-rendered the title it was next to (or shows one only now). */
  function reattach(key: PaperId, anchor: Element | null): void {
    if (!anchor) return;
    anchors.set(key, anchor);
    const host = hosts.get(key);
    if (host && !host.isConnected) placeBadge(anchor, host);
    const entry = state.get(key);
    if (!host && entry?.known) render([entry]);
  }

  /** Forgets entries the page no longer shows (their titles left the document). */
  function dropGone(present: ReadonlySet<PaperId>): void {
    const gone: PaperId[] = [];
    for (const entry of state.entries) {
      if (present.has(entry.key)) continue;
      const anchor = anchors.get(entry.key);
      if (anchor && anchor.isConnected) continue;
      gone.push(entry.key);
      if (anchor) dimmer.set(anchor, false);
      hosts.get(entry.key)?.remove();
      hosts.delete(entry.key);
      anchors.delete(entry.key);
    }
    state.remove(gone);
  }

  function entryOfHost(host: Element): Entry | undefined {
    const key = keyOfHost.get(host);
    return key === undefined ? undefined : state.get(key);
  }

  function onBadge(host: HTMLElement): void {
    const entry = entryOfHost(host);
    const button = badgeButton(host);
    if (!entry || !button) return;
    if (menu.openFor === host) {
      menu.close(true);
      return;
    }
    cursor = state.shown.indexOf(entry);
    menu.open({ host, button, title: entry.paper.title, status: entry.status });
  }

  // ---- actions ---------------------------------------------------------------------------------------------

  async function runCommand(command: MenuCommand, target: MenuTarget): Promise<string | void> {
    const entry = entryOfHost(target.host);
    if (!entry) return;
    if (command.kind === 'status') return setStatusOf(entry, command.status);
    if (command.kind === 'library') {
      await recorded;
      await env.request('page.openInLibrary', { id: entry.recordId });
      return;
    }
    const link = citationLink(entry.paper);
    if (!link) return 'No link to copy.';
    return (await copyText(link, target.host.shadowRoot ?? undefined)) ? 'Link copied.' : 'Could not copy the link.';
  }

  async function setStatusOf(entry: Entry, status: PaperStatus): Promise<void> {
    await recorded;
    const from = entry.status;
    if (from === status || entry.deleted) return;
    const host = hosts.get(entry.key);
    if (host) updateBadge(host, modelOf(entry, true));
    if (entry.unrecorded) {
      await saveUnrecorded([entry], status).catch(() => undefined);
      for (const e of state.entries) if (e.recordId === entry.recordId) refresh(e);
      refreshPage();
      return;
    }
    try {
      const now = await env.request('page.setStatus', { id: entry.recordId, status });
      state.setStatus([entry.recordId], now);
      state.pushUndo({ recordIds: [entry.recordId], from, to: now });
      statusText = '';
    } catch (error) {
      statusText = `Could not change the status: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      for (const e of state.entries) if (e.recordId === entry.recordId) refresh(e);
      refreshPage();
    }
  }

  /**
   * Saves entries the library does not hold yet (automatic recording is off) with `status`: they are
   * recorded now. Undo moves them back to `seen` (recorded, untriaged). Answers how many were saved.
   */
  async function saveUnrecorded(entries: readonly Entry[], status: PaperStatus): Promise<number> {
    if (!entries.length) return 0;
    try {
      const states = await env.request('page.save', { url: win.location.href, entries: entries.map((e) => e.paper), status });
      applyLocal(state.applyReport(entries.map((e) => e.key), states));
      const ids = [...new Set(states.filter((s) => s.status === status).map((s) => s.recordId))];
      state.pushUndo({ recordIds: ids, from: 'seen', to: status });
      statusText = '';
      return ids.length;
    } catch (error) {
      statusText = `Could not save: ${error instanceof Error ? error.message : String(error)}`;
      throw error;
    }
  }

  async function bulk(status: 'unread' | 'dismissed'): Promise<void> {
    await recorded;
    const unrecorded = state.entries.filter((entry) => entry.unrecorded && isNew(entry));
    const skip = new Set(unrecorded.map((entry) => entry.recordId));
    const ids = state.newRecordIds().filter((id) => !skip.has(id));
    if ((!ids.length && !unrecorded.length) || busy) return;
    busy = true;
    refreshPage();
    try {
      const saved = await saveUnrecorded(unrecorded, status);
      const changed = ids.length ? await env.request('page.setStatuses', { ids, status, from: ['seen'] }) : [];
      applyLocal(state.setStatus(changed, status));
      state.pushUndo({ recordIds: changed, from: 'seen', to: status });
      const n = changed.length + saved;
      statusText = status === 'unread' ? `Saved ${n} to read.` : `Dismissed ${n}.`;
    } catch (error) {
      statusText = `Could not change the statuses: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      busy = false;
      refreshPage();
    }
  }

  async function undo(): Promise<void> {
    await recorded;
    const step = state.popUndo();
    if (!step || busy) return;
    busy = true;
    refreshPage();
    try {
      const changed = await env.request('page.setStatuses', { ids: step.recordIds, status: step.status, from: [step.onlyFrom] });
      applyLocal(state.setStatus(changed, step.status));
      statusText = changed.length ? `Undone (${changed.length}).` : 'Nothing to undo: those papers changed since.';
    } catch (error) {
      statusText = `Could not undo: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      busy = false;
      refreshPage();
    }
  }

  function applyLocal(changed: readonly Entry[]): void {
    changed.forEach(refresh);
  }

  function onPush(message: unknown): void {
    const push = parsePush(message);
    if (!push.ok || destroyed) return;
    if (push.value.type === 'page.statusChanged') applyChanges(push.value.data.changes);
  }

  function applyChanges(changes: readonly StatusChange[]): void {
    const changed = state.applyChanges(changes);
    if (!changed.length) return;
    changed.forEach(refresh);
    refreshPage();
  }

  // ---- page bar, dimming -----------------------------------------------------------------------------------

  function refreshPage(): void {
    if (destroyed) return;
    applyDims();
    const { total, fresh } = state.counts();
    if (kind !== 'list' || total === 0) {
      bar?.destroy();
      bar = undefined;
      return;
    }
    bar ??= new PageBar(doc, styler, {
      saveAllNew: () => void bulk('unread'),
      dismissAllNew: () => void bulk('dismissed'),
      undo: () => void undo(),
      setKeyboard: (on) => void changeSettings({ keyboardTriage: on }),
      setDim: (on) => void changeSettings({ dimTriaged: on }),
      setCollapsed: (collapsed) => void changeSettings({ barCollapsed: collapsed }),
    });
    bar.update({
      total,
      fresh,
      keyboard: settings.keyboardTriage,
      dim: settings.dimTriaged,
      collapsed: settings.barCollapsed,
      canUndo: state.canUndo,
      busy,
      status: statusText,
      notice: notRecorded ? recordingBlockText(notRecorded) : '',
    });
    bar.mount();
  }

  function applyDims(): void {
    const on = settings.dimTriaged && kind === 'list';
    for (const entry of state.entries) {
      const anchor = anchors.get(entry.key);
      if (anchor) dimmer.set(anchor, on && !entry.deleted && DIMMED.has(entry.status));
    }
  }

  async function changeSettings(patch: Partial<Settings>): Promise<void> {
    settings = { ...settings, ...patch };
    refreshPage();
    await env.settings.save(patch).catch(() => undefined);
  }

  // ---- keyboard triage -------------------------------------------------------------------------------------

  function currentEntry(): Entry | undefined {
    const active = deepActiveElement(doc);
    const host = active?.getRootNode() instanceof ShadowRoot ? (active.getRootNode() as ShadowRoot).host : undefined;
    const focused = host ? entryOfHost(host) : undefined;
    if (focused) return focused;
    return state.shown[cursor];
  }

  /** The first entry whose badge is at or below the top of the viewport (a binary search: page order). */
  function firstVisibleIndex(list: readonly Entry[]): number {
    let lo = 0;
    let hi = list.length - 1;
    let found = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const host = hosts.get(list[mid]!.key);
      const bottom = host?.isConnected ? host.getBoundingClientRect().bottom : Number.POSITIVE_INFINITY;
      if (bottom >= 0) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found;
  }

  function move(delta: 1 | -1): void {
    const list = state.shown.filter((entry) => hosts.get(entry.key)?.isConnected);
    if (!list.length) return;
    const current = currentEntry();
    const at = current ? list.indexOf(current) : -1;
    const next = at === -1 ? firstVisibleIndex(list) : Math.max(0, Math.min(list.length - 1, at + delta));
    const entry = list[next]!;
    cursor = state.shown.indexOf(entry);
    const host = hosts.get(entry.key)!;
    badgeButton(host)?.focus({ preventScroll: true });
    host.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  function onKey(event: KeyboardEvent): void {
    if (dispatchedByScript(event)) return;
    if (!settings.keyboardTriage || kind !== 'list' || destroyed) return;
    const action = triageAction(event, doc);
    if (!action) return;
    event.preventDefault();
    const entry = currentEntry();
    switch (action) {
      case 'next':
        return move(1);
      case 'previous':
        return move(-1);
      case 'save':
        if (entry) void setStatusOf(entry, 'unread');
        return;
      case 'read':
        if (entry) void setStatusOf(entry, 'read');
        return;
      case 'dismiss':
        if (entry) void setStatusOf(entry, 'dismissed');
        return;
      case 'open': {
        const link = entry && openLink(entry.paper);
        if (link) win.open(link, '_blank', 'noopener,noreferrer');
        return;
      }
      case 'undo':
        void undo();
        return;
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------------------

  ctx.addEventListener(win, 'keydown', onKey as (event: Event) => void);
  ctx.addEventListener(win, 'wxt:locationchange', () => {
    locationChangedAt = Date.now();
    pageChangedSinceLocation = false;
    // The site may replace the whole list: watch the whole page until the next pass scopes it again.
    if (doc.body) watcher.watch(doc.body);
    watcher.schedule();
  });
  const stopListening = env.listen(onPush);
  const stopSettings = env.settings.watch((patch) => {
    settings = { ...settings, ...patch };
    refreshPage();
  });
  void env.settings
    .load()
    .then((loaded) => {
      settings = loaded;
      refreshPage();
    })
    .catch(() => undefined);

  // The site's theme (Hugging Face switches with a class on <html>; others follow the system).
  const themeObserver = new MutationObserver(() => styler.setTheme(pageTheme(doc)));
  const themeTargets = [doc.documentElement, doc.body].filter((el): el is HTMLElement => el !== null);
  for (const target of themeTargets) {
    themeObserver.observe(target, { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-mode'] });
  }
  const scheme = win.matchMedia?.('(prefers-color-scheme: dark)');
  if (scheme) ctx.addEventListener(scheme, 'change', () => styler.setTheme(pageTheme(doc)));

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    watcher.stop();
    themeObserver.disconnect();
    stopListening();
    stopSettings();
    menu.destroy();
    bar?.destroy();
    dimmer.clear();
    for (const host of hosts.values()) host.remove();
    hosts.clear();
  }
  ctx.onInvalidated(destroy);

  // On a page an adapter serves, wake the background and its database while the page is being read: an
  // empty lookup, so that the real one (on the way to the first badge) finds both ready.
  if (adapterFor(win.location.href)) {
    env.request('page.lookup', { url: win.location.href, entries: [] }).catch(() => undefined);
  }
  void enqueue();

  return {
    idle: async () => {
      let current: Promise<void>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },
    destroy,
  };
}
