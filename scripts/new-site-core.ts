/**
 * The pure parts of `npm run new:site <name>`: the adapter skeleton, its registration in the registry
 * source, and the list of what is still needed. No file access here; see `new-site.ts`.
 */

/** Adapter names: lower-case words joined by dashes, e.g. `ssrn`, `semantic-scholar`. */
export const NAME_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Files in lib/sites that are not adapters, and names an adapter cannot take. */
const RESERVED = new Set(['types', 'registry', 'hosts', 'shared', 'generic', 'index', 'adapter']);

export function checkName(name: string): string | undefined {
  if (!NAME_RE.test(name)) return `"${name}" is not a valid site name: use lower-case letters, digits and dashes (e.g. "ssrn", "semantic-scholar")`;
  if (RESERVED.has(name)) return `"${name}" is reserved`;
  return undefined;
}

/** The identifier the registry imports the adapter as: `semantic-scholar` → `semanticScholar`. */
export function importName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

export function checkHost(host: string): string | undefined {
  return HOST_RE.test(host) ? undefined : `"${host}" is not a host name (e.g. "papers.ssrn.com")`;
}

/** The source of `lib/sites/<name>.ts`: the fixed adapter shape, with TODOs where the site's markup goes. */
export function siteTemplate(name: string, host: string): string {
  return `/**
 * ${name}: TODO say which pages this adapter reads (listings, paper pages) and where their data comes from
 * (embedded metadata first, presentational class names last).
 */
import type { PageEntries, SiteAdapter } from './types';
import { readMeta } from './shared/meta';
import { buildPaper, PaperList } from './shared/paper';
import { readPaperMeta, titleElement } from './shared/scholarly';

const HOSTS = new Set(['${host}']);

function route(url: URL): 'paper' | 'list' | undefined {
  if (!HOSTS.has(url.hostname.toLowerCase())) return undefined;
  // TODO: tell paper pages from listing pages by their path, e.g.
  // if (url.pathname.startsWith('/paper/')) return 'paper';
  return undefined;
}

/** A paper page, read from its citation_* / Dublin Core / JSON-LD metadata. */
function paperEntries(doc: Document, url: URL): PageEntries {
  const m = readPaperMeta(doc, url, readMeta(doc));
  if (!m) return { kind: 'none', papers: [] };
  const paper = buildPaper({
    ids: m.ids,
    landing: m.landing,
    also: m.also,
    title: m.title,
    authors: m.authors,
    abstract: m.abstract,
    published: m.published,
    venue: m.venue,
    pdf: m.pdf,
  });
  return paper ? { kind: 'single', papers: [paper], anchors: [titleElement(doc, m.title)] } : { kind: 'none', papers: [] };
}

/** A listing: one entry per listed paper, in page order, with the element showing its title. */
function listEntries(doc: Document, url: URL): PageEntries {
  const list = new PaperList();
  // TODO: walk the entries with simple getElementsBy* lookups (no combinator selectors per entry), e.g.
  // for (const a of Array.from(doc.getElementsByClassName('paper-title'))) {
  //   list.add(buildPaper({ ids: linkIds(a.getAttribute('href'), url.href), landing: …, title: textOf(a), authors: [] }), a);
  // }
  void doc;
  void url;
  return { kind: 'list', papers: list.papers, anchors: list.anchors };
}

export const adapter: SiteAdapter = {
  name: '${name}',
  matches: ['https://${host}/*'],
  appliesTo(url: URL): boolean {
    return route(url) !== undefined;
  },
  entries(doc: Document, url: URL): PageEntries {
    switch (route(url)) {
      case 'paper':
        return paperEntries(doc, url);
      case 'list':
        return listEntries(doc, url);
      default:
        return { kind: 'none', papers: [] };
    }
  },
};
`;
}

const IMPORT_RE = /^import \{ adapter as \w+ \} from '\.\/[\w-]+';$/gm;

/**
 * The registry source with the adapter imported (after the last adapter import) and appended to ADAPTERS.
 * Throws when the registry does not have the expected shape or already registers the adapter.
 */
export function registerAdapter(source: string, name: string): string {
  const ident = importName(name);
  const importLine = `import { adapter as ${ident} } from './${name}';`;
  if (source.includes(`from './${name}';`)) throw new Error(`lib/sites/registry.ts already imports ./${name}`);

  let lastImportEnd = -1;
  for (const m of source.matchAll(IMPORT_RE)) lastImportEnd = m.index + m[0].length;
  if (lastImportEnd < 0) throw new Error('lib/sites/registry.ts has no `import { adapter as … }` lines to follow');
  let out = `${source.slice(0, lastImportEnd)}\n${importLine}${source.slice(lastImportEnd)}`;

  const open = out.indexOf('Object.freeze([');
  if (open < 0) throw new Error('lib/sites/registry.ts: ADAPTERS = Object.freeze([...]) not found');
  const close = out.indexOf('])', open);
  if (close < 0) throw new Error('lib/sites/registry.ts: the end of the ADAPTERS list was not found');
  const body = out.slice(open + 'Object.freeze(['.length, close);
  if (body.includes('\n')) {
    // One adapter a line: add ours before the closing line.
    const lineStart = out.lastIndexOf('\n', close) + 1;
    const indent = /^\s*/.exec(body.split('\n').find((l) => l.trim()) ?? '  ')![0] || '  ';
    const before = out.slice(0, lineStart).replace(/,?\s*$/, ',\n');
    out = `${before}${indent}${ident},\n${out.slice(lineStart)}`;
  } else {
    const items = body.trim();
    out = `${out.slice(0, open)}Object.freeze([${items ? `${items}, ` : ''}${ident}${out.slice(close)}`;
  }
  return out;
}

/** What the command prints after creating the files. */
export function nextSteps(name: string, host: string): string {
  return `Created lib/sites/${name}.ts and registered it in lib/sites/registry.ts.

Still needed:
  1. Add 'https://${host}/*' (and any other pattern in the adapter's \`matches\`) to CONTENT_SCRIPT_HOSTS
     in lib/sites/hosts.ts.
  2. Fill in route(), listEntries() and paperEntries() in lib/sites/${name}.ts (see the TODOs).
  3. A fixture page with its truth file:
       tests/fixtures/pages/${name}/<page>.html   first line: <!-- Constructed page … modelled on … -->
       tests/fixtures/truth/${name}/<page>.json   { "page": "${name}/<page>.html", "url": "https://${host}/…",
                                                   "kind": "list" | "single" | "none", "entries": [ … ] }
     (or a captured page with its truth in the shared fixtures).
  4. npx vitest run --project unit tests/unit/sites   — the structure test lists whatever is still missing.
`;
}
