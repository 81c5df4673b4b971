// saveArticles against a real PostgreSQL: a batch of pending articles is stored with its tags in
// one transaction, search_tags is set by the statement itself (equal to what the tag triggers
// would compute), duplicates and already stored articles are left alone, stale tag rows are
// replaced, U+0000 is neutralized, and the tag triggers of sql/008 stand aside or skip unchanged
// rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/queue/batch.ts';
import { saveArticles, type ArticleToSave, type StoredArticle } from '../../src/store/save-article.ts';
import { entityRows, searchTagsOf } from '../../src/store/tags.ts';
import type { Evidence, TagResult } from '../../src/tag/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let feedId: number;
let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase('store_batches');
  const [feed] = await db.sql<{ id: number }[]>`
    insert into feeds (url, title, language) values ('https://www.journaldumali.test/rss', 'Journal du Mali', 'fr') returning id`;
  feedId = feed.id;
});

afterAll(async () => {
  await db?.drop();
});

/** Inserts a pending article as the feed stage does (status defaults to 'pending'); returns its id. */
async function insertPending(slug: string): Promise<number> {
  const url = `https://www.journaldumali.test/${slug}-${++seq}`;
  const [row] = await db.sql<{ id: number }[]>`
    insert into articles (feed_id, canonical_url, url) values (${feedId}, ${url}, ${url}) returning id`;
  return row.id;
}

/** Returns the evidence span of `phrase` in `title + "\n\n" + text` (throws when absent, so fixtures stay honest). */
function ev(title: string, text: string, phrase: string, rule: string): Evidence {
  const doc = `${title}\n\n${text}`;
  const start = doc.indexOf(phrase);
  if (start < 0) throw new Error(`fixture: '${phrase}' not in document`);
  return { text: phrase, start, end: start + phrase.length, rule };
}

function stored(title: string, text: string, overrides: Partial<StoredArticle> = {}): StoredArticle {
  return {
    contentSource: 'page',
    title,
    byline: 'Aïssata Traoré',
    publishedAt: new Date('2025-03-14T08:30:00Z'),
    fetchedAt: new Date('2025-03-14T09:00:00Z'),
    finalUrl: 'https://www.journaldumali.test/final',
    pageCanonicalUrl: null,
    siteName: 'Journal du Mali',
    lang: 'fr',
    langDeclared: 'fr-FR',
    text,
    wordCount: text.split(/\s+/).length,
    httpStatus: 200,
    error: null,
    errorCode: null,
    ...overrides,
  };
}

interface Fixture {
  article: StoredArticle;
  tags: TagResult;
}

function wagnerFixture(): Fixture {
  const title = 'Mali : les mercenaires de Wagner cèdent la place à l’Africa Corps';
  const text = 'Les paramilitaires russes du groupe Wagner ont quitté Bamako. Dans le Sahel, l’Africa Corps reprend leurs contrats de sécurité avec la junte malienne.';
  return {
    // The page declared English by mistake: the tagger's detected language must win.
    article: stored(title, text, { lang: 'en', langDeclared: 'en' }),
    tags: {
      lang: 'fr',
      topics: [
        { id: 'private_military', score: 2.5, evidence: [ev(title, text, 'mercenaires', 'pmc.mercenaires'), ev(title, text, 'paramilitaires', 'pmc.paramilitaires')] },
      ],
      countries: [
        { id: 'ML', mentions: 2, evidence: [ev(title, text, 'Mali', 'country.ML'), ev(title, text, 'Bamako', 'country.ML.capitale')] },
        { id: 'RU', mentions: 1, evidence: [ev(title, text, 'russes', 'country.RU.gentile')] },
      ],
      regions: [{ id: 'sahel', mentions: 1, evidence: [ev(title, text, 'Sahel', 'region.sahel')] }],
      organizations: [
        { id: 'wagner', mentions: 2, evidence: [ev(title, text, 'Wagner', 'org.wagner')] },
        { id: 'africa_corps', mentions: 2, evidence: [ev(title, text, 'Africa Corps', 'org.africa_corps')] },
      ],
    },
  };
}

