/**
 * The styles of Lectern's in-page UI (badges, status menu, page bar). They live only inside our shadow
 * roots: one constructed style sheet adopted by every shadow root (or, where a content script cannot adopt
 * a constructed sheet, a `<style>` element inside each root). Nothing is added to the page's own style
 * sheets, and the page's styles reach none of our elements: every host resets inherited properties
 * (`all: initial`) with declarations marked important, which win over the page's own rules for the host.
 *
 * Colours follow the site's theme, read from the page's background (`pageTheme`): each state has its own
 * background and text colour with enough contrast on either theme.
 */

export type Theme = 'light' | 'dark';

const PALETTES: Record<Theme, string> = {
  light: `
    --l-fg: #1f2937; --l-muted: #4b5563; --l-bg: #ffffff; --l-border: #c7ccd4; --l-hover: #eef1f5;
    --l-accent: #1d4ed8; --l-accent-fg: #ffffff; --l-focus: #2563eb; --l-shadow: 0 4px 16px rgba(0,0,0,.18);
    --l-new-bg: #1d4ed8; --l-new-fg: #ffffff;
    --l-seen-bg: #e5e7eb; --l-seen-fg: #374151;
    --l-unread-bg: #fde68a; --l-unread-fg: #713f12;
    --l-reading-bg: #ddd6fe; --l-reading-fg: #4c1d95;
    --l-read-bg: #bbf7d0; --l-read-fg: #14532d;
    --l-dismissed-bg: #f3f4f6; --l-dismissed-fg: #4b5563;
    --l-since-ring: #f59e0b;`,
  dark: `
    --l-fg: #e5e7eb; --l-muted: #aeb4be; --l-bg: #1f2329; --l-border: #4b5260; --l-hover: #2c313a;
    --l-accent: #60a5fa; --l-accent-fg: #0b1220; --l-focus: #93c5fd; --l-shadow: 0 4px 16px rgba(0,0,0,.6);
    --l-new-bg: #3b82f6; --l-new-fg: #0b1220;
    --l-seen-bg: #374151; --l-seen-fg: #e5e7eb;
    --l-unread-bg: #854d0e; --l-unread-fg: #fef3c7;
    --l-reading-bg: #5b21b6; --l-reading-fg: #ede9fe;
    --l-read-bg: #166534; --l-read-fg: #dcfce7;
    --l-dismissed-bg: #2b2f36; --l-dismissed-fg: #aeb4be;
    --l-since-ring: #fbbf24;`,
};

