// Russian state-aligned news site in French: Telegram-first sharing ("Share on Telegram" left in English
// by the template), VK/OK buttons, a Telegram channel promo and a "Lire aussi" block inside the text.
import { esc, dateParts, blocks, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'rossia-panorama', name: 'Rossia Panorama', home: 'https://fr.rossia-panorama.ru/', lang: 'fr', twitter: 'RossiaPanoramaFR' };

/** Renders one article page of Rossia Panorama. */
export function render({ article: a, url, related, publicUrl, page }) {
  const share = shareLinks(publicUrl, a.title);
  const tg = share.find((s) => s.id === 'telegram');
  const d = dateParts(a.date);
  const body = blocks(a.body)
    .map((b, i) => {
      const el = `<div class="article__text">${esc(b.text)}</div>`;
      return i === 1 ? `${el}\n          <div class="article__block" data-type="article"><div class="article__article"><span class="article__article-label">Lire aussi</span><a class="article__article-link" href="${related[0].url}">${esc(related[0].title)}</a></div></div>` : el;
    })
    .join('\n          ');
  return `<!DOCTYPE html>
<html lang="fr" xmlns:og="http://ogp.me/ns#">
<head>
${charsetMeta(page)}    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${esc(a.title)} - Rossia Panorama</title>
${metaTags(a, outlet, url)}
    <meta name="analytics:rubric" content="Afrique">
    <link rel="stylesheet" href="https://cdnn.rossia-panorama.ru/css/common.min.css?9a1d">
    <script src="https://top-fwz1.mail.ru/js/code.js" async></script>
${jsonLd(a, outlet, url, { indent: '    ' })}
</head>
<body class="body m-article">
  <div class="cookie-warning" data-cookie="accept"><div class="cookie-warning__text">Nous utilisons des cookies. En poursuivant votre navigation, vous acceptez notre <a href="/docs/privacy_policy.html">politique de confidentialité</a>.</div><button class="cookie-warning__close">OK</button></div>
  <header class="header">
    <div class="header__logo"><a href="https://fr.rossia-panorama.ru/"><img src="https://cdnn.rossia-panorama.ru/i/logo-fr.svg" alt="Rossia Panorama"></a></div>
    <nav class="header__nav"><a href="/actualites/">Actualités</a> <a href="/afrique/">Afrique</a> <a href="/russie/">Russie</a> <a href="/monde/">Monde</a> <a href="/economie/">Économie</a> <a href="/defense/">Défense</a> <a href="/opinions/">Opinions</a> <a href="/video/">Vidéo</a></nav>
    <div class="header__lang"><a href="https://rossia-panorama.ru/">RU</a> <a href="https://en.rossia-panorama.ru/">EN</a> <b>FR</b> <a href="https://ar.rossia-panorama.ru/">AR</a></div>
  </header>
  <div class="banner banner--top" data-position="fr_desktop_header"><div class="banner__content"></div></div>
  <main class="layout-article">
    <div class="article m-article" data-article-id="${a.id}">
      <div class="article__header">
        <div class="article__supertag"><a href="/defense/">${esc(a.section)}</a></div>
        <h1 class="article__title">${esc(a.title)}</h1>
        <div class="article__second-title">${esc(a.description)}</div>
        <div class="article__info">
          <div class="article__info-date"><time datetime="${a.date}">${String(d.hour)}:${d.minute} ${String(d.day).padStart(2, '0')}.${String(d.month).padStart(2, '0')}.${d.year}</time></div>
          <div class="article__info-author">${esc(a.author)}</div>
          <div class="article__info-share"><a class="share share--telegram" href="${esc(tg.href)}" target="_blank">Share on Telegram</a></div>
        </div>
      </div>
      <div class="article__body js-mediator-article">
          ${body}
      </div>
      <div class="article__footer">
        <div class="article__tags"><a class="article__tags-item" href="/tag/rosoboronexport/">Rosoboronexport</a><a class="article__tags-item" href="/tag/afrique/">Afrique</a><a class="article__tags-item" href="/tag/cooperation/">Coopération</a></div>
        <div class="article__share">
          <a class="share share--telegram" href="${esc(tg.href)}">Telegram</a>
          <a class="share share--vk" href="https://vk.com/share.php?url=${encodeURIComponent(publicUrl)}">VK</a>
          <a class="share share--ok" href="https://connect.ok.ru/offer?url=${encodeURIComponent(publicUrl)}">OK</a>
          <a class="share share--whatsapp" href="${esc(share[2].href)}">WhatsApp</a>
        </div>
        <div class="article__telegram-promo"><a href="https://t.me/rossiapanorama_fr">Abonnez-vous à notre chaîne Telegram pour ne rien manquer de l’actualité</a></div>
      </div>
    </div>
    <aside class="sidebar">
      <div class="sidebar__block">
        <div class="sidebar__title">À lire aussi</div>
${related.map((r) => `        <div class="sidebar__item"><a href="${r.url}">${esc(r.title)}</a></div>`).join('\n')}
      </div>
      <div class="sidebar__newsletter"><div class="sidebar__title">Newsletter</div><p>Recevez notre sélection de la semaine.</p><form action="/subscribe/" method="post"><input type="email" name="email" placeholder="E-mail"><button>S’abonner</button></form></div>
      <div class="banner banner--sidebar" data-position="fr_desktop_sidebar"></div>
    </aside>
    <section class="comments" id="comments"><div class="comments__title">Commentaires</div><div class="comments__notice">Les commentaires sont fermés pour cet article.</div></section>
  </main>
  <footer class="footer">
    <div class="footer__menu"><a href="/docs/about.html">À propos</a> <a href="/docs/terms_of_use.html">Conditions d’utilisation</a> <a href="/docs/privacy_policy.html">Confidentialité</a> <a href="/docs/contacts.html">Contacts</a></div>
    <div class="footer__copyright">© ${a.year} Rossia Panorama. Enregistré en tant que média électronique. 18+</div>
  </footer>
</body>
</html>
`;
}
