-- Search: the exact phrase « vente d'armes », excluding football stories.
select article_id, title, snippet
from analyst.search('"vente d''armes" -football');
