/** Handlers of the data safety requests (`lib/messaging/areas/data.ts`); extension pages only. */
import type { DataRequests } from '../../messaging/areas/data';
import { Refused, type ExtensionHandlersOf, type HandlerContext } from './context';

/** What the background gives these handlers: the safety copy's store and the running version. */
export interface SafetyDeps {
  restore(): Promise<{ added: number; updated: number; highlights: number }>;
  dismiss(): Promise<void>;
}

export function dataHandlers(_ctx: HandlerContext, safety: SafetyDeps | undefined): ExtensionHandlersOf<keyof DataRequests> {
  const needSafety = (): SafetyDeps => {
    if (!safety) throw new Refused('The safety copy is not available here');
    return safety;
  };
  return {
    async 'data.restoreSafetyCopy'() {
      const summary = await needSafety().restore();
      return { papers: summary.added + summary.updated, highlights: summary.highlights };
    },
    async 'data.dismissLoss'() {
      await needSafety().dismiss();
      return null;
    },
  };
}
