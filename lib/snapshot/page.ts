/**
 * The snapshot script's work in the page: decide whether to capture, capture, and send the copy to the
 * background. The transport is passed in (`request` from `lib/messaging/client`), so this runs in tests.
 */
import type { SnapshotSaved, SnapshotUpload } from '../messaging/areas/snapshots';
import { capturePage, isArticleLike } from './capture';
import type { CaptureOptions, CaptureOutcome } from './inject';

export type SendSnapshot = (upload: SnapshotUpload) => Promise<SnapshotSaved>;

export async function captureAndSend(
  doc: Document,
  href: string,
  options: CaptureOptions,
  send: SendSnapshot,
  win: Window & typeof globalThis = window,
): Promise<CaptureOutcome> {
  const url = href.split('#')[0]!;
  // Readability never runs on a page that is not an article (listings cost seconds), unless asked.
  if (!options.force && !isArticleLike(doc, url)) return { saved: false, reason: 'This page is not an article' };
  try {
    const page = capturePage(doc, url, win);
    const saved = await send({
      url,
      ...(options.paperId ? { paperId: options.paperId } : {}),
      title: page.title,
      ...(page.byline ? { byline: page.byline } : {}),
      content: page.content,
      text: page.text,
      droppedImages: page.droppedImages,
    });
    return { saved: true, ...saved };
  } catch (error) {
    return { saved: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
