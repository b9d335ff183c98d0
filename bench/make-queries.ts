/**
 * Writes `bench/queries.json`, the fixed 200 queries of the library benchmark, from the synthetic library's
 * vocabulary (`scripts/seed-data.ts`): 100 over titles, authors, tags and notes ("meta") and 100 reaching
 * abstract words ("text"), each class one- and two-word queries, prefixes and typos.
 * `node --import tsx bench/make-queries.ts` (deterministic: it rewrites the same file).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../tests/helpers/fixtures';
import { ACADEMIC, LAST_NAMES, NOTE_WORDS, TAGS, TITLE_ADJECTIVES, TITLE_NOUNS, TITLE_TASKS, random, tailWords } from '../scripts/seed-data';

export interface BenchQuery {
  text: string;
  class: 'meta' | 'text';
  kind: 'one word' | 'two words' | 'prefix' | 'typo';
}

const rand = random(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function typo(word: string): string {
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const kind = Math.floor(rand() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + 'e' + word.slice(i + 1);
}

const prefix = (word: string) => word.slice(0, Math.max(3, Math.ceil(word.length * (0.4 + rand() * 0.3))));
const metaWords = [...TITLE_ADJECTIVES, ...TITLE_NOUNS, ...TITLE_TASKS, ...LAST_NAMES.map((w) => w.toLowerCase()), ...TAGS, ...NOTE_WORDS];
const tail = tailWords();
// Abstract words over the whole frequency range: common academic words and the long tail, frequent to rare.
const textWords = () => (rand() < 0.3 ? pick(ACADEMIC) : tail[Math.floor(Math.pow(tail.length, rand()))]!);
const long = (next: () => string) => {
  for (;;) {
    const word = next();
    if (word.length >= 6 && !word.includes('-')) return word;
  }
};

const queries: BenchQuery[] = [];
for (const [cls, next] of [['meta', () => pick(metaWords)], ['text', textWords]] as const) {
  for (let i = 0; i < 25; i++) queries.push({ text: next(), class: cls, kind: 'one word' });
  for (let i = 0; i < 25; i++) queries.push({ text: `${next()} ${next()}`, class: cls, kind: 'two words' });
  for (let i = 0; i < 25; i++) {
    queries.push({ text: i % 2 ? prefix(long(next)) : `${next()} ${prefix(long(next))}`, class: cls, kind: 'prefix' });
  }
  for (let i = 0; i < 25; i++) queries.push({ text: typo(long(next)), class: cls, kind: 'typo' });
}

writeFileSync(path.join(PROJECT_ROOT, 'bench/queries.json'), `${JSON.stringify(queries, null, 1)}\n`);
console.log(`${queries.length} queries written`);
