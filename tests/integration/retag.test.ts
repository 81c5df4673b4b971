// `vigie retag` against a real PostgreSQL: stale tags are rewritten, the summary counts topics
// added and removed, and a second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/tag/load-rules.ts';
import { retagArticles } from '../../src/tag/retag.ts';
import { rulesVersion } from '../../src/tag/tag.ts';
import type { CompiledRules } from '../../src/tag/compile.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let rules: CompiledRules;
const ids: Record<string, number> = {};

async function insertArticle(feedId: number, key: string, title: string, text: string): Promise<number> {
  const [row] = await db.sql<{ id: number }[]>`
    insert into articles (feed_id, canonical_url, url, status, title, text, published_at, tagger_version)
    values (${feedId}, ${'https://example.test/' + key}, ${'https://example.test/' + key}, 'done', ${title}, ${text}, '2025-03-01', 'rules-old')
    returning id`;
  return row.id;
}

beforeAll(async () => {
  db = await createTestDatabase('retag');
  rules = loadRules();
  const [feedA] = await db.sql<{ id: number }[]>`insert into feeds (url, language) values ('https://a.test/feed', 'fr') returning id`;
  const [feedB] = await db.sql<{ id: number }[]>`insert into feeds (url, language) values ('https://b.test/feed', 'fr') returning id`;
  ids.rafale = await insertArticle(feedA.id, 'rafale', 'L’Inde commande 26 Rafale Marine',
    'New Delhi a signé vendredi un contrat d’armement avec la France pour l’achat de 26 avions de combat Rafale Marine destinés à sa marine.');
  ids.storm = await insertArticle(feedA.id, 'storm', 'Tempête : des rafales de vent à 130 km/h en Bretagne',
    'Les rafales de vent ont privé 20 000 foyers d’électricité.');
  ids.wagner = await insertArticle(feedB.id, 'wagner', 'Mali : les mercenaires de Wagner remplacés par l’Africa Corps',
    'Les paramilitaires russes du groupe Wagner ont quitté Bamako, remplacés par l’Africa Corps.');
  // A stale topic that the current rules do not give: retag must remove it.
  await db.sql`insert into article_topics (article_id, topic, score, evidence) values (${ids.storm}, 'arms_trade', 3, '[]')`;
});

afterAll(async () => {
  await db?.drop();
});

describe('retagArticles', () => {
  it('rewrites stale tags, reports topics added and removed, and stores evidence and entities', async () => {
    const summary = await retagArticles({ sql: db.sql, rules }, {}, 2);
    expect(summary.checked).toBe(3);
    expect(summary.changed).toBe(3);
    expect(summary.topics.arms_trade).toEqual({ added: 1, removed: 1 });
    expect(summary.topics.private_military).toEqual({ added: 1, removed: 0 });

    const topics = await db.sql<{ articleId: number; topic: string; evidence: { text: string; start: number; end: number; rule: string }[] }[]>`
      select article_id, topic, evidence from article_topics order by article_id, topic`;
    expect(topics.filter((t) => t.articleId === ids.storm)).toEqual([]);
    const rafale = topics.find((t) => t.articleId === ids.rafale && t.topic === 'arms_trade')!;
    const doc = 'L’Inde commande 26 Rafale Marine\n\nNew Delhi a signé vendredi un contrat d’armement avec la France pour l’achat de 26 avions de combat Rafale Marine destinés à sa marine.';
    expect(rafale.evidence.length).toBeGreaterThan(0);
    for (const e of rafale.evidence) expect(doc.slice(e.start, e.end)).toBe(e.text);
    expect(rafale.evidence.map((e) => e.text)).toContain('contrat d’armement');

    const entities = await db.sql<{ kind: string; entity: string }[]>`
      select kind, entity from article_entities where article_id = ${ids.wagner} order by kind, entity`;
    expect(entities).toEqual([
      { kind: 'country', entity: 'ML' }, { kind: 'country', entity: 'RU' },
      { kind: 'organization', entity: 'africa_corps' }, { kind: 'organization', entity: 'wagner' },
    ]);
    const versions = await db.sql<{ taggerVersion: string; lang: string }[]>`select distinct tagger_version, lang from articles`;
    expect(versions).toEqual([{ taggerVersion: rulesVersion(rules), lang: 'fr' }]);
  });

  it('changes nothing when run again', async () => {
    const before = await db.sql`select article_id, topic, score, evidence from article_topics order by 1, 2`;
    const summary = await retagArticles({ sql: db.sql, rules }, {});
    expect(summary).toMatchObject({ checked: 3, changed: 0, topics: {} });
    expect(await db.sql`select article_id, topic, score, evidence from article_topics order by 1, 2`).toEqual(before);
  });

  it('restricts to one feed and to a date', async () => {
    await db.sql`delete from article_topics where article_id = ${ids.wagner}`;
    const other = await retagArticles({ sql: db.sql, rules }, { feedUrl: 'https://a.test/feed' });
    expect(other).toMatchObject({ checked: 2, changed: 0 });
    const none = await retagArticles({ sql: db.sql, rules }, { since: new Date('2030-01-01') });
    expect(none.checked).toBe(0);
    const feedB = await retagArticles({ sql: db.sql, rules }, { feedUrl: 'https://b.test/feed', since: new Date('2025-01-01') });
    expect(feedB).toMatchObject({ checked: 1, changed: 1, topics: { private_military: { added: 1, removed: 0 } } });
  });
});
