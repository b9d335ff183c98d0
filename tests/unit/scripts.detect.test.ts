/**
 * `npm run detect`: the core function on fixture pages (same answer as the fixture test), and the batch
 * mode's lines — one per listed page, in order, an error line for every page that cannot be read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, fixtureCase } from '../helpers/fixtures';
import { type BatchLine, detectHtml, parseListLine, runBatch } from '../../scripts/detect-core';

describe('detectHtml', () => {
  it.each(['plos/plos-pone.0000001', 'google-scholar/gs-search-olympus-range-2020', 'nonscholarly/readability-quanta-1', 'dblp/toc-cvpr2016'])(
    '%s: the truth entries',
    (name) => {
      const c = fixtureCase(name);
      const out = detectHtml(c.html(), c.url);
      expect(out.map((e) => (c.truth.entries.find((t) => t.id !== null) ? e.id : e.title))).toEqual(
        c.truth.entries.map((t) => (c.truth.entries.find((x) => x.id !== null) ? (t.id ?? expect.stringMatching(/^url:/)) : t.title)),
      );
      for (const [i, e] of out.entries()) {
        expect(e.title).toBe(c.truth.entries[i]!.title);
        expect(Array.isArray(e.authors)).toBe(true);
        expect(e.aliases[0]).toBe(e.id);
        expect(typeof e.link === 'string' || e.link === null).toBe(true);
      }
    },
  );

  it('prints the fields of an entry, the arXiv abs page as the link of arXiv papers', () => {
    const c = fixtureCase('arxiv/abs-1706.03762-attention');
    const [e] = detectHtml(c.html(), c.url);
    expect(Object.keys(e!)).toEqual(['id', 'aliases', 'title', 'authors', 'link', 'abstract', 'published', 'links']);
    expect(e).toMatchObject({ id: 'arxiv:1706.03762', link: 'https://arxiv.org/abs/1706.03762', published: '2017-06-12' });
    const [plos] = detectHtml(fixtureCase('plos/plos-pone.0000001').html(), fixtureCase('plos/plos-pone.0000001').url);
    expect(plos).toMatchObject({ link: 'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0000001', venue: 'PLOS ONE' });
  });

  it('runs generic detection whatever the URL, site adapters by URL', () => {
    const c = fixtureCase('pmlr-rendered/pmlr-v195-abbe23a-paper');
    expect(detectHtml(c.html(), c.url)).toHaveLength(1);
    // The same page elsewhere: no adapter, generic reads its citation_* meta.
    const [e] = detectHtml(c.html(), 'https://mirror.example.org/abbe23a.html');
    expect(e!.title).toBe(c.truth.entries[0]!.title);
  });

  it('an invalid URL is an error', () => {
    expect(() => detectHtml('<p>x</p>', 'not a url')).toThrow(/not a valid URL/);
  });
});

describe('batch mode', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lectern-detect-'));
  const plos = fixtureCase('plos/plos-pone.0000001');
  writeFileSync(path.join(dir, 'plos.html'), plos.html());
  writeFileSync(path.join(dir, 'empty.html'), '');
  writeFileSync(path.join(dir, 'blank.html'), '  \n\t\n');
  writeFileSync(path.join(dir, 'binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  mkdirSync(path.join(dir, 'folder.html'), { recursive: true });
  const list = [
    '# url<TAB>path',
    '',
    `${plos.url}\tplos.html`,
    `${plos.url}\tmissing.html`,
    `https://example.org/e\tempty.html`,
    `https://example.org/b\tblank.html`,
    `https://example.org/x\tbinary.html`,
    `https://example.org/d\tfolder.html`,
    `not a url\tplos.html`,
    'just-a-path.html',
    `${plos.url}\t${path.join(dir, 'plos.html')}`,
    '',
  ].join('\n');

  it('one line per listed page, in order; errors instead of crashes; comments and blank lines skipped', () => {
    const lines = runBatch(list, dir);
    expect(lines.map((l) => l.file)).toEqual([
      'plos.html',
      'missing.html',
      'empty.html',
      'blank.html',
      'binary.html',
      'folder.html',
      'plos.html',
      'just-a-path.html',
      path.join(dir, 'plos.html'),
    ]);
    const errors = lines.map((l) => ('error' in l ? l.error : null));
    expect(errors).toEqual([
      null,
      'no such file',
      'empty file',
      'empty file',
      'not a text file',
      'is a directory',
      'not a valid URL: not a url',
      'expected a line "url<TAB>path"',
      null,
    ]);
    const first = lines[0] as Extract<BatchLine, { entries: unknown }>;
    expect(first.entries.map((e) => e.id)).toEqual(['doi:10.1371/journal.pone.0000001']);
    expect(lines[8]).toEqual({ ...first, file: path.join(dir, 'plos.html') });
  });

  it('list lines: tab-separated, CRLF tolerated', () => {
    expect(parseListLine('https://a.org/x\tpage.html\r')).toEqual({ url: 'https://a.org/x', file: 'page.html' });
    expect(parseListLine('   ')).toBeUndefined();
    expect(parseListLine('  # comment')).toBeUndefined();
  });

  it('the command prints compact JSON lines, resolves paths against INIT_CWD and exits 0', () => {
    writeFileSync(path.join(dir, 'list.tsv'), list);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/detect.ts', '--batch', 'list.tsv'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, INIT_CWD: dir },
      encoding: 'utf8',
    });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    for (const l of lines) expect(l).not.toMatch(/\n/);
    expect(JSON.parse(lines[0]!)).toEqual(runBatch(list, dir)[0]);
    expect(JSON.parse(lines[1]!)).toEqual({ file: 'missing.html', error: 'no such file' });
  }, 60_000);

  it('an unreadable list is the only failure', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/detect.ts', '--batch', 'no-such-list.tsv'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, INIT_CWD: dir },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot read the list/);
    expect(r.stdout).toBe('');
  }, 60_000);
});
