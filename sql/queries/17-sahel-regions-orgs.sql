-- Organizations named in articles about the Sahel region (last 90 days).
select organization, count(*) as articles
from analyst.articles a
cross join unnest(a.organizations) as organization
where a.dated_on >= current_date - 90 and 'sahel' = any(a.regions)
group by organization
order by articles desc, organization;
