-- Articles per day and topic over the last 30 days.
select day, topic, articles
from analyst.topic_daily
where day >= current_date - 30
order by day, topic;
