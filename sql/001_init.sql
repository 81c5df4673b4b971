-- 001: feeds registry, articles, tags and entities (internal tables; analysts read the
-- `analyst` schema of views, added by a later migration).

create extension if not exists unaccent;

create table feeds (
  id                    bigint generated always as identity primary key,
  url                   text not null unique,
  title                 text,
  site_url              text,
  language              text,                -- declared language (ISO 639-1), from CLI/OPML or the feed
  country               text,                -- ISO 3166-1 alpha-2 of the outlet, if known
  poll_interval_s       integer check (poll_interval_s is null or poll_interval_s > 0),  -- fixed interval; null = adaptive
  adaptive_interval_s   integer,             -- current adaptive interval, learned from publishing rhythm
  enabled               boolean not null default true,
  etag                  text,
  last_modified         text,
  last_polled_at        timestamptz,
  last_http_status      integer,
  last_success_at       timestamptz,
  consecutive_failures  integer not null default 0,
  next_poll_at          timestamptz,
  retry_after_until     timestamptz,         -- 429/503 Retry-After: never poll before this
  last_new_items        integer,             -- articles first seen in the last successful poll
  last_error            text,
  last_error_code       text,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);

create table articles (
  id                    bigint generated always as identity primary key,
  feed_id               bigint references feeds (id) on delete set null,  -- the feed it was first seen in
  canonical_url         text not null unique,
  url                   text not null,        -- the item link, resolved against the feed
  guid                  text,
  -- pending: waiting for the article stage; done: stored (from the page or the feed's content);
  -- failed: permanently failed (the reason is in error/error_code).
  status                text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  content_source        text check (content_source in ('page', 'feed')),
  -- What the feed item said (kept for the fallback and for analysts).
  item_title            text,
  item_summary          text,
  item_content          text,
  item_author           text,
  item_published_at     timestamptz,
  item_categories       text[] not null default '{}',
  -- What the article stage found.
  title                 text,
  byline                text,
  published_at          timestamptz,          -- page metadata, else the item's date; null when unknown or absurd
  discovered_at         timestamptz not null default now(),
  fetched_at            timestamptz,
  final_url             text,                 -- after redirects
  page_canonical_url    text,                 -- <link rel=canonical>
  site_name             text,
  lang                  text,                 -- detected language (ISO 639-1), combined with the declared ones
  lang_declared         text,                 -- html lang / Content-Language
  text                  text,
  word_count            integer,
  http_status           integer,
  attempts              integer not null default 0,
  error                 text,
  error_code            text,
  tagged_at             timestamptz,
  tagger_version        text,
  stored_at             timestamptz,
  updated_at            timestamptz not null default now()
);

create index articles_pending_idx on articles (discovered_at) where status = 'pending';
create index articles_feed_idx on articles (feed_id, discovered_at);
create index articles_published_idx on articles (published_at);
create index articles_discovered_idx on articles (discovered_at);

-- One row per assigned topic, with its score and the evidence spans
-- ([{text, start, end, rule}], offsets into title + "\n\n" + text).
create table article_topics (
  article_id  bigint not null references articles (id) on delete cascade,
  topic       text not null,
  score       real not null,
  evidence    jsonb not null default '[]',
  primary key (article_id, topic)
);
create index article_topics_topic_idx on article_topics (topic, article_id);

-- Countries (ISO alpha-2), regions and organizations named by an article.
create table article_entities (
  article_id  bigint not null references articles (id) on delete cascade,
  kind        text not null check (kind in ('country', 'region', 'organization')),
  entity      text not null,
  mentions    integer not null default 1,
  evidence    jsonb not null default '[]',
  primary key (article_id, kind, entity)
);
create index article_entities_entity_idx on article_entities (kind, entity, article_id);
