/**
 * The one sanitiser of snapshot HTML, used when a page is captured and again when the reader renders it.
 *
 * What survives: the article's text and structure, MathML (LaTeXML's `<math>`; its TeX annotations are
 * dropped, the `alttext` stays), links (http(s) ones open in a new tab, in-document `#` ones stay), and
 * images whose source is already a `data:` image. Everything that could run code or reach the network goes:
 * scripts, event handlers, iframes, forms, styles (inline ones may load `url(…)`), `srcset`, and every
 * `src` that is not a data image (each such image is counted as dropped).
 */
import DOMPurify from 'dompurify';

const FORBIDDEN_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'video', 'audio', 'source', 'track', 'canvas',
  'noscript', 'template', 'dialog', 'portal',
];
const FORBIDDEN_ATTRIBUTES = [
  'style', 'srcset', 'sizes', 'poster', 'background', 'action', 'formaction', 'ping', 'longdesc', 'usemap',
  'xlink:href', 'srcdoc', 'data', 'codebase', 'lowsrc', 'dynsrc', 'loading', 'fetchpriority',
];
/** Kept from LaTeXML's MathML besides what DOMPurify allows. */
const EXTRA_ATTRIBUTES = ['alttext', 'display'];
/** Math annotations repeat the formula as TeX: shown as text they would double every formula. */
const DROPPED_WITH_CONTENT = new Set(['annotation', 'annotation-xml']);

const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;

export interface SanitizedHtml {
  html: string;
  /** Images removed because their source was not a stored data image. */
  droppedImages: number;
}

export function isHttpLink(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}

/** Sanitises snapshot HTML in `win` (a window with a DOM: the page, the reader, happy-dom in tests). */
export function sanitizeSnapshotHtml(html: string, win: Window & typeof globalThis = window): SanitizedHtml {
  // A fresh instance per call: hooks are per instance, and nothing is kept between calls.
  const purify = DOMPurify(win);
  let droppedImages = 0;
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (DROPPED_WITH_CONTENT.has(data.tagName)) node.parentNode?.removeChild(node);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    const tag = element.localName;
    if (element.hasAttribute('src')) {
      const src = element.getAttribute('src') ?? '';
      if (tag === 'img' && DATA_IMAGE.test(src)) return;
      if (tag === 'img') {
        droppedImages += 1;
        element.remove();
        return;
      }
      element.removeAttribute('src');
    }
    if (element.hasAttribute('href')) {
      const href = (element.getAttribute('href') ?? '').trim();
      if (tag === 'a' && isHttpLink(href)) {
        element.setAttribute('target', '_blank');
        element.setAttribute('rel', 'noopener noreferrer');
      } else if (!(tag === 'a' && href.startsWith('#'))) {
        element.removeAttribute('href');
      }
    }
  });
  const html2 = purify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    ADD_ATTR: [...EXTRA_ATTRIBUTES, 'target'],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|#|data:image\/)/i,
    RETURN_TRUSTED_TYPE: false,
  });
  return { html: html2, droppedImages };
}

/** The text of sanitised HTML as a reader shows it (what its highlights anchor against). */
export function textOfHtml(html: string, doc: Document = document): string {
  // An inert document: nothing parsed into it loads or runs.
  const container = doc.implementation.createHTMLDocument('').createElement('div');
  container.innerHTML = html;
  return (container.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
}
