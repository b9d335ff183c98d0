/**
 * A note rendered as Markdown, sanitised: the only place the detail view makes HTML. No scripts, handlers,
 * styles, forms, frames, templates or images (nothing is ever fetched); links only http(s), opening in a new tab.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { safeHttpUrl } from '../../lib/links';

let purifier: ReturnType<typeof DOMPurify> | undefined;

function sanitiser(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName.toUpperCase() !== 'A') return;
    const href = safeHttpUrl(node.getAttribute('href') ?? undefined);
    if (href) {
      node.setAttribute('href', href);
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('href');
    }
  });
  return (purifier = instance);
}

/** Sanitised HTML of a Markdown note. */
export function renderNote(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true }) as string;
  return sanitiser().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['img', 'picture', 'source', 'video', 'audio', 'style', 'form', 'input', 'button', 'iframe', 'svg', 'math', 'template'],
    FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'src'],
    ALLOWED_URI_REGEXP: /^https?:/i,
  });
}
