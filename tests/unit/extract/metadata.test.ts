import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  cleanByline,
  cleanTitle,
  normalizeLang,
  parseJsonLd,
  parsePublishedAt,
  pickTitle,
  readMetadata,
} from '../../../src/extract/metadata.ts';
import { absoluteUrl } from '../../../src/extract/url.ts';

const NOW = new Date('2024-06-01T12:00:00Z');

describe('normalizeLang', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['FR-ca', 'fr'],
    ['fr_BE', 'fr'],
    ['fra', 'fr'],
    ['fre', 'fr'],
    ['en-US, fr;q=0.8', 'en'],
    [' ar ', 'ar'],
    ['xx', null],
    ['français', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeLang(raw)).toBe(expected);
  });
});

describe('parsePublishedAt', () => {
  it.each([
    ['2024-03-12T09:30:00+00:00', '2024-03-12T09:30:00.000Z'],
    ['2024-03-12T09:30:00+01:00', '2024-03-12T08:30:00.000Z'],
    ['2024-03-12T09:30:00', '2024-03-12T09:30:00.000Z'], // no offset: read as UTC, whatever the machine's zone
    ['2024-03-12 09:30', '2024-03-12T09:30:00.000Z'],
    ['2024-03-12', '2024-03-12T00:00:00.000Z'],
    ['Tue, 12 Mar 2024 09:30:00 GMT', '2024-03-12T09:30:00.000Z'],
    ['12/03/2024', '2024-03-12T00:00:00.000Z'], // French day/month/year
    ['12.03.2024', '2024-03-12T00:00:00.000Z'],
    ['2024-06-03T00:00:00Z', '2024-06-03T00:00:00.000Z'], // within two days of now
    ['2024-06-04T00:00:00Z', null], // more than two days after now
    ['2099-01-01T00:00:00Z', null],
    ['1970-01-01T00:00:00Z', null],
    ['1989-12-31', null],
    ['12 mars 2024', '2024-03-12T00:00:00.000Z'],
    ['1er août 2023 à 9 h 30', '2023-08-01T09:30:00.000Z'],
    ['mardi 12 décembre 2023, 18:05', '2023-12-12T18:05:00.000Z'],
    ['12 Mar 2024 10:00 GMT', '2024-03-12T10:00:00.000Z'],
    ['Sat 12 2024', null],
    ['hier', null],
    ['2024-13-45', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(parsePublishedAt(raw, NOW)).toBe(expected);
  });
});

describe('cleanTitle', () => {
  it.each([
    ['Le Mali réceptionne des drones - Défense Afrique', 'Défense Afrique', null, 'Le Mali réceptionne des drones'],
    ['Le Mali réceptionne des drones | Défense Afrique', null, null, 'Le Mali réceptionne des drones'],
    ['Défense Afrique : Le Mali réceptionne des drones', 'Défense Afrique', null, 'Le Mali réceptionne des drones'],
    ['Licences d’armes – UEPO.de', null, 'uepo.de', 'Licences d’armes'],
    ['Mali - les FAMa reprennent Kidal après dix ans d’absence', 'Jeune Afrique', null, 'Mali - les FAMa reprennent Kidal après dix ans d’absence'],
    ['  Un   titre\n sur deux lignes ', null, null, 'Un titre sur deux lignes'],
    ['', null, null, null],
  ])('%s', (title, site, host, expected) => {
    expect(cleanTitle(title, site, host)).toBe(expected);
  });
});

describe('pickTitle', () => {
  it('prefers the <h1> that the meta title contains', () => {
    expect(pickTitle('Sénégal : un patrouilleur livré | Agence de presse', ['Sénégal : un patrouilleur livré'], null, null)).toBe('Sénégal : un patrouilleur livré');
  });
  it('uses the <h1> when the page has no title', () => {
    expect(pickTitle(null, ['  Livraison à Bamako '], null, null)).toBe('Livraison à Bamako');
    expect(pickTitle(null, [], null, null)).toBeNull();
  });
  it('ignores an unrelated <h1> (the outlet logo)', () => {
    expect(pickTitle('Sénégal : un patrouilleur livré - AOAP', ['AOAP'], 'AOAP', null)).toBe('Sénégal : un patrouilleur livré');
  });
});

describe('parseJsonLd', () => {
  it('finds the article in an @graph, with several authors and the publisher', () => {
    const block = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Regards' },
        { '@type': ['Article', 'AnalysisNewsArticle'], headline: 'L’Égypte et le Rafale', datePublished: '2024-01-02T10:00:00+01:00', author: [{ '@type': 'Person', name: 'Claire Fontaine' }, { name: 'Éric Dupont' }], publisher: { name: 'Regards Stratégiques' }, inLanguage: 'fr' },
      ],
    });
    expect(parseJsonLd([block])).toEqual({
      headline: 'L’Égypte et le Rafale',
      datePublished: '2024-01-02T10:00:00+01:00',
      authors: ['Claire Fontaine', 'Éric Dupont'],
      publisherName: 'Regards Stratégiques',
      inLanguage: 'fr',
    });
  });
  it('repairs a trailing comma and skips what cannot be parsed', () => {
    const broken = '{"@type":"NewsArticle","headline":"Blindés pour Riyad","author":{"name":"Geneviève Tremblay"},}';
    expect(parseJsonLd(['{not json', broken]).authors).toEqual(['Geneviève Tremblay']);
  });
  it('returns empty fields when there is no article', () => {
    expect(parseJsonLd(['{"@type":"Organization","name":"X"}']).headline).toBeNull();
  });
});

