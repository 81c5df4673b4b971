-- Search with filters: drones or helicopters in articles naming Mali, Burkina Faso or Niger, last 30 days.
select article_id, dated_at::date as day, title, countries
from analyst.search('drones OR hélicoptères',
                    countries => '{ML,BF,NE}',
                    since => now() - interval '30 days');
