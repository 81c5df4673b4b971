import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../src/alerts/batch.ts';

function recorder(failOn: number[] = []) {
  const batches: number[][] = [];
  const run = async (ids: number[]) => {
    batches.push(ids);
    await new Promise((r) => setImmediate(r));
    if (ids.some((id) => failOn.includes(id))) throw new Error(`batch ${ids.join(',')} failed`);
    return ids.length;
  };
  return { batches, run };
}

describe('createBatcher', () => {
  it.each([
    // The first id runs alone at once; those submitted meanwhile go together next.
    [10, [1, 2, 3, 4, 5], [[1], [2, 3, 4, 5]]],
    [2, [1, 2, 3, 4, 5], [[1], [2, 3], [4, 5]]],
    // A duplicated id (the same article twice) is matched once per batch.
    [10, [1, 2, 2, 3], [[1], [2, 3]]],
  ])('maxBatch %i, ids %j → %j', async (maxBatch, ids, expected) => {
    const { batches, run } = recorder();
    const submit = createBatcher(run, maxBatch);
    await Promise.all(ids.map((id) => submit(id)));
    expect(batches).toEqual(expected);
  });

  it('gives every caller its own batch result, and a failure only to that batch', async () => {
    const { run } = recorder([3]);
    const submit = createBatcher(run, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((id) => submit(id)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      1, 'batch 2,3 failed', 'batch 2,3 failed', 2, 2,
    ]);
  });

  it('runs alone again once idle', async () => {
    const { batches, run } = recorder();
    const submit = createBatcher(run, 10);
    await submit(1);
    await submit(2);
    expect(batches).toEqual([[1], [2]]);
  });
});
