// Word folding and stemming: accents, ligatures, Cyrillic and Arabic letter variants, plural -s.
import { describe, expect, it } from 'vitest';
import { foldWord, stemWord } from '../../../src/tag/normalize.ts';

describe('foldWord', () => {
  it.each([
    ['Égypte', 'egypte'],
    ['CÔTE', 'cote'],
    ['cœur', 'coeur'],
    ['Straße', 'strasse'],
    ['Рособоронэкспорт', 'рособоронэкспорт'],
    ['Ёлка', 'елка'],
    ['الإمارات', 'الامارات'],
    ['مصريّة', 'مصريه'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });
});

describe('stemWord', () => {
  it.each([
    ['armes', 'arme'],
    ['arme', 'arme'],
    ['livraisons', 'livraison'],
    ['bus', 'bus'],
    ['press', 'press'],
    ['россии', 'росси'],
    ['россия', 'росси'],
    ['российская', 'российск'],
    ['الروسيه', 'روسي'],
    ['وروسيا', 'روسيا'],
  ])('%s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});
