import { describe, expect, it } from 'vitest';
import {
  CONTENT_SCRIPT_FILE,
  createSiteAccess,
  scriptIdFor,
  siteControls,
  userGrantedOrigins,
  type RegisteredScript,
  type SiteAccessApi,
} from '../../lib/service/site-access';
import { CONTENT_SCRIPT_HOSTS } from '../../lib/sites/hosts';
import { hostOf, isSiteOrigin, parsePatternList, siteOriginOf } from '../../lib/origins';

const LAB = 'https://lab.example.org/*';

describe('siteControls', () => {
  // What permissions.getAll() answers: the manifest's hosts, plus whatever the user granted.
  const granted = [...CONTENT_SCRIPT_HOSTS, LAB];

  it('offers nothing on sites the content script already runs on', () => {
    for (const url of ['https://arxiv.org/list/cs.LG/new', 'https://huggingface.co/papers/trending', 'https://x.hal.science/hal-1', 'https://www.nature.com/articles/s1']) {
      expect(siteControls(url, CONTENT_SCRIPT_HOSTS, granted), url).toEqual({ kind: 'none' });
    }
  });

  it('offers both controls on any other http(s) page', () => {
    expect(siteControls('https://other.example.org/publications?y=2024#top', CONTENT_SCRIPT_HOSTS, granted)).toEqual({
      kind: 'offer',
      host: 'other.example.org',
      origin: 'https://other.example.org/*',
      always: true,
    });
    expect(siteControls('http://intranet.lab:8080/papers', CONTENT_SCRIPT_HOSTS, [])).toEqual({
      kind: 'offer',
      host: 'intranet.lab:8080',
      origin: 'http://intranet.lab:8080/*',
      always: true,
    });
  });

  it('offers only a run-once detection on hosts the manifest matches in part', () => {
    // Chrome reports `https://huggingface.co/papers*` as `https://huggingface.co/*`: a grant of the whole
    // site could not be told apart from it.
    const reported = [...granted, 'https://huggingface.co/*', 'https://www.ncbi.nlm.nih.gov/*'];
    expect(siteControls('https://huggingface.co/blog/post', CONTENT_SCRIPT_HOSTS, reported)).toEqual({
      kind: 'offer',
      host: 'huggingface.co',
      origin: 'https://huggingface.co/*',
      always: false,
    });
    expect(siteControls('https://www.ncbi.nlm.nih.gov/books/NBK1', CONTENT_SCRIPT_HOSTS, reported)).toMatchObject({ kind: 'offer', always: false });
  });

  it('offers to stop on a site the user granted', () => {
    expect(siteControls('https://lab.example.org/publications', CONTENT_SCRIPT_HOSTS, granted)).toEqual({
      kind: 'granted',
      host: 'lab.example.org',
      origin: LAB,
    });
    // The grant is per scheme.
    expect(siteControls('http://lab.example.org/publications', CONTENT_SCRIPT_HOSTS, granted)).toMatchObject({ kind: 'offer' });
  });

  it('offers nothing on browser, file and extension pages, or when the URL is unknown', () => {
    for (const url of ['chrome://extensions/', 'about:blank', 'file:///home/me/paper.html', 'chrome-extension://abcdefghijklmnop/popup.html', 'moz-extension://x/popup.html', 'view-source:https://example.org/', 'data:text/html,hi', 'not a url']) {
      expect(siteControls(url, CONTENT_SCRIPT_HOSTS, granted), url).toEqual({ kind: 'none' });
    }
    expect(siteControls(undefined, CONTENT_SCRIPT_HOSTS, granted)).toEqual({ kind: 'none' });
  });

  it('counts only single-site grants the manifest does not already hold', () => {
    expect(
      userGrantedOrigins([...CONTENT_SCRIPT_HOSTS, LAB, 'https://*/*', '<all_urls>', LAB, 'https://huggingface.co/*'], CONTENT_SCRIPT_HOSTS),
    ).toEqual([LAB]);
  });
});

describe('site origins', () => {
  it('accepts one host with a scheme and every path, nothing broader', () => {
    expect(isSiteOrigin(LAB)).toBe(true);
    expect(isSiteOrigin('http://localhost:8000/*')).toBe(true);
    for (const bad of ['<all_urls>', 'https://*/*', 'https://*.example.org/*', 'https://lab.example.org/x/*', '*://lab.example.org/*', 'https://lab.example.org/', 'https://LAB.example.org/*']) {
      expect(isSiteOrigin(bad), bad).toBe(false);
    }
    expect(siteOriginOf('https://Lab.Example.org/a/b?c')).toBe(LAB);
    expect(siteOriginOf('ftp://lab.example.org/')).toBeUndefined();
    expect(hostOf(LAB)).toBe('lab.example.org');
    expect(parsePatternList(' https://a.example/*, ,https://b.example/* ')).toEqual(['https://a.example/*', 'https://b.example/*']);
    expect(parsePatternList(undefined)).toEqual([]);
  });
});

