// Queries of the article stage. Exactly-once storage: the row exists once (unique canonical
// URL, inserted by the feed stage) and moves from 'pending' to 'done' in one transaction
// together with its tags; a duplicate job finds it 'done' and stores nothing.
import type { Sql } from '../db/client.ts';
import type { TagResult } from '../tag/types.ts';
import { entityRows, searchTagsOf } from './tags.ts';

export interface ArticleToProcess {
  id: number;
  feedId: number | null;
  url: string;
  canonicalUrl: string;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  itemTitle: string | null;
  itemSummary: string | null;
  itemContent: string | null;
  itemAuthor: string | null;
  itemPublishedAt: Date | null;
  feedLanguage: string | null;
  feedTitle: string | null;
}

/** Returns the article row with what the stage needs (and its feed's declared language), or null when it is gone. */
export async function startArticleAttempt(sql: Sql, articleId: number): Promise<ArticleToProcess | null> {
  const [row] = await sql<ArticleToProcess[]>`
    with attempt as (
      update articles
         set attempts = attempts + case when status = 'pending' then 1 else 0 end,
             updated_at = now()
       where id = ${articleId}
      returning id, feed_id, url, canonical_url, status, attempts,
                item_title, item_summary, item_content, item_author, item_published_at
    )
    select attempt.*, f.language as feed_language, f.title as feed_title
      from attempt left join feeds f on f.id = attempt.feed_id`;
  return row ?? null;
}

export interface StoredArticle {
  contentSource: 'page' | 'feed';
  title: string | null;
  byline: string | null;
  publishedAt: Date | null;
  fetchedAt: Date | null;
  finalUrl: string | null;
  pageCanonicalUrl: string | null;
  siteName: string | null;
  lang: string | null;
  langDeclared: string | null;
  text: string;
  wordCount: number;
  httpStatus: number | null;
  /** The page failure that made us fall back to the feed's content, if any. */
  error: string | null;
  errorCode: string | null;
}

export interface ArticleToSave {
  articleId: number;
  article: StoredArticle;
  tags: TagResult;
  taggerVersion: string;
}

/**
 * Stores a batch of articles and their tags in one transaction, in one round trip of four
 * statements whose text does not depend on the batch (prepared once per connection): stale tag
 * rows of articles not yet stored are removed, then one statement stores every article not yet
 * 'done' (its search_tags set here, so the tag triggers are told to stand aside: sql/008) and
 * inserts their topics and entities. Resolves with one boolean per item: false when that
 * article was already stored (by an earlier try, or earlier in the same batch).
 */
