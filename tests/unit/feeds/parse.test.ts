import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/feeds/parse.ts';
import { FeedParseError } from '../../../src/errors.ts';

const URL_ = 'https://www.exemple.fr/rss.xml';

const RSS2 = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>RFI - Afrique</title><link>https://www.rfi.fr/fr/afrique/</link><language>fr</language>
<item>
  <title><![CDATA[Mali : l'armée reçoit des drones Bayraktar TB2]]></title>
  <link>https://www.rfi.fr/fr/afrique/20240501-mali-drones?xtor=RSS-1</link>
  <guid isPermaLink="false">rfi-123</guid>
  <description>Des &lt;b&gt;drones&lt;/b&gt; livrés à Bamako</description>
  <content:encoded><![CDATA[<p>Le ministère a confirmé la livraison à Bamako.</p>]]></content:encoded>
  <dc:creator>Ségolène Allemandou</dc:creator>
  <pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate>
  <category>Défense</category><category domain="rfi">Sahel</category>
  <media:content url="https://s.rfi.fr/drone.jpg" medium="image"/>
</item>
<item><title>Sans date &eacute;crite</title><link>/fr/relatif</link><dc:date>2024-05-02T08:00:00+02:00</dc:date></item>
</channel></rss>`;

const RSS1 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ex.fr/"><title>Défense &amp; Sécurité</title><link>https://ex.fr/</link></channel>
<item rdf:about="https://ex.fr/a1"><title>Côte d'Ivoire : achat d'hélicoptères</title><link>https://ex.fr/a1</link><dc:date>2024-04-30T09:00:00Z</dc:date><dc:creator>Rédaction</dc:creator></item>
</rdf:RDF>`;

const RSS091 = `<rss version="0.91"><channel><title>Vieux flux</title><link>https://ex.fr/</link>
<item><title>Sénégal : patrouilleurs</title><link>https://ex.fr/p</link><description>Trois navires</description></item></channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://www.opex360.com/blog/">
<title type="html">Zone &amp; Militaire</title><link href="https://www.opex360.com/"/><link rel="self" href="https://www.opex360.com/feed/atom/"/>
<entry xml:base="/2024/05/"><title>L’armée de Terre commande des blindés Serval</title><link rel="alternate" href="serval.html"/>
<id>tag:opex360.com,2024:1</id><published>2024-05-01T07:30:00+02:00</published>
<summary type="html">&lt;p&gt;Résumé : 100 véhicules&lt;/p&gt;</summary><content type="html">&lt;p&gt;Contenu complet&lt;/p&gt;</content>
<category term="Armée de Terre"/><author><name>Laurent Lagneau</name></author></entry>
<entry><title>Date illisible</title><link href="https://www.opex360.com/x"/><id>x</id><published>hier matin</published></entry>
</feed>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator, categories and media', async () => {
    const feed = await parseFeed(RSS2, URL_);
    expect(feed).toMatchObject({ format: 'rss', title: 'RFI - Afrique', siteUrl: 'https://www.rfi.fr/fr/afrique/', language: 'fr' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      link: 'https://www.rfi.fr/fr/afrique/20240501-mali-drones?xtor=RSS-1',
      guid: 'rfi-123',
      title: "Mali : l'armée reçoit des drones Bayraktar TB2",
      summary: 'Des <b>drones</b> livrés à Bamako',
      content: '<p>Le ministère a confirmé la livraison à Bamako.</p>',
      author: 'Ségolène Allemandou',
      categories: ['Défense', 'Sahel'],
      pubDate: 'Wed, 01 May 2024 10:00:00 GMT',
      dcDate: null,
      xmlBase: null,
      imageUrl: 'https://s.rfi.fr/drone.jpg',
    });
    // &eacute; is HTML, not XML: the parser retries with numeric references.
    expect(feed.items[1]).toMatchObject({ title: 'Sans date écrite', link: '/fr/relatif', dcDate: '2024-05-02T08:00:00+02:00' });
  });

  it('reads RSS 1.0 (RDF) and RSS 0.91', async () => {
    const rdf = await parseFeed(RSS1, URL_);
    expect(rdf.title).toBe('Défense & Sécurité');
    expect(rdf.items[0]).toMatchObject({ title: "Côte d'Ivoire : achat d'hélicoptères", link: 'https://ex.fr/a1', guid: 'https://ex.fr/a1', dcDate: '2024-04-30T09:00:00Z', author: 'Rédaction' });
    const old = await parseFeed(RSS091, URL_);
    expect(old.items[0]).toMatchObject({ title: 'Sénégal : patrouilleurs', summary: 'Trois navires' });
  });

  it('reads Atom with xml:base, xml:lang, categories, and survives a bad date', async () => {
    const feed = await parseFeed('\uFEFF' + ATOM, URL_);
    expect(feed).toMatchObject({ format: 'atom', title: 'Zone & Militaire', siteUrl: 'https://www.opex360.com/', language: 'fr', xmlBase: 'https://www.opex360.com/blog/' });
    expect(feed.items[0]).toMatchObject({
      title: 'L’armée de Terre commande des blindés Serval', link: 'serval.html', xmlBase: '/2024/05/',
      guid: 'tag:opex360.com,2024:1', summary: '<p>Résumé : 100 véhicules</p>', content: '<p>Contenu complet</p>',
      categories: ['Armée de Terre'], author: 'Laurent Lagneau',
    });
    expect(new Date(feed.items[0].pubDate!).toISOString()).toBe('2024-05-01T05:30:00.000Z');
    expect(feed.items[1]).toMatchObject({ title: 'Date illisible', pubDate: 'hier matin' });
  });

  it.each([
    ['an empty document', '', /empty document/],
    ['only whitespace', '  \n ', /empty document/],
    ['an HTML page', '<!DOCTYPE html>\n<html lang="fr"><head><title>Accueil</title></head><body><p>Bienvenue</p></body></html>', /HTML page instead of an RSS or Atom feed/],
    ['an HTML page without doctype', '<html><body>x</body></html>', /HTML page/],
    ['truncated XML', RSS2.slice(0, 400), /malformed XML/],
    ['another XML vocabulary', '<?xml version="1.0"?><urlset><url><loc>https://ex.fr/</loc></url></urlset>', /not an RSS or Atom document/],
    ['plain text', 'Service indisponible', /malformed XML/],
  ])('refuses %s with a FeedParseError naming the URL', async (_label, xml, pattern) => {
    const err = await parseFeed(xml, URL_).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as FeedParseError).code).toBe('feed_parse');
    expect((err as FeedParseError).message).toMatch(pattern);
    expect((err as FeedParseError).message).toContain(URL_);
    expect((err as FeedParseError).message).toMatch(/^feed: /);
  });
});
