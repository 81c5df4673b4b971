// diffTags decides which articles `vigie retag` rewrites.
import { describe, expect, it } from 'vitest';
import { diffTags } from '../../../src/tag/retag.ts';
import type { TagResult } from '../../../src/tag/types.ts';

const evidence = [{ text: 'vente d’armes', start: 3, end: 16, rule: 'fr.arms_trade.deal' }];
const result: TagResult = {
  lang: 'fr',
  topics: [{ id: 'arms_trade', score: 3.13, evidence }],
  countries: [{ id: 'ML', mentions: 1, evidence: [{ text: 'Mali', start: 0, end: 4, rule: 'country:country:ML' }] }],
  regions: [],
  organizations: [],
};
const stored = {
  topics: [{ topic: 'arms_trade', score: 3.130000114440918, evidence: [{ end: 16, rule: 'fr.arms_trade.deal', start: 3, text: 'vente d’armes' }] }],
  entities: [{ kind: 'country' as const, entity: 'ML', mentions: 1, evidence: [{ end: 4, rule: 'country:country:ML', start: 0, text: 'Mali' }] }],
};

describe('diffTags', () => {
  it('sees no change in rows read back from PostgreSQL (real scores, jsonb key order)', () => {
    expect(diffTags(stored, result)).toEqual({ changed: false, added: [], removed: [] });
  });

  it.each([
    ['a topic added', { ...result, topics: [...result.topics, { id: 'military_aid', score: 2.5, evidence }] }, ['military_aid'], []],
    ['a topic removed', { ...result, topics: [] }, [], ['arms_trade']],
    ['a new score', { ...result, topics: [{ ...result.topics[0], score: 4 }] }, [], []],
    ['an entity added', { ...result, regions: [{ id: 'sahel', mentions: 1, evidence: [] }] }, [], []],
    ['other evidence', { ...result, topics: [{ ...result.topics[0], evidence: [] }] }, [], []],
  ])('reports %s as a change', (_name, next, added, removed) => {
    expect(diffTags(stored, next as TagResult)).toEqual({ changed: true, added, removed });
  });
});
