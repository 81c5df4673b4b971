-- 006: faster phrase searches: the exact test runs on the index's candidates newest first, and
-- stops at the number of matches wanted. No view changes. analyst.search keeps its signature
-- and its results (replaced to pass the index query); search_matching_ids gains a trailing
-- parameter (index_q, default null), so existing calls keep their meaning.

-- Why: the GIN index over articles.search_tsv holds lexemes, not positions. For a phrase
-- ("vente d'armes") it can only say "both words are there", and PostgreSQL then re-reads the
-- whole vector of every such article of the searched window (Bitmap Heap Scan recheck) before
-- sorting by date: with two very common words, tens of thousands of vectors for 50 results.
-- Now the index answers a query relaxed so that it needs no recheck (each phrase's lexemes
-- AND-ed, phrase exclusions left out, see search_ast_index_tsquery); those candidates are sorted
-- newest first by their date alone, and the exact test `search_tsv @@ q` runs on them in that
-- order until max_results matches are found. Same rows as before, far fewer vectors read.

-- Returns a tsquery that matches every document the term's query (search_term_tsquery) matches,
-- and that a GIN index answers without recheck: for a positive term, the AND of each
-- configuration's lexemes instead of their phrase; for an excluded term (negated = true), the
-- alternatives that are a single lexeme (excluding fewer documents; null when there is none).
-- Null exactly when search_term_tsquery(term) is null for a positive term.
create function search_term_index_tsquery(term text, negated boolean) returns tsquery
language plpgsql immutable parallel safe
set client_min_messages = warning as $$
declare
  cfg regconfig;
  exact tsquery;
  part tsquery;
  seen text[] := '{}';
  q tsquery;
begin
  foreach cfg in array search_configs() loop
    exact := phraseto_tsquery(cfg, term);
    if numnode(exact) = 0 then
      return null;
    end if;
    if negated then
      -- A phrase exclusion is left out: the exact test applies it.
      part := case when numnode(exact) = 1 then exact end;
    else
      part := plainto_tsquery(cfg, term);
    end if;
    if part is not null and not part::text = any(seen) then
      seen := seen || part::text;
      q := case when q is null then part else q || part end;
    end if;
  end loop;
  return q;
end
$$;

-- Returns the index query of a parsed query: the clauses of search_ast_tsquery(ast) with every
-- term replaced by search_term_index_tsquery, so that search_tsv @@ search_ast_tsquery(ast)
-- implies search_tsv @@ search_ast_index_tsquery(ast), and the GIN index answers the latter
-- exactly. Equal to search_ast_tsquery(ast) when the query has no phrase (nor a word that
-- yields several lexemes, such as "sud-africain"). Raises 22023 as search_ast_tsquery does.
create function search_ast_index_tsquery(ast jsonb) returns tsquery
language plpgsql immutable parallel safe as $$
declare
  clause jsonb;
  alt jsonb;
  term tsquery;
  any_q tsquery;
  q tsquery;
begin
  perform search_ast_tsquery(ast);  -- the same errors, raised by the same code
  for clause in select value from jsonb_array_elements(ast -> 'clauses') loop
    if clause ? 'not' then
      term := search_term_index_tsquery(coalesce(clause -> 'not' ->> 'word', clause -> 'not' ->> 'phrase'), true);
      if term is not null then
        q := case when q is null then !! term else q && !! term end;
      end if;
    else
      any_q := null;
      for alt in select value from jsonb_array_elements(clause -> 'any') loop
        term := search_term_index_tsquery(coalesce(alt ->> 'word', alt ->> 'phrase'), false);
        if term is not null then
          any_q := case when any_q is null then term else any_q || term end;
        end if;
      end loop;
      if any_q is not null then
        q := case when q is null then any_q else q && any_q end;
      end if;
    end if;
  end loop;
  return q;
end
$$;

drop function search_matching_ids(tsquery, text[], text[], text[], text[], text[], bigint[], timestamptz, timestamptz, bigint[], integer);

