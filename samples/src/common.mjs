// Shared pieces of the sample outlets' markup (used by build.mjs and the outlet templates).

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Escapes text for HTML content and attribute values. */
export function esc(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Returns the wall-clock parts of an ISO date with offset, as written in it (no time-zone conversion). */
export function dateParts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  return { year: +m[1], month: +m[2], day: +m[3], hour: m[4], minute: m[5] };
}

/** Formats an ISO date the French way: « 14 octobre 2026 à 07h45 ». */
export function frenchDate(iso, { time = true } = {}) {
  const d = dateParts(iso);
  const day = d.day === 1 ? '1er' : String(d.day);
  return `${day} ${MONTHS[d.month - 1]} ${d.year}${time ? ` à ${d.hour}h${d.minute}` : ''}`;
}

/** Formats an ISO date as dd/mm/yyyy. */
export function numericDate(iso) {
  const d = dateParts(iso);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** Splits the article body into blocks: { kind: 'p' | 'h2', text }. */
export function blocks(body) {
  return body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => (b.startsWith('## ') ? { kind: 'h2', text: b.slice(3).trim() } : { kind: 'p', text: b.replace(/\s*\n\s*/g, ' ') }));
}

/** Renders body blocks as HTML with per-outlet tags and classes. */
export function bodyHtml(body, { p = 'p', pClass = '', h = 'h2', hClass = '', indent = '' } = {}) {
  const pc = pClass ? ` class="${pClass}"` : '';
  const hc = hClass ? ` class="${hClass}"` : '';
  return blocks(body)
    .map((b) => (b.kind === 'h2' ? `${indent}<${h}${hc}>${esc(b.text)}</${h}>` : `${indent}<${p}${pc}>${esc(b.text)}</${p}>`))
    .join('\n');
}

/** Counts the words of the article text (title excluded). */
export function wordCount(body) {
  return blocks(body).reduce((n, b) => n + b.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0);
}

/** Returns the JSON-LD NewsArticle script element for an article. */
export function jsonLd(a, outlet, url, { indent = '' } = {}) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: a.title,
    description: a.description,
    datePublished: a.date,
    dateModified: a.modified ?? a.date,
    inLanguage: outlet.lang,
    articleSection: a.section,
    author: [{ '@type': a.author.startsWith('Rédaction') || a.author.startsWith('Service') ? 'Organization' : 'Person', name: a.author }],
    publisher: { '@type': 'NewsMediaOrganization', name: outlet.name, logo: { '@type': 'ImageObject', url: `${outlet.home}static/logo.png` } },
  };
  if (a.image) data.image = [a.image];
  const json = JSON.stringify(data, null, 2).replace(/<\//g, '<\\/').replace(/\n/g, `\n${indent}`);
  return `${indent}<script type="application/ld+json">\n${indent}${json}\n${indent}</script>`;
}

/** Returns the common <meta> block: description, Open Graph, article times, Twitter card, canonical. */
export function metaTags(a, outlet, url, { indent = '    ', selfClose = '' } = {}) {
  const s = selfClose;
  return [
    `<meta name="description" content="${esc(a.description)}"${s}>`,
    `<meta name="author" content="${esc(a.author)}"${s}>`,
    `<link rel="canonical" href="${url}"${s}>`,
    `<meta property="og:type" content="article"${s}>`,
    `<meta property="og:site_name" content="${esc(outlet.name)}"${s}>`,
    `<meta property="og:locale" content="${outlet.lang.replace('-', '_')}"${s}>`,
    `<meta property="og:title" content="${esc(a.title)}"${s}>`,
    `<meta property="og:description" content="${esc(a.description)}"${s}>`,
    `<meta property="og:url" content="${url}"${s}>`,
    ...(a.image ? [`<meta property="og:image" content="${a.image}"${s}>`] : []),
    `<meta property="article:published_time" content="${a.date}"${s}>`,
    `<meta property="article:modified_time" content="${a.modified ?? a.date}"${s}>`,
    `<meta property="article:section" content="${esc(a.section)}"${s}>`,
    `<meta property="article:author" content="${esc(a.author)}"${s}>`,
    `<meta name="twitter:card" content="summary_large_image"${s}>`,
    `<meta name="twitter:site" content="@${outlet.twitter}"${s}>`,
  ].map((l) => indent + l).join('\n');
}

/** Returns the charset declaration element for a page, or '' when the page declares it only in HTTP. */
export function charsetMeta(page, { style = 'meta', indent = '    ' } = {}) {
  if (!page.charsetInMeta) return '';
  if (style === 'http-equiv') return `${indent}<meta http-equiv="Content-Type" content="text/html; charset=${page.charset}">\n`;
  return `${indent}<meta charset="${page.charset}">\n`;
}

/** Share links to the usual networks, with the page URL encoded. */
export function shareLinks(url, title) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { id: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { id: 'x', label: 'X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { id: 'whatsapp', label: 'WhatsApp', href: `https://api.whatsapp.com/send?text=${t}%20${u}` },
    { id: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { id: 'telegram', label: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
  ];
}
