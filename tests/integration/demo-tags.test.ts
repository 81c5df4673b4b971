// The bundled demo pages (samples/pages) decoded, extracted and tagged as the pipeline does,
// compared with the labels of samples/manifest.json: topics exactly on every page, entities
// by micro-F1 over the set (docs/TAXONOMY.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.ts';
import { decodeBody } from '../../src/fetch/charset.ts';
import { loadRules } from '../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../src/tag/tag.ts';
import type { TagResult } from '../../src/tag/types.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

interface Expected {
  topics: string[];
  countries: string[];
  regions: string[];
  organizations: string[];
}
interface Entry {
  path: string;
  file: string;
  kind: string;
  contentType: string;
  expected?: Expected;
  /** Set on the page that is gone (404): its text is in the feed item, not in the page. */
  status?: number;
}

const manifest = JSON.parse(readFileSync(`${SAMPLES}manifest.json`, 'utf8')) as { entries: Entry[] };
const pages = manifest.entries.filter((e) => e.kind === 'page' && e.expected && e.status === undefined);

let rules: CompiledRules;
const results = new Map<string, TagResult>();

beforeAll(() => {
  rules = loadRules();
  for (const page of pages) {
    const body = decodeBody(readFileSync(`${SAMPLES}${page.file}`), page.contentType);
    const article = extractArticle({ html: body.text, url: `http://127.0.0.1${page.path}` }, { now: new Date('2030-01-01T00:00:00Z') });
    results.set(page.file, tagArticle({ title: article.title ?? '', text: article.text, lang: article.lang }, rules));
  }
});

const sorted = (list: string[]) => [...list].sort();

describe('demo pages', () => {
  it('covers the 17 article pages of the manifest', () => {
    expect(pages.length).toBe(17);
  });

  it('gives exactly the expected topics on every page', () => {
    const wrong: string[] = [];
    for (const page of pages) {
      const got = sorted(results.get(page.file)!.topics.map((t) => t.id));
      const want = sorted(page.expected!.topics);
      if (got.join() !== want.join()) wrong.push(`${page.file}: got [${got}] want [${want}]`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(['countries', 'regions', 'organizations'] as const)('finds the %s with micro-F1 ≥ 0.95', (kind) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const diffs: string[] = [];
    for (const page of pages) {
      const got = new Set(results.get(page.file)![kind].map((e) => e.id));
      const want = new Set(page.expected![kind]);
      const added = [...got].filter((x) => !want.has(x));
      const missed = [...want].filter((x) => !got.has(x));
      tp += got.size - added.length;
      fp += added.length;
      fn += missed.length;
      if (added.length + missed.length > 0) diffs.push(`${page.file}: +[${added}] -[${missed}]`);
    }
    const f1 = tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
    expect({ f1: f1 >= 0.95 ? 'ok' : f1.toFixed(3), diffs: f1 >= 0.95 ? [] : diffs }).toEqual({ f1: 'ok', diffs: [] });
  });
});
