/**
 * Recording under load and through service-worker deaths, in real Chromium:
 *
 * - ten tabs open overlapping 200-entry listings at the same moment (arXiv listings, arXiv search results
 *   that prove an arXiv id and a DOI name one paper, dblp results that show the DOI only, Hugging Face
 *   daily papers), round after round, with statuses set between rounds: afterwards every id shown is found
 *   by exactly one record (nothing lost, no duplicate), ids a page proved one paper share a record, statuses
 *   never regress and abstracts once recorded stay;
 * - the service worker is stopped (CDP `ServiceWorker.stopAllWorkers`) at a random moment within the
 *   measured recording time of a 2,000-entry listing: the batch is in the library entirely or not at all
 *   at every moment, and the content script's retry records it in the end.
 *
 * Quick by default (3 rounds, 3 stops); `npm run stress` raises them (LECTERN_STRESS_ROUNDS, _KILLS).
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFromEnv, writeFigures } from '../stress/figures';
import { idsShown, listingPage, seededRandom, syntheticPaper, type ListingKind, type SyntheticPaper } from '../stress/listings';
import { eventually, launch, type Session } from './harness';

const ROUNDS = countFromEnv('LECTERN_STRESS_ROUNDS', 3);
const KILLS = countFromEnv('LECTERN_STRESS_KILLS', 3);
const TABS = 10;
const ENTRIES_PER_TAB = 200;
const POOL = 800;
const BATCH = 2_000;
const SEED = 8_2026;

/** What each of the ten tabs shows, every round. */
const TAB_KINDS: ListingKind[] = ['arxiv-list', 'arxiv-search', 'dblp', 'huggingface', 'arxiv-list', 'arxiv-search', 'dblp', 'arxiv-list', 'huggingface', 'arxiv-search'];

interface Row {
  id: string;
  aliases: string[];
  title: string;
  abstract?: string;
  status: string;
}

const STATUS_ORDER: Record<string, number> = { seen: 0, dismissed: 1, unread: 2, reading: 3, read: 4 };

/** Pages served by URL; everything else stays refused by the harness. */
function servePages(session: Session): Map<string, string> {
  const pages = new Map<string, string>();
  void session.context.route(/^https:\/\/(?:arxiv\.org|dblp\.org|huggingface\.co)\//, (route) => {
    const body = pages.get(route.request().url());
    if (body === undefined) return route.abort();
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  return pages;
}

/** Every paper row, read raw from IndexedDB in an extension page (same origin as the service worker). */
const allPapers = (probe: Page) =>
  probe.evaluate(
    () =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('papers')) return db.close(), resolve([]);
          const all = db.transaction('papers').objectStore('papers').getAll();
          all.onsuccess = () => (db.close(), resolve(all.result as Row[]));
          all.onerror = () => (db.close(), reject(all.error));
        };
      }),
  );

/** Sets statuses as a user would have (raw writes of the status alone). */
const setStatuses = (probe: Page, changes: [string, string][]) =>
  probe.evaluate(
    (list) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('papers', 'readwrite');
          const store = tx.objectStore('papers');
          for (const [id, status] of list) {
            const get = store.get(id);
            get.onsuccess = () => {
              if (get.result) store.put({ ...get.result, status });
            };
          }
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    changes,
  );

/** How many records have an id starting with `prefix` (one month's arXiv ids). */
const countWithPrefix = (probe: Page, prefix: string) =>
  probe.evaluate(
    (p) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('papers')) return db.close(), resolve(0);
          const count = db.transaction('papers').objectStore('papers').count(IDBKeyRange.bound(p, `${p}\uffff`));
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => (db.close(), reject(count.error));
        };
      }),
    prefix,
  );

