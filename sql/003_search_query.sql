-- 003: the analysts' query language: parser (a port of src/search/query.ts), compiler to a
-- multilingual tsquery, and the filtered, windowed matching shared by analyst.search and alerts.

-- The query compiler. The syntax is parsed into an AST (the same JSON that
-- src/search/query.ts produces, tests prove the two parsers agree):
--   {"clauses": [{"any": [{"word": "rafale"}, {"phrase": "vente d'armes"}]}, {"not": {"word": "football"}}]}
-- Clauses are AND-ed; "any" lists OR alternatives; "not" excludes.

-- Returns the tsquery of one word or phrase: the OR of its phrase query in every
-- configuration; null when the term is only stop words (or no lexeme) in any configuration.
create function search_term_tsquery(term text) returns tsquery
language plpgsql immutable parallel safe
set client_min_messages = warning as $$
declare
  cfg regconfig;
  part tsquery;
  seen text[] := '{}';
  q tsquery;
begin
  foreach cfg in array search_configs() loop
    part := phraseto_tsquery(cfg, term);
    if numnode(part) = 0 then
      return null;
    end if;
    if not part::text = any(seen) then
      seen := seen || part::text;
      q := case when q is null then part else q || part end;
    end if;
  end loop;
  return q;
end
$$;

-- Returns the tsquery of a parsed query (AST as above); raises 22023 when nothing searchable remains.
create function search_ast_tsquery(ast jsonb) returns tsquery
language plpgsql immutable parallel safe as $$
declare
  clause jsonb;
  alt jsonb;
  term tsquery;
  any_q tsquery;
  q tsquery;
  positive boolean := false;
begin
  for clause in select value from jsonb_array_elements(ast -> 'clauses') loop
    if clause ? 'not' then
      term := search_term_tsquery(coalesce(clause -> 'not' ->> 'word', clause -> 'not' ->> 'phrase'));
      if term is not null then
        q := case when q is null then !! term else q && !! term end;
      end if;
    else
      any_q := null;
      for alt in select value from jsonb_array_elements(clause -> 'any') loop
        term := search_term_tsquery(coalesce(alt ->> 'word', alt ->> 'phrase'));
        if term is not null then
          any_q := case when any_q is null then term else any_q || term end;
        end if;
      end loop;
      if any_q is not null then
        positive := true;
        q := case when q is null then any_q else q && any_q end;
      end if;
    end if;
  end loop;
  if not positive then
    raise exception 'search: the query has no searchable word (only stop words, punctuation or exclusions)'
      using errcode = '22023';
  end if;
  return q;
end
$$;

-- The tsquery a snippet highlights: every positive word and phrase OR-ed. ts_headline only
-- marks a fragment that satisfies its whole query, so with the search query itself an AND whose
-- parts meet only in the title would leave the body snippet without a single highlight.
create function search_highlight_tsquery(ast jsonb) returns tsquery
language sql immutable parallel safe as $$
  select coalesce(string_agg('(' || t::text || ')', ' | ')::tsquery, ''::tsquery)
    from jsonb_array_elements(ast -> 'clauses') c
    cross join lateral jsonb_array_elements(c.value -> 'any') alt
    cross join lateral search_term_tsquery(coalesce(alt.value ->> 'word', alt.value ->> 'phrase')) t
   where not (c.value ? 'not') and t is not null
$$;

-- Returns the AST of a query in the analysts' syntax (docs/analysts.md); raises 22023 on an
-- empty or ill-formed query. A port of parseQuery in src/search/query.ts: keep them in step
-- (tests/integration/analyst-search.test.ts compares the two on every unit-test case).
create function search_parse(query text) returns jsonb
language plpgsql immutable parallel safe as $$
declare
  ws constant text := ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160) || chr(8201) || chr(8239);
  s text;
  n integer;
  i integer := 1;
  j integer;
  c text;
  neg boolean;
  word text;
  term jsonb;
  clauses jsonb[] := '{}';
  last integer;
  or_pending boolean := false;
  prev_atom boolean := false;
