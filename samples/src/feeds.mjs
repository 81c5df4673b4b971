// The demo feeds (RSS 2.0 utf-8, Atom 1.0 with xml:base, RSS windows-1252) and the OPML listing them,
// with the quirks the feed stage must handle: tracking parameters, an article in two feeds, an item
// without guid, a link to a page that is gone, absurd dates, relative links.
import { esc, blocks, dateParts } from './common.mjs';

const ORIGIN = '{{ORIGIN}}';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats an ISO date with offset as an RFC 822 date, keeping its offset. */
function rfc822(iso) {
  const d = dateParts(iso);
  const offset = /([+-]\d{2}):?(\d{2})$/.exec(iso);
  const dow = DAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
  return `${dow}, ${String(d.day).padStart(2, '0')} ${MONTHS[d.month - 1]} ${d.year} ${d.hour}:${d.minute}:00 ${offset ? offset[1] + offset[2] : '+0000'}`;
}

function paragraphsHtml(a, count) {
  return blocks(a.body).filter((b) => b.kind === 'p').slice(0, count).map((b) => `<p>${esc(b.text)}</p>`).join('\n');
}

function bySlug(articles, slug) {
  const a = articles.find((x) => x.slug === slug);
  if (!a) throw new Error(`feeds: no article ${slug}`);
  return a;
}

// Item specs: which article, and the quirk it carries.
const AFRIQUE = [
  { slug: 'salon-international-defense-dakar-exposants', query: '?utm_source=rss&utm_medium=feed&utm_campaign=afrique' },
  { slug: 'air-teranga-commande-airbus-a220-a330neo' },
  { slug: 'africa-corps-mines-or-centrafrique', query: '?xtor=RSS-12' },
  { slug: 'russie-livraisons-helicopteres-blindes-aes' },
  { slug: 'exercice-naval-algero-russe-mers-el-kebir', fullContent: true },
  { slug: 'cameroun-reception-blindes-chinois-norinco', relativeLink: true },
  { slug: 'drones-turcs-baykar-togo-tb2' },
  { slug: 'denel-restructuration-resultats-usine-lyttelton', date: 'Thu, 01 Jan 1970 00:00:00 GMT' },
  { slug: 'saisie-kalachnikovs-frontiere-libyenne', noGuid: true },
  { slug: 'rosoboronexport-cooperation-43-pays-africains' },
];
const MONDE = [
  { slug: 'rafale-indonesie-tranche-supplementaire' },
  { slug: 'conseil-securite-prolonge-embargo-soudan-du-sud', query: '?utm_source=atom&utm_medium=syndication#commentaires' },
  { slug: 'sipri-importations-armes-afrique-chine-russie' },
  { slug: 'facilite-europeenne-paix-mauritanie-benin' },
  { slug: 'drones-turcs-baykar-togo-tb2', query: '?utm_source=atom&utm_campaign=drones' },
  { slug: 'carnaval-binche-chars-gilles-affluence', date: '2099-02-17T22:40:00+01:00' },
  { slug: 'ligue-1-rennes-defense-hermetique-lens' },
  { slug: 'ottawa-dakar-accord-cooperation-defense-formation' },
  { slug: 'tempete-rafales-vent-120-kmh-quebec-pannes' },
];
const MAGHREB_SAHEL = [
  { slug: 'saisie-kalachnikovs-frontiere-libyenne', extra: ' Le bilan des saisies dépasse 400 armes depuis janvier… « Un réseau structuré », selon la garde nationale.' },
  { slug: 'russie-livraisons-helicopteres-blindes-aes', query: '?xtor=RSS-8&utm_source=rss' },
  { slug: 'africa-corps-mines-or-centrafrique', extra: ' Une œuvre de restructuration qui rapporterait jusqu’à 60 millions d’€ par an… « Seul le nom a changé », dit un habitant.' },
];

function quirks(spec) {
  return [
    spec.query && 'tracking parameters',
    spec.relativeLink && 'relative link',
    spec.noGuid && 'no guid',
    spec.fullContent && 'page missing (404): full text in content:encoded',
    spec.date && 'absurd date',
  ].filter(Boolean);
}

function rssItem(a, spec, outlets, { contentEncoded }) {
  const path = `/pages/${a.slug}.html`;
  const link = spec.relativeLink ? path : `${ORIGIN}${path}${spec.query ? spec.query.replace(/&/g, '&amp;') : ''}`;
  const outlet = outlets[a.outlet].outlet;
  const lines = [
    '    <item>',
    `      <title>${esc(a.title)}</title>`,
    `      <link>${link}</link>`,
    `      <description>${esc(a.description + (spec.extra ?? ''))}</description>`,
    `      <pubDate>${spec.date ?? rfc822(a.date)}</pubDate>`,
    `      <dc:creator>${esc(a.author)}</dc:creator>`,
    `      <category>${esc(a.section)}</category>`,
    `      <source url="${esc(outlet.home)}">${esc(outlet.name)}</source>`,
  ];
  if (!spec.noGuid) lines.push(`      <guid isPermaLink="false">${outlet.id}-${a.id}</guid>`);
  if (contentEncoded) {
    const html = spec.fullContent ? paragraphsHtml(a, 99) : `${paragraphsHtml(a, 2)}\n<p><a href="${ORIGIN}${path}">Lire la suite</a></p>`;
    lines.push(`      <content:encoded><![CDATA[${html}]]></content:encoded>`);
  }
  lines.push('    </item>');
  return lines.join('\n');
}