describe('recording under load and through service-worker stops', () => {
  let session: Session;
  let probe: Page;
  let pages: Map<string, string>;
  beforeAll(async () => {
    session = await launch();
    pages = servePages(session);
    probe = await session.extensionPage('popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  it(`ten tabs record overlapping 200-entry listings at once, ${ROUNDS} rounds: nothing lost, no duplicate, merges kept`, async () => {
    const random = seededRandom(SEED);
    const pool = Array.from({ length: POOL }, (_, i) => syntheticPaper('2611', i));
    const tabs = await Promise.all(TAB_KINDS.map(() => session.context.newPage()));
    /** Ids shown so far, and which ids a page proved to be one paper. */
    const shown = new Set<string>();
    const provenTogether = new Map<string, string>();
    /** Expected status per id (the status set on its record; merged records keep the more advanced). */
    const expectedStatus = new Map<string, string>();
    const abstractShown = new Set<string>();
    let losses = 0;
    let duplicates = 0;
    let regressions = 0;
    let statusesSet = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const urls = TAB_KINDS.map((kind, t) => {
        const start = Math.floor(random() * POOL);
        const papers: SyntheticPaper[] = Array.from({ length: ENTRIES_PER_TAB }, (_, i) => pool[(start + i) % POOL]!);
        const withAbstract = (i: number) => (i + round) % 3 === 0;
        const url = {
          'arxiv-list': `https://arxiv.org/list/cs.LG/pastweek?skip=${round}&show=${t}`,
          'arxiv-search': `https://arxiv.org/search/?query=r${round}t${t}&searchtype=all`,
          dblp: `https://dblp.org/search?q=r${round}t${t}`,
          huggingface: `https://huggingface.co/papers/date/${new Date(Date.UTC(2026, 0, 1 + round * TABS + t)).toISOString().slice(0, 10)}`,
        }[kind];
        pages.set(url, listingPage(kind, papers, withAbstract));
        papers.forEach((p, i) => {
          const ids = idsShown(kind, p);
          for (const id of ids) shown.add(id);
          if (ids.length > 1) provenTogether.set(ids[0]!, ids[1]!);
          if (kind === 'arxiv-list' && withAbstract(i)) abstractShown.add(`arxiv:${p.arxiv}`);
        });
        return url;
      });

      // All ten at the same moment.
      await Promise.all(tabs.map((tab, t) => tab.goto(urls[t]!, { waitUntil: 'domcontentloaded' })));

      // A tab's report is answered once the background remembers the tab's page (session storage).
      await eventually(async () => {
        const remembered = await probe.evaluate(async () => Object.values(await chrome.storage.session.get(null)).map((v) => (v as { url?: string }).url));
        const waiting = urls.filter((url) => !remembered.includes(url));
        if (waiting.length) throw new Error(`round ${round}: ${waiting.length} tabs not recorded, e.g. ${waiting[0]}`);
      }, 60_000);

      const byAlias = new Map<string, Row[]>();
      const rows = await eventually(async () => {
        const found = await allPapers(probe);
        byAlias.clear();
        for (const row of found) for (const alias of new Set([row.id, ...row.aliases])) byAlias.set(alias, [...(byAlias.get(alias) ?? []), row]);
        const missing = [...shown].filter((id) => !byAlias.has(id));
        if (missing.length) throw new Error(`round ${round}: ${missing.length} ids not found, e.g. ${missing.slice(0, 3).join(', ')}`);
        return found;
      }, 60_000).catch((error: unknown) => {
        losses++;
        throw error;
      });

      const dup = [...byAlias].filter(([, records]) => records.length > 1);
      duplicates += dup.length;
      expect(dup.map(([alias, records]) => `${alias}: ${records.map((r) => r.id).join(' ')}`), `round ${round}: aliases held by two records`).toEqual([]);
      const apart = [...provenTogether].filter(([a, b]) => byAlias.get(a)![0]!.id !== byAlias.get(b)![0]!.id);
      expect(apart, `round ${round}: ids a page proved one paper are in two records`).toEqual([]);
      const wrong: string[] = [];
      for (const row of rows) {
        const want = [row.id, ...row.aliases].reduce((best, id) => {
          const s = expectedStatus.get(id);
          return s && STATUS_ORDER[s]! > STATUS_ORDER[best]! ? s : best;
        }, 'seen');
        if (row.status !== want) wrong.push(`${row.id}: status ${row.status}, expected ${want}`);
        if (!row.title.startsWith('Synthetic paper ')) wrong.push(`${row.id}: title ${row.title}`);
        if (row.aliases.some((a) => abstractShown.has(a)) && !row.abstract) wrong.push(`${row.id}: abstract lost`);
      }
      regressions += wrong.length;
      expect(wrong.slice(0, 10), `round ${round}: merge rules`).toEqual([]);

      // Between rounds the user triages a few papers: later recording must keep these statuses.
      const picks = Array.from({ length: 8 }, () => rows[Math.floor(random() * rows.length)]!);
      const changes: [string, string][] = picks.map((row) => [row.id, ['unread', 'reading', 'read', 'dismissed'][Math.floor(random() * 4)]!]);
      const picked = new Map(changes);
      await setStatuses(probe, [...picked]);
      for (const row of rows) {
        const status = picked.get(row.id);
        if (status) for (const id of [row.id, ...row.aliases]) expectedStatus.set(id, status);
      }
      statusesSet += picked.size;
    }
    await Promise.all(tabs.map((tab) => tab.close()));
    writeFigures('concurrency', { rounds: ROUNDS, tabs: TABS, entriesPerTab: ENTRIES_PER_TAB, ids: shown.size, losses, duplicates, regressions, statusesSet });
  }, 60_000 + ROUNDS * 60_000);

  it(`the service worker stopped at random moments while recording a ${BATCH}-entry listing, ${KILLS} times: all or nothing, then recorded`, async () => {
    const random = seededRandom(SEED + 1);
    const cdp: CDPSession = await session.context.newCDPSession(probe);
    await cdp.send('ServiceWorker.enable');

    // The content script's report leaves the page: `lectern:send` in the page's User Timing buffer.
    const sent: ((at: number) => void)[] = [];
    // The observer is told late (observers run when the page is idle): it passes the measure's own time.
    await session.context.exposeBinding('__lecternReportSent', (_source, at: number) => sent.shift()?.(at));
    await session.context.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.name !== 'lectern:send') continue;
          (window as unknown as { __lecternReportSent(at: number): void }).__lecternReportSent(performance.timeOrigin + entry.startTime);
        }
      }).observe({ entryTypes: ['measure'] });
    });

    /**
     * Resolves when the worker starts (or finishes) the recording transaction: a read-write one over visits.
     * The worker opens the library as it starts (its safety check reads it), before this probe can run, and
     * Dexie binds `IDBDatabase.prototype.transaction` when it opens: so the probe watches the first store a
     * transaction touches (`IDBTransaction.prototype.objectStore` is looked up on every request), which the
     * recording does at once.
     */
    const watchTransaction = async (worker: Worker) => {
      const started = worker
        .evaluate(
          () =>
            new Promise<number>((resolve) => {
              const g = globalThis as unknown as { __lecternTxDone?: Promise<number> };
              let finish: (at: number) => void = () => {};
              g.__lecternTxDone = new Promise<number>((r) => (finish = r));
              const seen = new WeakSet<IDBTransaction>();
              const original = IDBTransaction.prototype.objectStore;
              IDBTransaction.prototype.objectStore = function (this: IDBTransaction, name: string) {
                if (!seen.has(this)) {
                  seen.add(this);
                  if (this.mode === 'readwrite' && this.objectStoreNames.contains('visits')) {
                    resolve(Date.now());
                    this.addEventListener('complete', () => finish(Date.now()));
                  }
                }
                return original.call(this, name);
              };
            }),
        )
        .catch(() => undefined);
      const done = (async () => {
        await new Promise((r) => setTimeout(r, 50));
        return worker.evaluate(() => (globalThis as unknown as { __lecternTxDone: Promise<number> }).__lecternTxDone).catch(() => undefined);
      })();
      return { started, done };
    };

    const month = (k: number) => `${String(21 + Math.floor(k / 12)).padStart(2, '0')}${String((k % 12) + 1).padStart(2, '0')}`;
    const tab = await session.context.newPage();
    /** Loads batch `k` and answers when the report was sent, and the recording transaction's progress. */
    const loadBatch = async (k: number) => {
      const yymm = month(k);
      const url = `https://arxiv.org/list/math.CO/${yymm}?skip=0&show=2000`;
      pages.set(url, listingPage('arxiv-list', Array.from({ length: BATCH }, (_, i) => syntheticPaper(yymm, i, 1_200)), () => true));
      // A fresh worker for each batch: stop the current one and wake a new one, whose handle is not stale.
      const fresh = session.context.waitForEvent('serviceworker', { timeout: 15_000 });
      await cdp.send('ServiceWorker.stopAllWorkers');
      await probe.evaluate(() => chrome.runtime.sendMessage({ wake: true }).catch(() => undefined));
      const worker = await fresh.catch(() => session.worker());
      const tx = await watchTransaction(worker);
      const flags = { started: false, done: false };
      void tx.started.then((at) => (flags.started = at !== undefined));
      void tx.done.then((at) => (flags.done = at !== undefined));
      const sentAt = new Promise<number>((resolve, reject) => {
        sent.push(resolve);
        setTimeout(() => reject(new Error(`batch ${k}: the page did not send its report within 60 s`)), 60_000);
      });
      await tab.goto(url, { waitUntil: 'commit' });
      const committedAt = Date.now();
      return { yymm, committedAt, sentAt, tx, flags };
    };

    // The recording time of one batch, measured here: from the report leaving the page to its transaction's end.
    // The page tells of its report late (observers run when it is idle), so stops are timed from the
    // navigation: the calibration batch gives how long after it the report leaves.
    const calibration = await loadBatch(0);
    const calibrationSent = await calibration.sentAt;
    const doneAt = await Promise.race([calibration.tx.done, new Promise<undefined>((r) => setTimeout(r, 60_000))]);
    expect(doneAt, 'the recording transaction was seen').toBeDefined();
    const recordingMs = Math.max(1, doneAt! - calibrationSent);
    const sendOffsetMs = Math.max(0, calibrationSent - calibration.committedAt);
    await eventually(async () => expect(await countWithPrefix(probe, `arxiv:${calibration.yymm}.`)).toBe(BATCH), 30_000);

    let midTransaction = 0;
    let lateStops = 0;
    let beforeTransaction = 0;
    let afterTransaction = 0;
    let partial = 0;
    let lost = 0;
    for (let k = 1; k <= KILLS; k++) {
      const batch = await loadBatch(k);
      // A moment within the recording time after the report is due to leave the page (at once if that
      // moment has passed already).
      const delay = random() * recordingMs;
      const wait = batch.committedAt + sendOffsetMs + delay - Date.now();
      if (wait < 0) lateStops++;
      await new Promise((r) => setTimeout(r, Math.max(0, wait)));
      void batch.sentAt.catch(() => undefined);
      const { started, done } = batch.flags;
      await cdp.send('ServiceWorker.stopAllWorkers');
      if (started && !done) midTransaction++;
      else if (done) afterTransaction++;
      else beforeTransaction++;

      // At every moment the batch is in the library entirely or not at all; in the end it is there.
      const prefix = `arxiv:${batch.yymm}.`;
      const seen = new Set<number>();
      try {
        await eventually(async () => {
          const count = await countWithPrefix(probe, prefix);
          seen.add(count);
          expect(count).toBe(BATCH);
        }, 45_000);
      } catch {
        lost++;
      }
      const partialCounts = [...seen].filter((n) => n !== 0 && n !== BATCH);
      if (partialCounts.length) partial++;
      expect(partialCounts, `stop ${k} (${Math.round(delay)} ms into the recording time): partial batch`).toEqual([]);
      expect(seen.has(BATCH), `stop ${k} (${Math.round(delay)} ms into the recording time): the page's entries were not recorded`).toBe(true);
    }
    await tab.close();
    writeFigures('kills', { kills: KILLS, killsMidTransaction: midTransaction, killsBeforeTransaction: beforeTransaction, killsAfterTransaction: afterTransaction, killsLate: lateStops, recordingMs: Math.round(recordingMs), partialBatches: partial, lostBatches: lost });
    // Stops that land in the transaction are the point of the test; with a handful of stops, at least one should.
    expect(midTransaction + beforeTransaction + afterTransaction).toBe(KILLS);
  }, 90_000 + KILLS * 60_000);
});
