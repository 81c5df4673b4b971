// An alert matches an article exactly when `vigie search` with the same query and filters
// returns it: both are run over one stored corpus (six languages, accents, elision, phrases,
// OR, exclusions, every kind of filter) and must agree, article for article. The same holds
// when the subscription is not indexed by lexemes, so the index never hides a match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSubscription, type SubscriptionFilters } from '../../src/alerts/subscription.ts';
import { findMatches } from '../../src/store/alert-matches.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { matchArticles, searchArticles } from '../../src/search/search.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedArticle, seedFeed, type SeedArticle } from './alerts-fixtures.ts';

let db: TestDatabase;
const ids: Record<string, number> = {};
let feedB = 0;

const corpus = (feedA: number, feedB: number): Record<string, SeedArticle> => ({
  sahel: { title: 'La sécurité au Sahel se dégrade', text: 'Les forces armées maliennes face à l’insécurité ; la sécurité des routes est menacée.', lang: 'fr', topics: ['security'], countries: ['ML'], regions: ['sahel'], feedId: feedA },
  plain: { title: 'Securite sans accents', text: 'La securite des frontieres selon un communique.', lang: 'fr', feedId: feedA },
  rosob: { title: 'Vente d’armes : Rosoboronexport signe à Bamako', text: 'La vente d’armes russes au Mali progresse, selon Rosoboronexport.', lang: 'fr', topics: ['arms-sales'], countries: ['ML', 'RU'], organizations: ['rosoboronexport'], feedId: feedB },
  niger: { title: 'L’armée nigérienne reçoit des drones', text: 'L’armée du Niger a réceptionné des drones turcs.', lang: 'fr', topics: ['arms-transfers'], countries: ['NE'], feedId: feedA },
  foot: { title: 'Football : le Mali bat le Niger', text: 'La sécurité du stade était assurée par la police. Ventes de billets record.', lang: 'fr', countries: ['ML', 'NE'], feedId: feedB },
  en: { title: 'Russian arms sales to Africa grow', text: 'Rosoboronexport said arms sales to African states doubled.', lang: 'en', topics: ['arms-sales'], organizations: ['rosoboronexport'] },
  enSec: { title: 'Security in the Sahel', text: 'Security analysts warn about the Sahel.', lang: 'en', regions: ['sahel'] },
  pt: { title: 'Venda de armas a Moçambique', text: 'A venda de armas ao governo de Moçambique preocupa.', lang: 'pt', countries: ['MZ'] },
  es: { title: 'Venta de armas a Guinea Ecuatorial', text: 'La venta de armas continúa pese a las sanciones.', lang: 'es', countries: ['GQ'] },
  de: { title: 'Waffenexporte nach Afrika steigen', text: 'Die Rüstungsexporte von Rheinmetall nach Afrika steigen.', lang: 'de', organizations: ['rheinmetall'] },
  ru: { title: 'Рособоронэкспорт поставит вертолёты в Мали', text: 'Рособоронэкспорт подписал контракт на поставку вертолётов.', lang: 'ru', countries: ['ML'], organizations: ['rosoboronexport'] },
  helis: { title: 'Les hélicoptères de l’armée de l’air', text: 'Un hélicoptère d’attaque a été présenté à la presse.', lang: 'fr', countries: ['SN'] },
  wagner: { title: 'Le groupe Wagner au Mali', text: 'Le groupe Wagner, devenu Africa Corps, reste présent.', lang: 'fr', countries: ['ML'], organizations: ['wagner'] },
  wolof: { title: 'Jàmm ak kaaraange ci Sahel', text: 'Kaaraange mooy li ëpp solo.', lang: 'wo', regions: ['sahel'] },
});

type Case = [query: string, filters: Partial<SubscriptionFilters>, mustInclude: string[], mustExclude: string[]];

