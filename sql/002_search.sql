-- 002: multilingual full-text search, index side. Text-search configurations with unaccent, a
-- stored weighted tsvector and a tag array on articles kept up to date by triggers, the article
-- date used for sorting, and their indexes (docs/analysts.md). The query language is in 003.

-- One configuration per tagged language, all with the unaccent filter dictionary in front of
-- the stemmer, so that "securite" and "sécurité" give the same lexeme. unaccent() is not
-- immutable, but a configuration is: this is how an accent-free tsvector can be stored.
create text search configuration vigie_fr (copy = pg_catalog.french);
create text search configuration vigie_en (copy = pg_catalog.english);
create text search configuration vigie_pt (copy = pg_catalog.portuguese);
create text search configuration vigie_es (copy = pg_catalog.spanish);
create text search configuration vigie_de (copy = pg_catalog.german);
create text search configuration vigie_ru (copy = pg_catalog.russian);
create text search configuration vigie_simple (copy = pg_catalog.simple);

alter text search configuration vigie_fr alter mapping for hword, hword_part, word with unaccent, french_stem;
alter text search configuration vigie_en alter mapping for hword, hword_part, word with unaccent, english_stem;
alter text search configuration vigie_pt alter mapping for hword, hword_part, word with unaccent, portuguese_stem;
alter text search configuration vigie_es alter mapping for hword, hword_part, word with unaccent, spanish_stem;
alter text search configuration vigie_de alter mapping for hword, hword_part, word with unaccent, german_stem;
alter text search configuration vigie_ru alter mapping for hword, hword_part, word with unaccent, russian_stem;
alter text search configuration vigie_simple alter mapping for hword, hword_part, word with unaccent, simple;

-- Returns the configuration that indexes an article written in `lang` (ISO 639-1).
create function search_config(lang text) returns regconfig
language sql immutable parallel safe as $$
  select (case lower(lang)
    when 'fr' then 'public.vigie_fr' when 'en' then 'public.vigie_en'
    when 'pt' then 'public.vigie_pt' when 'es' then 'public.vigie_es'
    when 'de' then 'public.vigie_de' when 'ru' then 'public.vigie_ru'
    else 'public.vigie_simple' end)::regconfig
$$;

-- Every configuration a query is compiled with (the languages of search_config, then simple).
create function search_configs() returns regconfig[]
language sql immutable parallel safe as $$
  select array['public.vigie_fr', 'public.vigie_en', 'public.vigie_pt', 'public.vigie_es',
               'public.vigie_de', 'public.vigie_ru', 'public.vigie_simple']::regconfig[]
$$;

-- Returns the weighted document of an article: title A, body B (body cut at 200,000
-- characters, far beyond any news article, to stay under the 1 MB tsvector limit).
create function search_document(lang text, title text, body text) returns tsvector
language sql immutable parallel safe as $$
  select setweight(to_tsvector(search_config(lang), coalesce(title, '')), 'A')
      || setweight(to_tsvector(search_config(lang), left(coalesce(body, ''), 200000)), 'B')
$$;

alter table articles
  add column search_tsv tsvector,
  -- The article's tags as 'kind:id' ('t:arms_trade', 'c:ML', 'r:sahel', 'o:wagner'), kept equal
  -- to article_topics/article_entities by triggers, so that a GIN index combines tag filters
  -- with the words of a search.
  add column search_tags text[] not null default '{}',
  -- The article's date for sorting and bucketing: its publication date, or the moment we
  -- discovered it when that is earlier (clock skew, future dates) or the date is unknown.
  add column dated_at timestamptz generated always as (least(published_at, discovered_at)) stored,
  add column dated_on date generated always as ((least(published_at, discovered_at) at time zone 'UTC')::date) stored;

-- Returns lexemes naming the UTC day, month and year of `dated` ('date d20261124', 'date m202611',
-- 'date y2026'). No token of the text parser contains a space, so they never match a word; they
-- let the GIN index itself restrict a search to recent windows (see search_matching_ids).
create function search_date_lexemes(dated timestamptz) returns tsvector
language sql immutable parallel safe as $$
  select case when dated is null then ''::tsvector else array_to_tsvector(array[
    'date d' || to_char(dated at time zone 'UTC', 'YYYYMMDD'),
    'date m' || to_char(dated at time zone 'UTC', 'YYYYMM'),
    'date y' || to_char(dated at time zone 'UTC', 'YYYY')]) end
$$;

create function articles_search_tsv() returns trigger
language plpgsql as $$
begin
  -- Generated columns are computed after BEFORE triggers: recompute dated_at here.
  new.search_tsv := search_document(new.lang, coalesce(new.title, new.item_title), coalesce(new.text, new.item_summary))
    || search_date_lexemes(least(new.published_at, new.discovered_at));
  return new;
end
$$;

create trigger articles_search_tsv
  before insert or update of title, text, lang, item_title, item_summary, published_at, discovered_at on articles
  for each row execute function articles_search_tsv();

-- One GIN index over words and tags: a single index scan intersects a query's words, its date
-- window and its tag filters, so that no row is read only to be thrown away.
create index articles_search_idx on articles using gin (search_tsv, search_tags) where status = 'done';

-- Returns the tags of article `article` as sorted 'kind:id' strings (t: topic, c: country, r: region, o: organization).
create function article_search_tags(article bigint) returns text[]
language sql stable as $$
  select coalesce(array_agg(x order by x), '{}') from (
    select 't:' || topic as x from article_topics where article_id = article
    union
    select left(kind, 1) || ':' || entity from article_entities where article_id = article
  ) s
$$;

-- Statement-level: one update per article whatever the number of tag rows written at once.
create function articles_refresh_search_tags() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    update articles a set search_tags = article_search_tags(a.id) where a.id in (select article_id from new_rows);
  elsif tg_op = 'DELETE' then
    update articles a set search_tags = article_search_tags(a.id) where a.id in (select article_id from old_rows);
  else
    update articles a set search_tags = article_search_tags(a.id)
    where a.id in (select article_id from new_rows union select article_id from old_rows);
  end if;
  return null;
end
$$;

create trigger article_topics_search_tags_insert after insert on article_topics
  referencing new table as new_rows for each statement execute function articles_refresh_search_tags();
create trigger article_topics_search_tags_update after update on article_topics
  referencing old table as old_rows new table as new_rows for each statement execute function articles_refresh_search_tags();
create trigger article_topics_search_tags_delete after delete on article_topics
  referencing old table as old_rows for each statement execute function articles_refresh_search_tags();
create trigger article_entities_search_tags_insert after insert on article_entities
  referencing new table as new_rows for each statement execute function articles_refresh_search_tags();
create trigger article_entities_search_tags_update after update on article_entities
  referencing old table as old_rows new table as new_rows for each statement execute function articles_refresh_search_tags();
create trigger article_entities_search_tags_delete after delete on article_entities
  referencing old table as old_rows for each statement execute function articles_refresh_search_tags();
create index articles_dated_idx on articles (dated_at desc, id desc) where status = 'done';
-- Covering index: period aggregates of the analyst views (tags, language, outlet per day) are
-- index-only scans that never read the wide article rows.
create index articles_dated_on_idx on articles (dated_on) include (id, search_tags, lang, site_name, feed_id) where status = 'done';
