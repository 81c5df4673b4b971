// Queries of the article stage. Exactly-once storage: the row exists once (unique canonical
// URL, inserted by the feed stage) and moves from 'pending' to 'done' in one transaction
// together with its tags; a duplicate job finds it 'done' and stores nothing.
import type { Sql } from '../db/client.ts';
import type { TagResult } from '../tag/types.ts';
import { saveTags } from './tags.ts';

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

/** Stores the article and its tags in one transaction; returns false when it was already stored. */
export async function saveArticle(
  sql: Sql,
  articleId: number,
  article: StoredArticle,
  tags: TagResult,
  taggerVersion: string,
): Promise<boolean> {
  return sql.begin(async (tx) => {
    const updated = await tx`
      update articles set
        status = 'done',
        content_source = ${article.contentSource},
        title = ${article.title},
        byline = ${article.byline},
        published_at = ${article.publishedAt},
        fetched_at = ${article.fetchedAt},
        final_url = ${article.finalUrl},
        page_canonical_url = ${article.pageCanonicalUrl},
        site_name = ${article.siteName},
        lang = ${tags.lang || article.lang},
        lang_declared = ${article.langDeclared},
        text = ${article.text},
        word_count = ${article.wordCount},
        http_status = ${article.httpStatus},
        error = ${article.error},
        error_code = ${article.errorCode},
        tagged_at = now(),
        tagger_version = ${taggerVersion},
        stored_at = now(),
        updated_at = now()
      where id = ${articleId} and status <> 'done'
      returning id`;
    if (updated.length === 0) return false;
    await saveTags(tx, articleId, tags);
    return true;
  });
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
