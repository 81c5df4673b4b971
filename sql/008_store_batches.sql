-- 008: cheaper storing (bench/e2e.ts). The article stage now stores a batch of articles with
-- their tags in one transaction and sets articles.search_tags itself in the same update that
-- stores the text (src/store/save-article.ts). The tag triggers (002) then rewrote every article
-- row once more per tag table: a new version of a wide row, with all its index entries (the GIN
-- index over the whole tsvector among them), for nothing.
--
-- Now a transaction that sets search_tags itself says so (set_config('vigie.search_tags_set',
-- 'on', true), local to the transaction) and the triggers leave it alone; any other write of
-- tag rows (`vigie retag`, a manual INSERT or DELETE) is still followed by the triggers, which
-- now only rewrite the articles whose tags actually changed.
create or replace function articles_refresh_search_tags() returns trigger
language plpgsql as $$
begin
  if current_setting('vigie.search_tags_set', true) = 'on' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    update articles a set search_tags = t.tags
      from (select id, article_search_tags(id) as tags from (select distinct article_id as id from new_rows) n) t
     where a.id = t.id and a.search_tags is distinct from t.tags;
  elsif tg_op = 'DELETE' then
    update articles a set search_tags = t.tags
      from (select id, article_search_tags(id) as tags from (select distinct article_id as id from old_rows) o) t
     where a.id = t.id and a.search_tags is distinct from t.tags;
  else
    update articles a set search_tags = t.tags
      from (select id, article_search_tags(id) as tags
              from (select article_id as id from new_rows union select article_id from old_rows) u) t
     where a.id = t.id and a.search_tags is distinct from t.tags;
  end if;
  return null;
end
$$;

-- Digest matches wait with no delivery (delivery_id null) and are most of the rows: index only
-- the pairs that have one (what the deliveries stage and the foreign key look up), one index
-- entry less per waiting pair.
create index alert_matches_delivered_idx on alert_matches (delivery_id) where delivery_id is not null;
drop index alert_matches_delivery_idx;

-- The article stage matches the articles it has just stored against the alert subscriptions
-- itself (src/alerts/inline.ts), which saves a queue round trip per article; the alerts stage
-- keeps the matching jobs of recovery and of articles whose inline matching failed. It needs
-- the alerts stage's privileges for that, and no more: membership says so in one line.
grant vigie_alerts to vigie_articles;
