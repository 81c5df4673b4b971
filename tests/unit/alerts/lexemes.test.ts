import { describe, expect, it } from 'vitest';
import { lexemeSetCost, parseTsQuery, requiredLexemes } from '../../../src/alerts/lexemes.ts';

describe('parseTsQuery', () => {
  it.each([
    ["'rafale'", { lexeme: 'rafale', prefix: false }],
    ["'vent' <2> 'arm'", { phrase: [{ lexeme: 'vent', prefix: false }, { lexeme: 'arm', prefix: false }], distance: 2 }],
    ["!'foot'", { not: { lexeme: 'foot', prefix: false } }],
    ["'a' | 'b' & 'c'", { or: [{ lexeme: 'a', prefix: false }, { and: [{ lexeme: 'b', prefix: false }, { lexeme: 'c', prefix: false }] }] }],
    ["'l''arme'", { lexeme: "l'arme", prefix: false }],
    ["'back\\\\slash'", { lexeme: 'back\\slash', prefix: false }],
    ["'secu':*", { lexeme: 'secu', prefix: true }],
    ["'titre':AB", { lexeme: 'titre', prefix: false }],
  ])('reads %s', (text, tree) => {
    expect(parseTsQuery(text)).toEqual(tree);
  });

  it.each(["'open", "'a' &", "( 'a'", "'a' 'b'", 'rafale'])('refuses %s', (text) => {
    expect(() => parseTsQuery(text)).toThrow(/alerts: cannot read tsquery/);
  });
});

describe('requiredLexemes', () => {
  it.each([
    // One word in several configurations: every variant is an alternative.
    ["'securit' | 'securite'", ['securit', 'securite']],
    // AND: one side suffices, the cheaper one (longer lexemes are rarer).
    ["( 'arm' | 'arme' ) & 'sahel'", ['sahel']],
    ["( 'securit' | 'securite' ) & 'mali'", ['securit', 'securite']],
    ["'rosoboronexport' & 'mali'", ['rosoboronexport']],
    // Phrases are ANDs too.
    ["'vent' <-> 'd' <-> 'armes'", ['armes']],
    // OR: every alternative must be indexed.
    ["'rosoboronexport' | 'vent' <2> 'armes'", ['armes', 'rosoboronexport']],
    // Exclusions add nothing.
    ["( 'drone' | 'drones' ) & !( 'football' | 'footbal' )", ['drone', 'drones']],
    ["!'football' & 'helicopteres'", ['helicopteres']],
    // Accented and Cyrillic lexemes pass through untouched.
    ["'вагнер'", ['вагнер']],
    ["'l''armee'", ["l'armee"]],
    // Nothing every match must contain: a lone negation, a prefix, an OR with an unbounded side.
    ["!'foot'", null],
    ["'secu':*", null],
    ["'rafale' | !'foot'", null],
    // …but an AND with a bounded side is bounded.
    ["'secu':* & 'rafale'", ['rafale']],
  ])('%s → %j', (text, expected) => {
    expect(requiredLexemes(text)).toEqual(expected);
  });

  it('prefers fewer and longer lexemes', () => {
    expect(lexemeSetCost(['rosoboronexport'])).toBeLessThan(lexemeSetCost(['arm']));
    expect(lexemeSetCost(['sahel'])).toBeLessThan(lexemeSetCost(['sahel', 'mali']));
  });
});
