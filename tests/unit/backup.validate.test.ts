import { describe, expect, it } from 'vitest';
import { backupToJson, type BackupFile } from '../../lib/backup/format';
import { BACKUP_LIMITS, BackupError, checkBackup, formatPath, parseBackup, readBackup } from '../../lib/backup/validate';
import { paperRecord, T0 } from '../fixtures/db/helpers';

function file(over: Partial<BackupFile> = {}): BackupFile {
  const papers = Array.from({ length: 3 }, (_, i) =>
    paperRecord({ id: `arxiv:2401.1000${i}`, aliases: [`arxiv:2401.1000${i}`], firstSeenAt: T0 + i }),
  );
  return {
    format: 'lectern-backup',
    formatVersion: 2,
    appVersion: '0.1.0',
    exportedAt: T0,
    papers,
    sightings: [{ paperId: papers[0]!.id, page: 'https://huggingface.co/papers', firstAt: T0 + 9 }],
    highlights: [],
    snapshots: [],
    settings: { keyboardTriage: true },
    tombstones: [{ id: 'doi:10.1/gone', aliases: ['doi:10.1/gone'], deletedAt: T0 }],
    ...over,
  };
}

/** The file as JSON-parsed data with `edit` applied. */
function edited(edit: (data: any) => void): unknown {
  const data = JSON.parse(JSON.stringify(file()));
  edit(data);
  return data;
}

function problems(data: unknown): string[] {
  const result = checkBackup(data);
  if (result.ok) throw new Error('expected the file to be rejected');
  expect(result.error.startsWith('Not a valid Lectern backup: ')).toBe(true);
  return result.issues;
}

describe('a valid file', () => {
  it('is accepted as it is', () => {
    const result = parseBackup(backupToJson(file()));
    expect(result).toEqual({ ok: true, backup: file(), dropped: 0 });
  });

  it('may leave out the optional top-level arrays and settings', () => {
    const result = checkBackup(edited((d) => {
      delete d.sightings;
      delete d.highlights;
      delete d.snapshots;
      delete d.settings;
      delete d.tombstones;
    }));
    expect(result.ok && result.backup).toEqual(file({ sightings: [], settings: {}, tombstones: [] }));
  });

  it('accepts a byte order mark and surrounding whitespace', () => {
    expect(parseBackup(`\ufeff \n${backupToJson(file())}\n\n`).ok).toBe(true);
  });

  it('drops identical duplicates and sightings of absent papers, and says how many', () => {
    const result = checkBackup(edited((d) => {
      d.papers.push(d.papers[1]);
      d.sightings.push({ paperId: 'arxiv:2401.99999', page: 'https://x.org/', firstAt: 1 });
      d.tombstones.push(d.tombstones[0]);
    }));
    expect(result.ok && result.dropped).toBe(3);
    expect(result.ok && result.backup).toEqual(file());
  });
});