function rafaleFixture(): Fixture {
  const title = 'L’Inde commande 26 Rafale Marine à la France';
  const text = 'New Delhi a signé vendredi un contrat d’armement avec Paris pour l’achat de 26 avions de combat Rafale Marine, livrables à partir de 2029.';
  return {
    article: stored(title, text),
    tags: {
      lang: 'fr',
      topics: [
        { id: 'arms_trade', score: 3.75, evidence: [ev(title, text, 'contrat d’armement', 'arms.contrat')] },
        { id: 'military_aviation', score: 1.5, evidence: [ev(title, text, 'avions de combat', 'aviation.avions_combat')] },
      ],
      countries: [
        { id: 'IN', mentions: 2, evidence: [ev(title, text, 'Inde', 'country.IN'), ev(title, text, 'New Delhi', 'country.IN.capitale')] },
        { id: 'FR', mentions: 2, evidence: [ev(title, text, 'France', 'country.FR'), ev(title, text, 'Paris', 'country.FR.capitale')] },
      ],
      regions: [],
      organizations: [{ id: 'dassault', mentions: 1, evidence: [ev(title, text, 'Rafale', 'org.dassault.rafale')] }],
    },
  };
}

function sahelFixture(): Fixture {
  const title = 'Niger : la junte réceptionne des drones Bayraktar TB2';
  const text = 'Niamey a reçu un nouveau lot de drones armés turcs, destinés à la lutte contre les groupes jihadistes dans la région des trois frontières.';
  return {
    article: stored(title, text, { contentSource: 'feed', httpStatus: null, error: 'la page a répondu 403', errorCode: 'http_403', finalUrl: null }),
    tags: {
      lang: 'fr',
      topics: [{ id: 'drones', score: 2, evidence: [ev(title, text, 'drones Bayraktar TB2', 'drones.bayraktar'), ev(title, text, 'drones armés', 'drones.armes')] }],
      countries: [
        { id: 'NE', mentions: 2, evidence: [ev(title, text, 'Niger', 'country.NE'), ev(title, text, 'Niamey', 'country.NE.capitale')] },
        { id: 'TR', mentions: 1, evidence: [ev(title, text, 'turcs', 'country.TR.gentile')] },
      ],
      regions: [{ id: 'liptako_gourma', mentions: 1, evidence: [ev(title, text, 'trois frontières', 'region.liptako_gourma')] }],
      organizations: [],
    },
  };
}

const TAGGER = 'rules-2025.03.1';

function item(articleId: number, f: Fixture, taggerVersion = TAGGER): ArticleToSave {
  return { articleId, article: f.article, tags: f.tags, taggerVersion };
}

async function articleRow(id: number) {
  const [row] = await db.sql<Record<string, any>[]>`
    select a.*, a.ctid::text as row_ctid, a.search_tsv is not null as has_tsv,
           article_search_tags(a.id) as computed_tags
      from articles a where a.id = ${id}`;
  return row;
}

async function topicRows(id: number) {
  return db.sql<{ topic: string; score: number; evidence: Evidence[] }[]>`
    select topic, score, evidence from article_topics where article_id = ${id} order by topic`;
}

async function entityRowsOf(id: number) {
  return db.sql<{ kind: string; entity: string; mentions: number; evidence: Evidence[] }[]>`
    select kind, entity, mentions, evidence from article_entities where article_id = ${id} order by kind, entity`;
}

const sortedTopics = (tags: TagResult) =>
  tags.topics.map((t) => ({ topic: t.id, score: t.score, evidence: t.evidence })).sort((a, b) => (a.topic < b.topic ? -1 : 1));