describe('cleanByline and absoluteUrl', () => {
  it.each([
    ['Par Aminata Traoré', 'Aminata Traoré'],
    ['By  Jane Doe,', 'Jane Doe'],
    ['Moussa Keïta', 'Moussa Keïta'],
    ['   ', null],
  ])('byline %s → %s', (raw, expected) => {
    expect(cleanByline(raw)).toBe(expected);
  });
  it.each([
    ['/a/b', 'https://ex.fr/x/y', 'https://ex.fr/a/b'],
    ['https://autre.fr/p', null, 'https://autre.fr/p'],
    ['/relative', null, null],
    ['javascript:alert(1)', 'https://ex.fr/', null],
    ['', 'https://ex.fr/', null],
  ])('url %s on %s → %s', (href, base, expected) => {
    expect(absoluteUrl(href, base)).toBe(expected);
  });
});

describe('readMetadata', () => {
  const read = (head: string, body = '', options: { url?: string | null; contentLanguage?: string | null; htmlAttrs?: string } = {}) => {
    const dom = new JSDOM(`<html ${options.htmlAttrs ?? ''}><head>${head}</head><body>${body}</body></html>`);
    const empty = { headline: null, datePublished: null, authors: [], publisherName: null, inLanguage: null };
    return readMetadata(dom.window.document, { url: options.url ?? 'https://ex.fr/a', contentLanguage: options.contentLanguage, jsonLd: empty }, NOW);
  };
  it.each([
    ['<html lang>', read('', '', { htmlAttrs: 'lang="fr-CA"', contentLanguage: 'en' }).lang, 'fr'],
    ['Content-Language', read('<meta property="og:locale" content="de_DE">', '', { contentLanguage: 'fr-BE' }).lang, 'fr'],
    ['og:locale', read('<meta property="og:locale" content="fr_FR">').lang, 'fr'],
    ['no language', read('').lang, null],
    ['<time datetime>', read('', '<time datetime="2024-05-06T11:02:00Z">6 mai</time>').publishedAt, '2024-05-06T11:02:00.000Z'],
    ['absurd meta date, then <time>', read('<meta property="article:published_time" content="2099-01-01">', '<time datetime="2024-02-02T13:00:00-05:00">2 février</time>').publishedAt, '2024-02-02T18:00:00.000Z'],
    ['itemprop datePublished', read('', '<span itemprop="datePublished" content="2024-04-01">1er avril</span>').publishedAt, '2024-04-01T00:00:00.000Z'],
    ['canonical over og:url', read('<link rel="canonical" href="/canon"><meta property="og:url" content="https://ex.fr/og">').canonicalUrl, 'https://ex.fr/canon'],
    ['og:url', read('<meta property="og:url" content="https://ex.fr/og">').canonicalUrl, 'https://ex.fr/og'],
    ['og:site_name', read('<meta property="og:site_name" content=" Le  Monde ">').siteName, 'Le Monde'],
    ['author URL ignored', read('<meta property="article:author" content="https://facebook.com/x">').byline, null],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