-- Returns the ids of stored articles matching tsquery `q` and every given filter (null = no
-- filter; inside one array any value matches), most recent first, at most `max_results`.
-- `only_ids` restricts the test to those articles: this is how alerts ask "which of these new
-- articles match this subscription" with exactly the meaning of search.
-- `index_q`, when given, must match every article that `q` matches (search_ast_index_tsquery):
-- the GIN index selects index_q's candidates, and `q` itself is tested on them newest first
-- until max_results match. The answer is the same with or without it.
--
-- Speed: evaluating @@ on a row means reading its whole vector, and the planner does not know
-- how costly that is; walking the date index and testing each row costs seconds on a word found
-- in a few percent of a million articles. So the search runs in growing recent windows (the last
-- 7 days, 28 days, ~3 months, ~2 years, then all; 006 added the 28 days, which spare reading the
-- dates of 3 months of candidates to find a few more matches), each expressed as date lexemes
-- AND-ed to the query so that the GIN index alone selects the rows; plain index scans are
-- disabled to keep it so. The first window holding max_results matches gives the exact answer
-- (all older rows are older than every row of the window). A window skips the dates of the
-- previous one, whose matches are all known (it held fewer than max_results).
create function search_matching_ids(
  q tsquery, topics text[], countries text[], organizations text[], regions text[],
  langs text[], feeds bigint[], since timestamptz, until timestamptz,
  only_ids bigint[], max_results integer, index_q tsquery default null)
returns table (id bigint, dated_at timestamptz)
language plpgsql stable
set enable_indexscan = off
set enable_seqscan = off
set work_mem = '64MB' as $$
declare
  filters text := '';
  stmt text;
  ref_day date := (coalesce(until, now()) at time zone 'UTC')::date;
  since_day date := (since at time zone 'UTC')::date;
  windows text[] := array['d', 'd', 'm', 'y', 'all'];
  starts date[] := array[ref_day - 6, ref_day - 27, ref_day - 90, ref_day - 730, null];
  exact boolean;
  unit text;
  window_q tsquery;
  lo timestamptz;           -- the dates of the previous window, whose matches are known
  hi timestamptz;
  wanted integer;
  found_ids bigint[] := '{}';
  found_dates timestamptz[] := '{}';
  new_ids bigint[];
  new_dates timestamptz[];
