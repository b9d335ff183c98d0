/**
 * Site origins as Lectern asks for them: one host, one scheme, every path (`https://lab.example.org/*`).
 * Pure string code, shared by the build configuration, message validation and the background.
 */

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/;

/** True for a match pattern of the form `http(s)://<host>/*` (no wildcard host, no path). */
export function isSiteOrigin(pattern: string): boolean {
  const match = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern);
  return match !== null && HOST.test(match[2]!);
}

/** The site origin of an http(s) URL (`https://host/*`), or undefined for any other URL. */
export function siteOriginOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const origin = `${parsed.protocol}//${parsed.host}/*`;
  return isSiteOrigin(origin) ? origin : undefined;
}

/** The host a site origin names (`lab.example.org`). */
export function hostOf(origin: string): string {
  return origin.replace(/^https?:\/\//, '').replace(/\/\*$/, '');
}

/** Match patterns from a comma-separated list (build-time `LECTERN_EXTRA_HOSTS`); blanks dropped. */
export function parsePatternList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
