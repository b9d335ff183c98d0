import { useLayoutEffect, useRef } from 'preact/hooks';
import { sanitizeSnapshotHtml } from '../../lib/snapshot/sanitize';

interface Props {
  /** Stored snapshot HTML: sanitised again here, whatever the database holds. */
  html: string;
  /** Called with the rendered root after each new content (anchoring works on it). */
  onRendered(root: HTMLElement): void;
}

/**
 * The one place the reader turns stored HTML into DOM: through the snapshot sanitiser, which leaves no
 * script, handler or remote load (images only as stored data URLs; http(s) links open in a new tab).
 */
export function SnapshotContent({ html, onRendered }: Props) {
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    element.innerHTML = sanitizeSnapshotHtml(html, window).html;
    onRendered(element);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [html]);
  return <div ref={root} class="reader-content" />;
}
