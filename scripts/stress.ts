/**
 * `npm run stress`: the long versions of the hardening tests, and a table of their figures.
 *
 * - 10,000 generated hostile pages through every adapter and generic detection (tests/unit/sites.fuzz.test.ts);
 * - 100 rounds of ten tabs recording overlapping 200-entry listings at once, and 50 service-worker stops
 *   while a 2,000-entry listing is recorded (tests/e2e/lifecycle.test.ts, in real Chromium);
 * - the XSS corpus (tests/fixtures/xss/payloads.json) through tests/e2e/security.test.ts, when both exist.
 *
 * `--json` prints one JSON object instead of the table. The exit code is non-zero on any loss or failure.
 * Options: `--rounds N`, `--kills N`, `--doms N` (lower for a quicker run), `--no-build`, `--vitest-config F`
 * (another Vitest config file).
 * Test output goes to stderr; stdout holds only the table or the JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../tests/helpers/fixtures';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
function option(name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a whole number, got ${argv[i + 1]}`);
  return value;
}

const ROUNDS = option('--rounds', 100);
const KILLS = option('--kills', 50);
const DOMS = option('--doms', 10_000);
const out = mkdtempSync(path.join(tmpdir(), 'lectern-stress-'));

type Figures = Record<string, number | string | boolean>;

function readFigures(part: string): Figures | undefined {
  const file = path.join(out, `${part}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figures) : undefined;
}

/** Runs a command with its output on stderr; answers whether it passed and how long it took. */
function run(command: string, args: string[], env: Record<string, string> = {}): { passed: boolean; seconds: number } {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, LECTERN_STRESS_OUT: out },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return { passed: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) };
}

const configAt = argv.indexOf('--vitest-config');
const config = configAt >= 0 ? ['--config', argv[configAt + 1]!] : [];
const vitest = (project: string, file: string, env: Record<string, string>, name?: string) =>
  run('npx', ['vitest', 'run', ...config, '--project', project, file, ...(name ? ['-t', name] : [])], env);

const failures: string[] = [];

if (!flag('--no-build')) {
  const build = run('npm', ['run', '-s', 'build:chrome']);
  if (!build.passed) failures.push('build');
}

// Parsed pages are not all freed within one test process: the pages run in processes of 2,000 at most,
// each with its own seed, and their figures are added up.
const FUZZ_CHUNK = 2_000;
const fuzzChunks: Figures[] = [];
const fuzzRun = { passed: true, seconds: 0 };
for (let i = 0, left = DOMS; left > 0; i++, left -= FUZZ_CHUNK) {
  const chunk = vitest('unit', 'tests/unit/sites.fuzz.test.ts', { LECTERN_FUZZ_RUNS: String(Math.min(FUZZ_CHUNK, left)), LECTERN_FUZZ_SEED_OFFSET: String(i + 1) }, 'generated hostile pages');
  fuzzRun.passed &&= chunk.passed;
  fuzzRun.seconds += chunk.seconds;
  const figures = readFigures('fuzz');
  if (figures) fuzzChunks.push(figures);
  rmSync(path.join(out, 'fuzz.json'), { force: true });
}
if (!fuzzRun.passed) failures.push('hostile pages');
const lifecycleRun = vitest('e2e', 'tests/e2e/lifecycle.test.ts', { LECTERN_STRESS_ROUNDS: String(ROUNDS), LECTERN_STRESS_KILLS: String(KILLS) });
if (!lifecycleRun.passed) failures.push('lifecycle');

// The XSS corpus and its test belong to the security work; they are counted when they exist.
const payloadFile = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'xss', 'payloads.json');
const securityTest = path.join(PROJECT_ROOT, 'tests', 'e2e', 'security.test.ts');
let payloads: number | string = 'n/a';
if (existsSync(payloadFile)) {
  const parsed = JSON.parse(readFileSync(payloadFile, 'utf8')) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { payloads?: unknown[] }).payloads;
  payloads = Array.isArray(list) ? list.length : 'n/a';
} else if (existsSync(path.dirname(payloadFile))) {
  payloads = readdirSync(path.dirname(payloadFile)).length;
}
let executions: number | string = 'n/a';
let securitySeconds: number | undefined;
if (existsSync(securityTest)) {
  const security = vitest('e2e', 'tests/e2e/security.test.ts', {});
  securitySeconds = security.seconds;
  // That test fails on any script execution or injected element: passing means none happened.
  executions = security.passed ? 0 : 'failed';
  if (!security.passed) failures.push('security');
}

const fuzz: Figures | undefined = fuzzRun.passed
  ? { doms: fuzzChunks.reduce((n, f) => n + Number(f.doms), 0), entries: fuzzChunks.reduce((n, f) => n + Number(f.entries), 0) }
  : undefined;
const concurrency = readFigures('concurrency');
const kills = readFigures('kills');
const num = (f: Figures | undefined, key: string) => (typeof f?.[key] === 'number' ? (f[key] as number) : undefined);
const sum = (...values: (number | undefined)[]) => (values.some((v) => v === undefined) ? 'failed' : values.reduce<number>((a, b) => a + b!, 0));

const figures = {
  rounds: num(concurrency, 'rounds') ?? 'failed',
  tabs: num(concurrency, 'tabs') ?? 'failed',
  entriesPerTab: num(concurrency, 'entriesPerTab') ?? 'failed',
  kills: num(kills, 'kills') ?? 'failed',
  killsMidTransaction: num(kills, 'killsMidTransaction') ?? 'failed',
  killsBeforeTransaction: num(kills, 'killsBeforeTransaction') ?? 'failed',
  killsAfterTransaction: num(kills, 'killsAfterTransaction') ?? 'failed',
  killsLate: num(kills, 'killsLate') ?? 'failed',
  batchRecordingMs: num(kills, 'recordingMs') ?? 'failed',
  payloads,
  doms: num(fuzz, 'doms') ?? 'failed',
  domEntries: num(fuzz, 'entries') ?? 'failed',
  losses: sum(num(concurrency, 'losses'), num(concurrency, 'duplicates'), num(concurrency, 'regressions'), num(kills, 'partialBatches'), num(kills, 'lostBatches')),
  executions,
  failures: failures.length ? failures.join(', ') : 'none',
  seconds: { hostilePages: fuzzRun.seconds, lifecycle: lifecycleRun.seconds, ...(securitySeconds !== undefined ? { security: securitySeconds } : {}) },
};
rmSync(out, { recursive: true, force: true });

if (flag('--json')) {
  console.log(JSON.stringify(figures));
} else {
  const rows: [string, string][] = [
    ['rounds (10 tabs × 200 entries at once)', String(figures.rounds)],
    ['service-worker stops', String(figures.kills)],
    ['  of which mid-transaction', String(figures.killsMidTransaction)],
    ['  before the transaction / after it', `${figures.killsBeforeTransaction} / ${figures.killsAfterTransaction}`],
    ['  stopped at once (that moment had passed)', String(figures.killsLate)],
    ['recording time of a 2,000-entry batch (ms)', String(figures.batchRecordingMs)],
    ['XSS payloads', String(figures.payloads)],
    ['hostile DOMs (entries they produced)', `${figures.doms} (${figures.domEntries})`],
    ['losses (lost, duplicated, regressed, partial)', String(figures.losses)],
    ['script executions', String(figures.executions)],
    ['failures', figures.failures],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
}
if (failures.length || figures.losses !== 0) process.exitCode = 1;
