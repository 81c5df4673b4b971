-- 004: the `analyst` schema: stable, documented views over the internal tables, analyst.search,
-- and the read-only vigie_analyst role. Columns may be added to these views; a later migration
-- that removes or changes one says so in its first comment line (see docs/analysts.md).

create schema analyst;
comment on schema analyst is 'vigie: stable views and functions for analysts (docs/analysts.md); internal tables are not part of the interface.';

-- One row per stored article, with its tags as arrays (sorted alphabetically).
create view analyst.articles as
select a.id as article_id,
       coalesce(a.title, a.item_title) as title,
       a.url,
       a.canonical_url,
       a.site_name,
       a.feed_id,
       f.title as feed_title,
       f.url as feed_url,
       f.country as outlet_country,
       a.lang,
       a.published_at,
       a.discovered_at,
       a.dated_at,
       a.dated_on,
       a.byline,
       a.word_count,
       a.content_source,
       a.text,
       -- From articles.search_tags (kept equal to the tag tables by triggers): no lookup per row,
       -- so that period aggregates over these arrays read only the period's articles.
       array(select substr(x, 3) from unnest(a.search_tags) x where x like 't:%') as topics,
       array(select substr(x, 3) from unnest(a.search_tags) x where x like 'c:%') as countries,
       array(select substr(x, 3) from unnest(a.search_tags) x where x like 'r:%') as regions,
       array(select substr(x, 3) from unnest(a.search_tags) x where x like 'o:%') as organizations,
       a.search_tsv as search_vector
from articles a
left join feeds f on f.id = a.feed_id
where a.status = 'done';
comment on view analyst.articles is 'One row per stored article: outlet, feed, language, dates, title, text, and topics/countries/regions/organizations as arrays.';

-- Article × topic, with the tagger's score and evidence spans.
create view analyst.article_topics as
select t.article_id, t.topic, t.score, t.evidence,
       a.dated_at, a.dated_on, a.lang, a.feed_id, a.site_name, coalesce(a.title, a.item_title) as title, a.url
from article_topics t
join articles a on a.id = t.article_id
where a.status = 'done';
comment on view analyst.article_topics is 'One row per (article, topic) with score and evidence [{text, start, end, rule}].';

-- Article × named entity (country ISO alpha-2, region id, organization id).
create view analyst.article_entities as
select e.article_id, e.kind, e.entity, e.mentions, e.evidence,
       a.dated_at, a.dated_on, a.lang, a.feed_id, a.site_name, coalesce(a.title, a.item_title) as title, a.url
from article_entities e
join articles a on a.id = e.article_id
where a.status = 'done';
comment on view analyst.article_entities is 'One row per (article, kind, entity): kind is country, region or organization.';

-- Week buckets start on Monday (UTC); this expression index serves filters on `week`.
create index articles_dated_week_idx on articles ((date_trunc('week', dated_on::timestamp)::date)) include (dated_on, id, search_tags) where status = 'done';

create view analyst.topic_daily as
select a.dated_on as day, substr(tag, 3) as topic, count(*)::integer as articles
from articles a
cross join unnest(a.search_tags) tag
where a.status = 'done' and tag like 't:%'
group by 1, 2;
comment on view analyst.topic_daily is 'Articles per UTC day and topic; filter on day for speed.';

create view analyst.country_topic_weekly as
select date_trunc('week', a.dated_on::timestamp)::date as week, substr(c, 3) as country, substr(t, 3) as topic,
       count(*)::integer as articles
from articles a
cross join unnest(a.search_tags) c
cross join unnest(a.search_tags) t
where a.status = 'done' and c like 'c:%' and t like 't:%'
group by 1, 2, 3;
comment on view analyst.country_topic_weekly is 'Articles per ISO week (Monday, UTC), country and topic; filter on week for speed.';

create view analyst.organization_weekly as
select date_trunc('week', a.dated_on::timestamp)::date as week, e.entity as organization,
       count(*)::integer as articles, sum(e.mentions)::integer as mentions
from articles a
cross join unnest(a.search_tags) tag
join article_entities e on e.article_id = a.id and e.kind = 'organization' and e.entity = substr(tag, 3)
where a.status = 'done' and tag like 'o:%'
group by 1, 2;
comment on view analyst.organization_weekly is 'Articles and mentions per ISO week (Monday, UTC) and organization.';

create view analyst.organizations as
select e.entity as organization, count(*)::integer as articles, sum(e.mentions)::integer as mentions,
       min(a.dated_at) as first_seen_at, max(a.dated_at) as last_seen_at
from articles a
join article_entities e on e.article_id = a.id and e.kind = 'organization'
where a.status = 'done'
group by e.entity;
comment on view analyst.organizations is 'Per organization, all time: articles, mentions, first and last article date.';

