import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CONTENT_SCRIPT_HOSTS } from './lib/sites/hosts';
import { parsePatternList } from './lib/origins';

// Chromium used by `npm start`; CHROMIUM_PATH overrides the Debian default.
const chromiumBinary = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Test builds only: extra host permissions (comma-separated match patterns), as if the user had granted
// those sites, and another output folder so that the regular build is left alone.
const extraHosts = parsePatternList(process.env.LECTERN_EXTRA_HOSTS);
const outDir = process.env.LECTERN_OUT_DIR;
// Test builds only (security tests' positive control): one list row renders its title as HTML, so that the
// tests can show their checks catch an injection. Off (false, and the branch compiled away) otherwise.
const unsafeTestBuild = process.env.LECTERN_UNSAFE_TEST === '1';

/** Any other site may be granted, one at a time, when the user asks for it. */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

export default defineConfig({
  // Explicit imports everywhere: lib/ and components/ stay plain TypeScript modules.
  imports: false,
  ...(outDir ? { outDir } : {}),
  vite: () => ({
    plugins: [preact()],
    define: { 'import.meta.env.LECTERN_UNSAFE_TEST': JSON.stringify(unsafeTestBuild) },
  }),
  manifest: ({ browser }) => ({
    name: 'Lectern',
    description:
      'A local-first reading companion for research papers: remembers every paper you meet and what you did with it.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      // The safety copy is refreshed every few minutes, even when no page is open.
      'alarms',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: [...CONTENT_SCRIPT_HOSTS, ...extraHosts],
    // `downloads` only when the user turns automatic backups on.
    ...(browser === 'firefox'
      ? { optional_permissions: [...OPTIONAL_HOSTS, 'downloads'] }
      : { optional_host_permissions: OPTIONAL_HOSTS, optional_permissions: ['downloads'] }),
    action: { default_title: 'Lectern' },
    // Rebindable in the browser's shortcut settings. Chrome refuses more than four suggested keys: two are
    // suggested here; Ctrl+Shift+S and Ctrl+Shift+E belong to other paper tools. Highlighting has no
    // suggested key: the user chooses one.
    commands: {
      'open-library': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the Lectern library' },
      'save-page': { suggested_key: { default: 'Alt+Shift+S' }, description: "Save this page's paper to read" },
      'toggle-keyboard-triage': { description: 'Turn keyboard triage on listing pages on or off' },
      'highlight-selection': { description: 'Highlight the selected text with Lectern' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'lectern@lectern.invalid',
              strict_min_version: '115.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  webExt: {
    binaries: { chrome: chromiumBinary },
    startUrls: ['https://huggingface.co/papers/trending'],
    chromiumArgs: [
      ...(process.env.LECTERN_HEADLESS ? ['--headless=new'] : []),
      // Chromium refuses to run as root without it (containers, CI machines).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  },
});
