/**
 * Runs the built extension in real headless Chromium and serves fixture pages at their real URLs.
 * Nothing reaches the network: every request not routed to a fixture is aborted.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/fixtures';

export const EXTENSION_DIR = path.join(PROJECT_ROOT, '.output', 'chrome-mv3');

export function chromiumPath(): string {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(
      `End-to-end tests need Chromium at ${executable}, which does not exist. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return executable;
}

export interface Session {
  context: BrowserContext;
  extensionId: string;
  /** A fresh handle on the service worker (handles go stale after long idle periods). */
  worker(): Promise<Worker>;
  /** Serve `body` as HTML at `url` (exact URL, query included). */
  serve(url: string, body: string): Promise<void>;
  extensionPage(pathAndQuery: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The unpacked extension to load; the regular Chrome build (`EXTENSION_DIR`) by default. */
  extensionDir?: string;
  /** A browser profile folder to use and keep (benchmarks); a fresh temporary one, removed on close, by default. */
  profileDir?: string;
}

export async function launch({ extensionDir = EXTENSION_DIR, profileDir }: LaunchOptions = {}): Promise<Session> {
  const executablePath = chromiumPath();
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first (npm test does).`);
  }
  const profile = profileDir ?? mkdtempSync(path.join(tmpdir(), 'lectern-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Everything not served below is refused: the tests never touch the network.
  await context.route(/^https?:\/\//, (route) => route.abort());
  const initial = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(initial.url()).host;

  return {
    context,
    extensionId,
    async worker() {
      const current = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return current ?? (await context.waitForEvent('serviceworker'));
    },
    async serve(url, body) {
      await context.route(url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
      );
    },
    async extensionPage(pathAndQuery) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${pathAndQuery}`);
      return page;
    },
    async close() {
      await context.close();
      if (!profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface StoredPaper {
  id: string;
  aliases: string[];
  title: string;
  authors: string[];
  abstract?: string;
  status: string;
}

/** Reads every paper straight from IndexedDB in the service worker (raw API, independent of Dexie). */
export async function storedPapers(session: Session): Promise<StoredPaper[]> {
  const worker = await session.worker();
  return worker.evaluate(
    () =>
      new Promise<StoredPaper[]>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('papers')) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction('papers').objectStore('papers').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as StoredPaper[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Polls until `check` passes (it throws while not yet), for up to `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** The browser's id for the tab showing `url`, asked of the extension itself. */
export async function tabIdOf(session: Session, url: string): Promise<number> {
  const worker = await session.worker();
  const id = await worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

/** Empties every table of the library (raw IndexedDB in the service worker), for tests that need a clean slate. */
export async function clearLibrary(session: Session): Promise<void> {
  const worker = await session.worker();
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          if (names.length === 0) {
            db.close();
            resolve();
            return;
          }
          const tx = db.transaction(names, 'readwrite');
          for (const name of names) tx.objectStore(name).clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
