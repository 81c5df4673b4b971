import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../src/queue/batch.ts';

function recorder(failOn: number[] = []) {
  const batches: number[][] = [];
  const run = async (ids: number[]) => {
    batches.push(ids);
    await new Promise((r) => setImmediate(r));
    if (ids.some((id) => failOn.includes(id))) throw new Error(`batch ${ids.join(',')} failed`);
    // Each input's own result: its id and the size of its batch.
    return ids.map((id) => `${id}/${ids.length}`);
  };
  return { batches, run };
}

describe('createBatcher', () => {
  it.each([
    // The first input runs alone at once; those submitted meanwhile go together next.
    [10, [1, 2, 3, 4, 5], [[1], [2, 3, 4, 5]]],
    [2, [1, 2, 3, 4, 5], [[1], [2, 3], [4, 5]]],
    // Duplicates are passed on as submitted: the run decides what a duplicate means.
    [10, [1, 2, 2, 3], [[1], [2, 2, 3]]],
  ])('maxBatch %i, inputs %j → %j', async (maxBatch, ids, expected) => {
    const { batches, run } = recorder();
    const submit = createBatcher(run, maxBatch);
    await Promise.all(ids.map((id) => submit(id)));
    expect(batches).toEqual(expected);
  });

  it("gives every caller its own input's result, and a failure only to that batch", async () => {
    const { run } = recorder([3]);
    const submit = createBatcher(run, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((id) => submit(id)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      '1/1', 'batch 2,3 failed', 'batch 2,3 failed', '4/2', '5/2',
    ]);
  });

  it('rejects the whole batch when the run returns the wrong number of results', async () => {
    const submit = createBatcher(async (ids: number[]) => ids.slice(1), 10);
    await expect(submit(1)).rejects.toThrow('batch: 0 results for 1 inputs');
    // The batcher is still usable afterwards.
    const ok = createBatcher(async (ids: number[]) => ids.map((id) => id * 2), 10);
    expect(await ok(21)).toBe(42);
  });

  it('with splitOnError, a failed batch is run again one input at a time: only the bad one fails', async () => {
    const { batches, run } = recorder([3]);
    const submit = createBatcher(run, 10, { splitOnError: true });
    const results = await Promise.allSettled([1, 2, 3, 4].map((id) => submit(id)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      '1/1', '2/1', 'batch 3 failed', '4/1',
    ]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('with lingerMs, the first batch after an idle moment waits for others to join it', async () => {
    const { batches, run } = recorder();
    const submit = createBatcher(run, 10, { lingerMs: 30 });
    const first = submit(1);
    await new Promise((r) => setTimeout(r, 5));
    const second = submit(2);
    expect(await Promise.all([first, second])).toEqual(['1/2', '2/2']);
    expect(batches).toEqual([[1, 2]]);
  });

  it('with lingerMs, a batch that fills up runs without waiting out the delay', async () => {
    const { batches, run } = recorder();
    const submit = createBatcher(run, 3, { lingerMs: 60_000 });
    // Would time out (vitest's 5 s) if the full batch waited for the minute.
    expect(await Promise.all([1, 2, 3, 4].map((id) => submit(id)))).toEqual(['1/3', '2/3', '3/3', '4/1']);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('runs alone again once idle', async () => {
    const { batches, run } = recorder();
    const submit = createBatcher(run, 10);
    await submit(1);
    await submit(2);
    expect(batches).toEqual([[1], [2]]);
  });
});
