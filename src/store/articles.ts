// Queries of the feed stage on the `articles` table: store discovered items once, find pending ones.
// (The article stage's queries are in save-article.ts.)
import type { Sql } from '../db/client.ts';
import type { FeedItem } from '../feeds/types.ts';

export interface DiscoveredArticle {
  id: number;
  canonicalUrl: string;
  /** True when this call inserted the row. */
  isNew: boolean;
  status: 'pending' | 'done' | 'failed';
}

/**
 * Inserts the items not stored yet (unique canonical URL, first feed wins) and returns, in item
 * order, every item's article id, status and whether this call inserted it.
 */
export async function insertDiscoveredArticles(
  sql: Sql,
  feedId: number | null,
  items: FeedItem[],
  discoveredAt: Date = new Date(),
): Promise<DiscoveredArticle[]> {
  if (items.length === 0) return [];
  const rows = items.map((i) => ({
    canonical_url: i.canonicalUrl,
    url: i.url,
    guid: i.guid,
    item_title: i.title,
    item_summary: i.summary,
    item_content: i.content,
    item_author: i.author,
    item_published_at: i.publishedAt?.toISOString() ?? null,
    item_categories: i.categories,
  }));
  // One statement for the whole batch; jsonb_to_recordset turns JSON arrays into text[].
  const inserted = await sql<{ id: number; canonicalUrl: string }[]>`
    insert into articles (feed_id, canonical_url, url, guid, item_title, item_summary, item_content, item_author,
                          item_published_at, item_categories, published_at, discovered_at)
    select ${feedId}, x.canonical_url, x.url, x.guid, x.item_title, x.item_summary, x.item_content, x.item_author,
           x.item_published_at, coalesce(x.item_categories, '{}'), x.item_published_at, ${discoveredAt}
    from jsonb_to_recordset((${JSON.stringify(rows)}::text)::jsonb) as x(
      canonical_url text, url text, guid text, item_title text, item_summary text, item_content text,
      item_author text, item_published_at timestamptz, item_categories text[])
    on conflict (canonical_url) do nothing
    returning id, canonical_url`;
  const insertedUrls = new Set(inserted.map((r) => r.canonicalUrl));
  const urls = items.map((i) => i.canonicalUrl);
  const found = await sql<{ id: number; canonicalUrl: string; status: DiscoveredArticle['status'] }[]>`
    select id, canonical_url, status from articles where canonical_url = any(${urls}::text[])`;
  const byUrl = new Map(found.map((r) => [r.canonicalUrl, r]));
  return items.flatMap((i) => {
    const row = byUrl.get(i.canonicalUrl);
    // A row deleted between the two statements is simply not reported.
    return row ? [{ id: row.id, canonicalUrl: row.canonicalUrl, status: row.status, isNew: insertedUrls.has(i.canonicalUrl) }] : [];
  });
}