describe('messages say what and where', () => {
  it('names the index and field of a bad status', () => {
    expect(problems(edited((d) => (d.papers[1].status = 'done')))).toEqual([
      'papers[1].status: expected one of seen, unread, reading, read, dismissed',
    ]);
  });

  it('reports every problem, up to a limit', () => {
    const issues = problems(edited((d) => {
      d.papers[0].title = 3;
      d.papers[2].links.abs = 'javascript:alert(1)';
      d.sightings[0].firstAt = -1;
    }));
    expect(issues).toEqual([
      'papers[0].title: expected a string',
      'papers[2].links.abs: expected an http(s) URL',
      'sightings[0].firstAt: expected a time (epoch ms, 0 or more)',
    ]);
    const many = checkBackup(edited((d) => {
      d.papers = Array.from({ length: 30 }, (_, i) => ({ ...d.papers[0], id: `arxiv:2401.${10_100 + i}`, status: 'x' }));
    }));
    expect(!many.ok && many.issues).toHaveLength(20);
    expect(!many.ok && many.error).toMatch(/\(and 29 more problems\)$/);
  });

  it('refuses unknown fields, naming them', () => {
    expect(problems(edited((d) => (d.papers[0].rating = 5)))).toEqual([
      'papers[0].rating: unknown field (format version 2 has no such field)',
    ]);
    expect(problems(edited((d) => (d.extra = [])))).toEqual(['extra: unknown field (format version 2 has no such field)']);
    expect(problems(edited((d) => (d.papers[0].links.doi = 'https://doi.org/10.1/x')))).toEqual([
      'papers[0].links.doi: unknown field (format version 2 has no such field)',
    ]);
  });

  it('refuses ids without a namespace and non-http links', () => {
    expect(problems(edited((d) => (d.papers[0].aliases[0] = 'ARXIV 2401.10000')))).toContain(
      'papers[0].aliases[0]: expected an id of the form namespace:value (e.g. arxiv:2405.01234)',
    );
    expect(problems(edited((d) => (d.papers[0].firstSeenOn = 'file:///etc/passwd')))).toEqual([
      'papers[0].firstSeenOn: expected an http(s) URL',
    ]);
  });

  it('refuses strings and lists over the limits', () => {
    expect(problems(edited((d) => (d.papers[0].title = 'x'.repeat(BACKUP_LIMITS.title + 1))))).toEqual([
      `papers[0].title: at most ${BACKUP_LIMITS.title} characters`,
    ]);
    expect(problems(edited((d) => (d.papers[0].tags = Array.from({ length: BACKUP_LIMITS.tags + 1 }, (_, i) => `t${i}`))))).toEqual([
      `papers[0].tags: at most ${BACKUP_LIMITS.tags} items`,
    ]);
  });

  it('refuses a highlight or snapshot in a format version 1 file, which has none', () => {
    const highlight = { id: 'h1', url: 'https://arxiv.org/abs/2401.10000', selectors: [{ type: 'TextQuoteSelector', exact: 'x' }], text: 'x', color: 'yellow', note: '', createdAt: 1, updatedAt: 1 };
    expect(problems(edited((d) => {
      d.formatVersion = 1;
      d.highlights = [highlight];
    }))).toEqual(['highlights: must be empty: format version 1 holds no highlights']);
    expect(problems(edited((d) => (d.highlights = [{ quote: 'x' }])))[0]).toMatch(/^highlights\[0\]/);
  });

  it('refuses prototype-polluting keys anywhere, but not as text', () => {
    expect(problems(JSON.parse(backupToJson(file()).replace('"keyboardTriage":true', '"__proto__":{"polluted":true}')))).toEqual([
      'settings: forbidden key "__proto__"',
    ]);
    expect(problems(edited((d) => (d.papers[2].links = JSON.parse('{"constructor":{"prototype":1}}'))))).toEqual([
      'papers[2].links: forbidden key "constructor"',
    ]);
    expect(({} as any).polluted).toBeUndefined();
    const asText = checkBackup(edited((d) => {
      d.papers[0].note = '__proto__';
      d.papers[0].tags = ['constructor', 'prototype'];
      d.papers[0].title = '{"__proto__": {}}';
    }));
    expect(asText.ok).toBe(true);
  });

  it('refuses conflicting duplicate ids and aliases shared by two papers', () => {
    expect(problems(edited((d) => d.papers.push({ ...d.papers[0], note: 'other' })))).toEqual([
      'papers[3].id: arxiv:2401.10000 is also the id of papers[0], with different data',
    ]);
    expect(problems(edited((d) => d.papers[2].aliases.push('arxiv:2401.10001')))).toEqual([
      'papers[2].aliases[1]: arxiv:2401.10001 is also an id or alias of papers[1] (arxiv:2401.10001)',
    ]);
    expect(problems(edited((d) => d.tombstones.push({ ...d.tombstones[0], deletedAt: 1 })))).toEqual([
      'tombstones[1].id: doi:10.1/gone is also the id of tombstones[0], with different data',
    ]);
    expect(problems(edited((d) => d.sightings.push({ ...d.sightings[0], firstAt: 1 })))).toEqual([
      'sightings[1]: the same paper and page as sightings[0], with a different firstAt',
    ]);
  });

  it('checks a paper against itself: own id among the aliases, distinct tags, consistent tag changes', () => {
    expect(problems(edited((d) => (d.papers[0].aliases = ['doi:10.1/other'])))).toEqual([
      "papers[0].aliases: must include the paper's own id (arxiv:2401.10000)",
    ]);
    expect(problems(edited((d) => (d.papers[0].tags = ['a', 'a'])))).toEqual(['papers[0].tags[1]: duplicate tag "a"']);
    expect(problems(edited((d) => {
      d.papers[0].tags = ['a'];
      d.papers[0].tagChanges = [{ tag: 'a', at: 1, removed: true }, { tag: 'b', at: 1 }];
    }))).toEqual([
      'papers[0].tagChanges[0]: "a" is marked removed but is in tags',
      'papers[0].tagChanges[1]: "b" is marked added but is not in tags',
    ]);
  });
});

