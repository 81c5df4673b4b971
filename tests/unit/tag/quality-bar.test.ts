// The quality bar of issue 3 on labeled sets, computed in-process: our own extra set
// (tests/fixtures/tagging/extra.jsonl, written to test generalization) and, when the shared
// folder is beside the repository, the dev set. Same metrics as ../shared/eval/score-tagging.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';
import { TOPIC_IDS } from '../../../src/tag/rule-schema.ts';

interface Item {
  id: string;
  title: string;
  text: string;
  topics: string[];
  countries: string[];
  regions: string[];
  organizations: string[];
}

// The unseen-* batches were each scored blind once, then rules were tuned on them (docs/tagging.md):
// they are regression sets now, measured together; only fresh batches estimate held-out quality.
// unseen-6 and unseen-7 (round 2) were scored blind at topic micro-F1 0.780 and 0.814 (FP on
// negatives 1/18 each) before tuning; after it, together, they meet the same bar as the others.
// unseen-8 and unseen-9 (round 3) were scored blind at 0.848 and 0.882 (FP 0/18 and 0/17).
// unseen-10 (round 4) was scored blind at 0.806 with the round-3 rules (FP 0/18), then tuned on.
// unseen-11 and unseen-12 were written after round 4 and never tuned on: scored blind with the
// round-4 rules they met the bar (0.906 and 0.909, together 0.908, FP 0/36); kept here so that a
// rule change that loses it on text it was not written for fails.
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/tagging/${name}.jsonl`, import.meta.url));
const SETS: [string, string[]][] = [
  ['extra', [fixture('extra')]],
  ['unseen (1–5)', ['unseen-1', 'unseen-2', 'unseen-3', 'unseen-4', 'unseen-5'].map(fixture)],
  ['unseen (6–7)', ['unseen-6', 'unseen-7'].map(fixture)],
  ['unseen (8–10)', ['unseen-8', 'unseen-9', 'unseen-10'].map(fixture)],
  ['blind (11–12)', ['unseen-11', 'unseen-12'].map(fixture)],
  ['dev', [fileURLToPath(new URL('../../../../shared/eval/tagging-dev.jsonl', import.meta.url))]],
];

const readSet = (paths: string[]): Item[] =>
  paths.flatMap((path) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Item));

interface Counts { tp: number; fp: number; fn: number }
const f1 = ({ tp, fp, fn }: Counts) => (tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn));

/** Returns the bar's figures for a labeled set, and the items that went wrong. */
function evaluate(items: Item[], rules: CompiledRules) {
  const perTopic = new Map<string, Counts>(TOPIC_IDS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const entities = { countries: { tp: 0, fp: 0, fn: 0 }, regions: { tp: 0, fp: 0, fn: 0 }, organizations: { tp: 0, fp: 0, fn: 0 } };
  let negatives = 0;
  let falsePositives = 0;
  const wrong: string[] = [];
  const add = (c: Counts, got: Set<string>, want: Set<string>) => {
    for (const x of got) if (want.has(x)) c.tp++; else c.fp++;
    for (const x of want) if (!got.has(x)) c.fn++;
  };
  for (const item of items) {
    const r = tagArticle({ title: item.title, text: item.text }, rules);
    const got = new Set(r.topics.map((t) => t.id));
    const want = new Set(item.topics);
    for (const [topic, c] of perTopic) add(c, got.has(topic) ? new Set([topic]) : new Set(), want.has(topic) ? new Set([topic]) : new Set());
    if (want.size === 0) {
      negatives++;
      if (got.size > 0) falsePositives++;
    }
    if ([...got].sort().join() !== [...want].sort().join()) wrong.push(`${item.id}: got [${[...got]}] want [${[...want]}]`);
    for (const kind of ['countries', 'regions', 'organizations'] as const) add(entities[kind], new Set(r[kind].map((e) => e.id)), new Set(item[kind]));
  }
  const micro = [...perTopic.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const topicF1 = Object.fromEntries([...perTopic].filter(([, c]) => c.tp + c.fn > 0).map(([t, c]) => [t, f1(c)]));
  return { microF1: f1(micro), topicF1, fpRate: negatives === 0 ? 0 : falsePositives / negatives, countries: f1(entities.countries), regions: f1(entities.regions), organizations: f1(entities.organizations), wrong };
}

let rules: CompiledRules;
beforeAll(() => {
  rules = loadRules();
});

describe.each(SETS)('the quality bar on the %s set', (_name, paths) => {
  it.skipIf(!paths.every((p) => existsSync(p)))('topic micro-F1 ≥ 0.90, each topic ≥ 0.80, FP ≤ 5%, countries ≥ 0.95, organizations ≥ 0.90, regions ≥ 0.85', () => {
    const items = readSet(paths);
    expect(items.length).toBeGreaterThanOrEqual(60);
    const m = evaluate(items, rules);
    const failures: string[] = [];
    if (m.microF1 < 0.9) failures.push(`topic micro-F1 ${m.microF1.toFixed(3)}`);
    for (const [topic, v] of Object.entries(m.topicF1)) if (v < 0.8) failures.push(`${topic} F1 ${v.toFixed(3)}`);
    if (m.fpRate > 0.05) failures.push(`FP rate on negatives ${(m.fpRate * 100).toFixed(1)}%`);
    if (m.countries < 0.95) failures.push(`countries F1 ${m.countries.toFixed(3)}`);
    if (m.organizations < 0.9) failures.push(`organizations F1 ${m.organizations.toFixed(3)}`);
    if (m.regions < 0.85) failures.push(`regions F1 ${m.regions.toFixed(3)}`);
    expect(failures.length === 0 ? [] : [...failures, ...m.wrong]).toEqual([]);
  });
});
