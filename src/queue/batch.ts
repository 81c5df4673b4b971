// Natural batching of a stage's database work: one batch runs at a time per worker process;
// what is submitted while it runs goes together in the next one. At low load every item goes
// alone (no added wait); under load one statement serves many items, which is several times
// cheaper per item than one statement each (bench/alerts.ts, bench/e2e.ts). Used by the
// article stage to store articles and match them against the alerts, and by the alerts stage.

/**
 * Returns a function that runs `run` on its input together with the inputs submitted while a
 * previous batch was running (at most `maxBatch` per run). With `lingerMs`, a batch that starts
 * after an idle moment first waits that long (or until `maxBatch` inputs have come) for others
 * to join it. `run` resolves with one result per input, in order; each caller gets its own, or
 * its batch's error — or, with `splitOnError`, its own error: a failed batch of several is run
 * again one input at a time, so that one bad input fails alone.
 */
export function createBatcher<I, R>(
  run: (inputs: I[]) => Promise<R[]>,
  maxBatch: number,
  options: { lingerMs?: number; splitOnError?: boolean } = {},
): (input: I) => Promise<R> {
  let waiting: { input: I; resolve: (v: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  let wake: (() => void) | null = null;
  const runChecked = async (inputs: I[]) => {
    const results = await run(inputs);
    if (results.length !== inputs.length) throw new Error(`batch: ${results.length} results for ${inputs.length} inputs`);
    return results;
  };

  const drain = async () => {
    running = true;
    if (options.lingerMs) {
      // Let more inputs join the first batch, unless it fills up first.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.lingerMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      try {
        const results = await runChecked(batch.map((w) => w.input));
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (err) {
        if (!options.splitOnError || batch.length === 1) {
          for (const w of batch) w.reject(err);
          continue;
        }
        // One bad input must not fail the others: run each alone, each gets its own outcome.
        for (const w of batch) {
          try {
            w.resolve((await runChecked([w.input]))[0]);
          } catch (own) {
            w.reject(own);
          }
        }
      }
    }
    running = false;
  };

  return (input: I) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (!running) void drain();
      else if (wake && waiting.length >= maxBatch) wake();
    });
}
