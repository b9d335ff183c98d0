/**
 * Safe access to JSON embedded in pages (hydration props in attributes, JSON-LD). Parsing never throws and
 * values are checked before use: page data is untrusted.
 */

export type JsonRecord = Record<string, unknown>;

/** Parse JSON text; `undefined` when missing or malformed. */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Parse JSON held in an attribute of an element (e.g. `data-props`). */
export function jsonAttribute(el: Element | null | undefined, attribute: string): unknown {
  return el ? parseJson(el.getAttribute(attribute)) : undefined;
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string value, or undefined for anything else (numbers are not coerced). */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
