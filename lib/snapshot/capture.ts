/**
 * Taking a readable copy of the page a tab shows, in the page itself (the service worker has no DOM):
 * Readability on a clone of the document, images kept only when they can be read locally, then the one
 * sanitiser (`./sanitize.ts`). Runs only when a paper is saved or the user asks, never while detecting.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { isArticleUrl, isNeverArticleUrl } from './article-urls';
import { sanitizeSnapshotHtml, textOfHtml } from './sanitize';

/** Largest image kept, as a data URL (characters). */
export const MAX_IMAGE_CHARS = 400_000;
/** All images of one snapshot together (characters). */
export const MAX_IMAGES_CHARS = 4_000_000;

export interface CapturedPage {
  url: string;
  title: string;
  byline?: string;
  /** Sanitised HTML. */
  content: string;
  text: string;
  droppedImages: number;
}

/** Elements that hold an article body on journal and blog pages. */
const ARTICLE_BODY = 'article, [itemprop="articleBody"], .ltx_document, main .c-article-body, .article-body, #body';
const MIN_BODY_CHARS = 2_000;

/**
 * Whether the page is article-like: a known full-text address, or a page with citation or article metadata
 * and a body of real length that Readability would accept. Cheap: reads a few elements, parses nothing.
 */
export function isArticleLike(doc: Document, url: string): boolean {
  if (isArticleUrl(url)) return true;
  if (isNeverArticleUrl(url)) return false;
  const described =
    doc.querySelector('meta[name="citation_title"], meta[name="dc.title" i], meta[property="og:type"][content="article"]') !== null;
  if (!described) return false;
  const body = doc.querySelector(ARTICLE_BODY);
  if (!body || (body.textContent ?? '').length < MIN_BODY_CHARS) return false;
  return isProbablyReaderable(doc, { minContentLength: 200, minScore: 40 });
}

/** Draws an already-loaded, same-origin (or data:) image to a canvas; undefined when it cannot be read. */
function localImage(img: HTMLImageElement, origin: string): string | undefined {
  const src = img.currentSrc || img.src;
  if (src.startsWith('data:image/')) return src.length <= MAX_IMAGE_CHARS ? src : undefined;
  let sameOrigin = false;
  try {
    sameOrigin = new URL(src).origin === origin;
  } catch {
    return undefined;
  }
  // A cross-origin image taints the canvas; an image not yet loaded would need a fetch. Both are dropped.
  if (!sameOrigin || !img.complete || img.naturalWidth === 0) return undefined;
  try {
    const canvas = img.ownerDocument.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.drawImage(img, 0, 0);
    const png = canvas.toDataURL('image/png');
    const data = png.length <= MAX_IMAGE_CHARS ? png : canvas.toDataURL('image/jpeg', 0.8);
    return data.startsWith('data:image/') && data.length <= MAX_IMAGE_CHARS ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute image URL → data URL, for the images of `doc` that can be stored (within the total cap). */
function readableImages(doc: Document, origin: string): Map<string, string> {
  const out = new Map<string, string>();
  let total = 0;
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const key = img.src;
    if (!key || out.has(key)) continue;
    const data = localImage(img, origin);
    if (data === undefined || total + data.length > MAX_IMAGES_CHARS) continue;
    out.set(key, data);
    total += data.length;
  }
  return out;
}

/** Replaces each image's source by its stored copy (the sanitiser drops those left without one). */
function inlineImages(html: string, doc: Document, images: ReadonlyMap<string, string>, baseUrl: string): string {
  const scratch = doc.implementation.createHTMLDocument('');
  const container = scratch.createElement('div');
  container.innerHTML = html;
  for (const img of Array.from(container.querySelectorAll('img'))) {
    const raw = img.getAttribute('src') ?? '';
    let absolute = raw;
    try {
      absolute = new URL(raw, baseUrl).href;
    } catch {
      // left as is: the sanitiser drops it
    }
    const data = images.get(absolute);
    img.removeAttribute('srcset');
    if (data !== undefined) img.setAttribute('src', data);
  }
  return container.innerHTML;
}

/**
 * Captures the page: Readability on `doc.cloneNode(true)` (it changes what it parses), stored images,
 * sanitised HTML and its text. Throws when Readability finds no article.
 */
export function capturePage(doc: Document, url: string, win: Window & typeof globalThis = window): CapturedPage {
  const images = readableImages(doc, new URL(url).origin);
  const clone = doc.cloneNode(true) as Document;
  const article = new Readability(clone, { keepClasses: true, charThreshold: 200 }).parse();
  if (!article || !article.content) throw new Error('No article text found on this page');
  const withImages = inlineImages(article.content, doc, images, url);
  const { html, droppedImages } = sanitizeSnapshotHtml(withImages, win);
  const text = textOfHtml(html, doc);
  if (!text) throw new Error('No article text found on this page');
  const title = (article.title ?? '').trim() || doc.title.trim() || url;
  const byline = article.byline?.trim();
  return { url, title, ...(byline ? { byline } : {}), content: html, text, droppedImages };
}
