// Defence blog on a classic WordPress theme: #page > #content > article.post > .entry-content,
// sidebar widgets, a long threaded comment section (the blog's readers are talkative).
import { esc, frenchDate, bodyHtml, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'ligne-de-mire', name: 'Ligne de mire', home: 'https://www.lignedemire-blog.fr/', lang: 'fr-FR', twitter: 'LigneDeMireBlog' };

/** Renders one post of the Ligne de mire defence blog. */
export function render({ article: a, url, related, publicUrl }) {
  const share = shareLinks(publicUrl, a.title);
  return `<!DOCTYPE html>
<html lang="fr-FR">
<head>
${charsetMeta({ charset: 'UTF-8', charsetInMeta: true })}    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="profile" href="https://gmpg.org/xfn/11">
    <title>${esc(a.title)} - Ligne de mire</title>
${metaTags(a, outlet, url, { selfClose: ' /' })}
    <link rel="alternate" type="application/rss+xml" title="Ligne de mire &raquo; Flux" href="https://www.lignedemire-blog.fr/feed/" />
    <link rel="stylesheet" id="twentyseventeen-style-css" href="https://www.lignedemire-blog.fr/wp-content/themes/ldm-child/style.css?ver=20240116" media="all" />
${jsonLd(a, outlet, url, { indent: '    ' })}
</head>
<body class="post-template-default single single-post single-format-standard has-sidebar">
<div id="page" class="site">
  <a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>
  <header id="masthead" class="site-header" role="banner">
    <div class="site-branding">
      <p class="site-title"><a href="https://www.lignedemire-blog.fr/" rel="home">Ligne de mire</a></p>
      <p class="site-description">Défense, armement et géopolitique — le blog</p>
    </div>
    <nav id="site-navigation" class="main-navigation" aria-label="Menu supérieur">
      <div class="menu-principal-container"><ul id="top-menu" class="menu">
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/">Accueil</a></li>
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/category/terre/">Terre</a></li>
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/category/air/">Air</a></li>
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/category/mer/">Mer</a></li>
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/category/industrie/">Industrie</a></li>
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/category/drones/">Drones</a></li>
        <li class="menu-item"><a href="https://www.lignedemire-blog.fr/soutenir/">Soutenir le blog</a></li>
      </ul></div>
    </nav>
  </header>
  <div class="site-content-contain">
    <div id="content" class="site-content">
      <div class="wrap">
        <div id="primary" class="content-area">
          <main id="main" class="site-main">
            <article id="post-${a.id}" class="post-${a.id} post type-post status-publish format-standard has-post-thumbnail hentry category-${esc(a.section.toLowerCase())}">
              <header class="entry-header">
                <div class="entry-meta"><span class="posted-on"><span class="screen-reader-text">Publié le</span> <a href="${url}" rel="bookmark"><time class="entry-date published" datetime="${a.date}">${frenchDate(a.date, { time: false })}</time></a></span><span class="byline"> par <span class="author vcard"><a class="url fn n" href="https://www.lignedemire-blog.fr/author/redaction/">${esc(a.author)}</a></span></span></div>
                <h1 class="entry-title">${esc(a.title)}</h1>
              </header>
              <div class="single-featured-image-header"><img width="1000" height="563" src="https://www.lignedemire-blog.fr/wp-content/uploads/${a.year}/${esc(a.slug)}.jpg" class="attachment-twentyseventeen-featured-image size-twentyseventeen-featured-image wp-post-image" alt="${esc(a.image_caption)}" decoding="async" /></div>
              <div class="entry-content">
                <p><em>${esc(a.description)}</em></p>
${bodyHtml(a.body, { h: 'h3', indent: '                ' })}
                <div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Partager :</h3><div class="sd-content"><ul>${share.map((s) => `<li class="share-${s.id}"><a rel="nofollow noopener noreferrer" class="share-${s.id} sd-button share-icon" href="${esc(s.href)}" target="_blank"><span>${s.label}</span></a></li>`).join('')}</ul></div></div></div>
                <div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>À lire aussi</em></h3>
${related.map((r) => `                  <div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="${r.url}" rel="nofollow">${esc(r.title)}</a></h4></div>`).join('\n')}
                </div>
              </div>
              <footer class="entry-footer"><span class="cat-tags-links"><span class="cat-links">Publié dans <a href="https://www.lignedemire-blog.fr/category/${esc(a.section.toLowerCase())}/" rel="category tag">${esc(a.section)}</a></span></span></footer>
            </article>
            <div id="comments" class="comments-area">
              <h2 class="comments-title">6 réponses à « ${esc(a.title)} »</h2>
              <ol class="comment-list">
                <li class="comment even thread-even depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Fusilier_44</b></div><div class="comment-metadata"><time datetime="${a.date}">${frenchDate(a.date)}</time></div></footer><div class="comment-content"><p>Toujours aussi bien renseigné, merci pour le suivi.</p></div></article>
                  <ol class="children"><li class="comment byuser bypostauthor odd alt depth-2"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Ligne de mire</b></div></footer><div class="comment-content"><p>Merci à vous ! D’autres billets suivront sur le sujet.</p></div></article></li></ol></li>
                <li class="comment even thread-odd depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Vieux_Mirage</b></div></footer><div class="comment-content"><p>La vraie question reste celle du soutien et des pièces détachées. Tout le reste, c’est de la plaquette commerciale.</p></div></article></li>
                <li class="comment even thread-even depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Gégé</b></div></footer><div class="comment-content"><p>Et pendant ce temps, nos industriels dorment…</p></div></article></li>
                <li class="comment even thread-odd depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Analyste_amateur</b></div></footer><div class="comment-content"><p>Auriez-vous une source pour les chiffres cités au troisième paragraphe ?</p></div></article></li>
                <li class="comment even thread-even depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Marsouin</b></div></footer><div class="comment-content"><p>Billet intéressant, mais un peu optimiste à mon goût.</p></div></article></li>
              </ol>
              <div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3><form action="https://www.lignedemire-blog.fr/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Votre adresse e-mail ne sera pas publiée.</p><p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Laisser un commentaire" /></p></form></div>
            </div>
          </main>
        </div>
        <aside id="secondary" class="widget-area" aria-label="Colonne latérale">
          <section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="https://www.lignedemire-blog.fr/"><input type="search" class="search-field" placeholder="Recherche&hellip;" name="s" /></form></section>
          <section id="text-3" class="widget widget_text"><h2 class="widget-title">Soutenir le blog</h2><div class="textwidget"><p>Ligne de mire est un blog indépendant, sans publicité intrusive. <a href="https://www.lignedemire-blog.fr/soutenir/">Faire un don</a>.</p></div></section>
          <section id="blog_subscription-2" class="widget widget_blog_subscription"><h2 class="widget-title">Newsletter</h2><form action="#" method="post" accept-charset="utf-8" id="subscribe-blog-blog_subscription-2"><p>Entrez votre adresse e-mail pour être averti de chaque nouveau billet.</p><p><input type="email" name="email" placeholder="Adresse e-mail" /></p><p><input type="submit" value="Je m’abonne" /></p></form></section>
          <section id="custom_html-5" class="widget_text widget widget_custom_html"><div class="textwidget custom-html-widget"><div class="ad-300x250"><a href="https://partenaire.example/salon-defense"><img src="https://www.lignedemire-blog.fr/wp-content/uploads/pub-salon-300x250.jpg" alt="Partenaire" /></a></div></div></section>
          <section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="https://www.lignedemire-blog.fr/${a.year}/10/">octobre ${a.year}</a></li><li><a href="https://www.lignedemire-blog.fr/${a.year}/09/">septembre ${a.year}</a></li></ul></section>
        </aside>
      </div>
    </div>
    <footer id="colophon" class="site-footer" role="contentinfo"><div class="wrap"><div class="site-info"><a href="https://www.lignedemire-blog.fr/mentions-legales/">Mentions légales</a> · Fièrement propulsé par WordPress</div></div></footer>
  </div>
</div>
<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice"><div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">Ce blog utilise des cookies de mesure d’audience. Vous pouvez les refuser sans conséquence sur votre navigation.</span><span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button">D’accord</a><a href="#" id="cn-refuse-cookie" data-cookie-set="refuse" class="cn-set-cookie cn-button">Refuser</a></span></div></div>
<script src="https://www.lignedemire-blog.fr/wp-content/plugins/cookie-notice/js/front.min.js?ver=2.4.16" id="cookie-notice-front-js"></script>
</body>
</html>
`;
}
