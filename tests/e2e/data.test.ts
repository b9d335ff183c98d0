/**
 * Data safety end to end: the side panel exports BibTeX and a full backup from one browser profile, and a
 * fresh profile restores the backup and shows the same library; a broken file is refused with a message and
 * changes nothing.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCase } from '../helpers/fixtures';
import { eventually, launch, storedPapers, tabIdOf } from './harness';

const QFIN = fixtureCase('arxiv-rendered/list-q-fin-new');

describe('export, backup and restore from the side panel', () => {
  it('moves a library to a fresh profile through a backup file', async () => {
    const downloads = mkdtempSync(path.join(tmpdir(), 'lectern-downloads-'));
    const first = await launch();
    let backupPath: string;
    try {
      await first.serve(QFIN.url, QFIN.html());
      const listing = await first.context.newPage();
      await listing.goto(QFIN.url);
      await eventually(async () => expect(await storedPapers(first)).toHaveLength(QFIN.truth.entries.length));
      const popup = await first.extensionPage(`popup.html?tabId=${await tabIdOf(first, QFIN.url)}`);
      await popup.getByRole('button', { name: 'Save all' }).click();
      await eventually(async () =>
        expect((await storedPapers(first)).every((p) => p.status === 'unread')).toBe(true),
      );

      const panel = await first.extensionPage('sidepanel.html#/data');
      const [bibtex] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'BibTeX', exact: true }).click()]);
      const bibPath = path.join(downloads, 'library.bib');
      await bibtex.saveAs(bibPath);
      const bib = readFileSync(bibPath, 'utf8');
      expect(bib.match(/^@\w+\{/gm)).toHaveLength(QFIN.truth.entries.length);
      expect(bib).toMatch(/eprint\s*=\s*\{2303\.08867\}/);

      const [backup] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Back up now' }).click()]);
      backupPath = path.join(downloads, 'backup.json');
      await backup.saveAs(backupPath);
      expect(JSON.parse(readFileSync(backupPath, 'utf8'))).toMatchObject({ format: 'lectern-backup', formatVersion: 2 });
    } finally {
      await first.close();
    }

    const second = await launch();
    try {
      const panel = await second.extensionPage('sidepanel.html#/data');
      // A broken file is refused with a message, and nothing is written.
      const brokenPath = path.join(downloads, 'broken.json');
      writeFileSync(brokenPath, readFileSync(backupPath, 'utf8').slice(0, 500));
      await panel.locator('input[type=file][accept^=".json"]').setInputFiles(brokenPath);
      await expect(panel.getByRole('alert').textContent()).resolves.toMatch(/not a backup Lectern can restore/);
      expect(await storedPapers(second)).toEqual([]);

      await panel.locator('input[type=file][accept^=".json"]').setInputFiles(backupPath);
      await panel.getByRole('button', { name: 'Merge into the library' }).click();
      await eventually(async () => expect(await panel.getByRole('status').textContent()).toMatch(/Restored: 16 added/));
      // The list draws only the rows in view: make room for all of them.
      await panel.setViewportSize({ width: 900, height: 2400 });
      await panel.goto(panel.url().replace(/#.*$/, '#/view/unread'));
      await eventually(async () => expect(await panel.locator('.paper-row').count()).toBe(QFIN.truth.entries.length));
      const titles = await panel.locator('.paper-title').allTextContents();
      expect(new Set(titles)).toEqual(new Set(QFIN.truth.entries.map((e) => e.title)));
    } finally {
      await second.close();
    }
  });
});
