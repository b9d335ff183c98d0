/**
 * The work behind `npm run detect`: parse a saved page with happy-dom (no scripts, stylesheets, iframes or
 * other resources are loaded) and run the same `detectPage` as the content script on it, at a given URL.
 * Kept apart from the command line so that tests can call it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import type { DetectedPaper, PaperLinks } from '../lib/model';
import { detectPage } from '../lib/sites/registry';

/** One detected entry as the command prints it. */
export interface DetectOutput {
  id: string;
  aliases: string[];
  title: string;
  authors: string[];
  /** The entry's main link: the arXiv abstract page for arXiv papers, else its landing page. */
  link: string | null;
  abstract?: string;
  published?: string;
  venue?: string;
  links?: PaperLinks;
}

export type BatchLine = { file: string; entries: DetectOutput[] } | { file: string; error: string };

/** The entry's main link (see DetectOutput.link). */
export function mainLink(p: DetectedPaper): string | null {
  return p.links.abs ?? p.links.page ?? p.links.pdf ?? p.links.html ?? null;
}

export function toOutput(p: DetectedPaper): DetectOutput {
  const out: DetectOutput = { id: p.id, aliases: p.aliases, title: p.title, authors: p.authors, link: mainLink(p) };
  if (p.abstract) out.abstract = p.abstract;
  if (p.published) out.published = p.published;
  if (p.venue) out.venue = p.venue;
  if (Object.keys(p.links).length) out.links = p.links;
  return out;
}

/** A document for `html` served at `url`, parsed without loading anything or running scripts. */
export function parseHtml(html: string, url: string): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
    },
  });
  const parser = new window.DOMParser();
  return parser.parseFromString(html, 'text/html') as unknown as Document;
}

/** The entries `detectPage` finds on `html` at `url`. Throws only for an invalid URL. */
export function detectHtml(html: string, url: string): DetectOutput[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a valid URL: ${url}`);
  }
  const doc = parseHtml(html, parsed.href);
  return detectPage(doc, parsed).papers.map(toOutput);
}

/** Read a page file as text; throws with a short reason for missing, unreadable, empty or binary files. */
export function readPage(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new Error('is a directory');
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('no such file');
    if (code === 'EACCES') throw new Error('permission denied');
    throw new Error(e instanceof Error ? e.message : String(e));
  }
  if (size === 0) throw new Error('empty file');
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e));
  }
  if (buf.includes(0)) throw new Error('not a text file');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  // Mostly undecodable bytes: not a text page.
  let bad = 0;
  for (let i = 0; i < text.length && i < 65536; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  if (bad > Math.min(text.length, 65536) / 10) throw new Error('not a text file');
  if (!text.trim()) throw new Error('empty file');
  return text;
}

/** One line of a batch list: `url<TAB>path`. Blank lines and `#` comments give undefined. */
export function parseListLine(line: string): { url: string; file: string } | { error: string; file: string } | undefined {
  const trimmed = line.replace(/\r$/, '');
  if (!trimmed.trim() || trimmed.trimStart().startsWith('#')) return undefined;
  const tab = trimmed.indexOf('\t');
  if (tab < 0) return { file: trimmed.trim(), error: 'expected a line "url<TAB>path"' };
  return { url: trimmed.slice(0, tab).trim(), file: trimmed.slice(tab + 1).trim() };
}

/** The results of a batch list's text, one per listed page, in order; paths resolve against `baseDir`. */
export function* batchLines(listText: string, baseDir: string): Generator<BatchLine> {
  for (const line of listText.split('\n')) {
    const item = parseListLine(line);
    if (!item) continue;
    if ('error' in item) {
      yield { file: item.file, error: item.error };
      continue;
    }
    try {
      const html = readPage(path.resolve(baseDir, item.file));
      yield { file: item.file, entries: detectHtml(html, item.url) };
    } catch (e) {
      yield { file: item.file, error: e instanceof Error ? e.message : String(e) };
    }
  }
}

export function runBatch(listText: string, baseDir: string): BatchLine[] {
  return Array.from(batchLines(listText, baseDir));
}
