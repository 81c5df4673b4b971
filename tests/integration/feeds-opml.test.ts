// OPML import into PostgreSQL is idempotent, and export → import is a round trip.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOpml, parseOpml } from '../../src/feeds/opml.ts';
import { findFeed, importFeeds } from '../../src/feeds/registry.ts';
import { listFeeds } from '../../src/store/feeds.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
const DEFAULTS = readFileSync(new URL('../../src/feeds/default-feeds.opml', import.meta.url), 'utf8');

beforeAll(async () => {
  db = await createTestDatabase('feeds_opml');
});
afterAll(async () => {
  await db.drop();
});

function registry(rows: Awaited<ReturnType<typeof listFeeds>>) {
  return rows.map((f) => ({ url: f.url, title: f.title, siteUrl: f.siteUrl, language: f.language, country: f.country, pollIntervalS: f.pollIntervalS }));
}

describe('OPML import and export', () => {
  it('imports the default list once, then changes nothing; export → import is a round trip', async () => {
    const entries = parseOpml(DEFAULTS, 'default-feeds.opml');
    const first = await importFeeds(db.sql, entries);
    expect(first).toMatchObject({ added: entries.length, updated: 0, unchanged: 0, invalid: [] });
    const again = await importFeeds(db.sql, entries);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: entries.length });

    const before = registry(await listFeeds(db.sql));
    expect(before.find((f) => f.url === 'https://grip.org/feed/')).toEqual({
      url: 'https://grip.org/feed/', title: "GRIP - Groupe de recherche et d'information sur la paix et la sécurité",
      siteUrl: 'https://grip.org/', language: 'fr', country: 'BE', pollIntervalS: 21_600,
    });
    expect((await findFeed(db.sql, 'https://WWW.TSA-Algerie.com/feed/?utm_source=x'))?.title).toBe('TSA Algérie');

    const exported = exportOpml(await listFeeds(db.sql));
    const roundTrip = await importFeeds(db.sql, parseOpml(exported, 'export.opml'));
    expect(roundTrip).toMatchObject({ added: 0, updated: 0, unchanged: entries.length });
    expect(registry(await listFeeds(db.sql))).toEqual(before);
  });

  it('updates changed attributes, keeps what an outline does not say, and reports invalid outlines', async () => {
    const opml = `<opml version="2.0"><body>
      <outline text="TSA" xmlUrl="https://www.tsa-algerie.com/feed/" country="DZ" interval="45"/>
      <outline text="Nouveau flux" xmlUrl="https://www.exemple-sahel.org/rss.xml?utm_source=opml" language="fr" country="NE"/>
      <outline text="Piège" xmlUrl="javascript:alert(1)"/>
      <outline text="Langue inconnue" xmlUrl="https://ex.fr/rss" language="français"/>
    </body></opml>`;
    const result = await importFeeds(db.sql, parseOpml(opml, 'maj.opml'));
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
    expect(result.invalid.map((i) => i.url)).toEqual(['javascript:alert(1)', 'https://ex.fr/rss']);
    const tsa = (await findFeed(db.sql, 'https://www.tsa-algerie.com/feed/'))!;
    expect(tsa).toMatchObject({ title: 'TSA', language: 'fr', country: 'DZ', pollIntervalS: 2700, siteUrl: 'https://www.tsa-algerie.com/' });
    expect((await findFeed(db.sql, 'https://www.exemple-sahel.org/rss.xml'))).toMatchObject({ title: 'Nouveau flux', country: 'NE' });
  });
});
