// Dakar news site served as AMP: <html ⚡>, amp-boilerplate, amp-img, amp-ad, amp-social-share,
// amp-consent and amp-sidebar; custom CSS inline in <style amp-custom>.
import { esc, frenchDate, bodyHtml, jsonLd, metaTags, charsetMeta } from '../common.mjs';

export const outlet = { id: 'teranga-actu', name: 'Teranga Actu', home: 'https://www.teranga-actu.sn/', lang: 'fr-SN', twitter: 'TerangaActu' };

/** Renders one AMP article page of Teranga Actu. */
export function render({ article: a, url, related, publicUrl }) {
  const body = bodyHtml(a.body, { indent: '      ' }).replace(
    /(<\/p>\n(?:[^\n]*\n){2})/,
    `$1      <amp-ad width="300" height="250" type="doubleclick" data-slot="/4421/teranga/article_milieu" layout="responsive"><div placeholder>Publicité</div></amp-ad>\n`,
  );
  return `<!doctype html>
<html ⚡ lang="fr">
<head>
${charsetMeta({ charset: 'utf-8', charsetInMeta: true })}    <meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
    <script async src="https://cdn.ampproject.org/v0.js"></script>
    <script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
    <script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
    <script async custom-element="amp-consent" src="https://cdn.ampproject.org/v0/amp-consent-0.1.js"></script>
    <script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
    <script async custom-element="amp-analytics" src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
    <title>${esc(a.title)} - Teranga Actu</title>
${metaTags(a, outlet, url)}
${jsonLd(a, outlet, url, { indent: '    ' })}
    <style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style><noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>
    <style amp-custom>body{font-family:Georgia,serif;margin:0}.hdr{background:#006837;color:#fff;padding:8px}.ttl{font-size:1.6rem}.meta{color:#666;font-size:.8rem}.ad{text-align:center;margin:16px 0}</style>
</head>
<body>
  <amp-consent id="consent" layout="nodisplay">
    <script type="application/json">{"consentInstanceId":"teranga-consent","consentRequired":true,"promptUI":"consent-ui"}</script>
    <div id="consent-ui" class="consent"><p>Teranga Actu utilise des cookies pour la mesure d’audience et la publicité. Acceptez-vous ?</p><button on="tap:consent.accept">Accepter</button><button on="tap:consent.reject">Refuser</button></div>
  </amp-consent>
  <amp-sidebar id="menu" layout="nodisplay" side="left">
    <nav><ul>
      <li><a href="https://www.teranga-actu.sn/">Accueil</a></li><li><a href="https://www.teranga-actu.sn/politique/">Politique</a></li><li><a href="https://www.teranga-actu.sn/economie/">Économie</a></li><li><a href="https://www.teranga-actu.sn/societe/">Société</a></li><li><a href="https://www.teranga-actu.sn/sport/">Sport</a></li><li><a href="https://www.teranga-actu.sn/international/">International</a></li><li><a href="https://www.teranga-actu.sn/people/">People</a></li>
    </ul></nav>
  </amp-sidebar>
  <header class="hdr"><button on="tap:menu.toggle" aria-label="Menu">☰</button> <a href="https://www.teranga-actu.sn/"><amp-img src="https://www.teranga-actu.sn/img/logo-teranga.png" width="180" height="36" alt="Teranga Actu"></amp-img></a></header>
  <div class="ad"><amp-ad width="320" height="50" type="doubleclick" data-slot="/4421/teranga/article_haut"><div placeholder>Publicité</div></amp-ad></div>
  <main>
    <article>
      <p class="rub"><a href="https://www.teranga-actu.sn/${esc(a.section.toLowerCase())}/">${esc(a.section)}</a></p>
      <h1 class="ttl">${esc(a.title)}</h1>
      <p class="meta">Par <span class="author">${esc(a.author)}</span> · <time datetime="${a.date}">${frenchDate(a.date)}</time></p>
      <amp-img src="https://www.teranga-actu.sn/img/${a.year}/${esc(a.slug)}.jpg" width="1200" height="675" layout="responsive" alt="${esc(a.image_caption)}"></amp-img>
      <p class="legende">${esc(a.image_caption)}</p>
      <div class="share">
        <amp-social-share type="facebook" data-param-app_id="000000" width="36" height="36" aria-label="Partager sur Facebook"></amp-social-share>
        <amp-social-share type="whatsapp" width="36" height="36" aria-label="Partager sur WhatsApp"></amp-social-share>
        <amp-social-share type="twitter" width="36" height="36" aria-label="Partager sur X"></amp-social-share>
        <amp-social-share type="email" width="36" height="36" aria-label="Envoyer par e-mail"></amp-social-share>
      </div>
      <p class="chapo"><strong>${esc(a.description)}</strong></p>
${body}
    </article>
    <section class="related">
      <h2>À lire aussi</h2>
      <ul>
${related.map((r) => `        <li><a href="${r.url}">${esc(r.title)}</a></li>`).join('\n')}
      </ul>
    </section>
    <section class="newsletter"><h2>Newsletter</h2><p>Toute l’actualité du Sénégal chaque matin : <a href="https://www.teranga-actu.sn/newsletter/">je m’inscris</a>.</p></section>
    <section class="comments"><h2>Commentaires (3)</h2>
      <div class="comment"><b>Modou</b><p>Bonne nouvelle pour le pays, il faut continuer.</p></div>
      <div class="comment"><b>Fatou D.</b><p>On attend de voir les résultats concrets.</p></div>
      <div class="comment"><b>Lamine</b><p>Article intéressant, merci Teranga Actu.</p></div>
      <p><a href="${publicUrl}#commentaires">Voir la version complète pour commenter</a></p>
    </section>
  </main>
  <footer><p>© ${a.year} Teranga Actu · <a href="https://www.teranga-actu.sn/mentions-legales/">Mentions légales</a> · <a href="https://www.teranga-actu.sn/contact/">Contact</a></p></footer>
  <amp-analytics type="gtag" data-credentials="include"><script type="application/json">{"vars":{"gtag_id":"G-TERANGA00","config":{"G-TERANGA00":{"groups":"default"}}}}</script></amp-analytics>
</body>
</html>
`;
}
