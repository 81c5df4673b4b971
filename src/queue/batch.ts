// Natural batching of a stage's database work: one batch runs at a time per worker process;
// what is submitted while it runs goes together in the next one. At low load every item goes
// alone (no added wait); under load one statement serves many items, which is several times
// cheaper per item than one statement each (bench/alerts.ts, bench/e2e.ts). Used by the
// article stage to store articles and match them against the alerts, and by the alerts stage.

/**
 * Returns a function that runs `run` on its input together with the inputs submitted while a
 * previous batch was running (at most `maxBatch` per run). `run` resolves with one result per
 * input, in order; each caller gets its own, or its batch's error.
 */
export function createBatcher<I, R>(run: (inputs: I[]) => Promise<R[]>, maxBatch: number): (input: I) => Promise<R> {
  let waiting: { input: I; resolve: (v: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      try {
        const results = await run(batch.map((w) => w.input));
        if (results.length !== batch.length) throw new Error(`batch: ${results.length} results for ${batch.length} inputs`);
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    running = false;
  };

  return (input: I) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (!running) void drain();
    });
}
