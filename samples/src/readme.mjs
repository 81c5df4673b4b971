// Writes samples/README.md from the manifest, so that the table the tagger and demo tests rely on
// never drifts from the files actually served.

const list = (xs) => (xs && xs.length ? xs.map((x) => `\`${x}\``).join(', ') : '—');

/** Returns the README text for the samples directory. */
export function buildReadme(manifest) {
  const pages = manifest.entries.filter((e) => e.kind === 'page');
  const feeds = manifest.entries.filter((e) => e.kind === 'feed');
  const rows = pages.map((p) => {
    const slug = p.path.replace('/pages/', '').replace('.html', '');
    const kind = p.missing ? '404 (feed fallback)' : p.negative ? '**negative**' : p.seed ? 'seed' : 'positive';
    const enc = `${p.charset} (${p.charsetDeclared.join(' + ')})`;
    return `| \`${slug}\` | ${p.outlet} | ${kind} | ${p.title} | ${list(p.expected.topics)} | ${list(p.expected.countries)} | ${list(p.expected.regions)} | ${list(p.expected.organizations)} | ${enc} |`;
  });
  const notes = pages.map((p) => `- \`${p.path}\` (${p.words} words, ${p.publishedAt}): ${p.note}`);
  const feedRows = feeds.map((f) => {
    const items = f.items.map((i) => `\`${i.slug}\`${i.quirks.length ? ` (${i.quirks.join(', ')})` : ''}`).join('; ');
    return `| \`${f.path}\` | ${f.format} | ${f.charset} | \`${f.contentType}\` | ${items} |`;
  });
  return `# Bundled samples

Francophone sample feeds and article pages served by \`src/demo/fixture-server.ts\` for \`vigie demo\`
and the integration tests. Outlets, people and events are **invented or composite**, written for the
project: never use them as facts. The one exception is the text of \`../shared/seed-article.txt\`,
kept verbatim in the Rossia Panorama page.

Generated files (do not edit by hand): \`pages/\`, \`feeds/\`, \`demo.opml\`, \`manifest.json\`, this README.
Sources: \`src/articles/*.md\` (front matter: outlet, title, date, expected labels; body: paragraphs,
\`## \` subheadings) and \`src/outlets/*.mjs\` (one markup template per outlet). Rebuild with
\`node samples/build.mjs\`; it fails when a page is outside 500–1,500 words (the seed excepted) or when a
character cannot be written in the page's charset.

\`{{ORIGIN}}\` in any served text file (feeds, OPML, canonical/og:url and internal links of pages) is
replaced by the fixture server with its origin (\`http://127.0.0.1:PORT\`), after decoding with the
file's charset and re-encoding with it, so windows-1252 files go out byte-exact apart from the origin.

## manifest.json

\`entries[]\`: \`path\` (served path), \`file\` (relative to samples/), \`kind\` (page, feed, opml),
\`contentType\` (the exact Content-Type header; without charset when the document alone declares it),
\`charset\` (the file's real encoding), optional \`status\` (404 for the page that is gone). Pages also
carry \`title\`, \`outlet\`, \`lang\`, \`author\`, \`publishedAt\`, \`words\`, \`negative\`, \`seed\` and
\`expected\` (\`topics\`, \`countries\`, \`regions\`, \`organizations\`, per ../shared/TAXONOMY.md); feeds carry
their \`items\` with the quirk each one exercises.

## Pages and expected labels

Expected labels concern the article itself (title + text), not the navigation, related links,
comments or captions around it; they follow TAXONOMY.md's conventions (capitals as locations are not
metonyms; company names such as « Royal Air Maroc » do not name the country; region words inside
organization names do not count on their own).

| slug | outlet | kind | title | topics | countries | regions | organizations | charset (declared in) |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Why these labels, and what each page tests:

${notes.join('\n')}

## Feeds

| path | format | charset | Content-Type | items (quirks) |
|---|---|---|---|---|
${feedRows.join('\n')}

- The same article appears in two feeds: Baykar (afrique.rss, and monde.atom with utm_*), the
  Kalashnikov seizure, the Russian deliveries and the Africa Corps story (afrique.rss and
  maghreb-sahel.xml, with and without xtor/utm_* parameters): each must be stored once.
- \`monde.atom\` uses relative \`href\`s resolved against \`xml:base="{{ORIGIN}}/pages/"\`; one RSS item has
  a root-relative \`<link>\`, resolved against the feed URL.
- Absurd dates: 1970-01-01 (Denel item in afrique.rss) and 2099 (carnival entry in monde.atom) must
  become null, with the discovery time kept.
- \`/pages/exercice-naval-algero-russe-mers-el-kebir.html\` answers 404; its item's \`content:encoded\`
  holds the whole text, so the article stage falls back to it.
- \`maghreb-sahel.xml\` is windows-1252 (’ « » œ € … as bytes 0x92 0xAB 0xBB 0x9C 0x80 0x85), declared
  only in its XML declaration (Content-Type has no charset).

## Encoding quirks of pages

- windows-1252 declared in HTTP and \`<meta http-equiv>\`: the two Oubangui Express pages (table layout).
- windows-1252 declared **only in the HTTP header**: the Binche carnival page (no meta, no XML prolog).
- ISO-8859-1 declared **only in \`<meta http-equiv>\`**, Content-Type \`text/html\`: the
  European Peace Facility page (é è à ç, nothing outside latin-1).
- UTF-8 declared only in \`<meta charset>\`: the Ligne de mire blog pages.

## Markup styles

Le Courrier de Paris (modern HTML5, GPT ad slots, CMP banner) · Le Sahel Matin (WordPress + page
builder, many nested divs) · Oubangui Express (HTML 4.01 table layout, \`<font>\`) · Maghreb Soir
(\`<figure>\`/\`<figcaption>\`, \`<picture>\`) · La Gazette de Bruxelles (XHTML 1.0 CMS) · Le Léman Quotidien
(Next.js, hashed classes, \`__NEXT_DATA__\`) · La Voix du Saint-Laurent (fr-CA) · Ligne de mire (defence
blog, threaded comments) · Teranga Actu (AMP) · Rossia Panorama (Russian outlet in French, « Share on
Telegram », an inline « Lire aussi » block inside the text).
`;
}
