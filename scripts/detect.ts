/**
 * `npm run -s detect -- <page.html> --url <url>`: the entries detected on a saved page, as a JSON array.
 * `npm run -s detect -- --batch <list.tsv>`: one compact JSON object per listed page (`url<TAB>path` lines;
 * blank lines and `#` comments skipped), in order: `{"file", "entries"}` or `{"file", "error"}`.
 * Relative paths resolve against the directory npm was called from (INIT_CWD). The exit code is 0 unless
 * the arguments or the list itself are unusable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { batchLines, detectHtml, readPage } from './detect-core';

const USAGE = 'usage: npm run -s detect -- <page.html> --url <url>\n       npm run -s detect -- --batch <list.tsv>';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let url: string | undefined;
  let batch: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--url') url = argv[++i];
    else if (arg.startsWith('--url=')) url = arg.slice(6);
    else if (arg === '--batch') batch = argv[++i];
    else if (arg.startsWith('--batch=')) batch = arg.slice(8);
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (arg.startsWith('--')) fail(`unknown option ${arg}\n${USAGE}`);
    else files.push(arg);
  }

  if (batch !== undefined) {
    if (!batch) fail(USAGE);
    let list: string;
    try {
      list = readFileSync(path.resolve(cwd, batch), 'utf8');
    } catch (e) {
      fail(`cannot read the list ${batch}: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const line of batchLines(list, cwd)) process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }

  if (files.length !== 1 || !url) fail(USAGE);
  let html: string;
  try {
    html = readPage(path.resolve(cwd, files[0]!));
  } catch (e) {
    fail(`${files[0]}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    process.stdout.write(`${JSON.stringify(detectHtml(html, url), null, 2)}\n`);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
}

main(process.argv.slice(2));