-- Feed health: polling state and what the feed brought in.
create view analyst.feeds as
select f.id as feed_id, f.url, f.title, f.site_url, f.language, f.country, f.enabled,
       case when not f.enabled then 'disabled'
            when f.last_polled_at is null then 'new'
            when f.consecutive_failures > 0 then 'failing'
            else 'ok' end as status,
       f.last_polled_at, f.last_success_at, f.last_http_status, f.consecutive_failures,
       f.last_error, f.last_error_code, f.next_poll_at,
       coalesce(s.articles_30d, 0)::integer as articles_30d,
       round(coalesce(s.articles_30d, 0) / 30.0, 2) as articles_per_day_30d,
       coalesce(s.articles_7d, 0)::integer as articles_7d,
       s.last_article_at
from feeds f
left join lateral (
  select count(*) as articles_30d,
         count(*) filter (where a.discovered_at >= now() - interval '7 days') as articles_7d,
         max(a.discovered_at) as last_article_at
  from articles a
  where a.feed_id = f.id and a.status = 'done' and a.discovered_at >= now() - interval '30 days'
) s on true;
comment on view analyst.feeds is 'One row per feed: status (ok, failing, new, disabled), last poll, failures, articles discovered in the last 7 and 30 days.';

-- Returns the tsquery of a query in the analysts' syntax, to use with articles.search_vector.
create function analyst.query(query text) returns tsquery
language sql immutable parallel safe as $$
  select public.search_tsquery(query)
$$;

-- Ranked search: the `candidates` most recent matching articles (all filters applied) are
-- ranked by ts_rank (title above body, normalized by length) times a time decay of
-- 30 / (30 + age in days); the best `max_results` come back with a highlighted snippet.
create function analyst.search(
  query text,
  topics text[] default null,
  countries text[] default null,
  organizations text[] default null,
  regions text[] default null,
  langs text[] default null,
  feeds bigint[] default null,
  since timestamptz default null,
  until timestamptz default null,
  max_results integer default 50,
  candidates integer default 500)
returns table (
  article_id bigint, dated_at timestamptz, lang text, site_name text, feed_id bigint, title text, url text,
  rank real, snippet text, topics text[], countries text[], organizations text[])
language sql stable security definer
set search_path = pg_catalog, public as $$
  with q as materialized (
    select search_tsquery(search.query) as tsq, search_highlight_tsquery(search_parse(search.query)) as hl
  ),
  c as materialized (
    select m.id
    from q cross join lateral search_matching_ids(q.tsq, search.topics, search.countries, search.organizations,
      search.regions, search.langs, search.feeds, search.since, search.until, null,
      least(greatest(search.candidates, search.max_results), 10000)) m
  ),
  r as materialized (
    select a.id, a.dated_at, a.lang, a.site_name, a.feed_id, coalesce(a.title, a.item_title) as title,
           a.canonical_url as url,  -- the link without tracking parameters
           a.text, a.search_tags,
           (ts_rank(a.search_tsv, q.tsq, 1)
             * 30 / (30 + greatest(extract(epoch from now() - a.dated_at) / 86400, 0)))::real as rank
    from c
    join articles a on a.id = c.id
    cross join q
    order by rank desc, a.dated_at desc, a.id desc
    limit least(greatest(search.max_results, 0), 1000)
  )
  select r.id, r.dated_at, r.lang, r.site_name, r.feed_id, r.title, r.url, r.rank,
         ts_headline(search_config(r.lang), coalesce(nullif(r.text, ''), r.title, ''), q.hl,
                     'MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=" … ", StartSel=**, StopSel=**'),
         array(select substr(x, 3) from unnest(r.search_tags) x where x like 't:%'),
         array(select substr(x, 3) from unnest(r.search_tags) x where x like 'c:%'),
         array(select substr(x, 3) from unnest(r.search_tags) x where x like 'o:%')
  from r cross join q
  order by r.rank desc, r.dated_at desc, r.id desc
$$;

-- The read-only analyst role. Roles are cluster-wide and test databases migrate concurrently:
-- creating it twice, even at the same instant, must not fail.
do $$
begin
  create role vigie_analyst nologin;
exception when duplicate_object or unique_violation then
  null;
end
$$;

-- Reference settings of an analyst session (copied onto each login, see docs/analysts.md).
do $$
begin
  if not exists (
    select 1 from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
    where r.rolname = 'vigie_analyst' and s.setdatabase = 0 and 'statement_timeout=30s' = any(s.setconfig)
  ) then
    alter role vigie_analyst set statement_timeout = '30s';
    alter role vigie_analyst set default_transaction_read_only = on;
    alter role vigie_analyst set search_path = analyst, public;
  end if;
exception when unique_violation or internal_error then
  -- "tuple concurrently updated": another database's migration is setting the same values.
  null;
end
$$;

grant usage on schema analyst to vigie_analyst;
grant select on all tables in schema analyst to vigie_analyst;
alter default privileges in schema analyst grant select on tables to vigie_analyst;
revoke all on function analyst.search(text, text[], text[], text[], text[], text[], bigint[], timestamptz, timestamptz, integer, integer) from public;
grant execute on function analyst.search(text, text[], text[], text[], text[], text[], bigint[], timestamptz, timestamptz, integer, integer) to vigie_analyst;
