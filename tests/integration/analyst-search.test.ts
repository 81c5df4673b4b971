// analyst.search and the matching that alerts reuse, on the seeded multilingual corpus; the
// PostgreSQL port of the query parser against the TypeScript one; `vigie search` end to end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, QueryError } from '../../src/search/query.ts';
import { matchArticles, parseQueryInDatabase, searchArticles, type SearchFilters } from '../../src/search/search.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { QUERY_CASES } from '../unit/search/query-cases.ts';
import { seedAnalystCorpus, seedDate } from './analyst-seed.ts';

const run = promisify(execFile);
let db: TestDatabase;
let ids: Record<string, number>;
let feedIds: number[];

beforeAll(async () => {
  db = await createTestDatabase('analyst_search');
  ({ ids, feedIds } = await seedAnalystCorpus(db.sql));
});

afterAll(async () => {
  await db?.drop();
});

const keys = (articleIds: number[]) => articleIds.map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? String(id));
async function search(query: string, filters: SearchFilters = {}, limit = 100): Promise<string[]> {
  const hits = await searchArticles({ sql: db.sql }, { query, ...filters, limit });
  return keys(hits.map((h) => h.articleId));
}
const sorted = (xs: string[]) => [...xs].sort();

describe('the PostgreSQL query parser (search_parse) agrees with parseQuery', () => {
  it.each(QUERY_CASES)('$name', async ({ query }) => {
    let expected: unknown;
    try {
      expected = parseQuery(query);
    } catch (err) {
      expected = (err as Error).message;
    }
    let actual: unknown;
    try {
      actual = await parseQueryInDatabase({ sql: db.sql }, query);
    } catch (err) {
      expect(err).toBeInstanceOf(QueryError);
      actual = (err as Error).message;
    }
    expect(actual).toEqual(expected);
  });

  it('on 400 random queries built from awkward pieces', async () => {
    const pieces = ['Mali', 'OR', 'OU', '|', '-', '--', '"', '«', '»', ' ', '\u00a0', "l'", 'd’', 'armée', 'AND', '-foot', 'é', 'e\u0301', '"vente', "d'armes\"", 'Рособоронэкспорт', '(', ')', '🚁', 'or', 'ET', '\t'];
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const queries = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.6 ? ' ' : ''),
    );
    for (const query of queries) {
      let expected: unknown;
      try {
        expected = parseQuery(query);
      } catch (err) {
        expected = (err as Error).message;
      }
      let actual: unknown;
      try {
        actual = await parseQueryInDatabase({ sql: db.sql }, query);
      } catch (err) {
        actual = (err as Error).message;
      }
      expect(actual, JSON.stringify(query)).toEqual(expected);
    }
  });
});

