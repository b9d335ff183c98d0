import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabPapers, memoryArea, storageArea, withoutFragment } from '../../lib/service/tabs';

describe('TabPapers', () => {
  it('remembers, answers and forgets the papers of each tab', async () => {
    const tabs = createTabPapers(memoryArea());
    await tabs.set(1, 'https://arxiv.org/list/cs.LG/new#item3', ['arxiv:1', 'arxiv:2']);
    await tabs.set(2, 'https://huggingface.co/papers', ['arxiv:3']);
    expect(await tabs.get(1)).toEqual({ url: 'https://arxiv.org/list/cs.LG/new', ids: ['arxiv:1', 'arxiv:2'] });
    expect(await tabs.get(2)).toEqual({ url: 'https://huggingface.co/papers', ids: ['arxiv:3'] });
    expect(await tabs.get(3)).toBeUndefined();
    await tabs.forget(1);
    expect(await tabs.get(1)).toBeUndefined();
    expect(await tabs.get(2)).toBeDefined();
  });

  it('survives a restart of the background (state lives in the storage area)', async () => {
    const map = new Map<string, unknown>();
    await createTabPapers(memoryArea(map)).set(7, 'https://arxiv.org/', ['arxiv:9']);
    const restarted = createTabPapers(memoryArea(map));
    expect(await restarted.get(7)).toEqual({ url: 'https://arxiv.org/', ids: ['arxiv:9'] });
  });

  it('ignores a malformed stored value', async () => {
    const map = new Map<string, unknown>([['tabPapers:4', { url: 5, ids: 'no' }]]);
    expect(await createTabPapers(memoryArea(map)).get(4)).toBeUndefined();
  });

  it('works over browser.storage.session', async () => {
    fakeBrowser.reset();
    const area = storageArea(fakeBrowser.storage.session);
    await createTabPapers(area).set(5, 'https://arxiv.org/abs/2405.00001', ['arxiv:2405.00001']);
    expect(await fakeBrowser.storage.session.get('tabPapers:5')).toEqual({
      'tabPapers:5': { url: 'https://arxiv.org/abs/2405.00001', ids: ['arxiv:2405.00001'] },
    });
    expect(await createTabPapers(area).get(5)).toEqual({
      url: 'https://arxiv.org/abs/2405.00001',
      ids: ['arxiv:2405.00001'],
    });
    await createTabPapers(area).forget(5);
    expect(await fakeBrowser.storage.session.get('tabPapers:5')).toEqual({});
  });

  it('withoutFragment drops only the fragment', () => {
    expect(withoutFragment('https://a.org/p?q=1#x')).toBe('https://a.org/p?q=1');
    expect(withoutFragment('https://a.org/p')).toBe('https://a.org/p');
  });
});
