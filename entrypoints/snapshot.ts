/**
 * The snapshot script: injected into a tab only to keep a readable copy of its page (never in the detection
 * path). Answers the outcome to `executeScript`.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { request } from '../lib/messaging/client';
import { takeCaptureOptions } from '../lib/snapshot/inject';
import { captureAndSend } from '../lib/snapshot/page';

export default defineUnlistedScript(() =>
  captureAndSend(document, location.href, takeCaptureOptions(globalThis as unknown as Record<string, unknown>), (upload) =>
    request('page.snapshot.save', upload),
  ),
);
