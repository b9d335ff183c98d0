import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { request } from '../../lib/messaging/client';
import { startHighlighter } from '../../lib/page/highlighter';
import { claimPage, shieldFromLaterRuns } from '../../lib/page/once';
import { startTriage } from '../../lib/page/triage';
import { runUnlessSiteOff } from '../../lib/page/site-switch';
import { loadSettings, saveSettings, watchSettings, type Settings } from '../../lib/settings';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { detectPage } from '../../lib/sites/registry';

export default defineContentScript({
  matches: CONTENT_SCRIPT_HOSTS,
  runAt: 'document_idle',
  main(ctx) {
    // Injected again (popup, context menu) into a page where it already runs: nothing to do.
    const alive = () => !ctx.isInvalid;
    if (!claimPage(window, alive)) return;
    // A later run's context announces itself with this event, which would stop this one (WXT stops the
    // copies an extension update orphans that way); typed private, present at run time.
    const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    if (started) {
      shieldFromLaterRuns(window, started, alive, (target, type, listener, options) =>
        ctx.addEventListener(target, type as 'message', listener, options),
      );
    }
    const listen = (listener: (message: unknown) => void) => {
      const onMessage = (message: unknown) => {
        listener(message);
        return undefined;
      };
      browser.runtime.onMessage.addListener(onMessage);
      const stop = () => browser.runtime.onMessage.removeListener(onMessage);
      ctx.onInvalidated(stop);
      return stop;
    };
    // A site switched off in the settings gets nothing: no detection, no badges, no highlights.
    const settings = {
      load: () => loadSettings(),
      save: (patch: Partial<Settings>) => saveSettings(patch),
      watch(onChange: (patch: Partial<Settings>) => void) {
        const stop = watchSettings(onChange);
        ctx.onInvalidated(stop);
        return stop;
      },
    };
    runUnlessSiteOff({
      url: () => window.location.href,
      load: settings.load,
      watch: settings.watch,
      start() {
        const triage = startTriage({ ctx, doc: document, win: window, request, listen, settings });
        const highlighter = startHighlighter({
          ctx,
          doc: document,
          win: window,
          request,
          listen,
          // Highlights are asked for once the page is recorded: the background then knows its papers as this tab's.
          recorded: () => triage.idle(),
          paperId() {
            const detection = detectPage(document, window.location.href);
            return detection.kind === 'single' ? detection.papers[0]?.id : undefined;
          },
        });
        return () => {
          highlighter.destroy();
          triage.destroy();
        };
      },
    });
  },
});
