// Sahel daily on WordPress + a page builder: many nested divs, widgets, lazy-loaded ads, WhatsApp-first sharing.
import { esc, frenchDate, blocks, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'sahel-matin', name: 'Le Sahel Matin', home: 'https://www.lesahelmatin.ne/', lang: 'fr-FR', twitter: 'SahelMatin' };

/** Wraps HTML in the page builder's section > container > column > widget-wrap > widget > container nesting. */
function widget(kind, inner, pad = '') {
  return `${pad}<div class="elementor-section elementor-top-section elementor-section-boxed">
${pad}  <div class="elementor-container elementor-column-gap-default">
${pad}    <div class="elementor-column elementor-col-100 elementor-top-column">
${pad}      <div class="elementor-widget-wrap elementor-element-populated">
${pad}        <div class="elementor-element elementor-widget elementor-widget-${kind}">
${pad}          <div class="elementor-widget-container">
${pad}            <div class="${kind}-inner">
${inner}
${pad}            </div>
${pad}          </div>
${pad}        </div>
${pad}      </div>
${pad}    </div>
${pad}  </div>
${pad}</div>`;
}

/** Renders one article page of Le Sahel Matin. */
export function render({ article: a, url, related, publicUrl }) {
  const share = shareLinks(publicUrl, a.title);
  const pad = '            ';
  const body = blocks(a.body)
    .map((b, i) => {
      const el = b.kind === 'h2' ? `${pad}    <h3 class="wp-block-heading">${esc(b.text)}</h3>` : `${pad}    <div class="td-paragraph"><div class="td-paragraph-inner"><p>${esc(b.text)}</p></div></div>`;
      return i === 3 ? `${el}\n${pad}    <div class="td-a-rec td-a-rec-id-content_inline"><div class="td-a-rec-inner"><ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-0000000000000000" data-ad-slot="123456"></ins></div></div>` : el;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="fr-FR" prefix="og: https://ogp.me/ns#">
<head>
${charsetMeta({ charset: 'UTF-8', charsetInMeta: true })}    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${esc(a.title)} - Le Sahel Matin</title>
    <meta name="robots" content="index, follow, max-image-preview:large">
${metaTags(a, outlet, url, { selfClose: ' /' })}
    <link rel="stylesheet" id="elementor-frontend-css" href="https://www.lesahelmatin.ne/wp-content/plugins/elementor/assets/css/frontend.min.css?ver=3.21.4" media="all" />
    <script src="https://www.lesahelmatin.ne/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
    <script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000000" crossorigin="anonymous"></script>
${jsonLd(a, outlet, url, { indent: '    ' })}
</head>
<body class="post-template-default single single-post postid-${a.id} single-format-standard elementor-default elementor-kit-7">
<div id="page" class="site">
  <div class="td-header-wrap">
    <div class="td-header-top-menu"><div class="td-container"><div class="top-bar-style-1">
      <div class="td-header-sp-top-menu"><div class="td_data_time">${frenchDate(a.date, { time: false })}</div>
        <ul class="top-header-menu"><li><a href="https://www.lesahelmatin.ne/a-propos/">À propos</a></li><li><a href="https://www.lesahelmatin.ne/publicite/">Publicité</a></li><li><a href="https://www.lesahelmatin.ne/contact/">Contact</a></li></ul>
      </div>
      <div class="td-header-sp-top-widget"><a href="https://www.facebook.com/lesahelmatin">Facebook</a> <a href="https://x.com/SahelMatin">X</a> <a href="https://www.youtube.com/@lesahelmatin">YouTube</a></div>
    </div></div></div>
    <div class="td-banner-wrap-full"><div class="td-container"><div class="td-header-sp-logo"><a class="td-main-logo" href="https://www.lesahelmatin.ne/"><img src="https://www.lesahelmatin.ne/wp-content/uploads/logo-sahel-matin.png" alt="Le Sahel Matin" /><span class="td-visual-hidden">Le Sahel Matin - L’information au quotidien</span></a></div>
      <div class="td-header-sp-recs"><div class="td-header-rec-wrap"><div class="td-a-rec td-a-rec-id-header"><ins class="adsbygoogle" data-ad-slot="654321"></ins></div></div></div></div></div>
    <div class="td-header-menu-wrap-full"><div class="td-header-menu-wrap"><div class="td-container"><div id="td-header-menu" role="navigation"><div class="menu-main-container">
      <ul id="menu-main" class="sf-menu"><li class="menu-item"><a href="https://www.lesahelmatin.ne/">Accueil</a></li><li class="menu-item"><a href="https://www.lesahelmatin.ne/category/politique/">Politique</a></li><li class="menu-item current-post-ancestor"><a href="https://www.lesahelmatin.ne/category/securite/">Sécurité</a></li><li class="menu-item"><a href="https://www.lesahelmatin.ne/category/economie/">Économie</a></li><li class="menu-item"><a href="https://www.lesahelmatin.ne/category/societe/">Société</a></li><li class="menu-item"><a href="https://www.lesahelmatin.ne/category/sport/">Sport</a></li><li class="menu-item"><a href="https://www.lesahelmatin.ne/category/opinion/">Tribune</a></li></ul>
    </div></div></div></div></div>
  </div>
  <div class="td-main-content-wrap td-container-wrap">
    <div class="td-container td-post-template-default">
      <div class="td-crumb-container"><div class="entry-crumbs"><span><a href="https://www.lesahelmatin.ne/">Accueil</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a href="https://www.lesahelmatin.ne/category/securite/">${esc(a.section)}</a></span></div></div>
      <div class="td-pb-row">
        <div class="td-pb-span8 td-main-content" role="main">
          <div class="td-ss-main-content">
            <article id="post-${a.id}" class="post-${a.id} post type-post status-publish">
              <div class="td-post-header">
                <ul class="td-category"><li class="entry-category"><a href="https://www.lesahelmatin.ne/category/securite/">${esc(a.section)}</a></li></ul>
                <header class="td-post-title">
                  <h1 class="entry-title">${esc(a.title)}</h1>
                  <div class="td-module-meta-info">
                    <div class="td-post-author-name"><div class="td-author-by">Par</div> <a href="https://www.lesahelmatin.ne/author/${esc(a.authorSlug)}/">${esc(a.author)}</a><div class="td-author-line"> - </div></div>
                    <span class="td-post-date"><time class="entry-date updated td-module-date" datetime="${a.date}">${frenchDate(a.date)}</time></span>
                    <div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-${a.id}">2 417</span></div>
                    <div class="td-post-comments"><a href="#comments"><i class="td-icon-comments"></i>4</a></div>
                  </div>
                </header>
              </div>
              <div class="td-post-sharing-top"><div class="td-post-sharing-classic">
${share.map((s) => `                <a class="td-social-sharing-button td-social-${s.id}" href="${esc(s.href)}" title="${s.label}"><div class="td-social-but-icon"><i class="td-icon-${s.id}"></i></div><div class="td-social-but-text">${s.label}</div></a>`).join('\n')}
              </div></div>
              <div class="td-post-featured-image"><figure><img width="696" height="464" class="entry-thumb" src="https://www.lesahelmatin.ne/wp-content/uploads/${a.year}/${esc(a.slug)}-696x464.jpg" alt="" title="${esc(a.title)}" /><figcaption class="wp-caption-text">${esc(a.image_caption)}</figcaption></figure></div>
              <div class="td-post-content tagdiv-type">
                <p class="chapo"><strong>${esc(a.description)}</strong></p>
${widget('text-editor', body, pad)}
              </div>
              <footer>
                <div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li><li><a href="https://www.lesahelmatin.ne/tag/defense/">Défense</a></li><li><a href="https://www.lesahelmatin.ne/tag/aes/">AES</a></li></ul></div>
                <div class="td-post-sharing-bottom"><div class="td-post-sharing-classic"><a class="td-social-whatsapp" href="${esc(share[2].href)}">Partager sur WhatsApp</a></div></div>
                <div class="td-block-row td-post-next-prev"><div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content"><span>Article précédent</span><a href="${related[0].url}">${esc(related[0].title)}</a></div></div></div>
              </footer>
            </article>
            <div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title"><a class="td-related-left td-cur-simple-item" href="#">À lire aussi</a></h4>
              <div class="td_block_inner"><div class="td-related-row">
${related.map((r) => `                <div class="td-related-span4"><div class="td_module_related_posts td-animation-stack td_mod_related_posts"><div class="item-details"><h3 class="entry-title td-module-title"><a href="${r.url}" rel="bookmark" title="${esc(r.title)}">${esc(r.title)}</a></h3></div></div></div>`).join('\n')}
              </div></div></div>
            <div class="comments" id="comments">
              <div class="td-comments-title-wrap"><h4 class="block-title"><span>4 Commentaires</span></h4></div>
              <ol class="comment-list">
                <li class="comment"><article><footer><div class="comment-author">Issoufou M.</div><time datetime="${a.date}">il y a 5 heures</time></footer><div class="comment-content"><p>Enfin des moyens pour nos soldats. Que Dieu protège le Sahel.</p></div></article></li>
                <li class="comment"><article><footer><div class="comment-author">Aïcha</div></footer><div class="comment-content"><p>Et les écoles fermées dans nos villages, qui s’en occupe ?</p></div></article></li>
                <li class="comment"><article><footer><div class="comment-author">Patriote227</div></footer><div class="comment-content"><p>Très bon article, bien documenté.</p></div></article></li>
                <li class="comment"><article><footer><div class="comment-author">Hamidou</div></footer><div class="comment-content"><p>Il faut aussi parler de la maintenance, c’est le vrai problème.</p></div></article></li>
              </ol>
              <div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3><form action="https://www.lesahelmatin.ne/wp-comments-post.php" method="post" id="commentform"><textarea name="comment" placeholder="Commentaire :"></textarea><input name="author" placeholder="Nom :*" /><input name="email" placeholder="E-mail :*" /><input name="submit" type="submit" value="Publier le commentaire" /></form></div>
            </div>
          </div>
        </div>
        <div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">
          <aside class="td_block_template_1 widget widget_mc4wp_form_widget"><h4 class="block-title"><span>Newsletter</span></h4><form class="mc4wp-form" method="post"><div class="mc4wp-form-fields"><p>Recevez chaque matin nos titres dans votre boîte mail.</p><p><input type="email" name="EMAIL" placeholder="Votre adresse e-mail" required /></p><p><input type="submit" value="Je m’inscris" /></p></div></form></aside>
          <aside class="td_block_template_1 widget"><div class="td-a-rec td-a-rec-id-sidebar"><ins class="adsbygoogle" data-ad-slot="777777"></ins></div></aside>
          <aside class="td_block_template_1 widget widget_recent_entries"><h4 class="block-title"><span>Les plus lus</span></h4><ul><li><a href="https://www.lesahelmatin.ne/${a.year}/examens-bac-resultats/">Baccalauréat : les résultats publiés ce week-end</a></li><li><a href="https://www.lesahelmatin.ne/${a.year}/prix-cereales-marche/">Le prix des céréales en baisse sur les marchés de la capitale</a></li></ul></aside>
        </div></div>
      </div>
    </div>
  </div>
  <div class="td-footer-wrapper td-container-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span12"><div class="footer-text-wrap">Le Sahel Matin est un quotidien d’information générale. Contactez-nous : redaction@lesahelmatin.ne</div></div></div></div></div>
  <div class="td-sub-footer-container td-container-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span td-sub-footer-menu"><ul class="td-subfooter-menu"><li><a href="https://www.lesahelmatin.ne/mentions-legales/">Mentions légales</a></li><li><a href="https://www.lesahelmatin.ne/confidentialite/">Confidentialité</a></li></ul></div><div class="td-pb-span td-sub-footer-copy">© Le Sahel Matin ${a.year} - Tous droits réservés</div></div></div></div>
</div>
<div id="cookie-law-info-bar" data-nosnippet="true" style="display:none"><span>Ce site utilise des cookies pour améliorer votre expérience de navigation. En poursuivant, vous acceptez leur utilisation.<a role="button" id="cookie_action_close_header" class="cli_action_button">J’accepte</a> <a role="button" id="cookie_action_close_header_reject" class="cli_action_button">Refuser</a> <a href="https://www.lesahelmatin.ne/confidentialite/" id="CONSTANT_OPEN_URL" target="_blank">En savoir plus</a></span></div>
<script src="https://www.lesahelmatin.ne/wp-content/plugins/cookie-law-info/public/js/cookie-law-info-public.js?ver=3.2.0" id="cookie-law-info-js"></script>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
</body>
</html>
`;
}
