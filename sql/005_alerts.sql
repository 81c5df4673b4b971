-- 005: keyword alert subscriptions (docs/alerts.md), the (subscription, article) pairs they
-- matched, and the messages that carry those matches (one per match, or one per digest).

create table alert_subscriptions (
  id                    bigint generated always as identity primary key,
  name                  text not null,
  owner                 text,
  query                 text not null,            -- exactly the syntax of `vigie search`
  query_tsq             tsquery not null,         -- search_ast_tsquery of the parsed query
  -- An article can match only if it contains one of these lexemes (see src/alerts/lexemes.ts);
  -- null when no such set exists, and the subscription is then tested against every article.
  required_lexemes      text[],
  -- Filters as in `vigie search` (null = no filter), normalized as search_matching_ids does.
  topics                text[],
  countries             text[],
  organizations         text[],
  regions               text[],
  langs                 text[],
  feeds                 bigint[],
  channel               text not null check (channel in ('webhook', 'email', 'log')),
  target                text,                     -- webhook URL or e-mail address; null for log
  secret                text,                     -- HMAC-SHA256 key of webhook signatures (never logged)
  schedule              text not null default 'instant' check (schedule in ('instant', 'hourly', 'daily')),
  digest_at             text check (digest_at is null or digest_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  digest_tz             text,
  active                boolean not null default true,
  paused_reason         text,
  paused_at             timestamptz,
  consecutive_failures  integer not null default 0,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  check ((channel = 'log') = (target is null)),
  check (schedule <> 'daily' or (digest_at is not null and digest_tz is not null))
);

-- fastupdate off: subscriptions change rarely, and a pending list (scanned whole by every
-- lookup until vacuum merges it) made candidate lookups 100 times slower after a bulk import.
create index alert_subscriptions_lexemes_idx on alert_subscriptions using gin (required_lexemes) with (fastupdate = off) where active;
create index alert_subscriptions_unindexed_idx on alert_subscriptions (id) where active and required_lexemes is null;

-- One message: an instant alert (one article) or a digest (every pending match of a period).
-- The idempotency key is sent with every try of the message and never changes.
create table alert_deliveries (
  id                bigint generated always as identity primary key,
  subscription_id   bigint not null references alert_subscriptions (id) on delete cascade,
  kind              text not null check (kind in ('instant', 'digest')),
  idempotency_key   text not null unique,
  status            text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts          integer not null default 0,
  last_error        text,
  last_error_code   text,
  created_at        timestamptz not null default now(),
  last_attempt_at   timestamptz,
  sent_at           timestamptz
);
create index alert_deliveries_pending_idx on alert_deliveries (created_at) where status = 'pending';
create index alert_deliveries_failed_idx on alert_deliveries (last_attempt_at) where status = 'failed';
create index alert_deliveries_subscription_idx on alert_deliveries (subscription_id, created_at);

-- Each (subscription, article) pair once, whatever retries happen. delivery_id is null while
-- the match waits for its digest.
create table alert_matches (
  subscription_id  bigint not null references alert_subscriptions (id) on delete cascade,
  article_id       bigint not null references articles (id) on delete cascade,
  matched_at       timestamptz not null default now(),
  delivery_id      bigint references alert_deliveries (id) on delete set null,
  primary key (subscription_id, article_id)
);
create index alert_matches_waiting_idx on alert_matches (subscription_id, matched_at) where delivery_id is null;
create index alert_matches_delivery_idx on alert_matches (delivery_id);
create index alert_matches_article_idx on alert_matches (article_id);

-- Stored articles the alerts stage has matched. The scheduler re-enqueues recently stored
-- articles missing here, so a crash between storing and enqueueing loses no alert. A table of
-- its own rather than a column of articles: marking an article would otherwise rewrite its row
-- and re-insert its whole tsvector into the search index.
create table alert_matched_articles (
  article_id  bigint primary key references articles (id) on delete cascade,
  matched_at  timestamptz not null default now()
);
create index articles_stored_idx on articles (stored_at) where status = 'done';
