// Phrase searches take the index's candidates (the phrase's words AND-ed) newest first and test
// the exact query on them until enough match (sql/006_search_phrases.sql). These tests compare
// that path with the straightforward evaluation (every stored article tested with @@, sorted by
// date) on a corpus where the phrase's words are common and mostly not adjacent, spread over
// the search windows (last week, months, years, older).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/query.ts';
import { searchArticles } from '../../src/search/search.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
const DAY_MS = 86_400_000;

// Deterministic corpus: 600 French and English articles over 1,100 days.
function buildCorpus(): { title: string; text: string; lang: string; daysAgo: number; country: string }[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  // The first three sentences of each language hold a phrase: one sentence in ten.
  const sentence = (xs: string[]) => (random() < 0.1 ? xs[Math.floor(random() * 3)] : xs[3 + Math.floor(random() * (xs.length - 3))]);
  const fr = [
    "La vente d'armes au Sahel inquiète les diplomates.",                       // the phrase
    "Le groupe Wagner profite de la vente d'armes russes.",                      // phrase + Wagner
    "Des drones turcs livrés après une vente d'armes négociée à Ankara.",        // phrase + "drones turcs"
    'Les armes saisies à Gao ; la vente de bétail reprend au marché.',           // both words, apart
    "Vente aux enchères : des armes anciennes d'une collection privée.",         // both words, apart
    'Les drones et les armes turcs : la vente est suspendue.',                   // words of both phrases, apart
    "L'armée malienne reçoit des blindés.",                                      // neither
  ];
  const en = [
    'Arms sales to the Sahel keep growing, analysts say.',                       // "arms sales"
    'Wagner fighters were paid from arms sales revenue.',                        // phrase + Wagner
    'Arms sales grew again, Wagner or not.',                                      // phrase + Wagner
    'The sales of farm equipment rose while arms were seized.',                  // both words, apart
    'The football club announced record ticket sales.',                          // neither
  ];
  return Array.from({ length: 600 }, (_, i) => {
    const lang = random() < 0.7 ? 'fr' : 'en';
    const sentences = Array.from({ length: 2 + Math.floor(random() * 3) }, () => sentence(lang === 'fr' ? fr : en));
    // A third in the last week, a third over the last year, a third over three years.
    const span = i % 3 === 0 ? 7 : i % 3 === 1 ? 365 : 1100;
    return { title: `Article ${i}`, text: sentences.join(' '), lang, daysAgo: random() * span, country: pick(['ML', 'NE', 'FR']) };
  });
}

