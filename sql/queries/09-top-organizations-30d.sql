-- Organizations named in the most articles in the last 30 days.
select organization, count(*) as articles
from analyst.articles a
cross join unnest(a.organizations) as organization
where a.dated_on >= current_date - 30
group by organization
order by articles desc, organization
limit 20;
