import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, foldText, queryWords, words } from '../../lib/search/text';

/** The whole table, no band: optimal string alignment distance (adjacent transpositions count one). */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('words', () => {
  it('folds case and accents and drops one-letter and function words', () => {
    expect(words('The Schrödinger equation, à la Dirac: a 2-qubit model')).toEqual(['schrodinger', 'equation', 'la', 'dirac', 'qubit', 'model']);
    expect(foldText('ÉCOLE')).toBe('ecole');
  });

  it('keeps the word being typed, even one letter or a function word', () => {
    expect(queryWords('graph n')).toEqual(['graph', 'n']);
    expect(queryWords('attention is')).toEqual(['attention', 'is']);
    expect(queryWords('attention is ')).toEqual(['attention']);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('convolutional', 'convolutoinal', 2)).toBe(1);
    expect(editDistance('network', 'netwrk', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  });

  it('agrees with the full table within the allowance', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(referenceDistance(a, b), max + 1));
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});
