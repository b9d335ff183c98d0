import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CONTENT_SCRIPT_HOSTS } from './lib/sites/hosts';

// Chromium used by `npm start`; CHROMIUM_PATH overrides the Debian default.
const chromiumBinary = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  // Explicit imports everywhere: lib/ and components/ stay plain TypeScript modules.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Lectern',
    description:
      'A local-first reading companion for research papers: remembers every paper you meet and what you did with it.',
    permissions: [
      'storage',
      'unlimitedStorage',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: CONTENT_SCRIPT_HOSTS,
    action: { default_title: 'Lectern' },
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
