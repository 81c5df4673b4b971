-- Outlets publishing the most arms-trade articles in the last 30 days, with their languages.
select site_name, count(*) as articles, array_agg(distinct lang order by lang) as langs
from analyst.articles
where dated_on >= current_date - 30 and 'arms_trade' = any(topics)
group by site_name
order by articles desc, site_name;
