-- Search: the best articles about Rosoboronexport, ranked, with a highlighted snippet.
select article_id, dated_at::date as day, lang, site_name, title, round(rank::numeric, 4) as rank, snippet
from analyst.search('Rosoboronexport', max_results => 20);
