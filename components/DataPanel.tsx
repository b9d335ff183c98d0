import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { exportBackupChunks, parseBackup, type BackupFile } from '../lib/backup';
import { importPapers, restoreBackup, type RestoreMode } from '../lib/db/restore';
import type { LecternDB } from '../lib/db/schema';
import { toBibtex, toCslJson, toCsv, toMarkdown, toRis } from '../lib/export';
import { parseBibtex, parseCslJson } from '../lib/import';
import { loadSettings, saveSettings, settingsForBackup, settingsFromBackup } from '../lib/settings';
import { AutoBackupSettings } from './AutoBackupSettings';
import { downloadText, stamp } from './download';

const FORMATS = [
  { key: 'bibtex', label: 'BibTeX', ext: 'bib', type: 'application/x-bibtex', render: toBibtex },
  { key: 'csl', label: 'CSL-JSON', ext: 'json', type: 'application/json', render: toCslJson },
  { key: 'ris', label: 'RIS', ext: 'ris', type: 'application/x-research-info-systems', render: toRis },
  { key: 'csv', label: 'CSV', ext: 'csv', type: 'text/csv', render: toCsv },
  { key: 'markdown', label: 'Markdown', ext: 'md', type: 'text/markdown', render: toMarkdown },
] as const;

type Notice = { kind: 'ok' | 'error' | 'busy'; text: string } | null;

function appVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '0.0.0';
  }
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as { issues: unknown }).issues)) {
    const { message, issues } = error as { message: string; issues: string[] };
    const shown = issues.slice(0, 5).join('; ');
    return `${message}${shown ? ` — ${shown}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function StorageUse() {
  const [state, setState] = useState<{ usage?: number; quota?: number; persisted?: boolean }>({});
  const refresh = () =>
    Promise.all([navigator.storage?.estimate?.(), navigator.storage?.persisted?.()]).then(([estimate, persisted]) =>
      setState({ usage: estimate?.usage, quota: estimate?.quota, persisted }),
    );
  useEffect(() => void refresh(), []);
  const mb = (n: number | undefined) => (n === undefined ? '?' : `${(n / 1_048_576).toFixed(1)} MB`);
  return (
    <section aria-labelledby="storage-heading">
      <h3 id="storage-heading">Storage</h3>
      <p>
        The library uses {mb(state.usage)}
        {state.quota ? ` of ${mb(state.quota)} available` : ''}.{' '}
        {state.persisted ? 'The browser keeps it even when space runs low.' : 'The browser may clear it when space runs low.'}
      </p>
      {!state.persisted && (
        <button type="button" onClick={() => void navigator.storage.persist().then(refresh)}>
          Ask the browser to keep it
        </button>
      )}
    </section>
  );
}

/** Export, import, backup and restore of the whole library. */
export function DataPanel({ db }: { db: LecternDB }) {
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<{ name: string; text: string; papers: number } | null>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [withSnapshots, setWithSnapshots] = useState(false);
  const busy = notice?.kind === 'busy';

  const run = async (label: string, work: () => Promise<string>) => {
    setNotice({ kind: 'busy', text: `${label}…` });
    try {
      setNotice({ kind: 'ok', text: await work() });
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(error) });
    }
  };

  const exportAs = (format: (typeof FORMATS)[number]) =>
    run(`Exporting ${format.label}`, async () => {
      const papers = await db.papers.orderBy('firstSeenAt').toArray();
      downloadText(`lectern-${stamp(Date.now())}.${format.ext}`, format.render(papers), format.type);
      return `Exported ${papers.length} papers as ${format.label}.`;
    });

  const backup = () =>
    run('Writing the backup', async () => {
      const chunks: string[] = [];
      for await (const chunk of exportBackupChunks(db, {
        appVersion: appVersion(),
        now: Date.now(),
        includeSnapshots: withSnapshots,
        settings: settingsForBackup(await loadSettings()),
        onProgress: (p) => setNotice({ kind: 'busy', text: `Writing the backup: ${p.phase} ${p.done}/${p.total}…` }),
      })) {
        chunks.push(chunk);
      }
      downloadText(`lectern-backup-${stamp(Date.now())}.json`, chunks, 'application/json');
      return 'Backup written.';
    });

  const importFile = (file: File) =>
    run(`Importing ${file.name}`, async () => {
      const text = await file.text();
      const parsed = /^\s*[[{]/.test(text) ? parseCslJson(text) : parseBibtex(text);
      if (parsed.papers.length === 0) {
        throw new Error(`No paper could be read from ${file.name}. ${parsed.errors.join(' ')}`.trim());
      }
      const summary = await importPapers(db, parsed.papers, Date.now());
      const skipped = parsed.skipped.length ? `, ${parsed.skipped.length} entries skipped (no title)` : '';
      return `Imported ${parsed.papers.length} papers: ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged${skipped}.`;
    });

  const chooseBackup = (file: File) =>
    run(`Checking ${file.name}`, async () => {
      const text = await file.text();
      const check = parseBackup(text);
      if (!check.ok) throw Object.assign(new Error(`${file.name} is not a backup Lectern can restore: ${check.error}`), { issues: check.issues });
      setPending({ name: file.name, text, papers: (check.backup as BackupFile).papers.length });
      setConfirmReplace(false);
      return `${file.name} holds ${(check.backup as BackupFile).papers.length} papers. Choose how to restore it.`;
    });

  const restore = (mode: RestoreMode) =>
    pending &&
    run(mode === 'merge' ? 'Merging the backup' : 'Replacing the library', async () => {
      const summary = await restoreBackup(db, pending.text, {
        mode,
        now: Date.now(),
        appVersion: appVersion(),
        settings: settingsForBackup(await loadSettings()),
        onProgress: (p) => setNotice({ kind: 'busy', text: `Restoring: ${p.phase} ${p.done}/${p.total}…` }),
      });
      if (summary.safetyBackup) {
        downloadText(
          `lectern-before-restore-${stamp(Date.now())}.json`,
          JSON.stringify(summary.safetyBackup),
          'application/json',
        );
      }
      // The file's settings apply only when it replaces the library; a merge keeps this browser's.
      if (mode === 'replace') await saveSettings(settingsFromBackup(summary.settings));
      setPending(null);
      const highlights = summary.highlights ? `, ${summary.highlights} highlights` : '';
      return `Restored: ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed, ${summary.unchanged} unchanged${highlights}${
        summary.safetyBackup ? '. The library as it was is saved as a file.' : '.'
      }`;
    });

  const onFile = (handler: (file: File) => void) => (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (file) handler(file);
    input.value = '';
  };

  return (
    <section class="data" aria-labelledby="data-heading">
      <a class="back" href="#/view/unread">
        ← Library
      </a>
      <h2 id="data-heading">Your data</h2>
      {notice && (
        <p class={notice.kind === 'error' ? 'error' : notice.kind === 'ok' ? 'notice' : 'muted'} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <section aria-labelledby="export-heading">
        <h3 id="export-heading">Export the library</h3>
        <div class="button-row">
          {FORMATS.map((format) => (
            <button key={format.key} type="button" disabled={busy} onClick={() => void exportAs(format)}>
              {format.label}
            </button>
          ))}
        </div>
      </section>
      <section aria-labelledby="backup-heading">
        <h3 id="backup-heading">Backup and restore</h3>
        <p class="muted">A backup holds every paper with its status, tags and notes, where you saw it, and your highlights.</p>
        <label class="inline">
          <input type="checkbox" checked={withSnapshots} onChange={(e) => setWithSnapshots((e.currentTarget as HTMLInputElement).checked)} />
          Include readable copies (larger file)
        </label>
        <div class="button-row">
          <button type="button" class="primary" disabled={busy} onClick={() => void backup()}>
            Back up now
          </button>
          <label class="file-button">
            Restore from a backup…
            <input type="file" accept=".json,application/json" disabled={busy} onChange={onFile((f) => void chooseBackup(f))} />
          </label>
        </div>
        {pending && (
          <div class="restore-choice" role="group" aria-label={`Restore ${pending.name}`}>
            <button type="button" disabled={busy} onClick={() => void restore('merge')}>
              Merge into the library
            </button>
            <label class="inline">
              <input type="checkbox" checked={confirmReplace} onChange={(e) => setConfirmReplace((e.currentTarget as HTMLInputElement).checked)} />
              Replace the whole library (the current one is saved as a file first)
            </label>
            <button type="button" disabled={busy || !confirmReplace} onClick={() => void restore('replace')}>
              Replace
            </button>
          </div>
        )}
      </section>
      <section aria-labelledby="import-heading">
        <h3 id="import-heading">Import from another tool</h3>
        <label class="file-button">
          Import BibTeX or CSL-JSON…
          <input type="file" accept=".bib,.bibtex,.json,text/plain,application/json" disabled={busy} onChange={onFile((f) => void importFile(f))} />
        </label>
      </section>
      <AutoBackupSettings />
      <StorageUse />
    </section>
  );
}