beforeAll(async () => {
  db = await createTestDatabase('analyst_phrase_search');
  const [{ id: feedId }] = await db.sql`insert into feeds (url, title) values ('https://exemple.ml/rss.xml', 'Exemple') returning id`;
  const now = Date.now();
  for (const [i, a] of buildCorpus().entries()) {
    const at = new Date(now - a.daysAgo * DAY_MS);
    const [{ id }] = await db.sql`
      insert into articles (feed_id, canonical_url, url, status, title, text, lang, site_name, published_at, discovered_at)
      values (${feedId}, ${`https://exemple.ml/${i}`}, ${`https://exemple.ml/${i}`}, ${i % 50 === 7 ? 'pending' : 'done'},
              ${a.title}, ${a.text}, ${a.lang}, 'Exemple', ${at}, ${at})
      returning id`;
    await db.sql`insert into article_entities (article_id, kind, entity) values (${id}, 'country', ${a.country})`;
  }
  await db.sql`analyze articles`;
});

afterAll(async () => {
  await db?.drop();
});

interface Filters {
  countries?: string[];
  langs?: string[];
  since?: Date;
  until?: Date;
}

// The straightforward evaluation: every stored article tested with the search's tsquery.
async function straightforward(query: string, limit: number, f: Filters = {}): Promise<number[]> {
  const rows = await db.sql`
    select a.id from articles a
     where a.status = 'done' and a.search_tsv @@ search_tsquery(${query})
       and (${f.countries ?? null}::text[] is null or a.search_tags && search_tag_filter('c', ${f.countries ?? null}::text[]))
       and (${f.langs ?? null}::text[] is null or a.lang = any(${f.langs ?? null}::text[]))
       and (${f.since ?? null}::timestamptz is null or a.dated_at >= ${f.since ?? null}::timestamptz)
       and (${f.until ?? null}::timestamptz is null or a.dated_at < ${f.until ?? null}::timestamptz)
     order by a.dated_at desc, a.id desc
     limit ${limit}`;
  return rows.map((r) => Number(r.id));
}

// search_matching_ids with the index query, as analyst.search calls it.
async function matching(query: string, limit: number, f: Filters = {}): Promise<number[]> {
  const rows = await db.sql`
    select id from search_matching_ids(search_tsquery(${query}), null, ${f.countries ?? null}::text[], null, null,
      ${f.langs ?? null}::text[], null, ${f.since ?? null}::timestamptz, ${f.until ?? null}::timestamptz, null, ${limit},
      search_ast_index_tsquery(search_parse(${query})))`;
  return rows.map((r) => Number(r.id));
}

const QUERIES = [
  '"vente d\'armes"',
  '"vente d\'armes" -Wagner',
  '"arms sales" OR "vente d\'armes"',
  '"arms sales" OR "vente d\'armes" -Wagner -"drones turcs"',
  'armes -"vente d\'armes"',
  '"armes vente"',
  '"drones turcs" armes',
  '« vente d’armes » Sahel',
];

describe('phrase search through the index query', () => {
  it('returns exactly the most recent matches of the straightforward evaluation, in order', async () => {
    let compared = 0;
    for (const query of QUERIES) {
      const all = await straightforward(query, 10_000);
      // One result, a few, about a window's worth, more than there are matches.
      for (const limit of [1, 7, 60, 150, all.length + 10]) {
        expect(await matching(query, limit), `${query} limit ${limit}`).toEqual(all.slice(0, limit));
        compared++;
      }
    }
    expect(compared).toBe(QUERIES.length * 5);
  });

  it('has phrases whose words are common and mostly not adjacent (the case it exists for)', async () => {
    const [{ candidates, matches }] = await db.sql`
      select count(*) filter (where search_tsv @@ search_ast_index_tsquery(search_parse('"vente d''armes"'))) as candidates,
             count(*) filter (where search_tsv @@ search_tsquery('"vente d''armes"')) as matches
        from articles where status = 'done'`;
    expect(Number(matches)).toBeGreaterThan(100);
    expect(Number(candidates)).toBeGreaterThan(Number(matches) + 100);
    expect(await straightforward('"armes vente"', 10)).toEqual([]);
  });

  it('agrees with every filter and with dates in the past', async () => {
    const now = Date.now();
    const cases: Filters[] = [
      { countries: ['ml', 'NE'] },
      { langs: ['en'] },
      { since: new Date(now - 30 * DAY_MS) },
      { since: new Date(now - 45 * DAY_MS), countries: ['ML'] },
      { since: new Date(now - 100 * DAY_MS) },
      { since: new Date(now - 500 * DAY_MS) },
      { until: new Date(now - 200 * DAY_MS) },
      { since: new Date(now - 900 * DAY_MS), until: new Date(now - 3 * DAY_MS), countries: ['FR'] },
    ];
    for (const f of cases) {
      for (const query of QUERIES) {
        for (const limit of [5, 80, 1000]) {
          expect(await matching(query, limit, f), `${query} ${JSON.stringify(f)} limit ${limit}`).toEqual(await straightforward(query, limit, f));
        }
      }
    }
  });

  it('uses a query that matches every article the exact query matches, and only relaxes phrases', async () => {
    for (const query of [...QUERIES, 'Wagner', 'sud-africain', '-"vente d\'armes" Sahel']) {
      const [{ missed }] = await db.sql`
        select count(*)::int as missed from articles
         where search_tsv @@ search_tsquery(${query})
           and not search_tsv @@ search_ast_index_tsquery(search_parse(${query}))`;
      expect(missed, query).toBe(0);
    }
    const [{ plain, relaxed, negated }] = await db.sql`
      select search_ast_index_tsquery(search_parse('Wagner OR Baykar -football'))::text
               = search_tsquery('Wagner OR Baykar -football')::text as plain,
             search_ast_index_tsquery(search_parse('"vente d''armes"'))::text as relaxed,
             search_ast_index_tsquery(search_parse('Sahel -"vente d''armes" -Wagner'))::text as negated`;
    expect(plain).toBe(true);
    expect(relaxed).toContain("'vent' & 'arme'");
    expect(relaxed).not.toMatch(/<\d+>|<->/);
    // A phrase exclusion is left to the exact test; a word exclusion stays in the index query.
    expect(negated).toMatch(/^'sahel' & !\( 'wagn' \| 'wagner' \)$/);
  });

  it('gives analyst.search the same ranked results as ranking the straightforward candidates', async () => {
    for (const query of QUERIES) {
      const hits = await searchArticles({ sql: db.sql }, { query, limit: 120, candidates: 120 });
      const expected = new Set(await straightforward(query, 120));
      expect(hits.map((h) => h.articleId).sort((a, b) => a - b), query).toEqual([...expected].sort((a, b) => a - b));
    }
    // The alerts' test of a parsed query agrees with the index path.
    const ast = parseQuery('"vente d\'armes" -Wagner');
    const [{ same }] = await db.sql`select search_ast_tsquery(${JSON.stringify(ast)}::text::jsonb)::text = search_tsquery('"vente d''armes" -Wagner')::text as same`;
    expect(same).toBe(true);
  });

  it('keeps articles dated after the searched windows (clock skew) in date order', async () => {
    // Three matches dated 400 days ahead lie only in the last window ("all"); asking for one
    // more result than the previous window ("y") holds makes them outrank its matches.
    const [{ id: feedId }] = await db.sql`select id from feeds limit 1`;
    const ahead = new Date(Date.now() + 400 * DAY_MS);
    for (const i of [1, 2, 3]) {
      await db.sql`
        insert into articles (feed_id, canonical_url, url, status, title, text, lang, published_at, discovered_at)
        values (${feedId}, ${`https://exemple.ml/ahead-${i}`}, ${`https://exemple.ml/ahead-${i}`}, 'done',
                ${`Article en avance ${i}`}, ${"La vente d'armes reprend."}, 'fr', ${ahead}, ${new Date(ahead.getTime() + i * 60_000)})`;
    }
    const query = '"vente d\'armes"';
    const [{ k }] = await db.sql`
      select count(*)::int as k from articles
       where status = 'done' and search_tsv @@ search_tsquery(${query})
         and dated_at >= date_trunc('year', ((now() at time zone 'UTC')::date - 730)::timestamp) at time zone 'UTC'
         and dated_at < now()`;
    const expected = await straightforward(query, k + 1);
    const aheadIds = (await db.sql`select id from articles where canonical_url like '%/ahead-%' order by id desc`).map((r) => Number(r.id));
    expect(expected.slice(0, 3)).toEqual(aheadIds);
    expect(await matching(query, k + 1)).toEqual(expected);
  });
});