const cases = (): Case[] => [
  ['sécurité', {}, ['sahel', 'plain', 'foot'], ['en']],
  ['securite', {}, ['sahel', 'plain', 'foot'], []],
  ['securite -football', {}, ['sahel', 'plain'], ['foot']],
  ['"vente d\'armes"', {}, ['rosob'], ['foot']],
  ['« vente d’armes » -football', {}, ['rosob'], ['foot']],
  ['Rosoboronexport OR Рособоронэкспорт', {}, ['rosob', 'en', 'ru'], ['wagner']],
  ["l'armée", {}, ['niger', 'helis'], []],
  ['armée', {}, ['niger', 'helis'], []],
  ['hélicoptères', {}, ['helis'], []],
  ['helicoptere', {}, ['helis'], []],
  ['drones OR hélicoptères', {}, ['niger', 'helis'], ['sahel']],
  ['"groupe Wagner"', {}, ['wagner'], []],
  ['"Wagner groupe"', {}, [], ['wagner']],
  ['arms sales', {}, ['en'], []],
  ['venda armas', {}, ['pt'], []],
  ['venta armas', {}, ['es'], []],
  ['Waffenexporte', {}, ['de'], []],
  ['вертолёты', {}, ['ru'], []],
  ['kaaraange', {}, ['wolof'], []],
  ['Mali', { countries: ['ml'] }, ['rosob', 'foot', 'wagner'], ['niger']],
  ['armes', { topics: ['Arms-Sales'] }, ['rosob'], ['niger']],
  ['sécurité', { regions: ['sahel'], langs: ['fr'] }, ['sahel'], ['foot', 'enSec']],
  ['Rosoboronexport', { organizations: ['rosoboronexport'], feeds: [] }, ['rosob', 'en'], []],
  ['vente OR venta OR venda', { langs: ['pt', 'es'] }, ['pt', 'es'], ['rosob']],
  ['armes OR armas', { countries: ['ML', 'MZ'], topics: ['arms-sales'] }, ['rosob'], ['pt']],
  ['Mali', { feeds: [-1] }, ['foot'], ['wagner']],
];

beforeAll(async () => {
  db = await createTestDatabase('alerts_equivalence');
  const feedA = await seedFeed(db.sql, 'https://exemple.ml/rss-a.xml');
  feedB = await seedFeed(db.sql, 'https://exemple.ml/rss-b.xml');
  for (const [name, article] of Object.entries(corpus(feedA, feedB))) ids[name] = await seedArticle(db.sql, article);
});

afterAll(async () => {
  await db?.drop();
});

describe('alerts mean exactly what search means', () => {
  it.each(cases())('%s %j', async (query, rawFilters, mustInclude, mustExclude) => {
    const filters = { ...rawFilters, feeds: rawFilters.feeds?.map((f) => (f === -1 ? feedB : f)) };
    const sub = await insertSubscription(db.sql, validateSubscription({ name: query, query, filters, channel: 'log' }), null);
    const all = Object.values(ids);
    const alerted = (await findMatches(db.sql, all, [sub.id])).map((m) => m.articleId).sort((a, b) => a - b);
    const hits = await searchArticles({ sql: db.sql }, { query, ...filters, limit: 1000, candidates: 10_000 });
    const searched = hits.map((h) => h.articleId).sort((a, b) => a - b);
    expect(alerted).toEqual(searched);
    // …and with search's own per-query matcher (search_matching_ids restricted to these ids).
    expect((await matchArticles({ sql: db.sql }, query, filters, all)).sort((a, b) => a - b)).toEqual(alerted);

    // Without the lexeme index the subscription is tested against every article: same result.
    await db.sql`update alert_subscriptions set required_lexemes = null where id = ${sub.id}`;
    const unindexed = (await findMatches(db.sql, all, [sub.id])).map((m) => m.articleId).sort((a, b) => a - b);
    expect(unindexed).toEqual(alerted);

    const names = Object.entries(ids).filter(([, id]) => alerted.includes(id)).map(([name]) => name);
    for (const name of mustInclude) expect(names).toContain(name);
    for (const name of mustExclude) expect(names).not.toContain(name);
    await db.sql`update alert_subscriptions set active = false where id = ${sub.id}`;
  });
});
