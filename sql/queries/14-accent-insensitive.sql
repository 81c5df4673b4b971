-- Full text without accents: "securite" finds « sécurité », "segurança" and "security" alike
-- (the 100 most recent).
select article_id, lang, title
from analyst.articles
where search_vector @@ analyst.query('securite OR seguranca OR security')
order by dated_at desc, article_id
limit 100;
