/**
 * Running the snapshot script in a tab (`entrypoints/snapshot.ts`, built as `/snapshot.js`): from the
 * background when a paper is saved on its own page, and from the popup when the user asks. The tab must be
 * a host Lectern reads or have the popup's `activeTab` grant. The script captures the page and sends the
 * copy itself (`page.snapshot.save`); its outcome comes back as the injection's result.
 */
import type { PaperId } from '../model';

export const SNAPSHOT_SCRIPT = '/snapshot.js';

/** Handed to the snapshot script before it runs (in the extension's isolated world, unseen by the page). */
export interface CaptureOptions {
  /** Capture even when the page does not look like an article (the user asked). */
  force: boolean;
  /** The paper the copy is for; absent: the one paper the tab's report listed. */
  paperId?: PaperId;
}

export type CaptureOutcome =
  | { saved: true; paperId: PaperId; size: number; droppedImages: number }
  | { saved: false; reason: string };

export const CAPTURE_OPTIONS_KEY = '__lecternSnapshotOptions';

/** The part of `browser.scripting` used here. */
export interface ScriptingLike {
  executeScript(injection: {
    target: { tabId: number };
    files?: string[];
    func?: (...args: never[]) => unknown;
    args?: unknown[];
  }): Promise<{ result?: unknown }[]>;
}

function isOutcome(value: unknown): value is CaptureOutcome {
  return typeof value === 'object' && value !== null && typeof (value as { saved?: unknown }).saved === 'boolean';
}

/** Captures the page of `tabId`; answers what happened (a failure to inject is a reason, not a throw). */
export async function captureInTab(scripting: ScriptingLike, tabId: number, options: CaptureOptions): Promise<CaptureOutcome> {
  try {
    await scripting.executeScript({
      target: { tabId },
      // Runs in the page's isolated world, like the script after it; self-contained (it is serialised).
      func: ((key: string, value: CaptureOptions) => {
        (globalThis as Record<string, unknown>)[key] = value;
      }) as (...args: never[]) => unknown,
      args: [CAPTURE_OPTIONS_KEY, options],
    });
    const [frame] = await scripting.executeScript({ target: { tabId }, files: [SNAPSHOT_SCRIPT] });
    const result = frame?.result;
    return isOutcome(result) ? result : { saved: false, reason: 'The page did not answer' };
  } catch (error) {
    return { saved: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The options the injector left for the snapshot script, taken once. */
export function takeCaptureOptions(scope: Record<string, unknown>): CaptureOptions {
  const raw = scope[CAPTURE_OPTIONS_KEY] as Partial<CaptureOptions> | undefined;
  delete scope[CAPTURE_OPTIONS_KEY];
  const options: CaptureOptions = { force: raw?.force === true };
  if (typeof raw?.paperId === 'string') options.paperId = raw.paperId;
  return options;
}
