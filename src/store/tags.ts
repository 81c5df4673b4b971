// Queries of article_topics and article_entities (sql/001_init.sql): the tags of an article are
// replaced as a whole inside the caller's transaction, and read back for `vigie retag`.
import type { Sql, TransactionSql } from '../db/client.ts';
import type { EntityTag, Evidence, TagResult } from '../tag/types.ts';

type Db = Sql | TransactionSql;

export interface StoredTopic {
  topic: string;
  score: number;
  evidence: Evidence[];
}

export interface StoredEntity {
  kind: 'country' | 'region' | 'organization';
  entity: string;
  mentions: number;
  evidence: Evidence[];
}

export interface StoredTags {
  topics: StoredTopic[];
  entities: StoredEntity[];
}

/** Replaces the article's topic and entity rows with `result` (call it inside the article's transaction). */
export async function saveTags(tx: Db, articleId: number, result: TagResult): Promise<void> {
  await tx`delete from article_topics where article_id = ${articleId}`;
  await tx`delete from article_entities where article_id = ${articleId}`;
  const topics = result.topics.map((t) => ({ articleId, topic: t.id, score: t.score, evidence: tx.json(t.evidence as never) }));
  if (topics.length > 0) await tx`insert into article_topics ${tx(topics, 'articleId', 'topic', 'score', 'evidence')}`;
  const entities = entityRows(result).map((e) => ({ articleId, kind: e.kind, entity: e.entity, mentions: e.mentions, evidence: tx.json(e.evidence as never) }));
  if (entities.length > 0) await tx`insert into article_entities ${tx(entities, 'articleId', 'kind', 'entity', 'mentions', 'evidence')}`;
}

/** Returns the rows saveTags stores for a result, in a stable order (used to compare with stored rows). */
export function entityRows(result: TagResult): StoredEntity[] {
  const rows = (kind: StoredEntity['kind'], list: EntityTag[]) => list.map((e) => ({ kind, entity: e.id, mentions: e.mentions, evidence: e.evidence }));
  return [...rows('country', result.countries), ...rows('region', result.regions), ...rows('organization', result.organizations)];
}

/** Returns the article's tags as articles.search_tags holds them ('t:topic', 'c:ML', 'r:sahel', 'o:wagner'; see article_search_tags() in sql/002), unsorted. */
export function searchTagsOf(result: TagResult): string[] {
  return [...result.topics.map((t) => `t:${t.id}`), ...entityRows(result).map((e) => `${e.kind[0]}:${e.entity}`)];
}

/** Returns the stored tags of each article id (articles without tags map to empty lists). */
export async function loadStoredTags(sql: Db, articleIds: number[]): Promise<Map<number, StoredTags>> {
  const out = new Map<number, StoredTags>(articleIds.map((id) => [id, { topics: [], entities: [] }]));
  if (articleIds.length === 0) return out;
  const topics = await sql<(StoredTopic & { articleId: number })[]>`
    select article_id, topic, score, evidence from article_topics where article_id = any(${articleIds}::bigint[]) order by article_id, topic`;
  for (const t of topics) out.get(t.articleId)!.topics.push({ topic: t.topic, score: t.score, evidence: t.evidence });
  const entities = await sql<(StoredEntity & { articleId: number })[]>`
    select article_id, kind, entity, mentions, evidence from article_entities where article_id = any(${articleIds}::bigint[]) order by article_id, kind, entity`;
  for (const e of entities) out.get(e.articleId)!.entities.push({ kind: e.kind, entity: e.entity, mentions: e.mentions, evidence: e.evidence });
  return out;
}

export interface RetagFilter {
  /** Only articles published (or, when undated, discovered) at or after this date. */
  since?: Date | null;
  /** Only articles of the feed with this URL. */
  feedUrl?: string | null;
}

export interface ArticleToRetag {
  id: number;
  title: string | null;
  text: string | null;
  lang: string | null;
  langDeclared: string | null;
  feedLanguage: string | null;
  taggerVersion: string | null;
}

/** Returns the next batch of stored ('done') articles after `afterId`, by id (keyset pagination). */
export async function selectArticlesToRetag(sql: Db, filter: RetagFilter, afterId: number, limit: number): Promise<ArticleToRetag[]> {
  return sql<ArticleToRetag[]>`
    select a.id, a.title, a.text, a.lang, a.lang_declared, f.language as feed_language, a.tagger_version
      from articles a left join feeds f on f.id = a.feed_id
     where a.status = 'done' and a.id > ${afterId} ${retagConditions(sql, filter)}
     order by a.id
     limit ${limit}`;
}

/** Returns how many stored articles match the filter (for the progress bar). */
export async function countArticlesToRetag(sql: Db, filter: RetagFilter): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from articles a left join feeds f on f.id = a.feed_id
     where a.status = 'done' ${retagConditions(sql, filter)}`;
  return row.n;
}

function retagConditions(sql: Db, filter: RetagFilter) {
  return sql`${filter.since ? sql`and coalesce(a.published_at, a.discovered_at) >= ${filter.since}` : sql``}
    ${filter.feedUrl ? sql`and f.url = ${filter.feedUrl}` : sql``}`;
}

/** Records the language and tagger version an article was (re)tagged with. */
export async function markArticleTagged(tx: Db, articleId: number, lang: string, taggerVersion: string): Promise<void> {
  await tx`update articles set lang = ${lang}, tagger_version = ${taggerVersion}, tagged_at = now(), updated_at = now() where id = ${articleId}`;
}
