-- Why were the articles of the last 90 days tagged illicit_arms? Evidence spans, strongest first.
select t.article_id, t.title, t.score, ev ->> 'text' as evidence
from analyst.article_topics t
cross join lateral jsonb_array_elements(t.evidence) ev
where t.topic = 'illicit_arms' and t.dated_on >= current_date - 90
order by t.score desc, t.article_id
limit 50;