describe('the file as a whole', () => {
  it('refuses a backup from a newer Lectern, saying so', () => {
    const result = checkBackup(edited((d) => (d.formatVersion = 3)));
    expect(!result.ok && result.error).toBe(
      'Not a valid Lectern backup: formatVersion: this backup was written by a newer version of Lectern (format version 3; this version reads format version 2 and older). Update Lectern to restore it.',
    );
  });

  it('refuses other files', () => {
    expect(problems([])).toEqual(['(the file): expected a JSON object (this is not a Lectern backup file)']);
    expect(problems({ format: 'zotero' })).toEqual(['format: expected "lectern-backup" (this is not a Lectern backup file)']);
    expect(problems(edited((d) => (d.formatVersion = '1')))[0]).toMatch(/^formatVersion: expected a positive integer/);
  });

  it('says a truncated file is incomplete', () => {
    const text = backupToJson(file());
    for (const cut of [10, text.length / 2, text.length - 3]) {
      const result = parseBackup(text.slice(0, cut));
      expect(!result.ok && result.issues[0]).toMatch(/the JSON ends too early: the file is incomplete/);
    }
  });

  it('locates a syntax error by line and column', () => {
    const result = parseBackup('{"format": "lectern-backup",\n "formatVersion": 1,, "x": 2}');
    expect(!result.ok && result.issues[0]).toMatch(/^\(the file\): not valid JSON at line 2, column \d+/);
  });

  it('says an empty file is empty', () => {
    expect(parseBackup('  \n').ok).toBe(false);
    expect(!parseBackup('').ok && (parseBackup('') as { issues: string[] }).issues).toEqual(['(the file): the file is empty']);
  });

  it('readBackup throws a BackupError carrying the issues', () => {
    expect(() => readBackup('{')).toThrow(BackupError);
    try {
      readBackup('[1]');
    } catch (error) {
      expect((error as BackupError).issues).toHaveLength(1);
    }
  });

  it('survives a deeply nested file', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const data = `{"format":"lectern-backup","formatVersion":1,"appVersion":"x","exportedAt":1,"papers":[],"settings":{"a":${deep}}}`;
    let result: ReturnType<typeof parseBackup> | undefined;
    try {
      result = parseBackup(data);
    } catch {
      // JSON.parse itself may refuse the depth: that is a rejection too.
    }
    expect(result?.ok ?? false).toBe(false);
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and odd keys quoted', () => {
    expect(formatPath(['papers', 3, 'links', 'abs'])).toBe('papers[3].links.abs');
    expect(formatPath(['settings', 'a b'])).toBe('settings["a b"]');
    expect(formatPath([])).toBe('(the file)');
  });
});