function itemMeta(a, spec) {
  return { slug: a.slug, title: a.title, link: spec.relativeLink ? `/pages/${a.slug}.html` : `/pages/${a.slug}.html${spec.query ?? ''}`, guid: !spec.noGuid, quirks: quirks(spec) };
}

function rssFeed({ title, link, description, specs, articles, outlets, contentEncoded, encoding, selfPath }) {
  const items = specs.map((s) => rssItem(bySlug(articles, s.slug), s, outlets, { contentEncoded }));
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${esc(title)}</title>
    <link>${link}</link>
    <description>${esc(description)}</description>
    <language>fr</language>
    <lastBuildDate>Mon, 09 Nov 2026 08:00:00 +0000</lastBuildDate>
    <ttl>60</ttl>
    <atom:link href="${ORIGIN}${selfPath}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
  </channel>
</rss>
`;
}

function atomFeed(articles, outlets) {
  const entries = MONDE.map((spec) => {
    const a = bySlug(articles, spec.slug);
    const outlet = outlets[a.outlet].outlet;
    const date = spec.date ?? a.date;
    return `  <entry>
    <title type="text">${esc(a.title)}</title>
    <link rel="alternate" type="text/html" href="${a.slug}.html${spec.query ? esc(spec.query) : ''}"/>
    <id>tag:${outlet.home.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')},${a.year}:article-${a.id}</id>
    <published>${date}</published>
    <updated>${date}</updated>
    <author><name>${esc(a.author)}</name></author>
    <category term="${esc(a.section)}"/>
    <summary type="text">${esc(a.description)}</summary>
    <content type="html">${esc(paragraphsHtml(a, 2))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="${ORIGIN}/pages/">
  <title>Europe, Amériques et monde — sélection francophone</title>
  <subtitle>Dépêches et articles de presse francophone : Paris, Bruxelles, Genève, Montréal.</subtitle>
  <link rel="self" type="application/atom+xml" href="${ORIGIN}/feeds/monde.atom"/>
  <link rel="alternate" type="text/html" href="${ORIGIN}/"/>
  <id>tag:vigie.example,2026:samples:monde</id>
  <updated>2026-11-09T08:00:00Z</updated>
  <generator>vigie samples</generator>
${entries.join('\n')}
</feed>
`;
}

/** Returns the demo feeds: { path, file, format, contentType, charset, title, xml, items }. */
export function buildFeeds(articles, outlets) {
  const meta = (specs) => specs.map((s) => itemMeta(bySlug(articles, s.slug), s));
  return [
    {
      path: '/feeds/afrique.rss',
      file: 'feeds/afrique.rss',
      format: 'rss2',
      contentType: 'application/rss+xml; charset=utf-8',
      charset: 'utf-8',
      title: 'Afrique : défense et sécurité — revue de presse',
      items: meta(AFRIQUE),
      xml: rssFeed({
        title: 'Afrique : défense et sécurité — revue de presse',
        link: `${ORIGIN}/`,
        description: 'Sélection d’articles de la presse africaine francophone sur la défense, la sécurité et l’économie.',
        specs: AFRIQUE,
        articles,
        outlets,
        contentEncoded: true,
        encoding: 'utf-8',
        selfPath: '/feeds/afrique.rss',
      }),
    },
    {
      path: '/feeds/monde.atom',
      file: 'feeds/monde.atom',
      format: 'atom1',
      contentType: 'application/atom+xml; charset=utf-8',
      charset: 'utf-8',
      title: 'Europe, Amériques et monde — sélection francophone',
      items: meta(MONDE),
      xml: atomFeed(articles, outlets),
    },
    {
      path: '/feeds/maghreb-sahel.xml',
      file: 'feeds/maghreb-sahel.xml',
      format: 'rss2',
      // No charset here: the XML declaration (windows-1252) is the only declaration.
      contentType: 'application/rss+xml',
      charset: 'windows-1252',
      title: 'Maghreb et Sahel — l’essentiel',
      items: meta(MAGHREB_SAHEL),
      xml: rssFeed({
        title: 'Maghreb et Sahel — l’essentiel',
        link: `${ORIGIN}/`,
        description: 'Les titres du jour « sécurité » au Maghreb et au Sahel… Flux produit par un vieux CMS en windows-1252.',
        specs: MAGHREB_SAHEL,
        articles,
        outlets,
        contentEncoded: false,
        encoding: 'windows-1252',
        selfPath: '/feeds/maghreb-sahel.xml',
      }),
    },
  ];
}

/** Returns the OPML document listing the demo feeds. */
export function buildOpml(feeds) {
  const outlines = feeds
    .map((f) => `      <outline type="rss" text="${esc(f.title)}" title="${esc(f.title)}" xmlUrl="${ORIGIN}${f.path}" htmlUrl="${ORIGIN}/" language="fr"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>Vigie — flux de démonstration</title>
    <dateCreated>Mon, 09 Nov 2026 08:00:00 GMT</dateCreated>
  </head>
  <body>
    <outline text="Démonstration" title="Démonstration">
${outlines}
    </outline>
  </body>
</opml>
`;
}
