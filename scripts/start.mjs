#!/usr/bin/env node
// `npm start`: builds Lectern in development mode and opens Chromium with it loaded on
// huggingface.co/papers/trending. With no display, Chromium runs headless and we say so.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Lectern: no Chromium at ${chromium}. Install it (Debian: sudo apt-get install -y chromium) ` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
  process.exit(1);
}

const env = { ...process.env, CHROMIUM_PATH: chromium };
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn(
    'Lectern: no display (DISPLAY and WAYLAND_DISPLAY are unset), so Chromium starts headless: the extension ' +
      'runs but there is no window to see. On a desktop, run npm start from a graphical session, or wrap it ' +
      'in `xvfb-run -a npm start`.',
  );
  env.LECTERN_HEADLESS = '1';
}

const child = spawn('npx', ['wxt'], { stdio: 'inherit', env });
child.on('exit', (code) => process.exit(code ?? 0));