begin
  if char_length(coalesce(query, '')) > 1000 then
    raise exception 'search: a query must be 1 to 1000 characters long' using errcode = '22023';
  end if;
  s := translate(normalize(query, NFC), '“”„«»’‘ʼ', '"""""' || repeat(chr(39), 3));
  n := char_length(s);
  while i <= n loop
    c := substr(s, i, 1);
    if position(c in ws) > 0 then
      i := i + 1;
      continue;
    end if;
    neg := false;
    if c = '-' then
      while i <= n and substr(s, i, 1) = '-' loop
        i := i + 1;
      end loop;
      if i > n or position(substr(s, i, 1) in ws) > 0 then
        continue;
      end if;
      neg := true;
      c := substr(s, i, 1);
    end if;
    term := null;
    if c = '"' then
      j := position('"' in substr(s, i + 1));
      if j = 0 then
        word := substr(s, i + 1);
        i := n + 1;
      else
        word := substr(s, i + 1, j - 1);
        i := i + j + 1;
      end if;
      word := btrim(word, ws);
      if word = '' then
        continue;
      end if;
      term := jsonb_build_object('phrase', word);
    else
      j := i;
      while j <= n and position(substr(s, j, 1) in ws) = 0 and substr(s, j, 1) <> '"' loop
        j := j + 1;
      end loop;
      word := substr(s, i, j - i);
      i := j;
      if not neg and word in ('OR', 'OU', '|') then
        or_pending := or_pending or prev_atom;
        prev_atom := false;
        continue;
      end if;
      if not neg and word in ('AND', 'ET', '&') then
        continue;
      end if;
      word := regexp_replace(word, '^(l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu)''(.)', '\2', 'i');
      term := jsonb_build_object('word', word);
    end if;
    last := coalesce(array_length(clauses, 1), 0);
    if or_pending then
      or_pending := false;
      if neg or clauses[last] ? 'not' then
        raise exception 'search: an excluded term cannot be an alternative of OR: ''%''', query using errcode = '22023';
      end if;
      clauses[last] := jsonb_build_object('any', (clauses[last] -> 'any') || jsonb_build_array(term));
    elsif neg then
      clauses := clauses || jsonb_build_object('not', term);
    else
      clauses := clauses || jsonb_build_object('any', jsonb_build_array(term));
    end if;
    prev_atom := true;
  end loop;
  if coalesce(array_length(clauses, 1), 0) = 0 then
    raise exception 'search: empty query' using errcode = '22023';
  end if;
  if not exists (select 1 from unnest(clauses) x where x ? 'any') then
    raise exception 'search: a query needs at least one term that is not excluded: ''%''', query using errcode = '22023';
  end if;
  return jsonb_build_object('clauses', to_jsonb(clauses));
end
$$;

-- Returns the tsquery of a query text: search_ast_tsquery(search_parse(query)).
create function search_tsquery(query text) returns tsquery
language sql immutable parallel safe as $$
  select search_ast_tsquery(search_parse(query))
$$;

-- Returns the tsquery of the date lexemes covering the days [from_day, to_day]: days when
-- `unit` is 'd', whole months for 'm', whole years for 'y'.
create function search_window_tsquery(unit text, from_day date, to_day date) returns tsquery
language sql immutable parallel safe as $$
  select string_agg(quote_literal('date ' || unit || to_char(d, case unit when 'd' then 'YYYYMMDD' when 'm' then 'YYYYMM' else 'YYYY' end)), ' | ')::tsquery
  from generate_series(date_trunc(case unit when 'd' then 'day' when 'm' then 'month' else 'year' end, from_day::timestamp),
                       to_day::timestamp,
                       case unit when 'd' then interval '1 day' when 'm' then interval '1 month' else interval '1 year' end) d
$$;

