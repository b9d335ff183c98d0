/**
 * Reading `<meta>` tags (Highwire `citation_*`, Open Graph, Twitter cards, Dublin Core).
 */

export type MetaTags = ReadonlyMap<string, readonly string[]>;

/** Every `<meta name|property=… content=…>` of the document, keyed by lower-cased name, values in order. */
export function readMeta(doc: Document): MetaTags {
  const out = new Map<string, string[]>();
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i]!;
    const key = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').trim().toLowerCase();
    if (!key) continue;
    const content = m.getAttribute('content');
    if (content === null) continue;
    const list = out.get(key);
    if (list) list.push(content);
    else out.set(key, [content]);
  }
  return out;
}

/** The first non-empty value of a meta tag, whitespace collapsed. */
export function metaFirst(meta: MetaTags, key: string): string | undefined {
  for (const v of meta.get(key.toLowerCase()) ?? []) {
    const t = v.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return undefined;
}

/** All non-empty values of a meta tag, whitespace collapsed. */
export function metaAll(meta: MetaTags, key: string): string[] {
  const out: string[] = [];
  for (const v of meta.get(key.toLowerCase()) ?? []) {
    const t = v.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  return out;
}
