-- Which Russian arms deals were reported in the Sahel in the last 30 days?
-- (The subquery reads only the narrow date index; titles are fetched for the matches only.)
select article_id, dated_on, site_name, title
from analyst.articles
where article_id in (
  select article_id from analyst.articles
  where dated_on >= current_date - 30
    and 'arms_trade' = any(topics) and 'RU' = any(countries) and 'sahel' = any(regions))
order by dated_at desc;
