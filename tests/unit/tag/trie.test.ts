// The flat trie: paths of stem ids from the root, terms recorded in the order they were added.
import { describe, expect, it } from 'vitest';
import { internStem } from '../../../src/tag/normalize.ts';
import { childOf, TrieBuilder, type FlatTrie } from '../../../src/tag/trie.ts';

/** Returns the terms ending at the end of `stems`, or null when the path does not exist. */
function termsAt(trie: FlatTrie, stems: string[]): number[] | null {
  let node = trie.rootChild[internStem(stems[0])] ?? -1;
  for (const stem of stems.slice(1)) if (node >= 0) node = childOf(trie, node, internStem(stem));
  if (node < 0) return null;
  const out: number[] = [];
  for (let t = trie.firstTerm[node]; t >= 0; t = trie.nextTerm[t]) out.push(t);
  return out;
}

describe('TrieBuilder', () => {
  const builder = new TrieBuilder();
  builder.add(['vente'], 0);
  builder.add(['vente', 'arme'], 1);
  builder.add(['char', 'combat'], 2);
  builder.add(['char'], 3);
  builder.add(['vente', 'arme'], 4);
  builder.add(['vente', 'avion', 'combat'], 5);
  const trie = builder.finish();

  it.each([
    [['vente'], [0]],
    [['vente', 'arme'], [1, 4]],
    [['char'], [3]],
    [['char', 'combat'], [2]],
    [['vente', 'avion'], []],
    [['vente', 'avion', 'combat'], [5]],
    [['combat'], null],
    [['arme'], null],
    [['vente', 'combat'], null],
  ])('%j ends terms %j', (stems, expected) => {
    expect(termsAt(trie, stems)).toEqual(expected);
  });

  it('has no child for a stem that no rule uses', () => {
    const vente = trie.rootChild[internStem('vente')];
    expect(childOf(trie, vente, -1)).toBe(-1);
    expect(childOf(trie, vente, internStem('zzqqyx'))).toBe(-1);
  });
});
