// Paris daily: modern HTML5 markup, sticky header with mega-menu, ad slots (GPT), paywall-free article.
import { esc, frenchDate, bodyHtml, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'courrier-de-paris', name: 'Le Courrier de Paris', home: 'https://www.lecourrierdeparis.fr/', lang: 'fr-FR', twitter: 'CourrierParis' };

/** Renders one article page of Le Courrier de Paris. */
export function render({ article: a, url, related, publicUrl }) {
  const share = shareLinks(publicUrl, a.title);
  return `<!DOCTYPE html>
<html lang="fr" class="no-js">
<head>
${charsetMeta({ charset: 'utf-8', charsetInMeta: true })}    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${esc(a.title)} - Le Courrier de Paris</title>
${metaTags(a, outlet, url)}
    <link rel="preconnect" href="https://securepubads.g.doubleclick.net">
    <link rel="stylesheet" href="/static/css/main.4f2a91c.css">
    <script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
    <script>window.dataLayer=window.dataLayer||[];window.dataLayer.push({"pageType":"article","section":${JSON.stringify(a.section)},"premium":false});</script>
${jsonLd(a, outlet, url, { indent: '    ' })}
</head>
<body class="page-article section-${esc(a.section.toLowerCase())}">
  <a class="skip-link" href="#main">Aller au contenu principal</a>
  <div id="didomi-host" class="cmp-banner" role="dialog" aria-label="Gestion des cookies">
    <p><strong>Le Courrier de Paris et ses 412 partenaires</strong> utilisent des cookies pour mesurer l’audience, personnaliser les contenus et la publicité. Vous pouvez accepter, refuser ou paramétrer vos choix à tout moment via le lien « Préférences cookies » en bas de page.</p>
    <button type="button" class="cmp-btn cmp-accept">Accepter &amp; fermer</button>
    <button type="button" class="cmp-btn cmp-refuse">Continuer sans accepter</button>
    <button type="button" class="cmp-btn cmp-params">Paramétrer</button>
  </div>
  <header class="site-header">
    <div class="site-header__top">
      <a class="logo" href="https://www.lecourrierdeparis.fr/"><img src="/static/img/logo-courrier.svg" alt="Le Courrier de Paris" width="220" height="40"></a>
      <a class="btn-subscribe" href="https://abonnement.lecourrierdeparis.fr/?origine=header">S’abonner dès 1 € le premier mois</a>
      <a class="btn-login" href="https://compte.lecourrierdeparis.fr/connexion">Se connecter</a>
    </div>
    <nav class="main-nav" aria-label="Rubriques">
      <ul>
        <li><a href="https://www.lecourrierdeparis.fr/politique/">Politique</a></li>
        <li><a href="https://www.lecourrierdeparis.fr/international/">International</a></li>
        <li><a href="https://www.lecourrierdeparis.fr/economie/">Économie</a></li>
        <li><a href="https://www.lecourrierdeparis.fr/societe/">Société</a></li>
        <li><a href="https://www.lecourrierdeparis.fr/sport/">Sport</a></li>
        <li><a href="https://www.lecourrierdeparis.fr/culture/">Culture</a></li>
        <li><a href="https://www.lecourrierdeparis.fr/idees/">Idées</a></li>
      </ul>
    </nav>
  </header>
  <div class="ad ad--banner" id="div-gpt-ad-header" data-ad-slot="/2190/courrier/${esc(a.section.toLowerCase())}/header" aria-hidden="true"><span class="ad__label">Publicité</span></div>
  <main id="main" class="layout">
    <article class="article" itemscope itemtype="https://schema.org/NewsArticle">
      <nav class="breadcrumb" aria-label="Fil d’Ariane"><a href="https://www.lecourrierdeparis.fr/">Accueil</a> › <a href="https://www.lecourrierdeparis.fr/${esc(a.section.toLowerCase())}/">${esc(a.section)}</a></nav>
      <header class="article__header">
        <p class="article__kicker">${esc(a.section)}</p>
        <h1 class="article__title" itemprop="headline">${esc(a.title)}</h1>
        <p class="article__standfirst" itemprop="description">${esc(a.description)}</p>
        <div class="article__meta">
          <span class="article__byline">Par <a rel="author" href="https://www.lecourrierdeparis.fr/signataires/${esc(a.authorSlug)}/" itemprop="author">${esc(a.author)}</a></span>
          <span class="article__date">Publié le <time datetime="${a.date}" itemprop="datePublished">${frenchDate(a.date)}</time></span>
          <span class="article__readtime">Lecture ${Math.max(2, Math.round(a.words / 220))} min.</span>
        </div>
        <ul class="share share--top">
${share.slice(0, 4).map((s) => `          <li><a class="share__${s.id}" href="${esc(s.href)}" target="_blank" rel="noopener">Partager sur ${s.label}</a></li>`).join('\n')}
          <li><button type="button" class="share__copy" data-url="${esc(publicUrl)}">Copier le lien</button></li>
        </ul>
      </header>
${a.image_caption ? `      <figure class="article__media">
        <img src="https://img.lecourrierdeparis.fr/1200x675/${esc(a.slug)}.jpg" alt="" width="1200" height="675" loading="eager">
        <figcaption>${esc(a.image_caption)} <span class="credit">Photo : AFP</span></figcaption>
      </figure>
` : ''}      <div class="article__body" itemprop="articleBody">
${bodyHtml(a.body, { pClass: 'article__paragraph', hClass: 'article__subtitle', indent: '        ' }).replace(/(<\/p>\n[^\n]*<p[^>]*>[^\n]*<\/p>\n)/, `$1        <div class="ad ad--inread" id="div-gpt-ad-inread" data-ad-slot="/2190/courrier/inread"><span class="ad__label">Publicité</span></div>\n`)}
      </div>
      <aside class="newsletter-box">
        <h3>La newsletter du matin</h3>
        <p>Chaque jour à 7 heures, l’essentiel de l’actualité sélectionné par la rédaction.</p>
        <form action="https://newsletters.lecourrierdeparis.fr/inscription" method="post"><input type="email" name="email" placeholder="Votre adresse e-mail"><button>S’inscrire</button></form>
      </aside>
    </article>
    <aside class="related" aria-labelledby="related-title">
      <h2 id="related-title">À lire aussi</h2>
      <ul>
${related.map((r) => `        <li><a href="${r.url}">${esc(r.title)}</a></li>`).join('\n')}
      </ul>
      <div class="ad ad--mpu" id="div-gpt-ad-mpu" data-ad-slot="/2190/courrier/mpu"><span class="ad__label">Publicité</span></div>
    </aside>
    <section class="comments" id="commentaires">
      <h2>Réactions <span class="count">(3)</span></h2>
      <p class="comments__notice">Les réactions sont réservées aux abonnés. <a href="https://abonnement.lecourrierdeparis.fr/?origine=commentaires">Je m’abonne</a></p>
      <ol class="comments__list">
        <li class="comment"><p class="comment__author">Jacques_B <time datetime="${a.date}">il y a 2 heures</time></p><p class="comment__text">Article très clair, merci. On aimerait en savoir plus sur les chiffres.</p></li>
        <li class="comment"><p class="comment__author">Isabelle78</p><p class="comment__text">Toujours les mêmes débats… On verra dans dix ans.</p></li>
        <li class="comment"><p class="comment__author">Observateur</p><p class="comment__text">Il manque le point de vue des principaux intéressés.</p></li>
      </ol>
    </section>
  </main>
  <footer class="site-footer">
    <nav><ul>
      <li><a href="https://www.lecourrierdeparis.fr/mentions-legales">Mentions légales</a></li>
      <li><a href="https://www.lecourrierdeparis.fr/cgu">CGU</a></li>
      <li><a href="https://www.lecourrierdeparis.fr/confidentialite">Politique de confidentialité</a></li>
      <li><a href="javascript:Didomi.preferences.show()">Préférences cookies</a></li>
      <li><a href="https://www.lecourrierdeparis.fr/contact">Contact</a></li>
    </ul></nav>
    <p>© ${a.year} Le Courrier de Paris. Toute reproduction interdite sans autorisation.</p>
  </footer>
  <script src="/static/js/app.8c1d2e.js" defer></script>
</body>
</html>
`;
}
