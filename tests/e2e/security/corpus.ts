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

/** Elements whose content is never shown as text (or is dropped whole by a sanitiser). */
const HIDDEN_CONTENT = /<(script|style|template|iframe|noscript|textarea|title|svg|math|object|select)\b[\s\S]*?(<\/\1\s*>|$)/gi;

/**
 * The words (runs of letters and digits) a payload shows when it is rendered as sanitised HTML or Markdown
 * rather than as text: entities decoded, comments, tags and the content of elements never shown as text
 * removed. Markdown eats punctuation (`*`, `_`, backslashes…) and a sanitiser drops markup, so a rendered
 * note is compared word by word: every word here must be visible in it. A payload that is only markup
 * (`<svg onload=…>`) shows no word; there the checks are that nothing is injected and nothing runs.
 */
export function visibleWords(text: string): string[] {
  const decoded = text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const shown = decoded
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(HIDDEN_CONTENT, ' ')
    .replace(/<[!?/]?[a-z][^>]*(>|$)/gi, ' ')
    .replace(/<\?[^>]*(>|$)/g, ' ');
  return shown.match(/[\p{L}\p{N}]+/gu) ?? [];
}