const sortedEntities = (tags: TagResult) =>
  entityRows(tags).sort((a, b) => (a.kind + '\u0001' + a.entity < b.kind + '\u0001' + b.entity ? -1 : 1));

describe('saveArticles', () => {
  it('stores a batch of pending articles with their tags and search_tags in one call', async () => {
    const fixtures = [wagnerFixture(), rafaleFixture(), sahelFixture()];
    const ids = [await insertPending('wagner'), await insertPending('rafale'), await insertPending('drones-niger')];
    const result = await saveArticles(db.sql, ids.map((id, i) => item(id, fixtures[i])));
    expect(result).toEqual([true, true, true]);

    for (const [i, id] of ids.entries()) {
      const { article, tags } = fixtures[i];
      const row = await articleRow(id);
      expect(row).toMatchObject({
        status: 'done',
        contentSource: article.contentSource,
        title: article.title,
        byline: 'Aïssata Traoré',
        text: article.text,
        lang: tags.lang,
        langDeclared: article.langDeclared,
        wordCount: article.wordCount,
        httpStatus: article.httpStatus,
        error: article.error,
        errorCode: article.errorCode,
        taggerVersion: TAGGER,
        siteName: 'Journal du Mali',
        hasTsv: true,
      });
      expect(row.publishedAt).toEqual(article.publishedAt);
      expect(row.fetchedAt).toEqual(article.fetchedAt);
      expect(row.storedAt).toBeInstanceOf(Date);
      expect(row.taggedAt).toBeInstanceOf(Date);

      expect(await topicRows(id)).toEqual(sortedTopics(tags));
      expect(await entityRowsOf(id)).toEqual(sortedEntities(tags));

      // Set by the statement itself, equal to what the triggers (and article_search_tags) give.
      expect(row.searchTags).toEqual(row.computedTags);
      expect(row.searchTags).toEqual([...searchTagsOf(tags)].sort());
    }
    // tags.lang wins over the page's declared language.
    expect((await articleRow(ids[0])).lang).toBe('fr');
    expect((await articleRow(ids[0])).searchTags).toEqual([
      'c:ML', 'c:RU', 'o:africa_corps', 'o:wagner', 'r:sahel', 't:private_military',
    ]);
    // The search index sees the text: the stored tsvector matches a French query.
    const [hit] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from articles where id = any(${ids}::bigint[]) and search_tsv @@ to_tsquery('public.vigie_fr', 'mercenaire')`;
    expect(hit.n).toBe(1);
  });

  it('stores an id given twice in one batch once, with the first item', async () => {
    const id = await insertPending('doublon');
    const first = rafaleFixture();
    const second = wagnerFixture();
    expect(await saveArticles(db.sql, [item(id, first, 'rules-premier'), item(id, second, 'rules-second')])).toEqual([true, false]);
    const row = await articleRow(id);
    expect(row).toMatchObject({ status: 'done', title: first.article.title, text: first.article.text, taggerVersion: 'rules-premier' });
    expect(await topicRows(id)).toEqual(sortedTopics(first.tags));
    expect(await entityRowsOf(id)).toEqual(sortedEntities(first.tags));
    expect(row.searchTags).toEqual([...searchTagsOf(first.tags)].sort());
  });

  it('as the article stage batches it, one article the database refuses fails alone', async () => {
    // The batcher of workers/articles.ts: a refused batch is run again one article at a time.
    const save = createBatcher((items: ArticleToSave[]) => saveArticles(db.sql, items), 16, { lingerMs: 20, splitOnError: true });
    const [a, bad, b] = [await insertPending('lot-a'), await insertPending('lot-refuse'), await insertPending('lot-b')];
    const broken = wagnerFixture();
    // The same topic twice: the second row breaks article_topics' primary key.
    broken.tags = { ...broken.tags, topics: [...broken.tags.topics, broken.tags.topics[0]] };
    const results = await Promise.allSettled([save(item(a, rafaleFixture())), save(item(bad, broken)), save(item(b, sahelFixture()))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toMatch(/duplicate key/);
    expect((await articleRow(a)).status).toBe('done');
    expect((await articleRow(b)).status).toBe('done');
    // The refused one is untouched: still pending, no tag rows.
    expect((await articleRow(bad)).status).toBe('pending');
    expect(await topicRows(bad)).toEqual([]);
    expect(await entityRowsOf(bad)).toEqual([]);
  });

  it('leaves an article already stored untouched and reports false', async () => {
    const id = await insertPending('deja-stocke');
    expect(await saveArticles(db.sql, [item(id, sahelFixture())])).toEqual([true]);
    const before = await articleRow(id);
    const topicsBefore = await topicRows(id);
    const entitiesBefore = await entityRowsOf(id);

    const other = wagnerFixture();
    const other2 = await insertPending('voisin');
    // In a batch with an article still pending: that one is stored, the stored one is not touched.
    expect(await saveArticles(db.sql, [item(id, other, 'rules-nouveau'), item(other2, other)])).toEqual([false, true]);
    const after = await articleRow(id);
    expect(after).toEqual(before);
    expect(after.rowCtid).toBe(before.rowCtid); // not even rewritten with the same values
    expect(await topicRows(id)).toEqual(topicsBefore);
    expect(await entityRowsOf(id)).toEqual(entitiesBefore);
    expect((await articleRow(other2)).status).toBe('done');
  });

  it('replaces stale tag rows of a pending article', async () => {
    const id = await insertPending('tags-perimes');
    await db.sql`insert into article_topics (article_id, topic, score, evidence)
                 values (${id}, 'nuclear', 9, ${db.sql.json([{ text: 'uranium', start: 0, end: 7, rule: 'nuclear.uranium' }])})`;
    await db.sql`insert into article_entities (article_id, kind, entity) values (${id}, 'country', 'IR')`;
    // The triggers followed the manual inserts.
    expect((await articleRow(id)).searchTags).toEqual(['c:IR', 't:nuclear']);

    const f = rafaleFixture();
    expect(await saveArticles(db.sql, [item(id, f)])).toEqual([true]);
    expect(await topicRows(id)).toEqual(sortedTopics(f.tags));
    expect(await entityRowsOf(id)).toEqual(sortedEntities(f.tags));
    const row = await articleRow(id);
    expect(row.searchTags).toEqual([...searchTagsOf(f.tags)].sort());
    expect(row.searchTags).toEqual(row.computedTags);
  });

  it('stores U+0000 as U+FFFD instead of failing the batch', async () => {
    const id = await insertPending('octet-nul');
    const neighbour = await insertPending('voisin-nul');
    const base = sahelFixture();
    const text = 'Niamey a reçu\u0000 un nouveau lot de drones armés turcs.';
    const title = 'Niger : des drones\u0000 turcs';
    const withNul: Fixture = {
      article: { ...base.article, title, text },
      tags: { ...base.tags, topics: [{ id: 'drones', score: 2, evidence: [{ text: 'drones\u0000 turcs', start: 12, end: 25, rule: 'drones.nul' }] }] },
    };
    expect(await saveArticles(db.sql, [item(id, withNul), item(neighbour, rafaleFixture())])).toEqual([true, true]);
    const row = await articleRow(id);
    expect(row.text).toBe('Niamey a reçu\ufffd un nouveau lot de drones armés turcs.');
    expect(row.title).toBe('Niger : des drones\ufffd turcs');
    expect((await topicRows(id))[0].evidence).toEqual([{ text: 'drones\ufffd turcs', start: 12, end: 25, rule: 'drones.nul' }]);
    expect((await articleRow(neighbour)).status).toBe('done');
  });

  describe('tag triggers (sql/008)', () => {
    it('refresh search_tags on a manual insert, skip unchanged rows, and stand aside when told to', async () => {
      const id = await insertPending('declencheurs');
      const f = wagnerFixture();
      expect(await saveArticles(db.sql, [item(id, f)])).toEqual([true]);
      const stored0 = await articleRow(id);
      const initial = [...searchTagsOf(f.tags)].sort();
      expect(stored0.searchTags).toEqual(initial);

      // (a) A manual insert outside saveArticles: the trigger rewrites the article with the new tag.
      await db.sql`insert into article_topics (article_id, topic, score, evidence) values (${id}, 'arms_trade', 1.25, '[]')`;
      const a = await articleRow(id);
      expect(a.searchTags).toEqual([...initial, 't:arms_trade'].sort());
      expect(a.searchTags).toEqual(a.computedTags);
      expect(a.rowCtid).not.toBe(stored0.rowCtid);

      // (b) Only a score changes (same tags): the article row is not rewritten.
      await db.sql`update article_topics set score = 4.5 where article_id = ${id} and topic = 'private_military'`;
      const b = await articleRow(id);
      expect(b.rowCtid).toBe(a.rowCtid);
      expect(b.searchTags).toEqual(a.searchTags);
      // …whereas an update that renames a topic does refresh it.
      await db.sql`update article_topics set topic = 'mercenaries' where article_id = ${id} and topic = 'private_military'`;
      const b2 = await articleRow(id);
      expect(b2.searchTags).toEqual(b2.computedTags);
      expect(b2.searchTags).toContain('t:mercenaries');
      expect(b2.searchTags).not.toContain('t:private_military');
      expect(b2.rowCtid).not.toBe(b.rowCtid);

      // (c) A transaction that says it sets search_tags itself: the triggers stand aside.
      await db.sql.begin(async (tx) => {
        await tx`select set_config('vigie.search_tags_set', 'on', true)`;
        await tx`insert into article_topics (article_id, topic, score, evidence) values (${id}, 'drones', 1, '[]')`;
        const [inside] = await tx<{ searchTags: string[] }[]>`select search_tags from articles where id = ${id}`;
        expect(inside.searchTags).toEqual(b2.searchTags);
      });
      const c = await articleRow(id);
      expect(c.searchTags).toEqual(b2.searchTags);
      expect(c.searchTags).not.toContain('t:drones');
      expect(c.computedTags).toContain('t:drones');
      expect(c.rowCtid).toBe(b2.rowCtid);

      // The setting was local to that transaction: the next insert is followed again (and
      // catches up with the tag inserted while the triggers stood aside).
      await db.sql`insert into article_entities (article_id, kind, entity, mentions) values (${id}, 'country', 'BF', 1)`;
      const d = await articleRow(id);
      expect(d.searchTags).toEqual(d.computedTags);
      expect(d.searchTags).toContain('t:drones');
      expect(d.searchTags).toContain('c:BF');

      // A delete is followed too.
      await db.sql`delete from article_entities where article_id = ${id} and kind = 'country' and entity = 'BF'`;
      const e = await articleRow(id);
      expect(e.searchTags).not.toContain('c:BF');
      expect(e.searchTags).toEqual(e.computedTags);
    });
  });

  it('migration 008 indexes only the matches that have a delivery', async () => {
    const rows = await db.sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where tablename = 'alert_matches' order by indexname`;
    const names = rows.map((r) => r.indexname);
    expect(names).toContain('alert_matches_delivered_idx');
    expect(names).not.toContain('alert_matches_delivery_idx');
    const [partial] = await db.sql<{ predicate: string | null; columns: string }[]>`
      select pg_get_expr(i.indpred, i.indrelid) as predicate, pg_get_indexdef(i.indexrelid, 1, true) as columns
        from pg_index i where i.indexrelid = 'alert_matches_delivered_idx'::regclass`;
    expect(partial.columns).toBe('delivery_id');
    expect(partial.predicate).toBe('(delivery_id IS NOT NULL)');
  });
});
