-- 007: one group role (NOLOGIN) per pipeline stage, each with exactly the table and column
-- privileges that stage's SQL needs (docs/operations.md, "Database roles"). No role owns
-- anything or may run DDL; a worker logs in as a LOGIN role that is a member of its stage's
-- role. Tables added by later migrations are granted explicitly there: no default privileges.
--
-- Identity columns take their values without any privilege on their sequence, and every
-- function vigie uses (search_config, search_document, article_search_tags, the trigger
-- functions, …) is executable by PUBLIC; triggers run as the writing role, so the tag
-- triggers' `update articles set search_tags` is granted to the articles stage below.

-- Roles are cluster-wide and test databases migrate concurrently: creating one twice, even at
-- the same instant from two databases, must not fail. Grants below are per database.
do $$
declare
  r text;
begin
  foreach r in array array['vigie_scheduler', 'vigie_feeds', 'vigie_articles', 'vigie_alerts', 'vigie_deliveries'] loop
    begin
      execute format('create role %I nologin', r);
    exception when duplicate_object or unique_violation then
      null;
    end;
  end loop;
end
$$;

grant usage on schema public to vigie_scheduler, vigie_feeds, vigie_articles, vigie_alerts, vigie_deliveries;

-- scheduler (workers/scheduler.ts): reads feeds to rebuild their job schedulers, pending
-- articles to re-enqueue them, digest subscriptions' schedules, unmatched stored articles and
-- pending deliveries. It writes nothing in PostgreSQL.
grant select on feeds to vigie_scheduler;
grant select (id, canonical_url, status, updated_at, stored_at) on articles to vigie_scheduler;
grant select (article_id) on alert_matched_articles to vigie_scheduler;
grant select (id, schedule, digest_at, digest_tz, active) on alert_subscriptions to vigie_scheduler;
grant select (id, status, created_at) on alert_deliveries to vigie_scheduler;

-- feeds (workers/feeds.ts): reads its feed row, records the poll's outcome on it, inserts the
-- discovered items as pending articles (ON CONFLICT on the canonical URL) and reads back their
-- ids and status. No access to article text written by later stages, tags, or alerts.
grant select on feeds to vigie_feeds;
grant update (last_polled_at, last_success_at, last_http_status, etag, last_modified, next_poll_at,
              adaptive_interval_s, last_new_items, consecutive_failures, retry_after_until, last_error,
              last_error_code, title, site_url, language, updated_at) on feeds to vigie_feeds;
grant insert (feed_id, canonical_url, url, guid, item_title, item_summary, item_content, item_author,
              item_published_at, item_categories, published_at, discovered_at) on articles to vigie_feeds;
grant select (id, canonical_url, status) on articles to vigie_feeds;

-- articles (workers/articles.ts): starts an attempt on a pending article, stores the page and
-- its tags in one transaction (the tag triggers refresh articles.search_tags as this role),
-- records failures. Reads the feed's declared language and title only.
grant select (id, feed_id, url, canonical_url, status, attempts, http_status, item_title, item_summary,
              item_content, item_author, item_published_at) on articles to vigie_articles;
grant update (attempts, updated_at, status, content_source, title, byline, published_at, fetched_at,
              final_url, page_canonical_url, site_name, lang, lang_declared, text, word_count, http_status,
              error, error_code, tagged_at, tagger_version, stored_at, search_tags) on articles to vigie_articles;
grant select (id, language, title) on feeds to vigie_articles;
grant select (article_id, topic), insert (article_id, topic, score, evidence), delete on article_topics to vigie_articles;
grant select (article_id, kind, entity), insert (article_id, kind, entity, mentions, evidence), delete on article_entities to vigie_articles;

-- alerts (workers/alerts.ts): matches stored articles against the active subscriptions' compiled
-- queries and filters, records each pair once with its instant delivery, marks the articles
-- matched. It never sees a subscription's name, owner, target or secret.
grant select (id, status, search_tsv, search_tags, lang, feed_id) on articles to vigie_alerts;
grant select (id, active, schedule, query_tsq, required_lexemes, topics, countries, organizations, regions, langs, feeds)
  on alert_subscriptions to vigie_alerts;
grant select (id, idempotency_key, kind, status), insert (subscription_id, kind, idempotency_key) on alert_deliveries to vigie_alerts;
grant select (subscription_id, article_id, delivery_id), insert (subscription_id, article_id, delivery_id) on alert_matches to vigie_alerts;
grant insert (article_id) on alert_matched_articles to vigie_alerts;

-- deliveries (workers/deliveries.ts): the only stage that reads targets and webhook secrets;
-- loads a message with its articles and tags, assembles digests, records each attempt and
-- pauses failing subscriptions.
grant select on alert_deliveries to vigie_deliveries;
grant insert (subscription_id, kind, idempotency_key),
      update (status, attempts, sent_at, last_attempt_at, last_error, last_error_code) on alert_deliveries to vigie_deliveries;
grant select on alert_subscriptions to vigie_deliveries;
grant update (consecutive_failures, active, paused_reason, paused_at, updated_at) on alert_subscriptions to vigie_deliveries;
grant select (subscription_id, article_id, matched_at, delivery_id), update (delivery_id) on alert_matches to vigie_deliveries;
grant select (id, url, title, item_title, item_summary, text, site_name, lang, published_at, stored_at) on articles to vigie_deliveries;
grant select (article_id, topic, score, evidence) on article_topics to vigie_deliveries;
grant select (article_id, kind, entity, mentions) on article_entities to vigie_deliveries;
