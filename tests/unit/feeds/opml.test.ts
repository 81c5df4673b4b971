import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportOpml, parseOpml } from '../../../src/feeds/opml.ts';
import { VigieError } from '../../../src/errors.ts';

const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Veille</title></head><body>
  <outline text="Afrique">
    <outline text="Sahel">
      <outline type="rss" text="Studio Tamani" xmlUrl="https://www.studiotamani.org/feed/" htmlUrl="https://www.studiotamani.org/" language="FR" country="ml" interval="60"/>
    </outline>
    <outline type="rss" title="Jeune Afrique" text="JA" xmlUrl="https://www.jeuneafrique.com/feed/"/>
  </outline>
  <outline type="rss" text="ActuNiger &amp; co" xmlUrl="https://www.actuniger.com/?format=feed&amp;type=rss" interval="0"/>
  <outline text="Catégorie vide"/>
  <outline type="rss" text="Minuscule" xmlurl="https://ex.fr/rss" interval="2.5"/>
</body></opml>`;

describe('parseOpml', () => {
  it('reads nested outlines with our attributes', () => {
    expect(parseOpml(NESTED, 'veille.opml')).toEqual([
      { url: 'https://www.studiotamani.org/feed/', title: 'Studio Tamani', htmlUrl: 'https://www.studiotamani.org/', language: 'fr', country: 'ML', pollIntervalS: 3600, categories: ['Afrique', 'Sahel'] },
      { url: 'https://www.jeuneafrique.com/feed/', title: 'Jeune Afrique', htmlUrl: null, language: null, country: null, pollIntervalS: null, categories: ['Afrique'] },
      { url: 'https://www.actuniger.com/?format=feed&type=rss', title: 'ActuNiger & co', htmlUrl: null, language: null, country: null, pollIntervalS: null, categories: [] },
      { url: 'https://ex.fr/rss', title: 'Minuscule', htmlUrl: null, language: null, country: null, pollIntervalS: 150, categories: [] },
    ]);
  });

  it.each([
    ['truncated XML', '<opml version="2.0"><body><outline text="a">', /^opml: malformed XML .*: liste\.opml$/],
    ['not OPML', '<rss version="2.0"><channel/></rss>', /root element is <rss>, not <opml>/],
    ['empty', '', /malformed XML/],
  ])('refuses %s', (_label, xml, pattern) => {
    let caught: unknown;
    try {
      parseOpml(xml, 'liste.opml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(VigieError);
    expect((caught as VigieError).code).toBe('opml');
    expect((caught as VigieError).message).toMatch(pattern);
  });

  it('reads the bundled default list: 30–60 distinct francophone feeds, each with language and country', () => {
    const feeds = parseOpml(readFileSync(new URL('../../../src/feeds/default-feeds.opml', import.meta.url), 'utf8'), 'default-feeds.opml');
    expect(feeds.length).toBeGreaterThanOrEqual(30);
    expect(feeds.length).toBeLessThanOrEqual(60);
    expect(new Set(feeds.map((f) => f.url)).size).toBe(feeds.length);
    expect(feeds.every((f) => f.language === 'fr' && /^[A-Z]{2}$/.test(f.country ?? '') && /^https:\/\//.test(f.url))).toBe(true);
    const countries = new Set(feeds.map((f) => f.country));
    for (const c of ['FR', 'BE', 'CH', 'CA', 'ML', 'BF', 'NE', 'SN', 'CI', 'CM', 'CD', 'DZ', 'MA', 'TN']) expect(countries).toContain(c);
  });
});

describe('exportOpml', () => {
  it('writes what parseOpml reads back, escaping attributes', () => {
    const feeds = [
      { url: 'https://www.actuniger.com/?format=feed&type=rss', title: 'Niger "Actu" <info>', siteUrl: 'https://www.actuniger.com/', language: 'fr', country: 'NE', pollIntervalS: 1800 },
      { url: 'https://ex.fr/rss', title: null, siteUrl: null, language: null, country: null, pollIntervalS: null },
    ];
    const xml = exportOpml(feeds, { title: 'Export é', dateCreated: new Date('2024-05-01T00:00:00Z') });
    expect(xml).toContain('<dateCreated>Wed, 01 May 2024 00:00:00 GMT</dateCreated>');
    expect(xml).toContain('xmlUrl="https://www.actuniger.com/?format=feed&amp;type=rss"');
    expect(parseOpml(xml, 'export.opml')).toEqual([
      { url: feeds[0].url, title: 'Niger "Actu" <info>', htmlUrl: 'https://www.actuniger.com/', language: 'fr', country: 'NE', pollIntervalS: 1800, categories: [] },
      { url: 'https://ex.fr/rss', title: 'https://ex.fr/rss', htmlUrl: null, language: null, country: null, pollIntervalS: null, categories: [] },
    ]);
  });
});