describe('analyst.search', () => {
  it('finds words in every language, accent- and case-insensitively, never pending or failed rows', async () => {
    expect(sorted(await search('ROSOBORONEXPORT'))).toEqual(['algeria-jets', 'angola', 'mali-helicos']);
    expect(await search('рособоронэкспорт')).toEqual(['tass']);
    expect(sorted(await search('SECURITE'))).toEqual(['burkina-accord', 'mali-helicos']);
    expect(await search('seguranca')).toEqual(['angola']);
  });

  it('stems each language: plural French, Russian cases, German compounds endings', async () => {
    expect(await search('hélicoptère')).toContain('mali-helicos');
    expect(await search('контракт')).toEqual(['tass']);
    expect(await search('Konzern')).toEqual(['rheinmetall']);
    expect(await search('deliveries')).toEqual(['algeria-jets']);
  });

  it('handles French elision in words and phrases, with straight or curly apostrophes', async () => {
    // The French stemmer conflates « armée » and « armes » (both 'arme'): elision only removes « l' ».
    expect(sorted(await search("l'armée"))).toEqual(sorted(await search('armée')));
    expect(await search("l'armée")).toEqual(expect.arrayContaining(['eu-aid', 'tchad-armee']));
    expect(await search("l'armée")).not.toContain('mali-helicos');
    expect(await search('« l’armée tchadienne »')).toEqual(['tchad-armee']);
    expect(await search('"armée tchadienne"')).toEqual(['tchad-armee']);
  });

  it('matches phrases only when the words are adjacent, across title and body weights', async () => {
    expect(sorted(await search('"vente d\'armes"'))).toEqual(['football', 'rafale-inde', 'senegal-naval']);
    expect(await search('"armes vente"')).toEqual([]);
    expect(sorted(await search('"arms embargo"'))).toEqual(['sudan-embargo']);
  });

  it('combines OR, implicit AND and exclusion', async () => {
    expect(sorted(await search('Wagner OR Baykar'))).toEqual(['africa-corps', 'football', 'sahel-drones', 'tchad-armee']);
    expect(sorted(await search('Wagner OR Baykar -football'))).toEqual(['africa-corps', 'sahel-drones', 'tchad-armee']);
    expect(sorted(await search('Wagner OR Baykar Mali'))).toEqual(['africa-corps', 'sahel-drones']);
    expect(sorted(await search('drones -"drones turcs"'))).toEqual(['eu-aid', 'sahel-drones']);
  });

  it('applies every filter, AND-ed, any value within a filter', async () => {
    expect(sorted(await search('armes OR arms OR armas', { countries: ['ma', 'DZ'] }))).toEqual(['algeria-jets', 'football', 'maroc-es']);
    expect(await search('armes OR arms OR armas', { countries: ['MA'], topics: ['arms_trade'] })).toEqual(['maroc-es']);
    expect(sorted(await search('Rosoboronexport OR Рособоронэкспорт', { regions: ['africa'] }))).toEqual(['angola', 'tass']);
    expect(await search('drones', { organizations: ['EU'] })).toEqual(['eu-aid']);
    expect(await search('Rosoboronexport', { langs: ['pt'] })).toEqual(['angola']);
    expect(await search('Rosoboronexport', { feeds: [feedIds[2]] })).toEqual(['algeria-jets']);
    expect(sorted(await search('drones', { since: seedDate(20), until: seedDate(5) }))).toEqual(['eu-aid', 'tchad-armee']);
    expect(await search('fusils')).toEqual(['niger-trafic']);
    expect(await search('fusils', { since: seedDate(30) })).toEqual([]);
  });

  it('returns metadata, tags and a highlighted snippet', async () => {
    const [hit] = await searchArticles({ sql: db.sql }, { query: 'hélicoptères Bamako' });
    expect(hit).toMatchObject({
      articleId: ids['mali-helicos'], lang: 'fr', siteName: 'Le Monde', title: 'Le Mali réceptionne des hélicoptères russes',
      url: 'https://example.org/mali-helicos', topics: ['arms_trade', 'defense_cooperation'], countries: ['ML', 'RU'],
      organizations: ['rosoboronexport'],
    });
    expect(hit.snippet).toContain('**Bamako** a réceptionné des **hélicoptères** de combat');
    expect(hit.datedAt.toISOString()).toBe(seedDate(2).toISOString());
  });

  it('ranks a title match above a body match of the same day, and ranks only the most recent candidates', async () => {
    const [{ id: feedId }] = await db.sql`select id from feeds order by id limit 1`;
    const at = seedDate(1);
    for (const [key, title, text] of [
      ['body', 'Revue de presse du jour', 'Plusieurs sujets, dont un mot sur Kalachnikov en fin de texte.'],
      ['title', 'Kalachnikov ouvre une usine', 'Le groupe annonce une nouvelle usine.'],
    ]) {
      const [row] = await db.sql`
        insert into articles (feed_id, canonical_url, url, status, title, text, lang, site_name, published_at, discovered_at)
        values (${feedId}, ${'https://example.org/k-' + key}, ${'https://example.org/k-' + key}, 'done', ${title}, ${text}, 'fr', 'Test', ${at}, ${at})
        returning id`;
      ids['k-' + key] = Number(row.id);
    }
    expect(await search('Kalachnikov')).toEqual(['k-title', 'k-body']);
    const newest = await searchArticles({ sql: db.sql }, { query: 'armes OR arms OR armas OR armements', candidates: 1, limit: 1 });
    expect(keys(newest.map((h) => h.articleId))).toEqual(['algeria-jets']);
    // The window is never smaller than the number of results asked for.
    const three = await searchArticles({ sql: db.sql }, { query: 'armes OR arms OR armas OR armements', candidates: 1, limit: 3 });
    expect(three).toHaveLength(3);
  });

  it('finds the most recent matches exactly although it searches recent windows first', async () => {
    // Matches 1, 25 and 40 days old: the 7-day window holds only one, the answer needs two.
    const hits = await searchArticles({ sql: db.sql }, { query: 'Rosoboronexport OR drones OR fusils', candidates: 2, limit: 2 });
    expect(keys(hits.map((h) => h.articleId)).sort()).toEqual(['algeria-jets', 'mali-helicos']);
    const old = await searchArticles({ sql: db.sql }, { query: 'fusils OR Baykar', candidates: 1, limit: 1, until: seedDate(30) });
    expect(keys(old.map((h) => h.articleId))).toEqual(['niger-trafic']);
  });

  it('never matches the date lexemes of the index with words', async () => {
    const [{ tsv }] = await db.sql`select search_tsv::text as tsv from articles where id = ${ids['tass']}`;
    const year = seedDate(3).getUTCFullYear();
    expect(tsv).toContain(`'date y${year}'`);
    expect(await search(`"date y${year}" OR ~y${year} OR y${year} OR date OR "date:y${year}"`)).toEqual([]);
  });

  it('follows re-tagging: filters read tags kept in step by triggers', async () => {
    const id = ids['maroc-es'];
    expect(await search('armas', { countries: ['DZ'] })).toEqual([]);
    await db.sql`insert into article_entities (article_id, kind, entity) values (${id}, 'country', 'DZ')`;
    expect(await search('armas', { countries: ['DZ'] })).toEqual(['maroc-es']);
    await db.sql`update article_entities set entity = 'EG' where article_id = ${id} and entity = 'DZ'`;
    expect(await search('armas', { countries: ['DZ'] })).toEqual([]);
    expect(await search('armas', { countries: ['EG'] })).toEqual(['maroc-es']);
    await db.sql`delete from article_entities where article_id = ${id} and entity = 'EG'`;
    expect(await search('armas', { countries: ['EG'] })).toEqual([]);
    const [{ tags }] = await db.sql`select search_tags as tags from articles where id = ${id}`;
    expect(tags).toEqual(['c:ES', 'c:MA', 'r:maghreb', 't:arms_trade']);
  });

  it('explains queries that cannot be searched', async () => {
    await expect(searchArticles({ sql: db.sql }, { query: 'le la les' })).rejects.toThrow(
      /search: the query has no searchable word/,
    );
    await expect(searchArticles({ sql: db.sql }, { query: '-football' })).rejects.toThrow(QueryError);
    await expect(db.sql`select * from analyst.search('')`).rejects.toThrow(/search: empty query/);
  });
});

