/**
 * Shared by `scripts/seed.ts` and `bench/library.ts`: the bench-only page code (`library-page.ts`) bundled
 * as one script, and a quiet extension page to run it in.
 */
import { build } from 'vite';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../tests/helpers/fixtures';
import type { Session } from '../tests/e2e/harness';
import type * as LibraryPage from './library-page';

/** The TypeScript loader's `__name` helper, which pages do not have. */
export const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((f) => f);';

export type LibraryPageApi = typeof LibraryPage;

export async function libraryPageBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: path.join(PROJECT_ROOT, 'bench/library-page.ts'), formats: ['iife'], name: 'LecternBench' },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  const chunk = result && 'output' in result ? result.output.find((file) => file.type === 'chunk') : undefined;
  if (!chunk || chunk.type !== 'chunk') throw new Error('Could not bundle bench/library-page.ts');
  return chunk.code;
}

/**
 * An extension page that runs none of Lectern's own code (the manifest, shown as text, has the extension's
 * origin and so its IndexedDB), with the bench code loaded as `globalThis.LecternBench`. The protocol's
 * evaluation is not subject to the page's content security policy.
 */
export async function benchPage(session: Session, bundle: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/manifest.json`);
  await page.evaluate(`${NAME_HELPER}\n${bundle}\n;globalThis.LecternBench = LecternBench; true`);
  return page;
}
