-- Language mix of the articles of the last 30 days.
select coalesce(lang, '?') as lang, count(*) as articles,
       round(100.0 * count(*) / sum(count(*)) over (), 1) as percent
from analyst.articles
where dated_on >= current_date - 30
group by 1
order by articles desc, lang;
