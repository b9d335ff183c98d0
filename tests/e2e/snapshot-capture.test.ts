/**
 * Capturing a readable copy on the real ar5iv and Nature pages, in real Chromium (the capture code runs in
 * the page, as the injected snapshot script does): the article text and LaTeXML's MathML survive; scripts,
 * handlers, iframes, forms, styles and remote loads do not. The capture module is bundled for the page here.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedPage } from '../../lib/snapshot/capture';
import { PROJECT_ROOT, fixtureCase } from '../helpers/fixtures';
import { chromiumPath } from './harness';

const AR5IV = 'arxiv/ar5iv-html-1706.03762-2023';
const NATURE = 'nature/nature-s41586-021-03819-2-alphafold';

interface Inspection {
  active: string[];
  mathCount: number;
  mathInnerCount: number;
  annotations: number;
  images: number;
  links: { href: string; target: string | null; rel: string | null }[];
}

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'tests/e2e/pages/capture-entry.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the fixture at its real URL (nothing else reaches the network) and captures it in the page. */
async function capture(name: string, extraHtml = ''): Promise<{ page: Page; captured: CapturedPage; inspection: Inspection }> {
  const fixture = fixtureCase(name);
  const page = await browser.newPage();
  await page.route(/^https?:\/\//, (route) =>
    route.request().url() === fixture.url
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html().replace('</body>', `${extraHtml}</body>`) })
      : route.abort(),
  );
  await page.goto(fixture.url, { waitUntil: 'domcontentloaded' });
  await page.addScriptTag({ content: bundle });
  const captured = await page.evaluate(() => (window as unknown as { lecternCapture: () => CapturedPage }).lecternCapture());
  const inspection = await page.evaluate((html): Inspection => {
    const doc = document.implementation.createHTMLDocument('');
    const root = doc.createElement('div');
    root.innerHTML = html;
    const active: string[] = [];
    for (const element of Array.from(root.querySelectorAll('script, style, link, iframe, frame, object, embed, form, input, button, video, audio, source, base, meta, svg'))) {
      active.push(element.localName);
    }
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name;
        if (name.startsWith('on') || ['style', 'srcset', 'poster', 'background', 'action', 'formaction', 'xlink:href'].includes(name)) {
          active.push(`${element.localName}[${name}]`);
        }
        if (name === 'src' && !attribute.value.startsWith('data:image/')) active.push(`${element.localName}[src=${attribute.value}]`);
        if (name === 'href' && (element.localName !== 'a' || !/^(https?:|#)/i.test(attribute.value))) active.push(`${element.localName}[href=${attribute.value}]`);
      }
    }
    return {
      active,
      mathCount: root.querySelectorAll('math').length,
      mathInnerCount: root.querySelectorAll('math mi, math mo, math mn').length,
      annotations: root.querySelectorAll('annotation, annotation-xml').length,
      images: root.querySelectorAll('img').length,
      links: Array.from(root.querySelectorAll('a[href^="http"]')).map((a) => ({
        href: a.getAttribute('href')!,
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
    };
  }, captured.content);
  return { page, captured, inspection };
}

describe('capturing a readable copy in Chromium', () => {
  it('keeps the ar5iv article text and its MathML, and nothing active', async () => {
    const { page, captured, inspection } = await capture(AR5IV);
    expect(captured.title).toContain('Attention Is All You Need');
    expect(captured.text).toContain('The dominant sequence transduction models are based on complex recurrent');
    expect(captured.text).toContain('Scaled Dot-Product Attention');
    expect(captured.text.length).toBeGreaterThan(20_000);
    expect(inspection.mathCount).toBeGreaterThan(50);
    expect(inspection.mathInnerCount).toBeGreaterThan(200);
    // TeX annotations are not shown next to each formula.
    expect(inspection.annotations).toBe(0);
    expect(inspection.active).toEqual([]);
    // The page's figures are remote and were never loaded: dropped and counted, none kept.
    expect(captured.droppedImages).toBeGreaterThan(0);
    expect(inspection.images).toBe(0);
    for (const link of inspection.links) {
      expect(link.target).toBe('_blank');
      expect(link.rel).toContain('noopener');
    }
    // The page itself is left as it was (Readability parsed a clone).
    expect(await page.locator('article.ltx_document').count()).toBe(1);
    await page.close();
  });

  it('keeps the Nature article text and nothing active', async () => {
    const { page, captured, inspection } = await capture(NATURE);
    expect(captured.title).toMatch(/protein structure prediction with AlphaFold/i);
    expect(captured.text).toMatch(/Proteins are essential to life/);
    expect(captured.text.length).toBeGreaterThan(20_000);
    expect(inspection.active).toEqual([]);
    await page.close();
  });

  it('keeps a loaded same-origin image as a data URL and drops hostile additions inside the article', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const hostile = `<p onclick="alert(1)" style="background:url(https://evil.example/x.png)">Injected paragraph text for the test.</p>
      <iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input name="q"></form>
      <img id="local" src="data:image/png;base64,${png}" alt="a local figure">
      <a href="javascript:alert(1)">bad link</a>`;
    const { page, captured, inspection } = await capture(AR5IV, '');
    await page.close();
    // Added inside the article body so that Readability keeps it.
    const fixture = fixtureCase(AR5IV);
    const withHostile = await browser.newPage();
    await withHostile.route(/^https?:\/\//, (route) =>
      route.request().url() === fixture.url
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html() })
        : route.abort(),
    );
    await withHostile.goto(fixture.url, { waitUntil: 'domcontentloaded' });
    await withHostile.evaluate((html) => {
      document.querySelector('.ltx_abstract')!.insertAdjacentHTML('beforeend', html);
    }, hostile);
    await withHostile.waitForFunction(() => (document.getElementById('local') as HTMLImageElement | null)?.complete === true);
    await withHostile.addScriptTag({ content: bundle });
    const again = await withHostile.evaluate(() => (window as unknown as { lecternCapture: () => CapturedPage }).lecternCapture());
    expect(again.text).toContain('Injected paragraph text for the test.');
    expect(again.content).toContain('alt="a local figure"');
    expect(again.content).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    expect(again.content).not.toMatch(/onclick|javascript:|<iframe|<form|<input|evil\.example/);
    expect(again.droppedImages).toBe(captured.droppedImages);
    expect(inspection.active).toEqual([]);
    await withHostile.close();
  });
});
