import { describe, expect, it } from 'vitest';
import { escapeHtml, logLine, renderEmail, webhookPayload, type AlertArticle, type AlertMessage } from '../../../src/alerts/message.ts';

const article: AlertArticle = {
  id: 7,
  url: 'https://exemple.ml/actualite/vente-d-armes?id=1&x=2',
  title: 'Sahel : la vente d’armes russes inquiète « les capitales »',
  siteName: 'Le Journal de Bamako',
  lang: 'fr',
  publishedAt: new Date('2026-03-29T08:15:00Z'),
  storedAt: new Date('2026-03-29T08:20:00Z'),
  snippet: 'la **vente** d’**armes** par Rosoboronexport <script>',
  topics: [{ id: 'arms-sales', score: 0.9, evidence: [{ text: 'vente d’armes', start: 10, end: 23, rule: 'vente' }] }],
  countries: ['ML', 'RU'],
  regions: ['sahel'],
  organizations: ['rosoboronexport'],
};

const message = (articles: AlertArticle[], kind: 'instant' | 'digest' = 'instant'): AlertMessage => ({
  kind,
  idempotencyKey: 'alert-3-7',
  subscription: { id: 3, name: 'Armes & Sahel', owner: 'desk', query: 'Rosoboronexport OR "vente d\'armes"' },
  articles,
});

describe('webhookPayload', () => {
  it('carries subscription, article metadata, snippet, topics and evidence', () => {
    const p = webhookPayload(message([article])) as any;
    expect(p.type).toBe('alert');
    expect(p.idempotency_key).toBe('alert-3-7');
    expect(p.subscription).toEqual({ id: 3, name: 'Armes & Sahel', owner: 'desk', query: 'Rosoboronexport OR "vente d\'armes"' });
    expect(p.articles[0]).toMatchObject({
      id: 7,
      title: 'Sahel : la vente d’armes russes inquiète « les capitales »',
      published_at: '2026-03-29T08:15:00.000Z',
      topics: [{ id: 'arms-sales', score: 0.9, evidence: [{ text: 'vente d’armes', start: 10, end: 23, rule: 'vente' }] }],
      countries: ['ML', 'RU'],
      organizations: ['rosoboronexport'],
    });
    expect(JSON.stringify(p)).not.toContain('secret');
  });
  it('names digests', () => {
    expect((webhookPayload(message([article, article], 'digest')) as any).type).toBe('digest');
  });
});

describe('renderEmail', () => {
  it('writes an instant alert in French with accents, the link and an escaped HTML body', () => {
    const m = renderEmail(message([article]), 'Europe/Paris');
    expect(m.subject).toBe('[Vigie] « Armes & Sahel » : Sahel : la vente d’armes russes inquiète « les capitales »');
    expect(m.text).toContain('L’alerte « Armes & Sahel »');
    expect(m.text).toContain('https://exemple.ml/actualite/vente-d-armes?id=1&x=2');
    expect(m.text).toContain('29 mars 2026 à 10:15');
    expect(m.text).toContain('la vente d’armes par Rosoboronexport');
    expect(m.html).toContain('<a href="https://exemple.ml/actualite/vente-d-armes?id=1&amp;x=2">');
    expect(m.html).toContain('<strong>vente</strong> d’<strong>armes</strong>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Armes &amp; Sahel');
  });
  it('counts the articles of a digest in its subject', () => {
    expect(renderEmail(message([article, { ...article, id: 8 }], 'digest')).subject).toBe('[Vigie] « Armes & Sahel » : 2 nouveaux articles');
    expect(renderEmail(message([article], 'digest')).subject).toBe('[Vigie] « Armes & Sahel » : 1 nouvel article');
  });
});

describe('escapeHtml and logLine', () => {
  it.each([
    ['<a href="x">l\'été & co</a>', '&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;'],
    ['sécurité', 'sécurité'],
  ])('escapes %s', (raw, out) => expect(escapeHtml(raw)).toBe(out));
  it('logs ids, titles and URLs only', () => {
    expect(logLine(message([article]))).toEqual({
      channel: 'log',
      kind: 'instant',
      idempotencyKey: 'alert-3-7',
      subscriptionId: 3,
      subscription: 'Armes & Sahel',
      articles: [{ id: 7, title: article.title, url: article.url, topics: ['arms-sales'] }],
    });
  });
});
