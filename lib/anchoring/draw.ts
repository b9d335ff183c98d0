/**
 * Drawing highlights over ranges without touching the page's layout or its DOM text: the CSS Custom
 * Highlight API (`CSS.highlights`, one `Highlight` per colour, styled by `::highlight(lectern-<colour>)`
 * rules added once), or, where it is missing, translucent boxes from the ranges' client rects in a layer of
 * our own that takes no pointer events. Hit-testing (hover, click) compares a point with the drawn ranges.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../model';

/** Background colours, readable under dark text and light enough over light pages. */
export const HIGHLIGHT_PAINT: Record<HighlightColor, string> = {
  yellow: 'rgba(255, 226, 64, 0.55)',
  green: 'rgba(120, 220, 120, 0.5)',
  blue: 'rgba(120, 180, 255, 0.5)',
  pink: 'rgba(255, 140, 190, 0.5)',
  purple: 'rgba(190, 150, 255, 0.5)',
};

/** The name of a colour's highlight in `CSS.highlights`. */
export function highlightName(color: HighlightColor): string {
  return `lectern-${color}`;
}

interface HighlightLike {
  add(range: Range): void;
  delete(range: Range): boolean;
  readonly size: number;
}
interface HighlightRegistryLike {
  set(name: string, highlight: HighlightLike): void;
  get(name: string): HighlightLike | undefined;
  delete(name: string): boolean;
}

function registryOf(win: Window): { registry: HighlightRegistryLike; Highlight: new (...ranges: Range[]) => HighlightLike } | null {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistryLike } }).CSS;
  const Highlight = (win as unknown as { Highlight?: new (...ranges: Range[]) => HighlightLike }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
}

export interface Painter {
  /** Draws `range` in `color` (a range drawn already is moved to the new colour). */
  draw(range: Range, color: HighlightColor): void;
  undraw(range: Range): void;
  /** The drawn range under the point (client coordinates), the shortest one when they nest. */
  hitTest(x: number, y: number, ranges: Iterable<Range>): Range | null;
  /** Briefly emphasises a range (after scrolling to it). */
  flash(range: Range): void;
  /** Redraws after a layout change (only the fallback needs it). */
  refresh(): void;
  /** Undraws everything and removes what it added. */
  destroy(): void;
  /** Which way it draws. */
  readonly mode: 'css-highlights' | 'boxes';
}

export interface PainterOptions {
  /** Where the fallback's layer of boxes goes (default: the document's body). */
  layerParent?: Element;
  /** Draw with boxes even where the Custom Highlight API exists (tests). */
  forceBoxes?: boolean;
}

function pointInRects(range: Range, x: number, y: number): boolean {
  for (const rect of Array.from(range.getClientRects())) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

function hitTestRanges(_doc: Document, x: number, y: number, ranges: Iterable<Range>): Range | null {
  let best: Range | null = null;
  let bestLength = Infinity;
  for (const range of ranges) {
    if (!pointInRects(range, x, y)) continue;
    const length = range.toString().length;
    if (length < bestLength) {
      best = range;
      bestLength = length;
    }
  }
  return best;
}

export function createPainter(doc: Document, options: PainterOptions = {}): Painter {
  const win = doc.defaultView!;
  const api = options.forceBoxes ? null : registryOf(win);
  return api ? cssPainter(doc, api) : boxPainter(doc, options.layerParent ?? doc.body);
}

function cssPainter(
  doc: Document,
  api: { registry: HighlightRegistryLike; Highlight: new (...ranges: Range[]) => HighlightLike },
): Painter {
  const colorOf = new Map<Range, HighlightColor>();
  const style = doc.createElement('style');
  style.dataset.lectern = 'highlights';
  style.textContent =
    HIGHLIGHT_COLORS.map((c) => `::highlight(${highlightName(c)}) { background-color: ${HIGHLIGHT_PAINT[c]}; }`).join('\n') +
    `\n::highlight(lectern-flash) { background-color: rgba(255, 120, 0, 0.75); }`;
  (doc.head ?? doc.documentElement).append(style);
  const highlightFor = (name: string): HighlightLike => {
    let highlight = api.registry.get(name);
    if (!highlight) {
      highlight = new api.Highlight();
      api.registry.set(name, highlight);
    }
    return highlight;
  };
  const undraw = (range: Range) => {
    const color = colorOf.get(range);
    if (!color) return;
    api.registry.get(highlightName(color))?.delete(range);
    colorOf.delete(range);
  };
  return {
    mode: 'css-highlights',
    draw(range, color) {
      undraw(range);
      highlightFor(highlightName(color)).add(range);
      colorOf.set(range, color);
    },
    undraw,
    hitTest: (x, y, ranges) => hitTestRanges(doc, x, y, ranges),
    flash(range) {
      const flash = highlightFor('lectern-flash');
      flash.add(range);
      setTimeout(() => flash.delete(range), 1_600);
    },
    refresh() {},
    destroy() {
      for (const color of HIGHLIGHT_COLORS) api.registry.delete(highlightName(color));
      api.registry.delete('lectern-flash');
      colorOf.clear();
      style.remove();
    },
  };
}

function boxPainter(doc: Document, parent: Element): Painter {
  const win = doc.defaultView!;
  const colorOf = new Map<Range, HighlightColor>();
  const layer = doc.createElement('lectern-highlights');
  // Absolutely placed at the document's origin, above the text, letting every pointer event through.
  layer.setAttribute('style', 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;z-index:2147483000;');
  parent.append(layer);
  let frame = 0;
  const render = () => {
    frame = 0;
    layer.textContent = '';
    const { scrollX, scrollY } = win;
    for (const [range, color] of colorOf) {
      for (const rect of Array.from(range.getClientRects())) {
        if (!rect.width || !rect.height) continue;
        const box = doc.createElement('div');
        box.setAttribute(
          'style',
          `position:absolute;left:${rect.left + scrollX}px;top:${rect.top + scrollY}px;width:${rect.width}px;height:${rect.height}px;` +
            `background:${HIGHLIGHT_PAINT[color]};mix-blend-mode:multiply;pointer-events:none;`,
        );
        layer.append(box);
      }
    }
  };
  const schedule = () => {
    if (!frame) frame = win.requestAnimationFrame(render);
  };
  win.addEventListener('resize', schedule);
  return {
    mode: 'boxes',
    draw(range, color) {
      colorOf.set(range, color);
      schedule();
    },
    undraw(range) {
      if (colorOf.delete(range)) schedule();
    },
    hitTest: (x, y, ranges) => hitTestRanges(doc, x, y, ranges),
    flash(range) {
      const previous = colorOf.get(range);
      colorOf.set(range, 'pink');
      schedule();
      setTimeout(() => {
        if (previous && colorOf.has(range)) colorOf.set(range, previous);
        schedule();
      }, 1_600);
    },
    refresh: schedule,
    destroy() {
      win.removeEventListener('resize', schedule);
      if (frame) win.cancelAnimationFrame(frame);
      colorOf.clear();
      layer.remove();
    },
  };
}
