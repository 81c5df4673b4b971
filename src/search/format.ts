// Pure rendering of search hits for the terminal (table), for programs (json) and spreadsheets (csv).
import type { SearchHit } from './search.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

const CSV_COLUMNS = ['article_id', 'dated_at', 'lang', 'site_name', 'title', 'url', 'rank', 'topics', 'countries', 'organizations', 'snippet'] as const;

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cells(hit: SearchHit): string[] {
  return [
    String(hit.articleId),
    hit.datedAt.toISOString(),
    hit.lang ?? '',
    hit.siteName ?? '',
    hit.title ?? '',
    hit.url,
    hit.rank.toFixed(4),
    hit.topics.join(' '),
    hit.countries.join(' '),
    hit.organizations.join(' '),
    hit.snippet,
  ];
}

/** Returns RFC 4180 CSV (header row, CRLF line ends) of the hits; lists are space-separated. */
export function formatCsv(hits: SearchHit[]): string {
  return [CSV_COLUMNS.join(','), ...hits.map((h) => cells(h).map(csvCell).join(','))].map((l) => l + '\r\n').join('');
}

/** Returns the hits as a JSON array (one object per hit, camelCase keys), newline-terminated. */
export function formatJson(hits: SearchHit[]): string {
  return JSON.stringify(hits, null, 2) + '\n';
}

function oneLine(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat;
}

/** Returns a human-readable listing: per hit a header line (date, language, outlet, tags), the title, the URL and the snippet. */
export function formatTable(hits: SearchHit[]): string {
  if (hits.length === 0) return 'Aucun article trouvé.\n';
  const blocks = hits.map((h, i) => {
    const tags = [...h.topics, ...h.countries, ...h.organizations].join(' ');
    return [
      `${String(i + 1).padStart(3)}. ${h.datedAt.toISOString().slice(0, 10)} [${h.lang ?? '?'}] ${h.siteName ?? ''} #${h.articleId}${tags ? '  ' + tags : ''}`,
      `     ${oneLine(h.title ?? '(sans titre)', 100)}`,
      `     ${h.url}`,
      `     ${oneLine(h.snippet, 200)}`,
    ].join('\n');
  });
  return blocks.join('\n') + `\n${hits.length} article(s).\n`;
}

/** Returns the hits rendered in `format`. */
export function formatHits(hits: SearchHit[], format: OutputFormat): string {
  return format === 'json' ? formatJson(hits) : format === 'csv' ? formatCsv(hits) : formatTable(hits);
}
