import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollToShow, visibleWindow, type ListWindow } from '../../lib/library/window';

interface Props {
  total: number;
  rowHeight: number;
  label: string;
  /** The row the keyboard cursor is on: scrolled into view when it moves. */
  cursor: number;
  /** Called with the rendered window whenever it changes. */
  onWindow: (window: ListWindow) => void;
  renderRow: (index: number, style: { top: string; height: string }) => ComponentChildren;
  scrollerRef?: Ref<HTMLDivElement>;
}

/** Renders only the rows in view (plus overscan) of a list of `total` fixed-height rows. */
export function VirtualList({ total, rowHeight, label, cursor, onWindow, renderRow }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientHeight || 600);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const window = visibleWindow(scrollTop, viewport, rowHeight, total);
  useEffect(() => onWindow(window), [window.start, window.end]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || cursor < 0) return;
    const next = scrollToShow(cursor, element.scrollTop, element.clientHeight, rowHeight);
    if (next !== undefined) element.scrollTop = next;
  }, [cursor]);

  const rows: ComponentChildren[] = [];
  for (let i = window.start; i < window.end; i++) rows.push(renderRow(i, { top: `${String(i * rowHeight)}px`, height: `${String(rowHeight)}px` }));
  return (
    <div class="scroller" ref={scroller} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
      <ul class="paper-list virtual" aria-label={label} style={{ height: `${String(total * rowHeight)}px` }}>
        {rows}
      </ul>
    </div>
  );
}
