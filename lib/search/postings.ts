/**
 * One field's inverted index: for each word, the slots (paper numbers) whose text has it.
 *
 * The bulk is a compact, immutable base (sorted vocabulary, slot lists as delta-encoded varints in one byte
 * array: about 1.5 bytes per posting, against 8 or more in JavaScript arrays) that is saved and loaded as
 * is; papers folded in since the base was built go to a small mutable delta. Slots are never reused: a
 * changed paper gets a new slot and its old one dies (the caller filters dead slots), so nothing has to be
 * removed from a posting list. `compact` folds the delta into a new base and renumbers the live slots.
 */

/** What is saved of a field. */
export interface SavedField {
  vocab: string;
  offsets: Uint32Array;
  postings: Uint8Array;
  delta: [string, number[]][];
}

class ByteWriter {
  bytes: Uint8Array = new Uint8Array(1 << 16);
  length = 0;

  varint(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** The first index in sorted `vocab` whose word is >= `word`. */
export function lowerBound(vocab: readonly string[], word: string): number {
  let lo = 0;
  let hi = vocab.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vocab[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FieldIndex {
  /** Sorted words of the base. */
  vocab: string[] = [];
  /** Byte range of word `i`'s list: `offsets[i]` to `offsets[i + 1]`. */
  offsets: Uint32Array = new Uint32Array(1);
  postings: Uint8Array = new Uint8Array(0);
  /** Words added since the base was built → their slots, ascending. */
  delta = new Map<string, number[]>();
  deltaPostings = 0;

  /** Adds a paper's words (duplicates ignored) under `slot`, which must be higher than every slot added before. */
  add(slot: number, words: Iterable<string>): void {
    for (const word of words) {
      const list = this.delta.get(word);
      if (!list) this.delta.set(word, [slot]);
      else if (list[list.length - 1] === slot) continue;
      else list.push(slot);
      this.deltaPostings++;
    }
  }

  /** Appends to `out` every slot listed under `word` (base then delta); answers how many there were. */
  collect(word: string, out: number[]): number {
    const before = out.length;
    const i = this.indexOf(word);
    if (i >= 0) {
      const bytes = this.postings;
      const end = this.offsets[i + 1]!;
      let pos = this.offsets[i]!;
      let slot = -1;
      while (pos < end) {
        let byte = bytes[pos++]!;
        let gap = byte & 0x7f;
        let shift = 7;
        while (byte & 0x80) {
          byte = bytes[pos++]!;
          gap |= (byte & 0x7f) << shift;
          shift += 7;
        }
        slot += gap;
        out.push(slot);
      }
    }
    const extra = this.delta.get(word);
    if (extra) for (const slot of extra) out.push(slot);
    return out.length - before;
  }

  indexOf(word: string): number {
    const i = lowerBound(this.vocab, word);
    return i < this.vocab.length && this.vocab[i] === word ? i : -1;
  }

  has(word: string): boolean {
    return this.indexOf(word) >= 0 || this.delta.has(word);
  }

  /** Words starting with `prefix` (the word itself included when present). */
  withPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = lowerBound(this.vocab, prefix); i < this.vocab.length && this.vocab[i]!.startsWith(prefix); i++) {
      out.push(this.vocab[i]!);
    }
    for (const word of this.delta.keys()) if (word.startsWith(prefix) && this.indexOf(word) < 0) out.push(word);
    return out;
  }

  /**
   * Words that `accept` (a cheap length check first, then an edit-distance test) among those sharing the
   * first letter of `word`: the sorted vocabulary keeps them together, so a typo search reads a small part
   * of it. A typo in the first letter is not looked for.
   */
  similar(word: string, accept: (candidate: string) => boolean): string[] {
    const out: string[] = [];
    const first = word[0]!;
    for (let i = lowerBound(this.vocab, first); i < this.vocab.length && this.vocab[i]![0] === first; i++) {
      if (accept(this.vocab[i]!)) out.push(this.vocab[i]!);
    }
    for (const candidate of this.delta.keys()) {
      if (candidate[0] === first && this.indexOf(candidate) < 0 && accept(candidate)) out.push(candidate);
    }
    return out;
  }

  /**
   * A new index holding base and delta as one base, slots renumbered by `remap` (old slot → new slot, or -1
   * for a slot that is gone). `remap` must keep the order of the slots it keeps.
   */
  compact(remap: Int32Array | null): FieldIndex {
    const deltaWords = [...this.delta.keys()].sort();
    const vocab: string[] = [];
    const offsets: number[] = [0];
    const writer = new ByteWriter();
    let a = 0;
    let b = 0;
    const slots: number[] = [];
    const listed: number[] = [];
    while (a < this.vocab.length || b < deltaWords.length) {
      const fromBase = this.vocab[a];
      const fromDelta = deltaWords[b];
      const word =
        fromBase === undefined ? fromDelta! : fromDelta === undefined ? fromBase : fromBase <= fromDelta ? fromBase : fromDelta;
      if (fromBase === word) a++;
      if (fromDelta === word) b++;
      slots.length = 0;
      this.collect(word, listed);
      for (const slot of listed) {
        const next = remap ? remap[slot]! : slot;
        if (next >= 0) slots.push(next);
      }
      listed.length = 0;
      if (!slots.length) continue;
      let previous = -1;
      for (const slot of slots) {
        writer.varint(slot - previous);
        previous = slot;
      }
      vocab.push(word);
      offsets.push(writer.length);
    }
    const out = new FieldIndex();
    out.vocab = vocab;
    out.offsets = Uint32Array.from(offsets);
    out.postings = writer.result();
    return out;
  }

  /** Bytes held by the base's arrays (outside the JavaScript heap's object graph). */
  bufferBytes(): number {
    return this.offsets.byteLength + this.postings.byteLength;
  }

  save(): SavedField {
    return { vocab: this.vocab.join('\n'), offsets: this.offsets, postings: this.postings, delta: [...this.delta] };
  }

  static load(saved: SavedField): FieldIndex {
    const field = new FieldIndex();
    field.vocab = saved.vocab ? saved.vocab.split('\n') : [];
    if (!(saved.offsets instanceof Uint32Array) || !(saved.postings instanceof Uint8Array)) {
      throw new Error('Saved field has no postings');
    }
    if (saved.offsets.length !== field.vocab.length + 1 || saved.offsets[field.vocab.length] !== saved.postings.length) {
      throw new Error('Saved field is inconsistent');
    }
    field.offsets = saved.offsets;
    field.postings = saved.postings;
    for (const [word, slots] of saved.delta) {
      field.delta.set(word, slots);
      field.deltaPostings += slots.length;
    }
    return field;
  }
}
