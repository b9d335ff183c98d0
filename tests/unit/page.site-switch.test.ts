import { describe, expect, it } from 'vitest';
import { runUnlessSiteOff } from '../../lib/page/site-switch';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';

function harness(url: string, disabledSites: string[]) {
  const log: string[] = [];
  let watcher: ((patch: Partial<Settings>) => void) | undefined;
  const stop = runUnlessSiteOff({
    url: () => url,
    load: async () => ({ ...DEFAULT_SETTINGS, disabledSites }),
    watch: (onChange) => {
      watcher = onChange;
      return () => (watcher = undefined);
    },
    start: () => {
      log.push('start');
      return () => log.push('stop');
    },
  });
  return { log, change: (patch: Partial<Settings>) => watcher?.(patch), stop };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a site switched off', () => {
  it('gets nothing started, and starts when switched back on', async () => {
    const { log, change } = harness('https://arxiv.org/list/cs.LG/new', ['arxiv.org']);
    await tick();
    expect(log).toEqual([]);
    change({ disabledSites: [] });
    expect(log).toEqual(['start']);
    change({ disabledSites: ['www.arxiv.org', 'arxiv.org'] });
    expect(log).toEqual(['start', 'stop']);
  });

  it('other sites run, and other settings changing do not restart them', async () => {
    const { log, change, stop } = harness('https://huggingface.co/papers', ['arxiv.org']);
    await tick();
    expect(log).toEqual(['start']);
    change({ keyboardTriage: true });
    change({ disabledSites: ['arxiv.org', 'scholar.google.com'] });
    expect(log).toEqual(['start']);
    stop();
    expect(log).toEqual(['start', 'stop']);
  });
});