describe('matchArticles (the alerts path) has exactly the meaning of search', () => {
  const cases: [string, SearchFilters][] = [
    ['Rosoboronexport OR Рособоронэкспорт', {}],
    ['"vente d\'armes" -football', {}],
    ["l'armée", { langs: ['fr'] }],
    ['securite OR security OR seguranca', {}],
    ['armes OR arms OR armas OR Munition', { topics: ['arms_trade', 'defense_industry'], countries: ['DE', 'MA', 'DZ'] }],
    ['drones', { regions: ['sahel'], since: seedDate(30) }],
    ['Wagner OR Baykar -football', { organizations: ['wagner', 'baykar'] }],
    ['контракт', { feeds: [1, 2, 3, 4, 5] }],
  ];

  it.each(cases)('%s %j', async (query, filters) => {
    const all = (await db.sql`select id from articles`).map((r) => Number(r.id));
    const matched = await matchArticles({ sql: db.sql }, query, filters, all);
    const found = await searchArticles({ sql: db.sql }, { query, ...filters, limit: 1000, candidates: 10000 });
    expect(matched.length).toBeGreaterThan(0);
    expect(sorted(keys(matched))).toEqual(sorted(keys(found.map((h) => h.articleId))));
    expect(matched).not.toContain(ids.pending);
    const one = await matchArticles({ sql: db.sql }, parseQuery(query), filters, [matched[0], ids.pending]);
    expect(one).toEqual([matched[0]]);
  });
});

describe('vigie search', () => {
  const cli = (args: string[]) =>
    run('node', ['bin/vigie.js', 'search', ...args], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: db.url, VIGIE_LOG_LEVEL: 'silent' },
    });

  it('prints JSON hits with filters', async () => {
    const { stdout } = await cli(['Rosoboronexport OR Рособоронэкспорт', '--country', 'ru', '--lang', 'fr,pt', '--format', 'json']);
    const hits = JSON.parse(stdout);
    expect(sorted(hits.map((h: { title: string }) => h.title))).toEqual([
      'Angola assina contrato de compra de armas com a Rússia', 'Le Mali réceptionne des hélicoptères russes',
    ]);
  });

  it('prints CSV and a French table', async () => {
    const csv = await cli(['"vente d\'armes"', '--topic', 'arms_trade', '--since', '30d', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('article_id,dated_at,lang,site_name,title,url,rank,topics,countries,organizations,snippet');
    expect(csv.stdout).toContain('Le Sénégal commande trois patrouilleurs à Naval Group');
    const table = await cli(['introuvablexyz']);
    expect(table.stdout).toBe('Aucun article trouvé.\n');
  });

  it('fails with a one-line message on a bad query', async () => {
    const err = await cli(['Wagner OR -football']).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toBe("vigie: search: an excluded term cannot be an alternative of OR: 'Wagner OR -football'\n");
  });
});
