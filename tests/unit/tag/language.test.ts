// Language detection: franc over the supported languages, combined with the declared one.
import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeDeclared } from '../../../src/tag/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['fr', 'Le Mali a réceptionné un nouveau lot de drones turcs, a annoncé l’état-major des armées, qui évoque un renforcement de la surveillance du territoire.'],
    ['en', 'The Philippines took delivery of a second missile battery on Friday, the defence ministry said, as it strengthens its coastal defences.'],
    ['pt', 'A Força Aérea de Angola recebeu mais três aviões de ataque leve, informou o Ministério da Defesa, que não revelou o valor do contrato.'],
    ['es', 'Argentina recibió sus primeros cazas comprados a Dinamarca, en una ceremonia en la base aérea de Río Cuarto, informó el Ministerio de Defensa.'],
    ['de', 'Die Bundesregierung hat den Weg für die Lieferung weiterer Kampfflugzeuge an Saudi-Arabien freigegeben, wie ein Sprecher am Mittwoch mitteilte.'],
    ['ar', 'تسلمت القوات البحرية المصرية فرقاطة متعددة المهام في مراسم أقيمت في أحد الموانئ بحضور قائد القوات البحرية.'],
    ['ru', 'Рособоронэкспорт подписал на авиасалоне в Дубае несколько экспортных контрактов с партнёрами с Ближнего Востока.'],
  ])('detects %s without a declared language', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('trusts the declared language for short texts', () => {
    expect(detectLanguage('Rafale : livraison', 'fr-FR')).toBe('fr');
    expect(detectLanguage('Breaking: arms deal', 'EN')).toBe('en');
  });

  it('overrides a wrong declaration on a long text', () => {
    const english = 'The government said on Tuesday that the new procurement contract would be signed with the manufacturer before the end of the year, despite objections from members of parliament.';
    expect(detectLanguage(english, 'fr')).toBe('en');
  });

  it('returns und for text without letters', () => {
    expect(detectLanguage('2024 — 12 / 45')).toBe('und');
  });
});

describe('normalizeDeclared', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['PT_br', 'pt'],
    ['fra', 'fr'],
    ['arb', 'ar'],
    ['', null],
    [null, null],
    ['français', null],
  ])('%s → %s', (raw, lang) => {
    expect(normalizeDeclared(raw)).toBe(lang);
  });
});
