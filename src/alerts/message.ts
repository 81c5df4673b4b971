// What an alert says: the webhook JSON document and the e-mail bodies (French, plain text and
// HTML) of one message, an instant alert (one article) or a digest (several). Pure.

export interface AlertTopic {
  id: string;
  score: number;
  evidence: { text: string; start: number; end: number; rule: string }[];
}

export interface AlertArticle {
  id: number;
  url: string;
  title: string | null;
  siteName: string | null;
  lang: string | null;
  publishedAt: Date | null;
  storedAt: Date | null;
  /** Passages of the text with the matched words between ** and **. */
  snippet: string;
  topics: AlertTopic[];
  countries: string[];
  regions: string[];
  organizations: string[];
}

export interface AlertSubscriptionInfo {
  id: number;
  name: string;
  owner: string | null;
  query: string;
}

export interface AlertMessage {
  kind: 'instant' | 'digest';
  idempotencyKey: string;
  subscription: AlertSubscriptionInfo;
  articles: AlertArticle[];
}

/** Returns the JSON document POSTed to a webhook (snake_case, ISO 8601 dates). */
export function webhookPayload(message: AlertMessage): Record<string, unknown> {
  const s = message.subscription;
  return {
    type: message.kind === 'instant' ? 'alert' : 'digest',
    idempotency_key: message.idempotencyKey,
    subscription: { id: s.id, name: s.name, owner: s.owner, query: s.query },
    articles: message.articles.map((a) => ({
      id: a.id,
      url: a.url,
      title: a.title,
      site_name: a.siteName,
      lang: a.lang,
      published_at: a.publishedAt?.toISOString() ?? null,
      stored_at: a.storedAt?.toISOString() ?? null,
      snippet: a.snippet,
      topics: a.topics.map((t) => ({ id: t.id, score: t.score, evidence: t.evidence })),
      countries: a.countries,
      regions: a.regions,
      organizations: a.organizations,
    })),
  };
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Returns `s` with the five HTML special characters escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function frenchDate(d: Date | null, tz: string): string | null {
  if (!d) return null;
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: tz }).format(d);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Returns the subject and the plain-text and HTML bodies of an alert e-mail; dates are shown in `tz`. */
export function renderEmail(message: AlertMessage, tz = 'UTC'): EmailContent {
  const s = message.subscription;
  const articles = message.articles;
  const subject =
    message.kind === 'instant' && articles.length === 1
      ? `[Vigie] « ${s.name} » : ${articles[0].title ?? articles[0].url}`
      : `[Vigie] « ${s.name} » : ${plural(articles.length, 'nouvel article', 'nouveaux articles')}`;
  const intro = `L’alerte « ${s.name} » (requête : ${s.query}) a trouvé ${plural(articles.length, 'article', 'articles')}.`;
  const footer = `Vigie — veille sur le commerce des armes. Pour suspendre cette alerte : vigie alerts pause ${s.id}`;
  const meta = (a: AlertArticle) =>
    [a.siteName, frenchDate(a.publishedAt, tz), a.topics.length ? `thèmes : ${a.topics.map((t) => t.id).join(', ')}` : null]
      .filter(Boolean)
      .join(' · ');

  const text = [
    'Bonjour,',
    '',
    intro,
    '',
    ...articles.flatMap((a, i) => [
      `${i + 1}. ${a.title ?? a.url}`,
      ...(meta(a) ? [`   ${meta(a)}`] : []),
      `   ${a.url}`,
      ...(a.snippet ? [`   ${a.snippet.replace(/\*\*/g, '')}`] : []),
      '',
    ]),
    '-- ',
    footer,
    '',
  ].join('\n');

  const snippetHtml = (snippet: string) =>
    escapeHtml(snippet).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  const html = [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family: sans-serif; line-height: 1.4">',
    '<p>Bonjour,</p>',
    `<p>${escapeHtml(intro)}</p>`,
    '<ol>',
    ...articles.map(
      (a) =>
        `<li><p><a href="${escapeHtml(a.url)}">${escapeHtml(a.title ?? a.url)}</a>` +
        (meta(a) ? `<br><small>${escapeHtml(meta(a))}</small>` : '') +
        (a.snippet ? `<br>${snippetHtml(a.snippet)}` : '') +
        '</p></li>',
    ),
    '</ol>',
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

/** Returns the structured fields of the log channel's one line for `message`. */
export function logLine(message: AlertMessage): Record<string, unknown> {
  return {
    channel: 'log',
    kind: message.kind,
    idempotencyKey: message.idempotencyKey,
    subscriptionId: message.subscription.id,
    subscription: message.subscription.name,
    articles: message.articles.map((a) => ({ id: a.id, title: a.title, url: a.url, topics: a.topics.map((t) => t.id) })),
  };
}
