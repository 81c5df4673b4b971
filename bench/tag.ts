// Tagging throughput on the bundled French corpus (bench/corpus/fr-articles.txt, ≥ 1 MB),
// next to a plain scan of the same text (one simple regex pass) measured in the same run,
// and the time to load and compile all rules. Single core. Run: node bin/run-ts.js bench/tag.ts
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadRules } from '../src/tag/load-rules.ts';
import { tagArticle } from '../src/tag/tag.ts';
import { percentile } from './e2e-stats.ts';

const CORPUS = fileURLToPath(new URL('./corpus/fr-articles.txt', import.meta.url));
// The plain scan: one case-insensitive pass for a handful of cue words, the cheapest tagger imaginable.
const PLAIN = /\b(?:armes?|armements?|livraisons?|ventes?|contrats?|embargo|trafic|mercenaires?)\b/giu;

/** Prints tagging and plain-scan throughput (MB/s), their ratio, and the rule load+compile time. */
export async function benchTagging(): Promise<void> {
  const corpus = readFileSync(CORPUS, 'utf8');
  const articles = corpus.split('\n=====\n').map((a) => {
    const cut = a.indexOf('\n\n');
    return { title: a.slice(0, cut), text: a.slice(cut + 2), lang: 'fr' };
  });
  const mb = Buffer.byteLength(corpus, 'utf8') / 1e6;

  // Load + compile: the first call in this process is the cold path (cold JIT, as in CI, on a
  // fresh machine and at every worker start: nothing is cached between processes), then the
  // median of 5 more calls (warm).
  // The process's CPU time is printed too: on a shared machine, waiting for a core inflates the
  // wall time (it includes V8's background compiler and GC threads, though).
  let t = performance.now();
  const cpu = process.cpuUsage();
  const rules = loadRules();
  const coldMs = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    loadRules();
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);

  const plain = rate(mb, () => {
    let n = 0;
    PLAIN.lastIndex = 0;
    while (PLAIN.exec(corpus) !== null) n++;
    return n;
  });
  const tagging = rate(mb, () => {
    let n = 0;
    for (const a of articles) n += tagArticle(a, rules).topics.length;
    return n;
  });

  console.log(`corpus: ${mb.toFixed(2)} MB, ${articles.length} articles (bench/corpus/fr-articles.txt)`);
  console.log(`rules load+compile: ${coldMs.toFixed(0)} ms first call (cold, ${((user + system) / 1000).toFixed(0)} ms CPU; target < 200 ms), ${loads[2].toFixed(0)} ms median of 5 more (warm)`);
  // Fresh processes, as a worker starts: the median says more than one first call on a shared
  // machine. With --single-threaded V8 compiles on the main thread, so the CPU time is the whole
  // cost of the load and does not depend on other processes.
  const fresh = coldLoads([], 5);
  const single = coldLoads(['--single-threaded'], 5);
  console.log(`rules load+compile in 5 fresh processes: ${median(fresh.map((r) => r.wallMs)).toFixed(0)} ms median (min ${Math.min(...fresh.map((r) => r.wallMs)).toFixed(0)}), ${median(fresh.map((r) => r.cpuMs)).toFixed(0)} ms CPU median; --single-threaded: ${median(single.map((r) => r.cpuMs)).toFixed(0)} ms CPU median`);
  console.log(`plain regex scan:   ${plain.toFixed(1)} MB/s`);
  console.log(`tagging:            ${tagging.toFixed(1)} MB/s  (${((100 * tagging) / plain).toFixed(0)}% of the plain scan; target ≥ 25%)`);
}

interface ColdLoad { wallMs: number; cpuMs: number }

// Loads the rules in `runs` fresh Node processes (this file with --cold-load) and returns their timings.
function coldLoads(nodeFlags: string[], runs: number): ColdLoad[] {
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const out: ColdLoad[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [...nodeFlags, runTs, fileURLToPath(import.meta.url), '--cold-load'], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench: cold rule load failed: ${child.stderr}`);
    out.push(JSON.parse(child.stdout) as ColdLoad);
  }
  return out;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

// Runs `fn` repeatedly for about 3 s after a warm-up and returns MB/s (the best of 3 rounds).
function rate(mb: number, fn: () => number): number {
  fn();
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < 1000) {
      fn();
      runs++;
    }
    best = Math.max(best, (runs * mb) / ((performance.now() - start) / 1000));
  }
  return best;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  if (process.argv.includes('--cold-load')) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    loadRules();
    const { user, system } = process.cpuUsage(cpu);
    console.log(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (user + system) / 1000 }));
  } else await benchTagging();
}
