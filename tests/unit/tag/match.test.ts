// The matching pass over the flat trie: every phrase occurrence, ordered by first token then
// length, acronyms only in capitals, grouped by label in match order, and the proximity test.
import { describe, expect, it } from 'vitest';
import { RuleCompiler, type CompiledRules } from '../../../src/tag/compile.ts';
import { hasNear, MatchList, matchTokens } from '../../../src/tag/match.ts';
import type { TopicsConfig } from '../../../src/tag/rule-schema.ts';
import { TokenList, tokenizeInto } from '../../../src/tag/tokenize.ts';

const config = { topics: {}, titleFactor: 1.5, leadFactor: 1.25, leadChars: 400 } as TopicsConfig;

function compile(phrases: Record<string, string[]>): CompiledRules {
  const compiler = new RuleCompiler();
  for (const [label, list] of Object.entries(phrases)) for (const p of list) compiler.addPhrase(p, compiler.label(label));
  return compiler.finish('test', config);
}

const rules = compile({
  transfer: ['vente', 'livraison|s', 'vente d’armes'],
  weapon: ['arme', 'char de combat', 'char'],
  deal: ["vente d'armes", 'contrat d’armement'],
  org: ['UA', 'Union africaine'],
});

/** Returns the matches of `text` as "label words" strings, in match order. */
function matched(text: string, list = new MatchList()): string[] {
  const tokens = new TokenList();
  tokenizeInto(text, 0, tokens);
  matchTokens(tokens, rules, list);
  const out: string[] = [];
  for (let m = 0; m < list.length; m++) {
    const term = rules.terms[list.terms[m]];
    const words = text.slice(tokens.starts[list.firsts[m]], tokens.ends[list.lasts[m] - 1]);
    for (const label of term.labels) out.push(`${rules.labels[label]} ${words}`);
  }
  return out;
}

describe('matchTokens', () => {
  it.each([
    ['overlapping phrases, shorter first', 'La VENTE D’ARMES au Mali', ['transfer VENTE', 'transfer VENTE D’ARMES', 'deal VENTE D’ARMES', 'weapon ARMES']],
    ['a longer phrase sharing a prefix', 'des chars de combat livrés', ['weapon chars', 'weapon chars de combat']],
    ['variants and plural', 'Les livraisons et la livraison', ['transfer livraisons', 'transfer livraison']],
    ['an acronym only in capitals', "l'UA, l’ua et l'Union africaine", ['org UA', 'org Union africaine']],
    ['a phrase cut by an unknown word', "vente rapide d'armes", ['transfer vente', 'weapon armes']],
    ['nothing', 'Le match de football', []],
  ])('finds %s', (_name, text, expected) => {
    expect(matched(text)).toEqual(expected);
  });

  it('reuses one list without leftovers from a longer text', () => {
    const list = new MatchList();
    matched(Array.from({ length: 400 }, () => 'vente de chars').join(', '), list);
    expect(list.length).toBe(800);
    expect(matched('un contrat d’armement', list)).toEqual(['deal contrat d’armement']);
    expect(list.count(rules.labels.indexOf('transfer'))).toBe(0);
  });

  it('groups matches by label in match order and tests proximity within a window and a sentence', () => {
    const text = 'Vente de chars. Puis un long détour sans rien, et enfin des armes livrées.';
    const tokens = new TokenList();
    tokenizeInto(text, 0, tokens);
    const list = new MatchList();
    matchTokens(tokens, rules, list);
    const weapon = rules.labels.indexOf('weapon');
    const transfer = rules.labels.indexOf('transfer');
    expect(list.count(weapon)).toBe(2);
    const firstsOf = (label: number) => Array.from(list.byLabel.subarray(list.labelStart[label], list.labelStart[label + 1]), (m) => list.firsts[m]);
    expect(firstsOf(weapon)).toEqual([1, 9]);
    expect(firstsOf(transfer)).toEqual([0]);
    // « Vente » is token 0 and « chars » token 1 (sentence 0); « armes » token 9 (sentence 1).
    expect(hasNear(list, weapon, 0, 1, 1)).toBe(true);
    expect(hasNear(list, weapon, 0, 1, 1, tokens.sentences[0])).toBe(true);
    expect(hasNear(list, weapon, 4, 5, 2)).toBe(false);
    expect(hasNear(list, weapon, 3, 4, 2)).toBe(true);
    expect(hasNear(list, weapon, 7, 8, 3)).toBe(true);
    expect(hasNear(list, weapon, 7, 8, 3, 0)).toBe(false);
    expect(hasNear(list, transfer, 10, 11, 9)).toBe(false);
    expect(hasNear(list, transfer, 10, 11, 10)).toBe(true);
  });
});
