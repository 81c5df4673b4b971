import { describe, expect, it } from 'vitest';
import { normalizeItems, parseItemDate } from '../../../src/feeds/normalize.ts';
import { htmlToText, numericHtmlEntities } from '../../../src/feeds/html-text.ts';
import type { ParsedFeed, ParsedItem } from '../../../src/feeds/types.ts';

const discoveredAt = new Date('2024-05-01T12:00:00Z');
const FEED_URL = 'https://feeds.exemple.fr/afrique.xml';

function item(p: Partial<ParsedItem>): ParsedItem {
  return { link: null, guid: null, title: null, summary: null, content: null, author: null, categories: [], pubDate: null, dcDate: null, xmlBase: null, imageUrl: null, ...p };
}
function feed(items: ParsedItem[], p: Partial<ParsedFeed> = {}): ParsedFeed {
  return { format: 'rss', title: 'Flux', siteUrl: null, language: 'fr', xmlBase: null, items, ...p };
}

describe('parseItemDate', () => {
  it.each([
    ['Wed, 01 May 2024 10:00:00 GMT', '2024-05-01T10:00:00.000Z'],
    ['Wed, 01 May 2024 10:00:00 +0200', '2024-05-01T08:00:00.000Z'],
    ['Wed, 01 May 2024 10:00:00 CEST', '2024-05-01T08:00:00.000Z'],
    ['Wed, 01 May 2024 10:00:00 UT', '2024-05-01T10:00:00.000Z'],
    ['2024-04-30T09:00:00+01:00', '2024-04-30T08:00:00.000Z'],
    ['  2024-04-30T09:00:00Z  ', '2024-04-30T09:00:00.000Z'],
    ['2024-05-03T11:00:00Z', '2024-05-03T11:00:00.000Z'], // within the two days of clock skew allowed
    ['2024-05-04T12:00:01Z', null], // more than two days ahead: absurd
    ['1970-01-01T00:00:00Z', null], // epoch written by broken CMSs
    ['1989-12-31T23:59:59Z', null],
    ['mercredi 1 mai 2024', null],
    ['0000-00-00 00:00:00', null],
    ['1714557600', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(parseItemDate(raw, discoveredAt)?.toISOString() ?? null).toBe(expected);
  });
});

describe('normalizeItems', () => {
  it('resolves, canonicalizes, cleans and dates items', () => {
    const { items, skipped } = normalizeItems(feed([
      item({
        link: '/afrique/20240501-niger-armement.html?utm_source=rss&xtor=RSS-3208#comments',
        title: '  Niger&nbsp;: l’armée reçoit des <b>blindés</b>  ', summary: '<p>Livraison d&#233;j&agrave; effectu&eacute;e.</p>',
        content: '<p>Texte <em>complet</em></p>', author: 'Rédaction Afrique', categories: ['Défense', ' Défense', 'Sahel'],
        pubDate: 'Wed, 01 May 2024 10:00:00 GMT',
      }),
    ], { siteUrl: 'https://www.exemple.fr/' }), FEED_URL, { discoveredAt, maxItems: 100 });
    expect(skipped).toEqual([]);
    expect(items).toEqual([{
      canonicalUrl: 'https://www.exemple.fr/afrique/20240501-niger-armement.html',
      url: 'https://www.exemple.fr/afrique/20240501-niger-armement.html?utm_source=rss&xtor=RSS-3208#comments',
      guid: expect.stringMatching(/^link:[0-9a-f]{32}$/),
      title: 'Niger : l’armée reçoit des blindés',
      summary: 'Livraison déjà effectuée.',
      content: '<p>Texte <em>complet</em></p>',
      author: 'Rédaction Afrique',
      categories: ['Défense', 'Sahel'],
      publishedAt: new Date('2024-05-01T10:00:00Z'),
    }]);
  });

  it('resolves against xml:base, then the feed link, then the feed URL', () => {
    const atom = feed([item({ link: 'serval.html', xmlBase: '/2024/05/' })], { format: 'atom', xmlBase: 'https://www.opex360.com/blog/' });
    expect(normalizeItems(atom, FEED_URL, { discoveredAt, maxItems: 10 }).items[0].url).toBe('https://www.opex360.com/2024/05/serval.html');
    const rss = feed([item({ link: 'a/b.html' })], { siteUrl: 'https://www.lesoir.be/international/' });
    expect(normalizeItems(rss, FEED_URL, { discoveredAt, maxItems: 10 }).items[0].url).toBe('https://www.lesoir.be/international/a/b.html');
    const bare = feed([item({ link: 'a/b.html' })]);
    expect(normalizeItems(bare, FEED_URL, { discoveredAt, maxItems: 10 }).items[0].url).toBe('https://feeds.exemple.fr/a/b.html');
  });

  it('keeps the GUID, falls back to a permalink GUID, and derives a stable one otherwise', () => {
    const { items } = normalizeItems(feed([
      item({ link: 'https://ex.fr/a', guid: 'tag:ex.fr,1' }),
      item({ guid: 'https://ex.fr/b' }),
      item({ link: 'https://ex.fr/c?fbclid=9' }),
    ]), FEED_URL, { discoveredAt, maxItems: 10 });
    expect(items.map((i) => i.guid.startsWith('link:') ? 'derived' : i.guid)).toEqual(['tag:ex.fr,1', 'https://ex.fr/b', 'derived']);
    const again = normalizeItems(feed([item({ link: 'https://ex.fr/c' })]), FEED_URL, { discoveredAt, maxItems: 10 });
    expect(again.items[0].guid).toBe(items[2].guid);
  });

  it('skips unsafe schemes, missing links and duplicates, with a reason', () => {
    const { items, skipped } = normalizeItems(feed([
      item({ link: 'https://ex.fr/a?utm_campaign=x' }),
      item({ link: 'https://EX.fr/a#top' }),
      item({ link: 'javascript:alert(1)' }),
      item({ link: 'data:text/html,<script>x</script>' }),
      item({ link: 'file:///etc/passwd' }),
      item({ title: 'Sans lien' }),
    ]), FEED_URL, { discoveredAt, maxItems: 10 });
    expect(items.map((i) => i.canonicalUrl)).toEqual(['https://ex.fr/a']);
    expect(skipped).toEqual([
      { link: 'https://EX.fr/a#top', reason: 'duplicate in feed' },
      { link: 'javascript:alert(1)', reason: expect.stringContaining("unsupported scheme 'javascript:'") },
      { link: 'data:text/html,<script>x</script>', reason: expect.stringContaining("unsupported scheme 'data:'") },
      { link: 'file:///etc/passwd', reason: expect.stringContaining("unsupported scheme 'file:'") },
      { link: null, reason: 'no link' },
    ]);
  });

  it('orders newest first, undated last, nulls absurd dates and caps at maxItems', () => {
    const { items, skipped } = normalizeItems(feed([
      item({ link: 'https://ex.fr/old', pubDate: '2024-04-01T00:00:00Z' }),
      item({ link: 'https://ex.fr/undated' }),
      item({ link: 'https://ex.fr/future', pubDate: '2031-01-01T00:00:00Z' }),
      item({ link: 'https://ex.fr/new', pubDate: 'garbage', dcDate: '2024-04-30T00:00:00Z' }),
      item({ link: 'https://ex.fr/mid', pubDate: '2024-04-15T00:00:00Z' }),
    ]), FEED_URL, { discoveredAt, maxItems: 4 });
    expect(items.map((i) => [i.canonicalUrl.slice(14), i.publishedAt?.toISOString() ?? null])).toEqual([
      ['new', '2024-04-30T00:00:00.000Z'], ['mid', '2024-04-15T00:00:00.000Z'], ['old', '2024-04-01T00:00:00.000Z'], ['undated', null],
    ]);
    expect(skipped).toEqual([{ link: 'https://ex.fr/future', reason: 'over maxItems' }]);
  });
});

describe('html text helpers', () => {
  it.each([
    ['<p>Première&nbsp;phrase.</p><p>Deuxième</p>', 'Première phrase. Deuxième'],
    ['C&rsquo;est l&#x2019;OTAN &amp; l&#8217;UE &hellip;', 'C’est l’OTAN & l’UE …'],
    ['<script>alert(1)</script>Texte<!-- pub -->', 'Texte'],
    ['<b>Mali</b>, <i>Niger</i>', 'Mali, Niger'],
    ['&unknown; &#0; reste', '&unknown; &#0; reste'],
    ['&OElig;uvre &euro; &laquo;citation&raquo;', 'Œuvre € «citation»'],
  ])('htmlToText(%s) → %s', (html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('rewrites HTML-only entities for XML and leaves XML ones', () => {
    expect(numericHtmlEntities('&eacute;t&eacute; &amp; &lt;b&gt; &nbsp;&inconnu;')).toBe('&#233;t&#233; &amp; &lt;b&gt; &#160;&inconnu;');
  });
});
