/** The link "Copy citation link" copies, and copying text from a content script. */
import { safeHttpUrl } from '../links';
import type { DetectedPaper } from '../model';

/**
 * A stable link to cite the paper by: its DOI link when it has a DOI, else its landing page (the arXiv
 * abstract page), else the page it was seen on. `undefined` when it has none of them.
 */
export function citationLink(paper: Pick<DetectedPaper, 'aliases' | 'links'>): string | undefined {
  const doi = paper.aliases.find((id) => id.startsWith('doi:'));
  if (doi) return safeHttpUrl(`https://doi.org/${doi.slice('doi:'.length)}`);
  return safeHttpUrl(paper.links.abs) ?? safeHttpUrl(paper.links.page);
}

/** The page to open for a paper (`o`, the badge menu): its landing page, else the page it was seen on. */
export function openLink(paper: Pick<DetectedPaper, 'links'>): string | undefined {
  return safeHttpUrl(paper.links.abs) ?? safeHttpUrl(paper.links.page);
}

/**
 * Copies text to the clipboard: the async Clipboard API, else a selection in a text area inside our own
 * shadow root (`root`), so the page's DOM is not touched.
 */
export async function copyText(text: string, root: ShadowRoot | undefined): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!root) return false;
    const area = root.ownerDocument.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    root.append(area);
    area.select();
    try {
      return root.ownerDocument.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
