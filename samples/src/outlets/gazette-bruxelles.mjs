// Belgian daily on an old XHTML 1.0 CMS (served in ISO-8859-1 or windows-1252), IAB ad zones, Disqus-like comments.
import { esc, frenchDate, numericDate, bodyHtml, jsonLd, metaTags, charsetMeta } from '../common.mjs';

export const outlet = { id: 'gazette-bruxelles', name: 'La Gazette de Bruxelles', home: 'https://www.gazettedebruxelles.be/', lang: 'fr-BE', twitter: 'GazetteBxl' };

/** Renders one article page of La Gazette de Bruxelles. */
export function render({ article: a, url, related, publicUrl, page }) {
  const u = encodeURIComponent(publicUrl);
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" lang="fr">
<head>
${charsetMeta(page, { style: 'http-equiv' })}    <title>${esc(a.title)} - La Gazette de Bruxelles</title>
${metaTags(a, outlet, url, { selfClose: ' /' })}
    <link rel="stylesheet" type="text/css" href="/css/gazette.css?20190312" />
    <script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
    <script type="text/javascript">var gz_zone = "${esc(a.section.toLowerCase())}"; var gz_article = ${a.id};</script>
${jsonLd(a, outlet, url, { indent: '    ' })}
</head>
<body id="article" class="rub-${esc(a.section.toLowerCase())}">
<div id="cookiebar" class="cookiebar"><p>Ce site utilise des cookies. Certains sont indispensables, d'autres nous aident à améliorer votre expérience et à vous proposer des publicités adaptées. <a href="/vie-privee.html">Vie privée</a></p><a class="btn ok" href="#">J'accepte</a> <a class="btn no" href="#">Je refuse</a></div>
<div id="wrapper">
  <div id="top">
    <div id="logo"><a href="https://www.gazettedebruxelles.be/"><img src="/img/logo_gazette.gif" alt="La Gazette de Bruxelles" width="300" height="60" /></a></div>
    <div id="meteo">Bruxelles 7°C · ${numericDate(a.date)}</div>
    <div class="iab iab-leaderboard" id="zone-728x90"><script type="text/javascript">gz_ad('728x90');</script><noscript><a href="https://ads.gazettedebruxelles.be/ck.php?z=1"><img src="https://ads.gazettedebruxelles.be/avw.php?z=1" alt="" /></a></noscript></div>
  </div>
  <ul id="menu">
    <li><a href="/belgique/">Belgique</a></li><li><a href="/bruxelles/">Bruxelles</a></li><li><a href="/regions/">Régions</a></li><li><a href="/europe/">Europe</a></li><li><a href="/monde/">Monde</a></li><li><a href="/economie/">Économie</a></li><li><a href="/sports/">Sports</a></li><li><a href="/culture/">Culture</a></li>
  </ul>
  <div id="colonnes">
    <div id="gauche">
      <div class="fil"><a href="/">Accueil</a> &raquo; <a href="/${esc(a.section.toLowerCase())}/">${esc(a.section)}</a></div>
      <div class="article">
        <h1 class="titre">${esc(a.title)}</h1>
        <div class="infos">
          <span class="auteur">${esc(a.author)}</span>
          <span class="date">Mis en ligne le <time datetime="${a.date}">${frenchDate(a.date)}</time></span>
        </div>
        <div class="partage"><a class="fb" href="https://www.facebook.com/sharer.php?u=${u}">Facebook</a> <a class="tw" href="https://twitter.com/share?url=${u}">Twitter</a> <a class="mail" href="mailto:?subject=${encodeURIComponent(a.title)}&amp;body=${u}">E-mail</a> <a class="print" href="javascript:window.print();">Imprimer</a></div>
        <p class="chapeau"><strong>${esc(a.description)}</strong></p>
        <div class="corps">
${bodyHtml(a.body, { h: 'h3', hClass: 'intertitre', indent: '          ' })}
        </div>
        <div class="iab iab-rectangle" id="zone-300x250-bas"><script type="text/javascript">gz_ad('300x250');</script></div>
        <div class="tags">Mots-clés : <a href="/tag/${esc(a.section.toLowerCase())}">${esc(a.section)}</a></div>
      </div>
      <div class="reactions">
        <h3>Vos réactions (2)</h3>
        <div class="reaction"><div class="pseudo">Luc_de_Namur</div><div class="texte">Enfin une info claire sur le sujet, merci la Gazette.</div></div>
        <div class="reaction"><div class="pseudo">Anne-Sophie V.</div><div class="texte">Et qui paie tout cela ? Nous, comme d'habitude.</div></div>
        <p class="charte">Les réactions sont modérées a posteriori. <a href="/charte.html">Lire notre charte</a>.</p>
      </div>
    </div>
    <div id="droite">
      <div class="bloc alire">
        <h4>À lire aussi</h4>
        <ul>
${related.map((r) => `          <li><a href="${r.url}">${esc(r.title)}</a></li>`).join('\n')}
        </ul>
      </div>
      <div class="bloc newsletter">
        <h4>Newsletter</h4>
        <p>Recevez chaque jour les titres de la Gazette.</p>
        <form action="/newsletter/inscription.php" method="post"><input type="text" name="email" value="Votre adresse e-mail" /><input type="submit" value="S'inscrire" /></form>
      </div>
      <div class="iab iab-skyscraper" id="zone-160x600"><script type="text/javascript">gz_ad('160x600');</script></div>
    </div>
  </div>
  <div id="pied">
    <p><a href="/qui-sommes-nous.html">Qui sommes-nous ?</a> | <a href="/contact.html">Contact</a> | <a href="/publicite.html">Publicité</a> | <a href="/vie-privee.html">Vie privée</a> | <a href="/conditions.html">Conditions d'utilisation</a></p>
    <p>&copy; ${a.year} La Gazette de Bruxelles SA - Rue du Marché aux Herbes, 1000 Bruxelles - TVA BE 0000.000.000</p>
  </div>
</div>
</body>
</html>
`;
}
