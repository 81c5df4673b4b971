// `npm run chaos [-- --feeds N --items M --seed S --cycles C --publish-s SECONDS --logs DIR]`: ingests a fixed corpus
// under faults (scripts/chaos-run.ts) and prints the counts; exits 1 when one that must be 0 is not.
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, formatReport, runChaos, type ChaosOptions } from './chaos-run.ts';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string' },
    items: { type: 'string' },
    seed: { type: 'string' },
    cycles: { type: 'string' },
    'publish-s': { type: 'string' },
    logs: { type: 'string' },
  },
});

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    console.error(`chaos: --${name} must be a positive integer; got '${raw}'`);
    process.exit(2);
  }
  return Number(raw);
}

const options: ChaosOptions = {
  ...DEFAULT_OPTIONS,
  feeds: positive('feeds', values.feeds, DEFAULT_OPTIONS.feeds),
  items: positive('items', values.items, DEFAULT_OPTIONS.items),
  seed: positive('seed', values.seed, DEFAULT_OPTIONS.seed),
  cycles: positive('cycles', values.cycles, DEFAULT_OPTIONS.cycles),
  publishMs: positive('publish-s', values['publish-s'], DEFAULT_OPTIONS.publishMs / 1000) * 1000,
  logsDir: values.logs,
  progress: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
};

// Ctrl-C stops the run at its next pause; its cleanup (workers, PostgreSQL, Redis, temporary
// directory) runs before the process exits.
const abort = new AbortController();
const onSignal = () => {
  if (abort.signal.aborted) process.exit(130);
  console.error('chaos: interrupted, cleaning up (Ctrl-C again to quit at once)');
  abort.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const report = await runChaos({ ...options, signal: abort.signal });
  console.log(formatReport(report, options));
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  console.error(abort.signal.aborted ? 'chaos: interrupted' : `chaos: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = abort.signal.aborted ? 130 : 1;
}
