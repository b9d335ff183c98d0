/**
 * Figures a test measured, handed to `npm run stress`: when LECTERN_STRESS_OUT names a folder, each part
 * writes `<part>.json` there; otherwise nothing is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFigures(part: string, figures: Record<string, number | string | boolean>): void {
  const dir = process.env.LECTERN_STRESS_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${part}.json`), JSON.stringify(figures));
}

/** A count from the environment (`npm run stress` raises the quick defaults). */
export function countFromEnv(name: string, quick: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : quick;
}
