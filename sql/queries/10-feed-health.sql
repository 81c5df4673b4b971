-- Feeds that need attention: failing, disabled or never polled.
select feed_id, title, status, consecutive_failures, last_http_status, last_error, articles_30d
from analyst.feeds
where status <> 'ok'
order by status, title;
