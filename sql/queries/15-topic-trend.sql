-- Topics this month versus the previous 30 days.
select topic,
       sum(articles) filter (where day >= current_date - 30) as last_30d,
       sum(articles) filter (where day < current_date - 30) as previous_30d
from analyst.topic_daily
where day >= current_date - 60
group by topic
order by last_30d desc nulls last, topic;