begin
  -- Only the fragments of the filters in use: every statement is planned with its real values.
  if cardinality(topics) > 0 then
    filters := filters || ' and a.search_tags && $2';
  end if;
  if cardinality(countries) > 0 then
    filters := filters || ' and a.search_tags && $3';
  end if;
  if cardinality(organizations) > 0 then
    filters := filters || ' and a.search_tags && $4';
  end if;
  if cardinality(regions) > 0 then
    filters := filters || ' and a.search_tags && $5';
  end if;
  if cardinality(langs) > 0 then
    filters := filters || ' and a.lang = any($6)';
  end if;
  if cardinality(feeds) > 0 then
    filters := filters || ' and a.feed_id = any($7)';
  end if;
  if since is not null then
    filters := filters || ' and a.dated_at >= $8';
  end if;
  if until is not null then
    filters := filters || ' and a.dated_at < $9';
  end if;
  if only_ids is not null then
    filters := filters || ' and a.id = any($10)';
    windows := array['all'];
  end if;
  if index_q is null or only_ids is not null then
    index_q := q;
  end if;
  exact := index_q::text <> q::text;
  if exact then
    -- The candidates of the index, newest first (sorted on their date alone: no vector is read),
    -- then the exact test in that order until enough match. OFFSET 0 keeps the test out of the
    -- scan, where PostgreSQL would run it on every candidate before sorting.
    stmt := 'select c.id, c.dated_at from (select a.id, a.dated_at, a.search_tsv from articles a'
         || ' where a.status = ''done'' and a.search_tsv @@ ($12 && $13)' || filters
         || ' and not (a.dated_at >= $14 and a.dated_at < $15)'
         || ' order by a.dated_at desc, a.id desc offset 0) c where c.search_tsv @@ $1 limit $11';
  else
    stmt := 'select a.id, a.dated_at from articles a where a.status = ''done'' and a.search_tsv @@ ($12 && $13)'
         || filters || ' and not (a.dated_at >= $14 and a.dated_at < $15)'
         || ' order by a.dated_at desc, a.id desc limit $11';
  end if;
  topics := search_tag_filter('t', topics);
  countries := search_tag_filter('c', countries);
  organizations := search_tag_filter('o', organizations);
  regions := search_tag_filter('r', regions);
  langs := lower(langs::text)::text[];
  for i in 1 .. array_length(windows, 1) loop
    unit := windows[i];
    -- Day windows name only the days the previous window did not cover; so does the window that
    -- reaches back past `since` (the last one searched): only its days from `since` on, as day
    -- lexemes, rather than whole months or years that the date filter would then throw away;
    -- up to a month of days only: the index is slow to OR hundreds of day lexemes (a year of
    -- them took 10 times as long as the year lexemes at a million articles).
    -- (Dates after today's are searched only by month, year and whole windows: articles dated in
    -- the future do not exist, their date being at most their discovery.)
    window_q := case when since is not null and (starts[i] is null or starts[i] <= since_day) and since_day <= ref_day
                          and coalesce((lo at time zone 'UTC')::date - 1, ref_day) - since_day < 31
                       then search_window_tsquery('d', since_day, coalesce((lo at time zone 'UTC')::date - 1, ref_day))
                     when unit = 'all' then index_q
                     when unit = 'd' and i > 1 then search_window_tsquery(unit, starts[i], starts[i - 1] - 1)
                     else search_window_tsquery(unit, starts[i], ref_day) end;
    -- Matches of this window outside the previous one; the found ones are all newer, unless
    -- this window reaches past the previous one's end (dates after `until`'s day or today).
    wanted := max_results - cardinality(found_ids);
    execute 'select coalesce(array_agg(w.id order by w.dated_at desc, w.id desc), ''{}''),'
         || ' coalesce(array_agg(w.dated_at order by w.dated_at desc, w.id desc), ''{}'') from (' || stmt || ') w'
      into new_ids, new_dates
      using q, topics, countries, organizations, regions, langs, feeds, since, until, only_ids, wanted,
            index_q, window_q, coalesce(lo, 'infinity'), coalesce(hi, 'infinity');
    if hi is not null and cardinality(new_ids) = wanted and wanted < max_results and new_dates[1] >= hi then
      -- Rows dated after the previous window could outrank found ones: take max_results.
      execute 'select coalesce(array_agg(w.id order by w.dated_at desc, w.id desc), ''{}''),'
           || ' coalesce(array_agg(w.dated_at order by w.dated_at desc, w.id desc), ''{}'') from (' || stmt || ') w'
        into new_ids, new_dates
        using q, topics, countries, organizations, regions, langs, feeds, since, until, only_ids, max_results,
              index_q, window_q, lo, hi;
    end if;
    select coalesce(array_agg(x.id order by x.d desc, x.id desc), '{}'), coalesce(array_agg(x.d order by x.d desc, x.id desc), '{}')
      into found_ids, found_dates
      from (select u.id, u.d from unnest(found_ids || new_ids, found_dates || new_dates) u (id, d)
            order by u.d desc, u.id desc limit max_results) x;
    -- Enough matches, the last window, or a window reaching back past `since`: it is the answer.
    if cardinality(found_ids) >= max_results or unit = 'all'
       or (since is not null and starts[i] <= since_day) then
      return query select * from unnest(found_ids, found_dates);
      return;
    end if;
    -- The dates this window covered: whole days, months or years up to ref_day's.
    lo := date_trunc(case unit when 'd' then 'day' when 'm' then 'month' else 'year' end, starts[i]::timestamp) at time zone 'UTC';
    hi := (date_trunc(case unit when 'd' then 'day' when 'm' then 'month' else 'year' end, ref_day::timestamp)
           + case unit when 'd' then interval '1 day' when 'm' then interval '1 month' else interval '1 year' end) at time zone 'UTC';
  end loop;
end
$$;

-- Unchanged but for the index query handed to search_matching_ids (and its comment).
-- Ranked search: the `candidates` most recent matching articles (all filters applied) are
-- ranked by ts_rank (title above body, normalized by length) times a time decay of
-- 30 / (30 + age in days); the best `max_results` come back with a highlighted snippet.
create or replace function analyst.search(
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
    select search_tsquery(search.query) as tsq, search_highlight_tsquery(search_parse(search.query)) as hl,
           search_ast_index_tsquery(search_parse(search.query)) as index_tsq
  ),
  c as materialized (
    select m.id
    from q cross join lateral search_matching_ids(q.tsq, search.topics, search.countries, search.organizations,
      search.regions, search.langs, search.feeds, search.since, search.until, null,
      least(greatest(search.candidates, search.max_results), 10000), q.index_tsq) m
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
