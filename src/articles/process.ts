// The article stage: load the row, fetch the page, extract it (in the worker-thread pool),
// fall back to the feed item's content when the page fails, tag, and store article and tags
// in one transaction (with other articles stored at the same moment, when the worker batches
// them: workers/articles.ts). Failures are recorded on the article with their reason.
import type { Sql } from '../db/client.ts';
import { ExtractError, FetchError, VigieError, describeError, errorCode } from '../errors.ts';
import type { ExtractedArticle, ExtractInput } from '../extract/types.ts';
import type { Fetcher } from '../fetch/types.ts';
import type { TagInput, TagResult } from '../tag/types.ts';
import {
  recordArticleFailure,
  saveArticle,
  startArticleAttempt,
  type ArticleToProcess,
  type ArticleToSave,
  type StoredArticle,
} from '../store/save-article.ts';
import { countWords } from '../extract/text.ts';
import { htmlToParagraphs } from './feed-text.ts';

export interface Tagger {
  /** Identifies the rules, stored with each article so that `vigie retag` knows what is stale. */
  version: string;
  tag(input: TagInput): TagResult;
}

export interface ArticleStageDeps {
  sql: Sql;
  fetcher: Fetcher;
  extract(input: ExtractInput): Promise<ExtractedArticle>;
  tagger: Tagger;
  /** Stores an article and its tags, resolving false when it was already stored; saveArticle() by default. */
  save?: (item: ArticleToSave) => Promise<boolean>;
  now?: () => Date;
}

export interface ArticleAttempt {
  articleId: number;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
}

/** Milliseconds spent in each step of one attempt (fetch and extract only when they ran; fetch
 * includes waiting for the host's turn, extract waiting for a free thread). Logged with the
 * job's outcome, and aggregated by the end-to-end benchmark (bench/e2e.ts). */
export interface StageDurations {
  fetch?: number;
  extract?: number;
  tag: number;
  store: number;
  /** Matching against the alert subscriptions, when the worker did it right after storing. */
  match?: number;
}

export type ArticleOutcome =
  | { status: 'stored'; articleId: number; source: 'page' | 'feed'; topics: string[]; pageError?: string; stageMs: StageDurations }
  | { status: 'skipped'; articleId: number; reason: 'missing' | 'already_done' | 'already_failed' };

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/** Processes one article; resolves with the outcome, throws a VigieError (permanent or not) when the article could not be stored. */
export async function processArticle(deps: ArticleStageDeps, job: ArticleAttempt): Promise<ArticleOutcome> {
  const row = await startArticleAttempt(deps.sql, job.articleId);
  if (!row) return { status: 'skipped', articleId: job.articleId, reason: 'missing' };
  if (row.status === 'done') return { status: 'skipped', articleId: row.id, reason: 'already_done' };
  if (row.status === 'failed') return { status: 'skipped', articleId: row.id, reason: 'already_failed' };

  const stageMs: Partial<StageDurations> = {};
  let stored: StoredArticle;
  try {
    stored = await fromPage(deps, row, stageMs);
  } catch (err) {
    const permanent = err instanceof VigieError && err.permanent;
    const lastAttempt = job.attempt >= job.maxAttempts;
    if (!permanent && !lastAttempt) {
      await recordArticleFailure(deps.sql, row.id, { ...failureOf(err), permanent: false });
      throw err;
    }
    const fallback = fromFeedItem(row, err);
    if (!fallback) {
      await recordArticleFailure(deps.sql, row.id, { ...failureOf(err), permanent: true });
      throw new VigieError(`article: no page and no feed content for ${row.url}: ${describeError(err)}`, {
        code: errorCode(err),
        permanent: true,
        cause: err,
      });
    }
    stored = fallback;
  }

  let started = performance.now();
  const tags = deps.tagger.tag({ title: stored.title ?? '', text: stored.text, lang: stored.langDeclared ?? row.feedLanguage });
  stageMs.tag = elapsedSince(started);
  started = performance.now();
  const item = { articleId: row.id, article: stored, tags, taggerVersion: deps.tagger.version };
  const saved = await (deps.save ? deps.save(item) : saveArticle(deps.sql, item));
  stageMs.store = elapsedSince(started);
  if (!saved) return { status: 'skipped', articleId: row.id, reason: 'already_done' };
  return {
    status: 'stored',
    articleId: row.id,
    source: stored.contentSource,
    topics: tags.topics.map((t) => t.id),
    ...(stored.error ? { pageError: stored.error } : {}),
    stageMs: stageMs as StageDurations,
  };
}

// Milliseconds since `started` (a performance.now() reading), to a tenth.
const elapsedSince = (started: number) => Math.round((performance.now() - started) * 10) / 10;

async function fromPage(deps: ArticleStageDeps, row: ArticleToProcess, stageMs: Partial<StageDurations>): Promise<StoredArticle> {
  let started = performance.now();
  const response = await deps.fetcher.fetch({ url: row.url, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } });
  stageMs.fetch = elapsedSince(started);
  if (response.contentType && !HTML_TYPES.test(response.contentType)) {
    throw new ExtractError(`extract: not an HTML page (${response.contentType}): GET ${response.url}`, { code: 'not_html' });
  }
  started = performance.now();
  const page = await deps.extract({
    html: response.text,
    url: response.url,
    contentLanguage: response.headers['content-language'] ?? null,
  });
  stageMs.extract = elapsedSince(started);
  if (!page.text.trim()) throw new ExtractError(`extract: no article text found: ${response.url}`, { code: 'no_article' });
  return {
    contentSource: 'page',
    title: page.title ?? row.itemTitle,
    byline: page.byline ?? row.itemAuthor,
    publishedAt: parseDate(page.publishedAt) ?? row.itemPublishedAt,
    fetchedAt: (deps.now ?? (() => new Date()))(),
    finalUrl: response.url,
    pageCanonicalUrl: page.canonicalUrl,
    siteName: page.siteName ?? row.feedTitle,
    lang: page.lang,
    langDeclared: page.lang,
    text: page.text,
    wordCount: page.wordCount,
    httpStatus: response.status,
    error: null,
    errorCode: null,
  };
}

/** The feed item's own content as the article, or null when the item carries no text at all. */
function fromFeedItem(row: ArticleToProcess, pageError: unknown): StoredArticle | null {
  const text = htmlToParagraphs(row.itemContent || row.itemSummary || '');
  if (!text && !row.itemTitle) return null;
  return {
    contentSource: 'feed',
    title: row.itemTitle,
    byline: row.itemAuthor,
    publishedAt: row.itemPublishedAt,
    fetchedAt: null,
    finalUrl: null,
    pageCanonicalUrl: null,
    siteName: row.feedTitle,
    lang: null,
    langDeclared: null,
    text,
    wordCount: countWords(text),
    httpStatus: pageError instanceof FetchError ? (pageError.status ?? null) : null,
    error: describeError(pageError),
    errorCode: errorCode(pageError),
  };
}

function failureOf(err: unknown): { error: string; errorCode: string; httpStatus: number | null } {
  return {
    error: describeError(err),
    errorCode: errorCode(err),
    httpStatus: err instanceof FetchError ? (err.status ?? null) : null,
  };
}

function parseDate(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
