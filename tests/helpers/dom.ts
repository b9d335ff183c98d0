import nodeConsole from 'node:console';
import { vi } from 'vitest';

/**
 * Parses a saved page under happy-dom. happy-dom reports each stylesheet and iframe it does not load on
 * Node's console; those reports are noise for detection tests and are silenced while parsing.
 */
export function parseHtml(html: string): Document {
  const quiet = vi.spyOn(nodeConsole as Console, 'error').mockImplementation(() => {});
  try {
    return new DOMParser().parseFromString(html, 'text/html');
  } finally {
    quiet.mockRestore();
  }
}
