/**
 * The library's search and listing index (contract in `types.ts`).
 *
 * In memory, per paper ("slot"): the facts filters and sorts need, in columns, and six field indexes
 * (`FieldIndex`: title, authors, tags, note, highlight text and notes, abstract) whose bulk is compact byte
 * arrays. On open it loads its saved copy (`store.ts`) and folds in the change feed rows written since; when
 * there is no usable copy (missing, damaged, another format, or the feed was pruned past it, or a row says
 * everything changed) it rebuilds by streaming the library. While open it follows the feed live, tells its
 * subscribers, and saves itself in the background a little after the last change, then prunes the feed rows
 * the saved copy holds.
 *
 * Search: every query word must match (in any field), exactly, as a prefix of an indexed word, or within one
 * or two typos (by length); a paper's score adds, per query word, its best field match weighted by field,
 * by kind of match and by how rare the word is.
 */
import { liveQuery, type Subscription } from 'dexie';
import { STATUSES, type PaperId, type PaperRecord, type PaperStatus } from '../model';
import type { HighlightRecord } from '../model';
import { LIBRARY_VIEWS } from '../status';
import type { LecternDB } from '../db/schema';
import { changesPrunedThrough, pruneChanges } from '../db/feed';
import { FieldIndex } from './postings';
import { SearchStore, FORMAT, type SavedIndex } from './store';
import { allowedTypos, editDistance, foldText, queryWords, words } from './text';
import type { IndexedFacts, LibraryIndex, LibraryQuery, LibraryResult, SortKey } from './types';

export type { IndexedFacts, LibraryIndex, LibraryQuery, LibraryResult, SortKey } from './types';

export const FIELDS = ['title', 'authors', 'tags', 'note', 'highlights', 'abstract'] as const;
export type FieldName = (typeof FIELDS)[number];

/** How much a match in each field counts. */
const FIELD_WEIGHT: Record<FieldName, number> = {
  title: 3,
  tags: 2.5,
  authors: 2,
  note: 1.5,
  highlights: 1.2,
  abstract: 1,
};
const EXACT = 1;
const PREFIX = 0.6;
const TYPO = [1, 0.45, 0.3];

export interface LibraryIndexOptions {
  /** The saved copy's database (default `lectern-search`). */
  searchDbName?: string;
  /** Save a copy and load it on open (default true). */
  persist?: boolean;
  /** Follow the change feed while open (default true). */
  follow?: boolean;
  /** Delay after the last change before saving (default 3 s). */
  saveDelayMs?: number;
  /** Drops feed rows the saved copy holds (default: `pruneChanges` on `db`). */
  pruneFeed?: (uptoSeq: number) => Promise<void>;
  /** Called when a background fold or save fails (default: `console.error`). */
  onError?: (error: unknown) => void;
}

export interface LibraryIndexStats {
  /** Full rebuilds from the library since opening. */
  rebuilds: number;
  /** Whether opening loaded the saved copy. */
  loadedSavedCopy: boolean;
  /** Feed rows folded in since opening. */
  foldedRows: number;
  /** Copies saved since opening. */
  saves: number;
  /** The last feed `seq` folded in. */
  seq: number;
}

export interface OpenedLibraryIndex extends LibraryIndex {
  readonly stats: LibraryIndexStats;
  /** Folds in every feed row written so far (the live follower does it by itself). */
  catchUp(): Promise<void>;
  /** Saves the copy now (and prunes the feed). */
  save(): Promise<void>;
  /** Rebuilds from the library. */
  rebuild(): Promise<void>;
  /** Papers indexed, and bytes held in the index's byte arrays. */
  size(): { papers: number; bufferBytes: number };
  /** The facts of one paper, if indexed. */
  facts(id: PaperId): IndexedFacts | undefined;
}

const STATUS_CODE = new Map<PaperStatus, number>(STATUSES.map((s, i) => [s, i]));
const VIEW_STATUS = new Map<string, PaperStatus | undefined>(LIBRARY_VIEWS.map((v) => [v.key, v.status]));

