import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { request } from '../../lib/messaging/client';
import { startTriage } from '../../lib/page/triage';
import { loadSettings, saveSettings, watchSettings } from '../../lib/settings';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';

export default defineContentScript({
  matches: CONTENT_SCRIPT_HOSTS,
  runAt: 'document_idle',
  main(ctx) {
    startTriage({
      ctx,
      doc: document,
      win: window,
      request,
      listen(listener) {
        const onMessage = (message: unknown) => {
          listener(message);
          return undefined;
        };
        browser.runtime.onMessage.addListener(onMessage);
        const stop = () => browser.runtime.onMessage.removeListener(onMessage);
        ctx.onInvalidated(stop);
        return stop;
      },
      settings: {
        load: () => loadSettings(),
        save: (patch) => saveSettings(patch),
        watch(onChange) {
          const stop = watchSettings(onChange);
          ctx.onInvalidated(stop);
          return stop;
        },
      },
    });
  },
});
