/**
 * `npm run new:site <name> [-- --host <host>]`: scaffold `lib/sites/<name>.ts` with the fixed adapter shape,
 * register it in `lib/sites/registry.ts`, and print what is still needed (host patterns, a fixture page and
 * its truth file).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkHost, checkName, nextSteps, registerAdapter, siteTemplate } from './new-site-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run new:site <name> [-- --host <host>]   e.g. npm run new:site ssrn -- --host papers.ssrn.com';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let host: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--host') host = argv[++i];
    else if (arg.startsWith('--host=')) host = arg.slice(7);
    else if (arg.startsWith('-')) fail(USAGE);
    else names.push(arg);
  }
  if (names.length !== 1) fail(USAGE);
  const name = names[0]!;
  const nameError = checkName(name);
  if (nameError) fail(nameError);
  host ??= `${name}.example.org`;
  const hostError = checkHost(host);
  if (hostError) fail(hostError);

  const file = path.join(ROOT, 'lib', 'sites', `${name}.ts`);
  if (existsSync(file)) fail(`lib/sites/${name}.ts already exists`);
  const registryFile = path.join(ROOT, 'lib', 'sites', 'registry.ts');
  let registry: string;
  try {
    registry = registerAdapter(readFileSync(registryFile, 'utf8'), name);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  writeFileSync(file, siteTemplate(name, host));
  writeFileSync(registryFile, registry);
  process.stdout.write(nextSteps(name, host));
}

main(process.argv.slice(2));
