// `vigie retag`: re-tags stored articles after a rules change, in batches by id (keyset
// pagination), rewriting only the articles whose tags differ. Rerunning changes nothing.
import type { Sql } from '../db/client.ts';
import {
  countArticlesToRetag, entityRows, loadStoredTags, markArticleTagged, saveTags, selectArticlesToRetag,
  type RetagFilter, type StoredTags,
} from '../store/tags.ts';
import type { CompiledRules } from './compile.ts';
import { rulesVersion, tagArticle } from './tag.ts';
import type { TagResult } from './types.ts';

export interface RetagDeps {
  sql: Sql;
  rules: CompiledRules;
  /** Called with the number of articles checked so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface RetagSummary {
  checked: number;
  changed: number;
  /** Per topic id: how many articles gained it, and lost it. */
  topics: Record<string, { added: number; removed: number }>;
  version: string;
}

export interface TagDiff {
  changed: boolean;
  added: string[];
  removed: string[];
}

/** Returns whether a new result differs from the stored rows, and which topics it adds and removes. Pure. */
export function diffTags(stored: StoredTags, result: TagResult): TagDiff {
  const before = new Set(stored.topics.map((t) => t.topic));
  const after = new Set(result.topics.map((t) => t.id));
  const added = [...after].filter((t) => !before.has(t)).sort();
  const removed = [...before].filter((t) => !after.has(t)).sort();
  const storedRows = canonical({
    topics: [...stored.topics].sort((a, b) => cmp(a.topic, b.topic)).map((t) => [t.topic, round(t.score), t.evidence]),
    entities: [...stored.entities].sort((a, b) => cmp(a.kind + a.entity, b.kind + b.entity)).map((e) => [e.kind, e.entity, e.mentions, e.evidence]),
  });
  const newRows = canonical({
    topics: [...result.topics].sort((a, b) => cmp(a.id, b.id)).map((t) => [t.id, round(t.score), t.evidence]),
    entities: entityRows(result).sort((a, b) => cmp(a.kind + a.entity, b.kind + b.entity)).map((e) => [e.kind, e.entity, e.mentions, e.evidence]),
  });
  return { changed: storedRows !== newRows, added, removed };
}

/** Re-tags the stored articles matching `filter`; returns what changed. Throws what the database throws. */
export async function retagArticles(deps: RetagDeps, filter: RetagFilter, batchSize = 200): Promise<RetagSummary> {
  const { sql, rules } = deps;
  const version = rulesVersion(rules);
  const summary: RetagSummary = { checked: 0, changed: 0, topics: {}, version };
  const total = await countArticlesToRetag(sql, filter);
  let afterId = 0;
  for (;;) {
    const batch = await selectArticlesToRetag(sql, filter, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const stored = await loadStoredTags(sql, batch.map((a) => a.id));
    for (const article of batch) {
      const result = tagArticle({ title: article.title ?? '', text: article.text ?? '', lang: article.langDeclared ?? article.feedLanguage }, rules);
      const diff = diffTags(stored.get(article.id)!, result);
      if (diff.changed) {
        await sql.begin(async (tx) => {
          await saveTags(tx, article.id, result);
          await markArticleTagged(tx, article.id, result.lang, version);
        });
        summary.changed++;
        for (const t of diff.added) (summary.topics[t] ??= { added: 0, removed: 0 }).added++;
        for (const t of diff.removed) (summary.topics[t] ??= { added: 0, removed: 0 }).removed++;
      } else if (article.taggerVersion !== version || article.lang !== result.lang) {
        await markArticleTagged(sql, article.id, result.lang, version);
      }
      summary.checked++;
    }
    deps.onProgress?.(summary.checked, total);
  }
  return summary;
}

/** Returns the summary as lines of text for the terminal. */
export function formatRetagSummary(s: RetagSummary): string[] {
  const lines = [`retag: ${s.checked} article(s) checked, ${s.changed} changed, ${s.checked - s.changed} unchanged (tagger ${s.version})`];
  const ids = Object.keys(s.topics).sort();
  if (ids.length > 0) {
    lines.push(`${'topic'.padEnd(22)} ${'added'.padStart(7)} ${'removed'.padStart(7)}`);
    for (const id of ids) lines.push(`${id.padEnd(22)} ${String(s.topics[id].added).padStart(7)} ${String(s.topics[id].removed).padStart(7)}`);
  }
  return lines;
}

const round = (x: number) => Math.round(x * 100) / 100;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// JSON with object keys sorted, so that jsonb's key order does not count as a difference.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => cmp(a, b))) : v);
}
