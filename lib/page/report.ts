/**
 * The content script's one job at load: detect the page's papers and send them as one batch.
 * Timings go to the page's User Timing buffer (`lectern:detect`, `lectern:send`) so they can be measured
 * without touching the page's DOM.
 */
import type { DetectedPaper } from '../model';
import type { ReportResult } from '../messaging/protocol';
import { RequestRefused } from '../messaging/client';
import { detectPage } from '../sites/registry';

export interface ReportOutcome {
  papers: number;
  result?: ReportResult;
}

type Send = (data: { url: string; entries: DetectedPaper[] }) => Promise<ReportResult>;

const RETRY_DELAYS_MS = [250, 1_000, 3_000];

/** Detects once and reports; retries the send (the service worker may be starting or restarting). */
export async function reportPage(doc: Document, location: string, send: Send): Promise<ReportOutcome> {
  const started = performance.now();
  const { papers } = detectPage(doc, new URL(location));
  const detected = performance.now();
  performance.measure('lectern:detect', { start: started, end: detected, detail: { papers: papers.length } });
  if (papers.length === 0) return { papers: 0 };

  let attempt = 0;
  for (;;) {
    const sendStarted = performance.now();
    const pending = send({ url: location, entries: papers });
    performance.measure('lectern:send', { start: sendStarted, end: performance.now() });
    try {
      return { papers: papers.length, result: await pending };
    } catch (error) {
      // A refusal is final; only a lost or unanswered message is worth sending again.
      const delay = error instanceof RequestRefused ? undefined : RETRY_DELAYS_MS[attempt++];
      if (delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
