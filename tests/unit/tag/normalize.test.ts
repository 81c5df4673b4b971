// Tokenization keeps offsets into the original text through folding, elision, typographic
// apostrophes, hyphens, no-break spaces and upper-case headlines.
import { describe, expect, it } from 'vitest';
import { foldWord, phraseStems, stemWord, tokenize } from '../../../src/tag/normalize.ts';

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

describe('tokenize', () => {
  it('drops elided articles after straight and typographic apostrophes, and function words', () => {
    expect(tokenize("l'exportation d’armes jusqu’à l\u02bcarmée").map((t) => t.stem)).toEqual(['exportation', 'arme', 'armee']);
    expect(tokenize('Russia’s sale of arms to the Sahel').map((t) => t.stem)).toEqual(['russia', 'sale', 'arm', 'sahel']);
  });

  it('splits hyphenated compounds and keeps model numbers whole', () => {
    expect(tokenize('le sommet franco-allemand').map((t) => t.stem)).toEqual(['sommet', 'franco', 'allemand']);
    expect(tokenize('des Su-30 et des A-29').map((t) => t.stem)).toEqual(['su', '30', 'et', 'a', '29']);
    expect(tokenize('la Cote d Ivoire (apostrophe lost)').map((t) => t.stem)).toEqual(['cote', 'ivoire', 'apostrophe', 'lost']);
  });

  it('keeps an upper-case acronym that is also a function word, but not words of an all-caps headline', () => {
    expect(tokenize('selon un rapport de l’UN publié hier').map((t) => t.stem)).toContain('un');
    expect(tokenize('LA MARINE RECOIT UN PATROUILLEUR').map((t) => t.stem)).toEqual(['marine', 'recoit', 'patrouilleur']);
  });

  it.each([
    ['accents', 'Défense aérienne : l’Algérie réceptionne des systèmes'],
    ['no-break and narrow no-break spaces', 'Livraison\u00a0de\u202fdrones\u00a0: 12\u00a0000 obus'],
    ['typographic apostrophes and guillemets', '« L’armée s’équipe », dit l’état-major d’Abidjan'],
    ['Arabic and Cyrillic', 'مصر تتسلم فرقاطة — «Рособоронэкспорт» подписал'],
    ['text without accents', 'des armes de l armee mozambicaine retrouvees'],
  ])('offsets point into the original text (%s)', (_name, text) => {
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(2);
    for (const t of tokens) {
      const original = text.slice(t.start, t.end);
      expect(stemWord(foldWord(original))).toBe(t.stem);
      expect(original).not.toMatch(/[\s'’\u00a0\u202f:«»—-]/);
    }
  });

  it('treats a rule phrase exactly like article text', () => {
    expect(phraseStems("vente d'armes")).toEqual(phraseStems('VENTES D’ARMES'));
    expect(phraseStems('sud-africain')).toEqual(['sud', 'africain']);
  });
});
