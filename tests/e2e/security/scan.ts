/**
 * What a payload leaves behind when it gets through, looked for in a live page: the DOM including shadow
 * roots (elements and attributes a payload would inject), the flag payloads set (`__xss`) in every world
 * the test can reach, and requests to the tripwire host.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { TRIPWIRE_ORIGIN } from './corpus';

export interface ScanOptions {
  /**
   * `document`: the whole document (an extension page: everything in it is ours);
   * `lectern`: only Lectern's own elements on a web page (`lectern-*` hosts, their shadow roots, and what
   * is inside them), the page around them being the site's.
   */
  scope: 'document' | 'lectern';
  /** The extension's origin (`chrome-extension://<id>`): its own scripts, styles and in-app links are fine. */
  ownOrigin: string;
  /**
   * Selectors of the forms the extension's own pages render (searches, the tag input, the options' site
   * input): accepted in `document` scope as long as they carry no action, method or target (they submit to
   * a script, never to a URL). Any other form is a finding.
   */
  ownForms?: string[];
}

/** The forms of the extension's pages (see `ScanOptions.ownForms`). */
export const OWN_FORMS = ['form.popup-search', 'form.tag-form', 'section[aria-labelledby="sites-heading"] form'];

/**
 * Runs in the page. Self-contained (it is serialised into the page): no imports, no outer names.
 * Answers one line per finding, e.g. `popup > li > img: attribute onerror`.
 */
export const scanInPage = ({ scope, ownOrigin, ownForms = [] }: ScanOptions): string[] => {
  const findings: string[] = [];
  const BAD_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style', 'template', 'noscript', 'isindex', 'portal', 'fencedframe']);
  const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background', 'ping', 'xlink:href', 'content', 'codebase', 'cite', 'manifest', 'lowsrc', 'dynsrc', 'style']);
  const HOSTILE_TEXT = /tripwire\.test|__xss|javascript:|vbscript:|data:text|expression\(|behavior:|@import|url\(/i;
  const own = (raw: string | null) => {
    if (!raw) return false;
    try {
      const url = new URL(raw, document.baseURI).href;
      return url === ownOrigin || url.startsWith(`${ownOrigin}/`);
    } catch {
      return false;
    }
  };
  const describe = (el: Element) => {
    const attrs = [...el.attributes].map((a) => `${a.name}="${a.value.slice(0, 60)}"`).join(' ');
    return `<${el.localName}${attrs ? ` ${attrs}` : ''}>`.slice(0, 200);
  };
  const inspect = (el: Element, where: string) => {
    const tag = el.localName;
    if (BAD_TAGS.has(tag)) {
      const allowed =
        (tag === 'script' && own(el.getAttribute('src')) && !el.textContent?.trim()) ||
        (tag === 'link' && own(el.getAttribute('href'))) ||
        (tag === 'style' && !HOSTILE_TEXT.test(el.textContent ?? '')) ||
        (tag === 'meta' && scope === 'document' && el.parentElement?.localName === 'head' && !el.hasAttribute('http-equiv'));
      if (!allowed) findings.push(`${where}: element ${describe(el)}`);
    }
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) findings.push(`${where}: event handler attribute ${name} on ${describe(el)}`);
      else if (URL_ATTRIBUTES.has(name) && HOSTILE_TEXT.test(attr.value)) {
        // In-app addresses may carry a user's text percent-encoded (a search in `#/view/all?q=…`): a URL of the
        // extension's own origin loads nothing foreign and runs nothing (the pages' CSP). A link (`<a href>`)
        // to an http(s) URL is what a note or a readable copy may hold: it fetches nothing until followed, and
        // its protocol is checked below. Every other URL attribute naming a payload's host or scheme is a finding.
        const value = attr.value.trim();
        const inApp = scope === 'document' && name !== 'style' && name !== 'srcdoc' && name !== 'srcset' && own(value);
        const httpLink = name === 'href' && (tag === 'a' || tag === 'area') && el.namespaceURI === 'http://www.w3.org/1999/xhtml' && /^https?:\/\//i.test(value);
        if (!inApp && !httpLink) findings.push(`${where}: hostile ${name} on ${describe(el)}`);
      }
    }
    if (tag === 'a' || tag === 'area' || el.namespaceURI === 'http://www.w3.org/2000/svg') {
      const raw = el.getAttribute('href') ?? el.getAttribute('xlink:href');
      if (raw !== null) {
        let protocol = 'invalid:';
        let href = raw;
        try {
          const url = new URL(raw, document.baseURI);
          protocol = url.protocol;
          href = url.href;
        } catch {
          // an unparsable link is a finding of its own
        }
        const inApp = scope === 'document' && own(href);
        if (!inApp && protocol !== 'http:' && protocol !== 'https:') findings.push(`${where}: link that is not http(s): ${describe(el)}`);
      }
    }
    const ownForm =
      tag === 'form' &&
      scope === 'document' &&
      ownForms.some((selector) => el.matches(selector)) &&
      !['action', 'method', 'target'].some((name) => el.hasAttribute(name));
    if ((tag === 'form' && !ownForm) || el.hasAttribute('formaction')) findings.push(`${where}: form target ${describe(el)}`);
  };
  const walk = (root: Document | ShadowRoot | Element, where: string) => {
    const elements = root instanceof Element ? [root, ...root.querySelectorAll('*')] : [...root.querySelectorAll('*')];
    for (const el of elements) {
      inspect(el, where);
      if (el.shadowRoot) walk(el.shadowRoot, `${where} > ${el.localName}::shadow`);
    }
  };
  if (scope === 'document') walk(document, location.pathname + location.hash);
  else {
    const hosts = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('lectern-'));
    for (const host of hosts) walk(host, host.localName);
  }
  return findings;
};

