/** URL parsing and normalisation for `url:` ids. */

import type { PaperId } from '../model';

const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;
/** A scheme-less `host.tld/…`, taken as https when there is no base to resolve it against. */
const BARE_HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#]|$)/i;

/** Query parameters that only track where a click came from. `utm_*` is handled as a prefix. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'ref_src',
  'ref_url',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  '_ga',
  '_gl',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'rb_clickid',
  's_cid',
  'trk',
  'trkcampaign',
  'wickedid',
]);

/**
 * Parses `raw` (resolved against `base` when given) into a URL, or null. Without a base, a
 * scheme-less `host.tld/path` or `//host/path` is read as https. Never throws.
 */
export function toUrl(raw: string, base?: string): URL | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  if (!s) return null;
  if (base === undefined && !SCHEME_RE.test(s)) {
    if (s.startsWith('//')) s = `https:${s}`;
    else if (BARE_HOST_RE.test(s)) s = `https://${s}`;
    else return null;
  }
  try {
    return base === undefined ? new URL(s) : new URL(s, base);
  } catch {
    return null;
  }
}

/** Host lower-cased (by URL), without a trailing dot or leading `www.`. */
export function bareHost(u: URL): string {
  let host = u.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('www.')) host = host.slice(4);
  return host;
}

const PCT_RE = /%([0-9a-fA-F]{2})/g;
const UNRESERVED_RE = /[A-Za-z0-9\-._~]/;

/** Upper-cases percent escapes and decodes those of unreserved characters (RFC 3986 §6.2.2). */
function normalizeEscapes(s: string): string {
  if (s.indexOf('%') === -1) return s;
  return s.replace(PCT_RE, (_, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED_RE.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

function isTracking(rawKey: string): boolean {
  let key = rawKey;
  if (key.indexOf('%') !== -1 || key.indexOf('+') !== -1) {
    try {
      key = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      // keep the raw key
    }
  }
  key = key.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

function normalizeQuery(search: string): string {
  if (search.length <= 1) return '';
  const kept: { key: string; part: string }[] = [];
  for (const piece of search.slice(1).split('&')) {
    if (!piece) continue;
    const part = normalizeEscapes(piece);
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    if (isTracking(key)) continue;
    kept.push({ key, part });
  }
  if (kept.length > 1) kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let out = '';
  for (let i = 0; i < kept.length; i++) out += (i ? '&' : '') + kept[i]!.part;
  return out;
}

/** Serialises a parsed http(s) URL in normalised form; null for other schemes. */
export function serializeUrl(u: URL): string | null {
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = bareHost(u);
  if (!host) return null;
  const port = u.port && u.port !== '443' ? `:${u.port}` : '';
  let path = normalizeEscapes(u.pathname);
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* '/' */) end--;
  path = end === 0 ? '/' : path.slice(0, end);
  const query = normalizeQuery(u.search);
  return `https://${host}${port}${path}${query ? `?${query}` : ''}`;
}

/**
 * The normalised form of an http(s) URL: https, lower-case host without `www.`, default port
 * dropped, no credentials, no fragment, no tracking parameters, query sorted by key (stable), no
 * trailing slash except for the root. Null when it is not an http(s) URL.
 */
export function normalizeUrl(raw: string, base?: string): string | null {
  const u = toUrl(raw, base);
  return u ? serializeUrl(u) : null;
}

/** `url:` + {@link normalizeUrl}. */
export function urlId(raw: string, base?: string): PaperId | null {
  const n = normalizeUrl(raw, base);
  return n === null ? null : `url:${n}`;
}
