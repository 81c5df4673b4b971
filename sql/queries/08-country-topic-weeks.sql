-- Countries most named in arms-trade articles, per week, over the last 12 weeks.
select week, country, articles
from analyst.country_topic_weekly
where topic = 'arms_trade'
  and week >= (date_trunc('week', current_date::timestamp) - interval '11 weeks')::date
order by week, articles desc, country;
