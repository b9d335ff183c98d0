import { defineContentScript } from 'wxt/utils/define-content-script';
import { request } from '../../lib/messaging/client';
import { reportPage } from '../../lib/page/report';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';

export default defineContentScript({
  matches: CONTENT_SCRIPT_HOSTS,
  runAt: 'document_idle',
  main(ctx) {
    const run = () =>
      reportPage(document, location.href, (data) => request('page.report', data)).catch((error: unknown) => {
        // Never throw into the page; a stopped extension (reload/update) is not an error worth reporting.
        if (!ctx.isInvalid) console.warn('Lectern could not record this page:', error);
      });
    void run();
    // Client-side navigation (Hugging Face date pickers, arXiv search paging in place) shows new entries.
    ctx.addEventListener(window, 'wxt:locationchange', () => void run());
  },
});
