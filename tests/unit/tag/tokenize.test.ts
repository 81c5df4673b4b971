// Tokenization keeps offsets into the original text through folding, elision, typographic
// apostrophes, hyphens, no-break spaces and upper-case headlines; the typed-array TokenList that
// tagging reuses gives exactly the tokens of tokenize(), with the stem ids of compiled rules.
import { describe, expect, it } from 'vitest';
import countries from 'i18n-iso-countries';
import { expandVariants } from '../../../src/tag/compile.ts';
import { readRuleFiles } from '../../../src/tag/load-rules.ts';
import { foldWord, internStem, plainPhraseStems, stemWord } from '../../../src/tag/normalize.ts';
import { readRuleYaml } from '../../../src/tag/rule-yaml.ts';
import { phraseStems, tokenize, tokenizedPhraseStems, tokenizeInto, TokenList, type Token } from '../../../src/tag/tokenize.ts';

/** Returns the tokens of a TokenList as objects (stems read back from the text). */
function listed(list: TokenList): Omit<Token, 'stem'>[] {
  const out: Omit<Token, 'stem'>[] = [];
  for (let k = 0; k < list.length; k++) out.push({ start: list.starts[k], end: list.ends[k], upper: list.upper[k] === 1, sentence: list.sentences[k] });
  return out;
}

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

const awkward = [
  ['elision and acronyms', "L'UA et l’UE — « Su-30 » d'A-29 jusqu'à l\u02bcarmée, selon un rapport de l’UN"],
  ['headline in capitals', 'LA MARINE RECOIT UN PATROUILLEUR\n\nLe navire a été livré. Il est armé !'],
  ['windows-1252 punctuation and NBSP', 'Livraison\u00a0de\u202fdrones\u00a0: 12\u00a0000 obus… « L’armée s’équipe »'],
  ['emoji and lone surrogates', 'x😀y \ud800z \udc00 fin.'],
  ['Arabic and Cyrillic', 'مصر تتسلم فرقاطة — «Рособоронэкспорт» подписал'],
  ['possessive and model numbers', 'Russia’s A-29 and the Su/30: the UN, AS and US'],
  ['empty', ''],
];

describe('tokenizeInto', () => {
  it.each(awkward)('gives the tokens of tokenize() (%s)', (_name, text) => {
    const list = new TokenList();
    tokenizeInto(text, text.length, list);
    expect(listed(list)).toEqual(tokenize(text).map(({ stem: _stem, ...rest }) => rest));
  });

  it('numbers sentences at line breaks and at . ! ? followed by a space', () => {
    const text = 'Titre\n\nUne phrase. Deux! Trois? quatre.cinq';
    const list = new TokenList();
    tokenizeInto(text, 0, list);
    expect(tokenize(text).map((t) => [t.stem, t.sentence])).toEqual([['titre', 0], ['phrase', 1], ['deux', 2], ['troi', 3], ['quatre', 4], ['cinq', 4]]);
    expect(Array.from(list.sentences.subarray(0, list.length))).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it('reuses one list: a long text, then a short one, leaves only the short one', () => {
    const list = new TokenList();
    const long = Array.from({ length: 3000 }, (_, k) => `mot${k} défense`).join(' ');
    tokenizeInto(long, 0, list);
    expect(list.length).toBe(6000);
    expect(long.slice(list.starts[5999], list.ends[5999])).toBe('défense');
    tokenizeInto('Blindés livrés', 0, list);
    expect(listed(list)).toEqual([{ start: 0, end: 7, upper: false, sentence: 0 }, { start: 8, end: 14, upper: false, sentence: 0 }]);
  });

  it('counts function words per language in the first sampleChars characters only', () => {
    const list = new TokenList();
    tokenizeInto('the arms and the ships', 4, list);
    expect(list.functionWords).toEqual([0, 1, 0, 0, 0]);
    tokenizeInto('les armes et les navires', 100, list);
    expect(list.functionWords).toEqual([3, 0, 0, 0, 0]);
  });

  it('gives each token the id of its stem among rule stems, also for a word seen before the stem was interned', () => {
    const list = new TokenList();
    tokenizeInto('Les Qqxzwyks livrés', 0, list);
    expect(Array.from(list.stemIds.subarray(0, list.length))).toEqual([-1, -1]);
    const id = internStem('qqxzwyk');
    tokenizeInto('Des QQXZWYK, un qqxzwyk', 0, list);
    expect(Array.from(list.stemIds.subarray(0, list.length))).toEqual([id, id]);
    tokenizeInto('Les Qqxzwyks livrés', 0, list);
    expect(list.stemIds[0]).toBe(id);
    expect(list.stemIds[1]).toBe(-1);
  });
});

describe('phraseStems', () => {
  it.each([
    ['Afrique du Sud'],
    ["vente d'armes"],
    ['VENTES D’ARMES'],
    ['UN'],
    ['un'],
    ['Côte d’Ivoire'],
    ['franco-'],
    ['Su-30'],
    ['العربية السعودية'],
  ])('gives the stems tokenize() gives article text (%s)', (phrase) => {
    expect(phraseStems(phrase)).toEqual(tokenize(phrase).map((t) => t.stem));
  });

  it('folds and stems a one-word phrase like a word of text', () => {
    expect(phraseStems('Égyptiennes')).toEqual([stemWord(foldWord('Égyptiennes'))]);
    expect(phraseStems('des')).toEqual([]);
  });

  // The fast path for phrases of plain words (plainPhraseStems, for the cold rule load) must give
  // what the tokenizer gives, acronym rule included; anything else goes through the tokenizer.
  it.each([
    ['vente d’armes', undefined],
    ['franco-allemand', undefined],
    ['guerre de 1939', ['guerre', '1939']],
    ['armes de poing', ['arme', 'poing']],
    ['Conseil de sécurité des Nations unies', ['conseil', 'securite', 'nation', 'unie']],
    ['soldats de la paix de l UN', ['soldat', 'paix', 'un']],
    ['THE UN PANEL', ['panel']],
  ])('cuts a plain phrase as the tokenizer does (%s)', (phrase, expected) => {
    expect(plainPhraseStems(phrase)).toEqual(expected);
    expect(phraseStems(phrase)).toEqual(tokenizedPhraseStems(phrase));
  });

  it('agrees with the tokenizer on every phrase of the bundled rule files and the country-name library', () => {
    const phrases = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string' || typeof v === 'number') phrases.add(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const f of readRuleFiles()) walk(readRuleYaml(f.content));
    for (const lang of ['fr', 'en', 'pt', 'es', 'de', 'ar', 'ru']) walk(countries.getNames(lang, { select: 'all' }));
    const disagree: string[] = [];
    for (const phrase of phrases) {
      for (const variant of expandVariants(phrase)) {
        if (phraseStems(variant).join(' ') !== tokenizedPhraseStems(variant).join(' ')) disagree.push(variant);
      }
    }
    expect(phrases.size).toBeGreaterThan(5000);
    expect(disagree).toEqual([]);
  });
});