/** A browser with the scripting and permissions APIs in memory, and a log of what was called. */
function fakeBrowser(initiallyGranted: string[]) {
  const granted = new Set(initiallyGranted);
  const scripts = new Map<string, RegisteredScript & { js: string[]; runAt: string; persistAcrossSessions: boolean }>();
  const injected: { tabId: number; files: string[] }[] = [];
  const api: SiteAccessApi = {
    scripting: {
      async registerContentScripts(list) {
        for (const script of list) {
          if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          scripts.set(script.id, { ...script });
        }
      },
      async unregisterContentScripts({ ids }) {
        for (const id of ids) {
          if (!scripts.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
        }
      },
      async getRegisteredContentScripts(filter) {
        return [...scripts.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id));
      },
      async executeScript({ target, files }) {
        injected.push({ tabId: target.tabId, files });
        return [];
      },
    },
    permissions: {
      async contains({ origins }) {
        return origins.every((origin) => granted.has(origin));
      },
      async remove({ origins }) {
        for (const origin of origins) granted.delete(origin);
        return true;
      },
      async getAll() {
        return { origins: [...granted] };
      },
    },
  };
  return { api, granted, scripts, injected };
}

describe('createSiteAccess', () => {
  it('registers a granted site once: its own id, the content script, at document idle, kept across sessions', async () => {
    const fake = fakeBrowser([...CONTENT_SCRIPT_HOSTS, LAB]);
    const access = createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS);
    await access.register(LAB);
    await access.register(LAB);
    expect([...fake.scripts.values()]).toEqual([
      { id: scriptIdFor(LAB), matches: [LAB], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  });

  it('registering the same site twice at once ends with one script and no error', async () => {
    const fake = fakeBrowser([...CONTENT_SCRIPT_HOSTS, LAB]);
    const access = createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS);
    await Promise.all([access.register(LAB), access.reconcile(), access.register(LAB)]);
    expect([...fake.scripts.keys()]).toEqual([scriptIdFor(LAB)]);
  });

  it('refuses to register a site that was not granted, or anything but a site origin', async () => {
    const fake = fakeBrowser(CONTENT_SCRIPT_HOSTS);
    const access = createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS);
    await expect(access.register(LAB)).rejects.toThrow(/not granted/);
    await expect(access.register('https://*/*')).rejects.toThrow(/Not a site origin/);
    expect(fake.scripts.size).toBe(0);
  });

  it('leaves matched sites to the manifest', async () => {
    const fake = fakeBrowser(CONTENT_SCRIPT_HOSTS);
    const access = createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS);
    await expect(access.register('https://arxiv.org/*')).rejects.toThrow(/already reads/);
    await expect(access.register('https://huggingface.co/*')).rejects.toThrow(/already reads/);
    expect(fake.scripts.size).toBe(0);
    await expect(access.unregister('https://arxiv.org/*')).rejects.toThrow(/always reads/);
    expect(fake.granted.has('https://arxiv.org/*')).toBe(true);
  });

  it('unregisters a site and gives its permission back, also when the script was already gone', async () => {
    const fake = fakeBrowser([...CONTENT_SCRIPT_HOSTS, LAB, 'https://two.example.org/*']);
    const access = createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS);
    await access.register(LAB);
    await access.unregister(LAB);
    expect(fake.scripts.size).toBe(0);
    expect(fake.granted.has(LAB)).toBe(false);
    await access.unregister('https://two.example.org/*');
    expect(fake.granted.has('https://two.example.org/*')).toBe(false);
  });

  it('injects the content script file into a tab', async () => {
    const fake = fakeBrowser([]);
    await createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS).inject(7);
    expect(fake.injected).toEqual([{ tabId: 7, files: [CONTENT_SCRIPT_FILE] }]);
  });

  it('reconcile: every granted site gets its script, and scripts of sites no longer granted go', async () => {
    // As Chrome reports them: partial-path manifest hosts as whole sites.
    const fake = fakeBrowser([...CONTENT_SCRIPT_HOSTS, 'https://huggingface.co/*', 'https://www.ncbi.nlm.nih.gov/*', LAB]);
    const access = createSiteAccess(fake.api, CONTENT_SCRIPT_HOSTS);
    await access.reconcile();
    expect([...fake.scripts.keys()]).toEqual([scriptIdFor(LAB)]);
    // Granted elsewhere (the browser's site settings), and one removed there.
    fake.granted.add('http://two.example.org/*');
    fake.granted.delete(LAB);
    // Someone else's registered script is left alone.
    await fake.api.scripting.registerContentScripts([
      { id: 'other', matches: ['https://x.example/*'], js: ['x.js'], runAt: 'document_idle', persistAcrossSessions: false },
    ]);
    await access.reconcile();
    expect([...fake.scripts.keys()].sort()).toEqual(['other', scriptIdFor('http://two.example.org/*')]);
    await access.reconcile();
    expect(fake.scripts.size).toBe(2);
  });
});
