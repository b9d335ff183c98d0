/** Link helpers for rendering page-derived URLs safely. */

/** The URL if it is http(s), else undefined: page data must never become a `javascript:` link. */
export function safeHttpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
