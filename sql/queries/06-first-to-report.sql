-- Which outlets broke the story first? Outlets by their first article matching a query.
select site_name, min(dated_at) as first_at, count(*) as articles
from analyst.articles
where search_vector @@ analyst.query('Rosoboronexport OR Рособоронэкспорт')
group by site_name
order by first_at;