/** Shared by every root; `:host` rules reset whatever the page's rules give our host elements. */
const BASE = `
:host {
  all: initial !important;
  PALETTE
  font: 600 11px/14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important;
  color: var(--l-fg) !important;
  -webkit-text-size-adjust: 100%;
}
:host(lectern-badge) {
  display: inline-block !important;
  position: absolute !important;
  margin: 1px 0 0 .5em !important;
  padding: 0 !important;
  white-space: nowrap !important;
  text-indent: 0 !important;
  z-index: 1 !important;
}
:host(lectern-badge[data-lectern-inflow]) {
  position: static !important;
  margin: 0 0 0 .5em !important;
  vertical-align: middle !important;
  z-index: auto !important;
}
:host(lectern-bar) {
  display: block !important;
  position: fixed !important;
  right: 12px !important;
  bottom: 12px !important;
  z-index: 2147483646 !important;
  max-width: calc(100vw - 24px) !important;
}
:host(lectern-menu) {
  display: block !important;
  position: absolute !important;
  z-index: 2147483647 !important;
  top: 0 !important;
  left: 0 !important;
  width: 0 !important;
  height: 0 !important;
  overflow: visible !important;
}
:host([hidden]) { display: none !important; }
* { box-sizing: border-box; font: inherit; }
button { all: unset; box-sizing: border-box; cursor: pointer; }
button:focus-visible { outline: 2px solid var(--l-focus); outline-offset: 1px; }
[hidden] { display: none !important; }

/* ---- badge ---- */
.badge {
  display: inline-flex; align-items: center; gap: 3px;
  height: 16px; padding: 0 6px; border-radius: 8px; border: 1px solid transparent;
  font-size: 10.5px; line-height: 14px; letter-spacing: .01em; text-transform: lowercase;
  background: var(--l-seen-bg); color: var(--l-seen-fg);
}
.badge:hover { filter: brightness(.96); }
.badge[data-state="new"] { background: var(--l-new-bg); color: var(--l-new-fg); }
.badge[data-state="unread"] { background: var(--l-unread-bg); color: var(--l-unread-fg); }
.badge[data-state="reading"] { background: var(--l-reading-bg); color: var(--l-reading-fg); }
.badge[data-state="read"] { background: var(--l-read-bg); color: var(--l-read-fg); }
.badge[data-state="dismissed"] { background: var(--l-dismissed-bg); color: var(--l-dismissed-fg); text-decoration: line-through; }
.badge[data-since] { border-color: var(--l-since-ring); }
.badge[data-since]::before { content: "✦"; font-size: 9px; color: inherit; }
.badge[aria-busy="true"] { opacity: .6; }

/* ---- menu ---- */
.menu {
  min-width: 190px; max-width: 320px; padding: 4px; border-radius: 8px;
  background: var(--l-bg); color: var(--l-fg); border: 1px solid var(--l-border); box-shadow: var(--l-shadow);
  font-weight: 500; font-size: 12.5px; line-height: 18px;
}
.menu .title {
  display: block; padding: 4px 8px 6px; color: var(--l-muted); font-size: 11.5px; font-weight: 500;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 300px;
}
.menu [role^="menuitem"] {
  display: flex; align-items: center; gap: 8px; width: 100%; padding: 4px 8px; border-radius: 5px;
}
.menu [role^="menuitem"]:hover, .menu [role^="menuitem"]:focus-visible { background: var(--l-hover); outline: none; }
.menu [role="menuitemradio"]::before { content: ""; width: 12px; text-align: center; }
.menu [role="menuitemradio"][aria-checked="true"]::before { content: "✓"; }
.menu [role="menuitem"] { padding-left: 28px; }
.menu hr { border: 0; border-top: 1px solid var(--l-border); margin: 4px 2px; }
.menu .note { display: block; padding: 2px 8px 4px 28px; color: var(--l-muted); font-size: 11.5px; }
.menu .note:empty { display: none; }

/* ---- page bar ---- */
.bar {
  display: flex; flex-direction: column; gap: 6px; padding: 8px 10px; border-radius: 10px;
  background: var(--l-bg); color: var(--l-fg); border: 1px solid var(--l-border); box-shadow: var(--l-shadow);
  font-weight: 500; font-size: 12px; line-height: 16px; width: max-content; max-width: 100%;
}
.bar .row { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.bar .summary { font-weight: 600; }
.bar .summary .new { color: var(--l-accent); }
.bar .action {
  padding: 3px 8px; border-radius: 6px; border: 1px solid var(--l-border); background: transparent;
}
.bar .action.primary { background: var(--l-accent); color: var(--l-accent-fg); border-color: var(--l-accent); }
.bar .action:disabled { opacity: .5; cursor: default; }
.bar .icon { padding: 0 4px; border-radius: 4px; color: var(--l-muted); margin-left: auto; }
.bar label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; color: var(--l-muted); }
.bar input[type="checkbox"] { all: revert; margin: 0; accent-color: var(--l-accent); }
.bar .status { color: var(--l-muted); min-height: 0; }
.bar .status:empty { display: none; }
.bar .notice { color: var(--l-fg); font-weight: 600; }
.pill.paused { border-style: dashed; }
.pill {
  display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border-radius: 14px;
  background: var(--l-bg); color: var(--l-fg); border: 1px solid var(--l-border); box-shadow: var(--l-shadow);
  font-size: 12px; line-height: 16px;
}
.pill .new { color: var(--l-accent); }
`;

export function cssFor(theme: Theme): string {
  return BASE.replace('PALETTE', PALETTES[theme]);
}

/** sRGB relative luminance of a CSS `rgb()`/`rgba()` colour, or `undefined` when transparent or unreadable. */
export function luminanceOf(color: string): number | undefined {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)/i.exec(color);
  if (!m) return undefined;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return undefined;
  const channel = (v: string) => {
    const c = Math.min(255, parseFloat(v)) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(m[1]!) + 0.7152 * channel(m[2]!) + 0.0722 * channel(m[3]!);
}

/** The site's theme, from the first opaque background of `body` or `html` (white when neither has one). */
export function pageTheme(doc: Document): Theme {
  const view = doc.defaultView;
  if (!view) return 'light';
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const lum = luminanceOf(view.getComputedStyle(el).backgroundColor);
    if (lum !== undefined) return lum < 0.2 ? 'dark' : 'light';
  }
  return 'light';
}

/**
 * Gives shadow roots our styles and switches them between themes. One constructed sheet shared by all roots
 * when the browser lets the content script adopt it; a `<style>` element per root otherwise.
 */
export class Styler {
  private theme: Theme;
  private sheet: CSSStyleSheet | undefined;
  private readonly styleElements = new Set<HTMLStyleElement>();

  constructor(theme: Theme = 'light') {
    this.theme = theme;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cssFor(theme));
      this.sheet = sheet;
    } catch {
      this.sheet = undefined;
    }
  }

  get current(): Theme {
    return this.theme;
  }

  /** Styles a new shadow root. */
  adopt(root: ShadowRoot): void {
    if (this.sheet) {
      try {
        root.adoptedStyleSheets = [this.sheet];
        // Some content-script worlds accept the assignment and drop the sheet: check it took.
        if (root.adoptedStyleSheets.length === 1) return;
      } catch {
        // Fall back to a style element below.
      }
      this.sheet = undefined;
    }
    const style = root.ownerDocument.createElement('style');
    style.textContent = cssFor(this.theme);
    root.prepend(style);
    this.styleElements.add(style);
  }

  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    const css = cssFor(theme);
    this.sheet?.replaceSync(css);
    for (const style of this.styleElements) {
      if (style.isConnected) style.textContent = css;
      else this.styleElements.delete(style);
    }
  }
}
