// Algiers evening daily: semantic HTML5 with <figure>/<figcaption> photo blocks, <picture> srcset, Matomo.
import { esc, frenchDate, blocks, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'maghreb-soir', name: 'Maghreb Soir', home: 'https://www.maghrebsoir.dz/', lang: 'fr-DZ', twitter: 'MaghrebSoir' };

/** Renders one article page of Maghreb Soir. */
export function render({ article: a, url, related, publicUrl }) {
  const share = shareLinks(publicUrl, a.title);
  const img = `https://cdn.maghrebsoir.dz/photos/${a.year}/${esc(a.slug)}`;
  const body = blocks(a.body)
    .map((b, i) => {
      const el = b.kind === 'h2' ? `        <h2 class="inter">${esc(b.text)}</h2>` : `        <p>${esc(b.text)}</p>`;
      if (i === 4) {
        return `${el}
        <figure class="inline-photo">
          <picture><source type="image/webp" srcset="${img}-2-640.webp 640w, ${img}-2-1280.webp 1280w"><img src="${img}-2-640.jpg" alt="Illustration" width="640" height="427" loading="lazy"></picture>
          <figcaption><span class="legend">Un poste de contrôle sur une route du sud du pays.</span> <span class="credit">© Archives Maghreb Soir</span></figcaption>
        </figure>`;
      }
      return el;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr" dir="ltr">
<head>
${charsetMeta({ charset: 'utf-8', charsetInMeta: true })}    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${esc(a.title)} - Maghreb Soir</title>
${metaTags(a, outlet, url)}
    <link rel="alternate" hreflang="ar" href="https://ar.maghrebsoir.dz/">
    <link rel="stylesheet" href="/assets/ms.min.css?v=2026.3">
${jsonLd(a, outlet, url, { indent: '    ' })}
</head>
<body>
  <section class="consent" id="tarteaucitronRoot" aria-live="polite">
    <p>Maghreb Soir utilise des traceurs pour la mesure d’audience et l’affichage de publicités. <button id="tarteaucitronPersonalize2">Tout accepter</button> <button id="tarteaucitronAllDenied2">Tout refuser</button> <button id="tarteaucitronCloseAlert">Personnaliser</button></p>
  </section>
  <header class="masthead">
    <div class="masthead__date">${frenchDate(a.date, { time: false })}</div>
    <a class="masthead__logo" href="https://www.maghrebsoir.dz/"><img src="/assets/logo-ms.svg" alt="Maghreb Soir"></a>
    <form class="search" action="/recherche" role="search"><input type="search" name="q" placeholder="Rechercher…"></form>
    <nav class="menu" aria-label="Menu principal">
      <a href="/nation">Nation</a><a href="/monde">Monde</a><a href="/economie">Économie</a><a href="/societe">Société</a><a href="/regions">Régions</a><a href="/culture">Culture</a><a href="/sports">Sports</a><a href="/contributions">Contributions</a>
    </nav>
    <div class="flash" aria-label="Dernière minute"><strong>Flash</strong> <a href="/societe/bac-${a.year}-taux-de-reussite">Bac ${a.year} : le taux de réussite en légère hausse</a></div>
  </header>
  <div class="pub pub--leaderboard" data-zone="728x90-top"><iframe src="https://ads.maghrebsoir.dz/serve?zone=12" width="728" height="90" title="Publicité"></iframe></div>
  <main class="grid">
    <article class="story">
      <header class="story__head">
        <a class="story__rubrique" href="/${esc(a.section.toLowerCase())}">${esc(a.section)}</a>
        <h1 class="story__title">${esc(a.title)}</h1>
        <p class="story__lead">${esc(a.description)}</p>
        <p class="story__byline">${esc(a.author)} <time datetime="${a.date}" pubdate>${frenchDate(a.date)}</time></p>
      </header>
      <figure class="story__cover">
        <picture>
          <source type="image/webp" srcset="${img}-640.webp 640w, ${img}-1280.webp 1280w" sizes="(max-width: 700px) 100vw, 700px">
          <img src="${img}-1280.jpg" alt="${esc(a.image_caption)}" width="1280" height="720">
        </picture>
        <figcaption><span class="legend">${esc(a.image_caption)}</span> <span class="credit">© Maghreb Soir</span></figcaption>
      </figure>
      <div class="story__share" role="group" aria-label="Partager">
${share.slice(0, 3).map((s) => `        <a class="share share--${s.id}" href="${esc(s.href)}" rel="noopener" target="_blank" aria-label="Partager sur ${s.label}"><svg width="16" height="16" aria-hidden="true"><use href="#icon-${s.id}"></use></svg></a>`).join('\n')}
      </div>
      <div class="story__text">
${body}
      </div>
      <p class="story__signature">${esc(a.author.split(' ').map((w) => w[0]).join('.'))}.</p>
    </article>
    <aside class="sidebar">
      <section class="related">
        <h3>À lire aussi</h3>
${related.map((r) => `        <article class="mini"><a href="${r.url}"><h4>${esc(r.title)}</h4></a></article>`).join('\n')}
      </section>
      <section class="nl">
        <h3>Newsletter</h3>
        <p>L’édition du soir, chaque jour dans votre boîte mail.</p>
        <form action="/newsletter" method="post"><input type="email" name="email" required placeholder="E-mail"><button>Valider</button></form>
      </section>
      <div class="pub pub--pave" data-zone="300x250"><iframe src="https://ads.maghrebsoir.dz/serve?zone=14" width="300" height="250" title="Publicité"></iframe></div>
    </aside>
    <section class="comments">
      <h3>Commentaires (2)</h3>
      <article class="comment"><header><b>Rachid</b> — <time datetime="${a.date}">${frenchDate(a.date, { time: false })}</time></header><p>Bravo aux services de sécurité, vigilance maximale.</p></article>
      <article class="comment"><header><b>Nadia de Sétif</b></header><p>Il faut aussi parler des causes : le chômage des jeunes dans les régions frontalières.</p></article>
      <form class="comment-form" action="/commenter" method="post"><textarea name="c" placeholder="Votre commentaire (modéré)"></textarea><button>Envoyer</button></form>
    </section>
  </main>
  <footer class="footer">
    <p>Maghreb Soir — Quotidien national d’information. Maison de la presse Tahar-Djaout, Alger.</p>
    <p><a href="/qui-sommes-nous">Qui sommes-nous</a> · <a href="/publicite">Publicité</a> · <a href="/mentions-legales">Mentions légales</a> · <a href="/contact">Contact</a></p>
    <p>© ${a.year} Maghreb Soir. Tous droits réservés.</p>
  </footer>
  <script src="https://stats.maghrebsoir.dz/matomo.js" async></script>
</body>
</html>
`;
}