export async function saveArticles(sql: Sql, items: ArticleToSave[]): Promise<boolean[]> {
  const firsts = new Map<number, ArticleToSave>();
  for (const item of items) if (!firsts.has(item.articleId)) firsts.set(item.articleId, item);
  if (firsts.size === 0) return [];
  const ids = [...firsts.keys()].sort((a, b) => a - b);
  const rows = [...firsts.values()].map(({ articleId, article, tags, taggerVersion }) => ({
    id: articleId,
    content_source: article.contentSource,
    title: article.title,
    byline: article.byline,
    published_at: article.publishedAt,
    fetched_at: article.fetchedAt,
    final_url: article.finalUrl,
    page_canonical_url: article.pageCanonicalUrl,
    site_name: article.siteName,
    lang: tags.lang || article.lang,
    lang_declared: article.langDeclared,
    text: article.text,
    word_count: article.wordCount,
    http_status: article.httpStatus,
    error: article.error,
    error_code: article.errorCode,
    tagger_version: taggerVersion,
    search_tags: searchTagsOf(tags),
    topics: tags.topics.map((t) => ({ topic: t.id, score: t.score, evidence: t.evidence })),
    entities: entityRows(tags),
  }));
  // PostgreSQL text cannot hold U+0000 (nor can jsonb escape it): a page that has one gets U+FFFD.
  const batch = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '\ufffd') : value));
  const stored = await sql.begin(async (tx) => {
    // `article_id = any(…)` first, so that the plan (generic after five runs) reads the primary key.
    const stale = () => tx`article_id = any(${ids}::bigint[]) and article_id in (select id from articles where id = any(${ids}::bigint[]) and status <> 'done')`;
    // The statements go out together (postgres.js pipelines queries on a transaction's connection).
    const [, , , updated] = await Promise.all([
      // This transaction sets articles.search_tags itself: the tag triggers need not (sql/008).
      tx`select set_config('vigie.search_tags_set', 'on', true)`,
      tx`delete from article_topics where ${stale()}`,
      tx`delete from article_entities where ${stale()}`,
      tx<{ id: number }[]>`
        with x as materialized (
          select * from jsonb_to_recordset((${batch}::text)::jsonb) as x(
            id bigint, content_source text, title text, byline text, published_at timestamptz, fetched_at timestamptz,
            final_url text, page_canonical_url text, site_name text, lang text, lang_declared text, text text,
            word_count integer, http_status integer, error text, error_code text, tagger_version text,
            search_tags text[], topics jsonb, entities jsonb)
        ),
        stored as (
          update articles a set
            status = 'done',
            content_source = x.content_source,
            title = x.title,
            byline = x.byline,
            published_at = x.published_at,
            fetched_at = x.fetched_at,
            final_url = x.final_url,
            page_canonical_url = x.page_canonical_url,
            site_name = x.site_name,
            lang = x.lang,
            lang_declared = x.lang_declared,
            text = x.text,
            word_count = x.word_count,
            http_status = x.http_status,
            error = x.error,
            error_code = x.error_code,
            -- Sorted and distinct as article_search_tags() returns them (same collation).
            search_tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(x.search_tags) t),
            tagged_at = now(),
            tagger_version = x.tagger_version,
            stored_at = now(),
            updated_at = now()
          from x
          where a.id = x.id and a.status <> 'done'
          returning a.id
        ),
        topics as (
          insert into article_topics (article_id, topic, score, evidence)
          select x.id, t.topic, t.score, coalesce(t.evidence, '[]')
            from x join stored s on s.id = x.id
            cross join jsonb_to_recordset(x.topics) as t(topic text, score real, evidence jsonb)
        ),
        entities as (
          insert into article_entities (article_id, kind, entity, mentions, evidence)
          select x.id, e.kind, e.entity, e.mentions, coalesce(e.evidence, '[]')
            from x join stored s on s.id = x.id
            cross join jsonb_to_recordset(x.entities) as e(kind text, entity text, mentions integer, evidence jsonb)
        )
        select id from stored`,
    ]);
    return new Set(updated.map((r) => r.id));
  });
  // A later duplicate of an id in the same batch was not stored by its own item.
  return items.map((item) => firsts.get(item.articleId) === item && stored.has(item.articleId));
}

/** Stores one article and its tags (saveArticles with a batch of one); returns false when it was already stored. */
export async function saveArticle(sql: Sql, item: ArticleToSave): Promise<boolean> {
  const [saved] = await saveArticles(sql, [item]);
  return saved;
}

export interface ArticleFailure {
  error: string;
  errorCode: string;
  httpStatus: number | null;
  /** Permanent: the article is marked 'failed' and will not be retried. */
  permanent: boolean;
}

/** Records why an attempt failed; a permanent failure marks the article 'failed'. */
export async function recordArticleFailure(sql: Sql, articleId: number, failure: ArticleFailure): Promise<void> {
  await sql`
    update articles set
      error = ${failure.error},
      error_code = ${failure.errorCode},
      http_status = coalesce(${failure.httpStatus}, http_status),
      status = case when ${failure.permanent} and status = 'pending' then 'failed' else status end,
      updated_at = now()
    where id = ${articleId}`;
}