/** The host a page was seen on, without `www.`. */
export function siteOf(page: string): string | undefined {
  try {
    return new URL(page).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** What the index needs of one paper, read from the library. */
export interface PaperSource {
  record: PaperRecord;
  pages: string[];
  highlights: Pick<HighlightRecord, 'text' | 'note'>[];
}

class Dictionary {
  names: string[] = [];
  private readonly codes = new Map<string, number>();
  constructor(names: string[] = []) {
    for (const name of names) this.code(name);
  }
  code(name: string): number {
    let code = this.codes.get(name);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(name);
      this.codes.set(name, code);
    }
    return code;
  }
  find(name: string): number | undefined {
    return this.codes.get(name);
  }
}

/** The in-memory index proper: synchronous, no I/O. */
export class MemoryIndex {
  ids: string[] = [];
  alive: number[] = [];
  status: number[] = [];
  firstSeenAt: number[] = [];
  savedAt: number[] = [];
  published: (string | null)[] = [];
  titles: string[] = [];
  tags: (number[] | null)[] = [];
  sites: (number[] | null)[] = [];
  tagNames = new Dictionary();
  siteNames = new Dictionary();
  slotOf = new Map<string, number>();
  fields = new Map<FieldName, FieldIndex>(FIELDS.map((f) => [f, new FieldIndex()]));
  live = 0;
  private orders = new Map<SortKey, number[]>();
  private scores = new Float32Array(0);
  private best = new Float32Array(0);
  private hits = new Uint8Array(0);

  field(name: FieldName): FieldIndex {
    return this.fields.get(name)!;
  }

  remove(id: PaperId): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.live--;
    this.orders.clear();
    this.ranks = undefined;
  }

  /** Indexes a paper (replacing what was indexed of it) under a new slot. */
  put(source: PaperSource): void {
    const { record } = source;
    this.remove(record.id);
    this.ranks = undefined;
    const slot = this.ids.length;
    this.ids.push(record.id);
    this.alive.push(1);
    this.status.push(STATUS_CODE.get(record.status) ?? 0);
    this.firstSeenAt.push(record.firstSeenAt);
    this.savedAt.push(record.savedAt ?? NaN);
    this.published.push(record.published || null);
    this.titles.push(record.title);
    const tags = [...new Set(record.tags)];
    this.tags.push(tags.length ? tags.map((t) => this.tagNames.code(t)) : null);
    const hosts = new Set<string>();
    for (const page of [...(record.firstSeenOn ? [record.firstSeenOn] : []), ...source.pages]) {
      const host = siteOf(page);
      if (host) hosts.add(host);
    }
    this.sites.push(hosts.size ? [...hosts].map((h) => this.siteNames.code(h)) : null);
    this.slotOf.set(record.id, slot);
    this.live++;
    this.orders.clear();

    this.field('title').add(slot, words(record.title));
    this.field('authors').add(slot, words(record.authors.join(' ')));
    this.field('tags').add(slot, words(tags.join(' ')));
    if (record.note) this.field('note').add(slot, words(record.note));
    if (source.highlights.length) {
      this.field('highlights').add(slot, words(source.highlights.map((h) => `${h.text} ${h.note}`).join(' ')));
    }
    if (record.abstract) this.field('abstract').add(slot, words(record.abstract));
  }

  /** Whether folding the delta into the base is worth it (many dead slots or a large delta). */
  needsCompaction(): boolean {
    const dead = this.ids.length - this.live;
    let delta = 0;
    for (const field of this.fields.values()) delta += field.deltaPostings;
    return dead > 1000 + this.live * 0.05 || delta > 200_000;
  }

  /** Folds every field's delta into its base and renumbers the live slots from 0. */
  compact(): void {
    const remap = new Int32Array(this.ids.length).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.ids.length; slot++) if (this.alive[slot]) remap[slot] = next++;
    const keep = <T>(column: T[]): T[] => column.filter((_, slot) => remap[slot]! >= 0);
    this.ids = keep(this.ids);
    this.status = keep(this.status);
    this.firstSeenAt = keep(this.firstSeenAt);
    this.savedAt = keep(this.savedAt);
    this.published = keep(this.published);
    this.titles = keep(this.titles);
    this.tags = keep(this.tags);
    this.sites = keep(this.sites);
    this.alive = new Array<number>(next).fill(1);
    this.slotOf = new Map(this.ids.map((id, slot) => [id, slot]));
    this.live = next;
    for (const name of FIELDS) this.fields.set(name, this.field(name).compact(remap));
    this.orders.clear();
    this.ranks = undefined;
  }

  toSaved(seq: number, now: number): Omit<SavedIndex, 'key' | 'format'> {
    const fields: SavedIndex['fields'] = {};
    for (const [name, field] of this.fields) fields[name] = field.save();
    return {
      seq,
      savedAt: now,
      ids: this.ids.map((id, slot) => (this.alive[slot] ? id : '')),
      status: Uint8Array.from(this.status),
      firstSeenAt: Float64Array.from(this.firstSeenAt),
      savedAtTimes: Float64Array.from(this.savedAt),
      published: this.published,
      titles: this.titles,
      tagNames: this.tagNames.names,
      tags: this.tags,
      siteNames: this.siteNames.names,
      sites: this.sites,
      fields,
    };
  }

  static fromSaved(saved: SavedIndex): MemoryIndex {
    const index = new MemoryIndex();
    const n = saved.ids.length;
    const columns = [saved.status, saved.firstSeenAt, saved.savedAtTimes, saved.published, saved.titles, saved.tags, saved.sites];
    if (columns.some((c) => !c || c.length !== n)) throw new Error('Saved index columns disagree');
    index.ids = saved.ids;
    index.status = Array.from(saved.status);
    index.firstSeenAt = Array.from(saved.firstSeenAt);
    index.savedAt = Array.from(saved.savedAtTimes);
    index.published = saved.published;
    index.titles = saved.titles;
    index.tags = saved.tags;
    index.sites = saved.sites;
    index.tagNames = new Dictionary(saved.tagNames);
    index.siteNames = new Dictionary(saved.siteNames);
    index.alive = new Array<number>(n);
    for (let slot = 0; slot < n; slot++) {
      const id = saved.ids[slot]!;
      index.alive[slot] = id ? 1 : 0;
      if (id) {
        index.slotOf.set(id, slot);
        index.live++;
      }
    }
    for (const name of FIELDS) {
      const field = saved.fields[name];
      if (!field) throw new Error(`Saved index lacks field ${name}`);
      index.fields.set(name, FieldIndex.load(field));
    }
    return index;
  }

  bufferBytes(): number {
    let bytes = 0;
    for (const field of this.fields.values()) bytes += field.bufferBytes();
    return bytes;
  }

  factsOf(slot: number): IndexedFacts {
    const facts: IndexedFacts = {
      id: this.ids[slot]!,
      status: STATUSES[this.status[slot]!]!,
      tags: (this.tags[slot] ?? []).map((t) => this.tagNames.names[t]!),
      sites: (this.sites[slot] ?? []).map((s) => this.siteNames.names[s]!),
      firstSeenAt: this.firstSeenAt[slot]!,
      title: this.titles[slot]!,
    };
    const savedAt = this.savedAt[slot]!;
    if (!Number.isNaN(savedAt)) facts.savedAt = savedAt;
    const published = this.published[slot];
    if (published) facts.published = published;
    return facts;
  }

  // ----- queries -----

  /** Every live slot in the default order of `sort`; slots lacking the sorted value come last. */
  private order(sort: Exclude<SortKey, 'relevance'>): number[] {
    const cached = this.orders.get(sort);
    if (cached) return cached;
    const slots: number[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) if (this.alive[slot]) slots.push(slot);
    const seen = (a: number, b: number) => this.firstSeenAt[b]! - this.firstSeenAt[a]! || b - a;
    let compare: (a: number, b: number) => number = seen;
    if (sort === 'saved') {
      const v = this.savedAt;
      compare = (a, b) => {
        const x = v[a]!;
        const y = v[b]!;
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? seen(a, b) : 1) : -1;
        return y - x || seen(a, b);
      };
    } else if (sort === 'published') {
      const v = this.published;
      compare = (a, b) => {
        const x = v[a];
        const y = v[b];
        if (!x || !y) return !x ? (!y ? seen(a, b) : 1) : -1;
        return x < y ? 1 : x > y ? -1 : seen(a, b);
      };
    } else if (sort === 'title') {
      const keys: string[] = [];
      for (const slot of slots) keys[slot] = foldText(this.titles[slot]!);
      compare = (a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : seen(a, b));
    }
    slots.sort(compare);
    this.orders.set(sort, slots);
    return slots;
  }

  private hasValue(slot: number, sort: SortKey): boolean {
    if (sort === 'saved') return !Number.isNaN(this.savedAt[slot]!);
    if (sort === 'published') return !!this.published[slot];
    return true;
  }

  /** A predicate for the query's filters, or null when it filters nothing. */
  private filter(query: LibraryQuery): ((slot: number) => boolean) | null {
    const tests: ((slot: number) => boolean)[] = [];
    const status = VIEW_STATUS.get(query.view);
    if (status !== undefined) {
      const code = STATUS_CODE.get(status)!;
      tests.push((slot) => this.status[slot] === code);
    }
    if (query.tags?.length) {
      const codes = query.tags.map((t) => this.tagNames.find(t));
      if (codes.some((c) => c === undefined)) return () => false;
      tests.push((slot) => {
        const tags = this.tags[slot];
        return !!tags && codes.every((c) => tags.includes(c!));
      });
    }
    if (query.site) {
      const code = this.siteNames.find(query.site.replace(/^www\./, '').toLowerCase());
      if (code === undefined) return () => false;
      tests.push((slot) => !!this.sites[slot]?.includes(code));
    }
    const { seen, saved, published } = query;
    if (seen && (seen.from !== undefined || seen.to !== undefined)) {
      const from = seen.from ?? -Infinity;
      const to = seen.to ?? Infinity;
      tests.push((slot) => this.firstSeenAt[slot]! >= from && this.firstSeenAt[slot]! <= to);
    }
    if (saved && (saved.from !== undefined || saved.to !== undefined)) {
      const from = saved.from ?? -Infinity;
      const to = saved.to ?? Infinity;
      tests.push((slot) => this.savedAt[slot]! >= from && this.savedAt[slot]! <= to);
    }
    if (published && (published.from || published.to)) {
      const { from, to } = published;
      tests.push((slot) => {
        const date = this.published[slot];
        if (!date) return false;
        // Compared at the precision both give: a date known to the year matches a range overlapping that year.
        if (from && date.slice(0, from.length) < from.slice(0, date.length)) return false;
        if (to && date.slice(0, to.length) > to.slice(0, date.length)) return false;
        return true;
      });
    }
    if (!tests.length) return null;
    return (slot) => tests.every((test) => test(slot));
  }

  private ensureBuffers(): void {
    if (this.scores.length >= this.ids.length) return;
    const size = Math.max(1024, this.ids.length * 2);
    this.scores = new Float32Array(size);
    this.best = new Float32Array(size);
    this.hits = new Uint8Array(size);
  }

  /**
   * The words of each field a query word matches, with how well: itself and the words it begins; only when
   * no field has either, the words within its typo allowance (a correctly spelled word is not blurred into
   * its neighbours, and the costly typo scan runs only for words that need it).
   */
  private expansions(word: string, typing: boolean): Map<FieldName, Map<string, number>> {
    const out = new Map<FieldName, Map<string, number>>();
    const prefix = typing || word.length >= 3;
    for (const name of FIELDS) {
      const field = this.field(name);
      const found = new Map<string, number>();
      if (field.has(word)) found.set(word, EXACT);
      if (prefix) {
        for (const w of field.withPrefix(word)) {
          if (!found.has(w)) found.set(w, PREFIX * (0.5 + (0.5 * word.length) / w.length));
        }
      }
      if (found.size) out.set(name, found);
    }
    const typos = allowedTypos(word.length);
    if (out.size || typos === 0) return out;
    for (const name of FIELDS) {
      const found = new Map<string, number>();
      const distances = new Map<string, number>();
      const words = this.field(name).similar(word, (candidate) => {
        const distance = editDistance(word, candidate, typos);
        if (distance > typos) return false;
        distances.set(candidate, distance);
        return true;
      });
      for (const w of words) found.set(w, TYPO[distances.get(w)!] ?? TYPO[TYPO.length - 1]!);
      if (found.size) out.set(name, found);
    }
    return out;
  }

  /** Slots matching every word of `text`, with their scores (in the `scores` buffer until the next search). */
  private search(text: string): number[] {
    const terms = queryWords(text);
    if (!terms.length) return [];
    this.ensureBuffers();
    const { scores, best, hits, alive } = this;
    const total = Math.max(1, this.live);
    let candidates: number[] = [];
    let touchedFirst: number[] = [];
    const listed: number[] = [];
    for (let i = 0; i < terms.length && i < 255; i++) {
      const touched: number[] = [];
      const round = i;
      const expansions = this.expansions(terms[i]!, i === terms.length - 1);
      for (const [name, found] of expansions) {
        const field = this.field(name);
        for (const [word, quality] of found) {
          listed.length = 0;
          // Rarer words weigh more; the count includes dead slots, which only softens the weight a little.
          const count = field.collect(word, listed);
          if (!count) continue;
          const weight = FIELD_WEIGHT[name] * quality * Math.log(1 + total / count);
          for (let k = 0; k < count; k++) {
            const slot = listed[k]!;
            if (hits[slot] !== round || !alive[slot]) continue;
            if (best[slot] === 0) touched.push(slot);
            if (weight > best[slot]!) best[slot] = weight;
          }
        }
      }
      for (const slot of touched) {
        hits[slot] = round + 1;
        scores[slot]! += best[slot]!;
        best[slot] = 0;
      }
      if (i === 0) touchedFirst = touched;
      candidates = touched;
      if (!touched.length) break;
    }
    const matched = candidates.filter((slot) => hits[slot] === Math.min(terms.length, 255));
    // The caller reads the scores and marks of `matched`, then resets the shared buffers with this.
    this.resetAfter = () => {
      for (const slot of touchedFirst) {
        hits[slot] = 0;
        scores[slot] = 0;
      }
    };
    return matched;
  }

  private resetAfter: () => void = () => {};

  query(query: LibraryQuery): PaperId[] {
    const keep = this.filter(query);
    const text = query.text.trim();
    const sort: SortKey = query.sort === 'relevance' && !text ? 'seen' : query.sort;
    if (!text) {
      const order = this.order(sort as Exclude<SortKey, 'relevance'>);
      const slots = keep ? order.filter(keep) : order;
      return this.ids_(this.direct(slots, sort, query.reverse));
    }
    try {
      const matched = this.search(text);
      if (sort === 'relevance') return this.byRelevance(keep ? matched.filter(keep) : matched, query.reverse);
      const hit = this.hits;
      const rounds = Math.min(queryWords(text).length, 255);
      const order = this.order(sort);
      const slots = order.filter((slot) => hit[slot] === rounds && (!keep || keep(slot)));
      return this.ids_(this.direct(slots, sort, query.reverse));
    } finally {
      this.resetAfter();
      this.resetAfter = () => {};
    }
  }

  /** Each live slot's position in the `seen` order (newest first), to break ties in relevance. */
  private seenRanks(): Int32Array {
    let ranks = this.ranks;
    if (!ranks) {
      const order = this.order('seen');
      ranks = new Int32Array(this.ids.length);
      for (let i = 0; i < order.length; i++) ranks[order[i]!] = i;
      this.ranks = ranks;
    }
    return ranks;
  }

  private ranks: Int32Array | undefined;

  /**
   * Slots best score first (ties: newest seen first). Sorting tens of thousands of matches with a comparator
   * costs tens of milliseconds; instead each match becomes one number, its score in the high bits and its
   * seen rank in the low ones, and a typed array sorts those natively.
   */
  private byRelevance(slots: number[], reverse: boolean | undefined): PaperId[] {
    const order = this.order('seen');
    const ranks = this.seenRanks();
    const rankSpace = 2 ** Math.max(1, Math.ceil(Math.log2(order.length + 1)));
    // Scores stay below 2^12 (a dozen words at most weigh ~40 each); keep 2^53 for score × rank space.
    const scale = 2 ** Math.floor(53 - 12 - Math.log2(rankSpace));
    const keys = new Float64Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const score = Math.min(this.scores[slot]!, 4095);
      keys[i] = Math.floor(score * scale) * rankSpace + (rankSpace - 1 - ranks[slot]!);
    }
    keys.sort();
    const ids = new Array<PaperId>(keys.length);
    const last = keys.length - 1;
    for (let i = 0; i <= last; i++) {
      const key = keys[reverse ? i : last - i]!;
      ids[i] = this.ids[order[rankSpace - 1 - (key % rankSpace)]!]!;
    }
    return ids;
  }

  /** `slots` in the asked direction; papers lacking the sorted value stay last either way. */
  private direct(slots: number[], sort: SortKey, reverse: boolean | undefined): number[] {
    if (!reverse) return slots;
    let end = slots.length;
    while (end > 0 && !this.hasValue(slots[end - 1]!, sort)) end--;
    return [...slots.slice(0, end).reverse(), ...slots.slice(end)];
  }

  private ids_(slots: number[]): PaperId[] {
    return slots.map((slot) => this.ids[slot]!);
  }

  counts(column: (number[] | null)[], names: string[]): { name: string; count: number }[] {
    const counts = new Array<number>(names.length).fill(0);
    for (let slot = 0; slot < column.length; slot++) {
      if (!this.alive[slot]) continue;
      for (const code of column[slot] ?? []) counts[code]!++;
    }
    return names
      .map((name, code) => ({ name, count: counts[code]! }))
      .filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** Pages and highlights of the papers behind `ids`, read in a few index queries. */
async function sourcesOf(db: LecternDB, records: PaperRecord[]): Promise<PaperSource[]> {
  const ids = records.map((r) => r.id);
  const [sightings, highlights] = await Promise.all([
    db.sightings.where('paperId').anyOf(ids).toArray(),
    db.highlights.where('paperId').anyOf(ids).toArray(),
  ]);
  const pages = new Map<PaperId, string[]>();
  for (const row of sightings) (pages.get(row.paperId) ?? pages.set(row.paperId, []).get(row.paperId)!).push(row.page);
  const marks = new Map<PaperId, HighlightRecord[]>();
  for (const row of highlights) {
    if (row.paperId) (marks.get(row.paperId) ?? marks.set(row.paperId, []).get(row.paperId)!).push(row);
  }
  return records.map((record) => ({ record, pages: pages.get(record.id) ?? [], highlights: marks.get(record.id) ?? [] }));
}

const REBUILD_PAGE = 2000;

/** A fresh in-memory index of the whole library, read page by page (never the whole table at once). */
async function buildFromLibrary(db: LecternDB): Promise<MemoryIndex> {
  const index = new MemoryIndex();
  let lastId: PaperId | undefined;
  for (;;) {
    const page = await db.transaction('r', [db.papers, db.sightings, db.highlights], async () => {
      const records = await (lastId === undefined ? db.papers.orderBy(':id') : db.papers.where(':id').above(lastId))
        .limit(REBUILD_PAGE)
        .toArray();
      return records.length ? sourcesOf(db, records) : [];
    });
    if (!page.length) break;
    for (const source of page) index.put(source);
    lastId = page[page.length - 1]!.record.id;
    if (page.length < REBUILD_PAGE) break;
  }
  index.compact();
  return index;
}

class LibraryIndexImpl implements OpenedLibraryIndex {
  ready = false;
  readonly stats: LibraryIndexStats = { rebuilds: 0, loadedSavedCopy: false, foldedRows: 0, saves: 0, seq: 0 };
  private memory = new MemoryIndex();
  private readonly listeners = new Set<() => void>();
  private readonly store: SearchStore | undefined;
  private work: Promise<void> = Promise.resolve();
  private readonly opened: Promise<void>;
  private subscription: Subscription | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly db: LecternDB,
    private readonly options: LibraryIndexOptions,
  ) {
    this.store = options.persist === false ? undefined : new SearchStore(options.searchDbName);
    this.opened = this.serial(() => this.open());
    this.opened.catch(() => {});
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch(() => {});
    return run;
  }

  private reportError(error: unknown): void {
    (this.options.onError ?? ((e: unknown) => console.error('Library index:', e)))(error);
  }

  private async open(): Promise<void> {
    const loaded = await this.loadSaved();
    if (!loaded) await this.rebuildNow();
    else await this.foldPending();
    this.ready = true;
    if (this.options.follow !== false) {
      this.subscription = liveQuery(() => this.db.changes.orderBy(':id').lastKey()).subscribe({
        next: (last) => {
          if (typeof last === 'number' && last > this.stats.seq) void this.catchUp().catch((e) => this.reportError(e));
        },
        error: (e: unknown) => this.reportError(e),
      });
    }
  }

  /** Loads the saved copy when it exists, is whole, and the feed still holds every row after it. */
  private async loadSaved(): Promise<boolean> {
    if (!this.store) return false;
    const saved = await this.store.load();
    if (!saved || saved.format !== FORMAT || typeof saved.seq !== 'number') return false;
    if ((await changesPrunedThrough(this.db)) > saved.seq) return false;
    try {
      this.memory = MemoryIndex.fromSaved(saved);
    } catch {
      return false;
    }
    this.stats.seq = saved.seq;
    this.stats.loadedSavedCopy = true;
    return true;
  }

  private async rebuildNow(): Promise<void> {
    const seq = ((await this.db.changes.orderBy(':id').lastKey()) as number | undefined) ?? 0;
    this.memory = await buildFromLibrary(this.db);
    this.stats.seq = Math.max(seq, await changesPrunedThrough(this.db));
    this.stats.rebuilds++;
    this.changed();
  }

  /** Folds in the feed rows after the last folded `seq`. */
  private async foldPending(): Promise<void> {
    if (this.closed) return;
    if ((await changesPrunedThrough(this.db)) > this.stats.seq) {
      // Another page saved a newer copy and pruned the rows this one still needed.
      if (!(await this.loadSaved())) await this.rebuildNow();
      this.changed();
    }
    const rows = await this.db.changes.where(':id').above(this.stats.seq).toArray();
    if (!rows.length) return;
    const last = rows[rows.length - 1]!.seq!;
    if (rows.some((row) => row.all)) {
      await this.rebuildNow();
      this.stats.seq = Math.max(this.stats.seq, last);
      return;
    }
    const ids = [...new Set(rows.flatMap((row) => row.ids))];
    for (let i = 0; i < ids.length; i += REBUILD_PAGE) {
      const chunk = ids.slice(i, i + REBUILD_PAGE);
      const sources = await this.db.transaction('r', [this.db.papers, this.db.sightings, this.db.highlights], async () => {
        const records = (await this.db.papers.bulkGet(chunk)).filter((r): r is PaperRecord => r !== undefined);
        return sourcesOf(this.db, records);
      });
      const present = new Set(sources.map((s) => s.record.id));
      for (const id of chunk) if (!present.has(id)) this.memory.remove(id);
      for (const source of sources) this.memory.put(source);
    }
    this.stats.seq = last;
    this.stats.foldedRows += rows.length;
    this.changed();
  }

  private changed(): void {
    this.dirty = true;
    if (this.ready) for (const listener of [...this.listeners]) listener();
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (!this.store || this.closed) return;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
      const run = () => void this.save().catch((e) => this.reportError(e));
      if (idle) idle(run, { timeout: 5000 });
      else run();
    }, this.options.saveDelayMs ?? 3000);
  }

  whenReady(): Promise<void> {
    return this.opened;
  }

  query(query: LibraryQuery): LibraryResult {
    if (!this.ready) throw new Error('The library index is not ready yet');
    return { ids: this.memory.query(query) };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tags(): { tag: string; count: number }[] {
    return this.memory.counts(this.memory.tags, this.memory.tagNames.names).map(({ name, count }) => ({ tag: name, count }));
  }

  sites(): { site: string; count: number }[] {
    return this.memory.counts(this.memory.sites, this.memory.siteNames.names).map(({ name, count }) => ({ site: name, count }));
  }

  facts(id: PaperId): IndexedFacts | undefined {
    const slot = this.memory.slotOf.get(id);
    return slot === undefined ? undefined : this.memory.factsOf(slot);
  }

  size(): { papers: number; bufferBytes: number } {
    return { papers: this.memory.live, bufferBytes: this.memory.bufferBytes() };
  }

  catchUp(): Promise<void> {
    return this.serial(() => this.foldPending());
  }

  rebuild(): Promise<void> {
    return this.serial(() => this.rebuildNow());
  }

  save(): Promise<void> {
    return this.serial(async () => {
      if (!this.store || !this.dirty) return;
      if (this.memory.needsCompaction()) this.memory.compact();
      const seq = this.stats.seq;
      this.dirty = false;
      const written = await this.store.save(this.memory.toSaved(seq, Date.now()));
      if (written) this.stats.saves++;
      const prune = this.options.pruneFeed ?? ((upto: number) => pruneChanges(this.db, upto).then(() => {}));
      // Prune only what the stored copy holds (it may be another page's, newer than this one).
      const storedSeq = await this.store.savedSeq();
      if (storedSeq > 0) await prune(storedSeq);
    });
  }

  async close(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.opened.catch(() => {});
    if (this.dirty) await this.save().catch((e) => this.reportError(e));
    this.closed = true;
    await this.work;
    this.store?.close();
    this.listeners.clear();
  }
}

/** Opens the library index over `db`: loads its saved copy (or rebuilds) and follows the change feed. */
export function openLibraryIndex(db: LecternDB, options: LibraryIndexOptions = {}): OpenedLibraryIndex {
  return new LibraryIndexImpl(db, options);
}