-- Returns the ids of stored articles matching tsquery `q` and every given filter (null = no
-- filter; inside one array any value matches), most recent first, at most `max_results`.
-- `only_ids` restricts the test to those articles: this is how alerts ask "which of these new
-- articles match this subscription" with exactly the meaning of search.
--
-- Speed: evaluating @@ on a row means reading its whole vector, and the planner does not know
-- how costly that is; walking the date index and testing each row costs seconds on a word found
-- in a few percent of a million articles. So the search runs in growing recent windows (the last
-- 7 days, ~3 months, ~2 years, then all), each expressed as date lexemes AND-ed to the query so
-- that the GIN index alone selects the rows; plain index scans are disabled to keep it so. The
-- first window holding max_results matches gives the exact answer (all older rows are older
-- than every row of the window).
-- The search_tags values a tag filter looks for: 't:'/'c:'/'o:'/'r:' + the normalized id
-- (countries upper case, everything else lower case). Shared by search_matching_ids and the
-- alerts matcher, so that a filter means the same in both.
create function search_tag_filter(kind text, vals text[]) returns text[]
language sql immutable parallel safe
as $$
  select array(select kind || ':' || case when kind = 'c' then upper(x) else lower(x) end from unnest(vals) x)
$$;

create function search_matching_ids(
  q tsquery, topics text[], countries text[], organizations text[], regions text[],
  langs text[], feeds bigint[], since timestamptz, until timestamptz,
  only_ids bigint[], max_results integer)
returns table (id bigint, dated_at timestamptz)
language plpgsql stable
set enable_indexscan = off
set enable_seqscan = off
set work_mem = '64MB' as $$
declare
  stmt text := 'select a.id, a.dated_at from articles a where a.status = ''done'' and a.search_tsv @@ ($1 && $12)';
  ref_day date := (coalesce(until, now()) at time zone 'UTC')::date;
  windows text[] := array['d', 'm', 'y', 'all'];
  starts date[] := array[ref_day - 6, ref_day - 90, ref_day - 730, null];
  unit text;
  window_q tsquery;
  found_ids bigint[];
  found_dates timestamptz[];
begin
  -- Only the fragments of the filters in use: every statement is planned with its real values.
  if cardinality(topics) > 0 then
    stmt := stmt || ' and a.search_tags && $2';
  end if;
  if cardinality(countries) > 0 then
    stmt := stmt || ' and a.search_tags && $3';
  end if;
  if cardinality(organizations) > 0 then
    stmt := stmt || ' and a.search_tags && $4';
  end if;
  if cardinality(regions) > 0 then
    stmt := stmt || ' and a.search_tags && $5';
  end if;
  if cardinality(langs) > 0 then
    stmt := stmt || ' and a.lang = any($6)';
  end if;
  if cardinality(feeds) > 0 then
    stmt := stmt || ' and a.feed_id = any($7)';
  end if;
  if since is not null then
    stmt := stmt || ' and a.dated_at >= $8';
  end if;
  if until is not null then
    stmt := stmt || ' and a.dated_at < $9';
  end if;
  if only_ids is not null then
    stmt := stmt || ' and a.id = any($10)';
    windows := array['all'];
  end if;
  stmt := stmt || ' order by a.dated_at desc, a.id desc limit $11';
  topics := search_tag_filter('t', topics);
  countries := search_tag_filter('c', countries);
  organizations := search_tag_filter('o', organizations);
  regions := search_tag_filter('r', regions);
  langs := lower(langs::text)::text[];
  for i in 1 .. array_length(windows, 1) loop
    unit := windows[i];
    window_q := case when unit = 'all' then q else search_window_tsquery(unit, starts[i], ref_day) end;
    execute 'select coalesce(array_agg(w.id order by w.dated_at desc, w.id desc), ''{}''),'
         || ' coalesce(array_agg(w.dated_at order by w.dated_at desc, w.id desc), ''{}'') from (' || stmt || ') w'
      into found_ids, found_dates
      using q, topics, countries, organizations, regions, langs, feeds, since, until, only_ids, max_results, window_q;
    -- Enough matches, the last window, or a window reaching back past `since`: it is the answer.
    if cardinality(found_ids) >= max_results or unit = 'all'
       or (since is not null and starts[i] <= (since at time zone 'UTC')::date) then
      return query select * from unnest(found_ids, found_dates);
      return;
    end if;
  end loop;
end
$$;
