-- How often is Rosoboronexport mentioned per week (last 12 weeks)?
select week, articles, mentions
from analyst.organization_weekly
where organization = 'rosoboronexport'
  and week >= (date_trunc('week', current_date::timestamp) - interval '11 weeks')::date
order by week;