/** Flags set by payloads that ran (`__xss`), in the page's main world. */
export async function pageFlag(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
}

export async function workerFlag(worker: Worker): Promise<unknown> {
  return worker.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
}

/**
 * Evaluates `expression` (awaited) in each isolated world the extension has in `page` (its content
 * script's), over the DevTools protocol: Playwright evaluates only in the main world. Answers one value per
 * world; fails when the extension has none there.
 */
export async function evaluateInIsolatedWorlds(context: BrowserContext, page: Page, extensionId: string, expression: string): Promise<unknown[]> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const worlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: { id: number; origin: string; auxData?: { isDefault?: boolean } } }) => {
    if (!event.context.auxData?.isDefault && event.context.origin.includes(extensionId)) worlds.push(event.context.id);
  });
  await cdp.send('Runtime.enable');
  const values: unknown[] = [];
  try {
    if (!worlds.length) throw new Error(`No isolated world of extension ${extensionId} in ${page.url()}`);
    for (const contextId of worlds) {
      const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        returnByValue: true,
        awaitPromise: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
      if (exceptionDetails) throw new Error(`In the content script's world: ${exceptionDetails.text}`);
      values.push(result.value);
    }
  } finally {
    await cdp.detach();
  }
  return values;
}

/** The flag payloads set, in the content script's isolated world(s). */
export async function isolatedWorldFlags(context: BrowserContext, page: Page, extensionId: string): Promise<unknown[]> {
  return evaluateInIsolatedWorlds(context, page, extensionId, 'globalThis.__xss');
}

/** Counts requests to the tripwire host (answered with an empty 204 so nothing waits). */
export async function installTripwire(context: BrowserContext): Promise<{ hits: string[] }> {
  const tripwire = { hits: [] as string[] };
  await context.route(`${TRIPWIRE_ORIGIN}/**`, (route) => {
    tripwire.hits.push(route.request().url());
    return route.fulfill({ status: 204, body: '' });
  });
  return tripwire;
}

/**
 * The page's visible text with whitespace collapsed (`innerText`: what is rendered, not hidden markup); with
 * `selector`, the text of the matching elements only, one after another.
 */
export async function visibleText(page: Page, selector?: string): Promise<string> {
  return page.evaluate((within) => {
    const elements = within ? [...document.querySelectorAll<HTMLElement>(within)] : [document.body];
    return elements.map((element) => element.innerText.replace(/\s+/g, ' ')).join(' \n ');
  }, selector);
}
