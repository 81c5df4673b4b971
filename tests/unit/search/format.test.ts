import { describe, expect, it } from 'vitest';
import { formatCsv, formatHits, formatJson, formatTable } from '../../../src/search/format.ts';
import type { SearchHit } from '../../../src/search/search.ts';

const hit = (over: Partial<SearchHit> = {}): SearchHit => ({
  articleId: 42,
  datedAt: new Date('2026-11-20T12:00:00Z'),
  lang: 'fr',
  siteName: 'Le Monde',
  feedId: 1,
  title: "Vente d'armes : « contrat, signé »",
  url: 'https://example.org/a?x=1',
  rank: 0.123456,
  snippet: 'la **vente** d\'armes, "signée"\nhier',
  topics: ['arms_trade'],
  countries: ['ML', 'RU'],
  organizations: ['rosoboronexport'],
  ...over,
});

describe('formatCsv', () => {
  it('quotes cells with commas, quotes and newlines (RFC 4180) and keeps accents', () => {
    expect(formatCsv([hit()])).toBe(
      'article_id,dated_at,lang,site_name,title,url,rank,topics,countries,organizations,snippet\r\n' +
        '42,2026-11-20T12:00:00.000Z,fr,Le Monde,"Vente d\'armes : « contrat, signé »",https://example.org/a?x=1,0.1235,' +
        'arms_trade,ML RU,rosoboronexport,"la **vente** d\'armes, ""signée""\nhier"\r\n',
    );
  });

  it('writes only the header when there is no hit', () => {
    expect(formatCsv([])).toBe('article_id,dated_at,lang,site_name,title,url,rank,topics,countries,organizations,snippet\r\n');
  });
});

describe('formatJson', () => {
  it('round-trips through JSON.parse', () => {
    const parsed = JSON.parse(formatJson([hit()]));
    expect(parsed[0]).toMatchObject({ articleId: 42, title: "Vente d'armes : « contrat, signé »", countries: ['ML', 'RU'] });
  });
});

describe('formatTable', () => {
  it('shows date, language, outlet, tags, title, URL and a one-line snippet', () => {
    const out = formatTable([hit()]);
    expect(out).toContain('  1. 2026-11-20 [fr] Le Monde #42  arms_trade ML RU rosoboronexport');
    expect(out).toContain("Vente d'armes : « contrat, signé »");
    expect(out).toContain('la **vente** d\'armes, "signée" hier');
    expect(out).toMatch(/1 article\(s\)\.\n$/);
  });

  it('says so in French when nothing matched', () => {
    expect(formatTable([])).toBe('Aucun article trouvé.\n');
  });

  it('handles missing title and language', () => {
    expect(formatHits([hit({ title: null, lang: null, topics: [], countries: [], organizations: [] })], 'table')).toContain('[?] Le Monde #42\n     (sans titre)');
  });
});
