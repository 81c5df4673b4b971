// Montreal daily: Canadian French (fr-CA) site with a "Dernière heure" ticker, Piano paywall hooks and
// Facebook comments; dates written in the Quebec style.
import { esc, frenchDate, bodyHtml, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'voix-saint-laurent', name: 'La Voix du Saint-Laurent', home: 'https://www.lavoixdusaintlaurent.ca/', lang: 'fr-CA', twitter: 'VoixStLaurent' };

/** Renders one article page of La Voix du Saint-Laurent. */
export function render({ article: a, url, related, publicUrl }) {
  const share = shareLinks(publicUrl, a.title);
  return `<!DOCTYPE html>
<html lang="fr-CA">
  <head>
${charsetMeta({ charset: 'utf-8', charsetInMeta: true }, { indent: '    ' })}    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${esc(a.title)} - La Voix du Saint-Laurent</title>
${metaTags(a, outlet, url)}
    <link rel="stylesheet" href="https://static.lavoixdusaintlaurent.ca/css/vsl-2026.css">
    <script async src="https://experience.tinypass.com/xbuilder/experience/load?aid=VSL000"></script>
${jsonLd(a, outlet, url, { indent: '    ' })}
  </head>
  <body class="template-article">
    <div class="cookie-notice" id="consentement">
      <p>Nous utilisons des témoins (cookies) pour améliorer votre expérience, analyser notre trafic et personnaliser la publicité. En poursuivant votre navigation, vous consentez à leur utilisation conformément à notre <a href="/confidentialite">politique de confidentialité</a>.</p>
      <button class="btn-ok">J’ai compris</button> <button class="btn-gerer">Gérer mes préférences</button>
    </div>
    <div class="ticker"><span class="ticker__label">Dernière heure</span> <a href="/actualites/circulation-pont-jacques-cartier">Circulation : une voie fermée sur le pont Jacques-Cartier</a></div>
    <header class="header">
      <div class="header__inner">
        <button class="header__burger" aria-label="Menu">☰</button>
        <a class="header__logo" href="https://www.lavoixdusaintlaurent.ca/"><img src="https://static.lavoixdusaintlaurent.ca/img/logo-vsl.svg" alt="La Voix du Saint-Laurent"></a>
        <a class="header__cta" href="https://abonnement.lavoixdusaintlaurent.ca/">Abonnez-vous</a>
      </div>
      <nav class="header__nav"><ul>
        <li><a href="/actualites">Actualités</a></li><li><a href="/politique">Politique</a></li><li><a href="/international">International</a></li><li><a href="/affaires">Affaires</a></li><li><a href="/meteo">Météo</a></li><li><a href="/sports">Sports</a></li><li><a href="/arts">Arts</a></li><li><a href="/opinions">Opinions</a></li>
      </ul></nav>
    </header>
    <div class="pub pub-haut" id="gpt-leaderboard" data-pos="haut"></div>
    <main>
      <div class="article-wrap">
        <article class="article">
          <div class="article__section"><a href="/${esc(a.section.toLowerCase().replace(/\s+/g, '-'))}">${esc(a.section)}</a></div>
          <h1 class="article__titre">${esc(a.title)}</h1>
          <p class="article__chapeau">${esc(a.description)}</p>
          <div class="article__signature">
            <div class="auteur"><img src="https://static.lavoixdusaintlaurent.ca/auteurs/${esc(a.authorSlug)}.jpg" alt="" width="48" height="48"><span class="auteur__nom">${esc(a.author)}</span><span class="auteur__role">La Voix du Saint-Laurent</span></div>
            <div class="dates"><time class="publie" datetime="${a.date}">Publié le ${frenchDate(a.date).replace(' à ', ' à ')}</time></div>
          </div>
          <ul class="partage">
${share.slice(0, 3).map((s) => `            <li><a href="${esc(s.href)}" class="partage__${s.id}">Partager sur ${s.label}</a></li>`).join('\n')}
            <li><a href="mailto:?subject=${encodeURIComponent(a.title)}&amp;body=${encodeURIComponent(publicUrl)}" class="partage__courriel">Courriel</a></li>
          </ul>
          <figure class="photo-principale">
            <img src="https://static.lavoixdusaintlaurent.ca/photos/${esc(a.slug)}.jpg" alt="" width="1024" height="576">
            <figcaption>${esc(a.image_caption)} <cite>PHOTO LA PRESSE CANADIENNE</cite></figcaption>
          </figure>
          <div class="article__texte">
${bodyHtml(a.body, { indent: '            ' })}
          </div>
          <div class="boite-infolettre">
            <h2>Infolettre</h2>
            <p>Recevez nos meilleurs textes du jour, chaque soir à 17 h.</p>
            <form action="https://infolettre.lavoixdusaintlaurent.ca/inscription" method="post"><input type="email" name="courriel" placeholder="Votre courriel"><button>Je m’inscris</button></form>
          </div>
        </article>
        <aside class="a-lire">
          <h2>À lire aussi</h2>
          <ul>
${related.map((r) => `            <li><a href="${r.url}">${esc(r.title)}</a></li>`).join('\n')}
          </ul>
          <div class="pub pub-boite" id="gpt-bigbox" data-pos="boite"></div>
        </aside>
      </div>
      <section class="commentaires">
        <h2>Commentaires</h2>
        <div class="fb-comments" data-href="${esc(publicUrl)}" data-width="100%" data-numposts="5"></div>
        <p class="commentaires__note">Les commentaires sont modérés. Veuillez respecter la nétiquette.</p>
      </section>
    </main>
    <footer class="footer">
      <nav><a href="/a-propos">À propos</a> · <a href="/nous-joindre">Nous joindre</a> · <a href="/publicite">Publicité</a> · <a href="/conditions">Conditions d’utilisation</a> · <a href="/confidentialite">Confidentialité</a></nav>
      <p>© ${a.year} La Voix du Saint-Laurent inc. Tous droits réservés.</p>
    </footer>
    <script src="https://connect.facebook.net/fr_CA/sdk.js#xfbml=1&amp;version=v19.0" async defer crossorigin="anonymous"></script>
  </body>
</html>
`;
}
