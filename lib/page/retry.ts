/**
 * Sending requests from the content script: the service worker may be starting or restarting when the page
 * asks, so a lost or unanswered message is sent again a few times; a refusal is final.
 */
import { RequestRefused } from '../messaging/client';

const RETRY_DELAYS_MS = [250, 1_000, 3_000];

/** Runs `send` until it answers, sending again after a lost message (not after a refusal). */
export async function withRetry<T>(send: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  let attempt = 0;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      const delay = error instanceof RequestRefused ? undefined : RETRY_DELAYS_MS[attempt++];
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}
