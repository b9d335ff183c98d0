/** The XSS payload corpus (tests/fixtures/xss/payloads.json) and how its text is expected to read once shown. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../helpers/fixtures';

export interface Payload {
  /** `pNN`: the marker the payload carries in its text, its tripwire URL or the flag it would set. */
  id: string;
  /** What kind of trick it is (`svg-onload`, `javascript-entity`, …). */
  name: string;
  /** The payload itself, placed as text wherever a page or a user can put a string. */
  text: string;
}

export const TRIPWIRE_ORIGIN = 'https://tripwire.test';

export function loadPayloads(): Payload[] {
  const file = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'xss', 'payloads.json');
  const { payloads } = JSON.parse(readFileSync(file, 'utf8')) as { payloads: Payload[] };
  return payloads;
}

/** Whitespace collapsed as detection and rendering collapse it. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
