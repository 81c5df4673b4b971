// Natural batching of the alerts stage: one matching statement runs at a time per worker
// process; articles whose jobs arrive while it runs are matched together by the next one.
// At low load every article goes alone (no added wait); under load one statement serves many
// articles, which is several times cheaper per article than one statement each (bench/alerts.ts).

/** Returns a function that runs `run` on `id` together with the ids submitted while a previous batch was running (at most `maxBatch` per run); each caller gets its batch's result or error. */
export function createBatcher<T>(run: (ids: number[]) => Promise<T>, maxBatch: number): (id: number) => Promise<T> {
  let waiting: { id: number; resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      try {
        const result = await run([...new Set(batch.map((w) => w.id))]);
        for (const w of batch) w.resolve(result);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    running = false;
  };

  return (id: number) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ id, resolve, reject });
      if (!running) void drain();
    });
}
