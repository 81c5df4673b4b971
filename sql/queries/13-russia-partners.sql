-- Russia's arms-trade partners: countries named alongside RU in arms_trade articles (last 90 days).
select country, count(*) as articles
from analyst.articles a
cross join unnest(a.countries) as country
where a.dated_on >= current_date - 90
  and 'RU' = any(a.countries) and 'arms_trade' = any(a.topics)
  and country <> 'RU'
group by country
order by articles desc, country;
