// Pure helpers of the end-to-end benchmark: distributions of stage durations, resident memory
// read from /proc/PID/status, and the stage durations the workers log with each job outcome.

export interface Distribution {
  count: number;
  mean: number;
  p95: number;
  max: number;
}

/** Returns the value below which `p` percent of `sorted` (ascending) lie (nearest rank); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Returns count, mean, 95th percentile and maximum of `values` (NaN fields when empty). */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p95: percentile(sorted, 95),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** Returns the resident set size in KiB from the text of /proc/PID/status, or null when it has no VmRSS line (a zombie). */
export function parseVmRssKb(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) : null;
}

/** Returns user + system CPU seconds from the text of /proc/PID/stat (`ticksPerSecond` clock ticks a second), or null when malformed. */
export function parseCpuSeconds(stat: string, ticksPerSecond = 100): number | null {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) && fields.length > 12 ? (utime + stime) / ticksPerSecond : null;
}

/** Returns the busy CPU seconds of the whole machine (all cores, every state but idle and iowait) from /proc/stat's text, or null when it is not one. */
export function parseMachineCpuSeconds(procStat: string, ticksPerSecond = 100): number | null {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq, steal ?? 0];
  return busy.every(Number.isFinite) ? busy.reduce((a, b) => a + b, 0) / ticksPerSecond : null;
}

/** Returns Redis's own CPU seconds (used_cpu_user + used_cpu_sys) from the text of INFO cpu, or null. */
export function parseRedisCpuSeconds(info: string): number | null {
  const field = (name: string) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? Number.NaN);
  const total = field('used_cpu_user') + field('used_cpu_sys');
  return Number.isFinite(total) ? total : null;
}

export interface RssSample {
  /** Seconds since the benchmark started. */
  atS: number;
  kb: number;
}

export interface RssSummary {
  first: number;
  middle: number;
  last: number;
  max: number;
  /** Largest value of the last third of the run minus largest of the middle third (KiB): growth shows as a positive number. */
  lateGrowth: number;
}

/** Returns the first, middle, last and largest samples (KiB) of one process, and its late growth; null when there is none. */
export function summarizeRss(samples: readonly RssSample[]): RssSummary | null {
  if (samples.length === 0) return null;
  const third = Math.floor(samples.length / 3);
  const maxOf = (xs: readonly RssSample[]) => xs.reduce((m, s) => Math.max(m, s.kb), 0);
  return {
    first: samples[0].kb,
    middle: samples[Math.floor(samples.length / 2)].kb,
    last: samples[samples.length - 1].kb,
    max: maxOf(samples),
    lateGrowth: third > 0 ? maxOf(samples.slice(samples.length - third)) - maxOf(samples.slice(third, samples.length - third)) : 0,
  };
}

/** The stages whose durations the report gives, in pipeline order. */
export const STAGES = ['fetch', 'extract', 'tag', 'store', 'alert match'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageTiming {
  stage: StageName;
  ms: number;
}

/** Returns the stage durations carried by one JSON log line of a worker ('job completed' of the articles or alerts queue); [] for any other line. */
export function stageTimingsOf(line: string): StageTiming[] {
  if (!line.startsWith('{') || !line.includes('"job completed"')) return [];
  let entry: { queue?: string; stageMs?: Record<string, unknown>; matchMs?: unknown };
  try {
    entry = JSON.parse(line);
  } catch {
    return [];
  }
  const out: StageTiming[] = [];
  if (entry.queue === 'articles' && entry.stageMs) {
    for (const stage of ['fetch', 'extract', 'tag', 'store'] as const) {
      const ms = entry.stageMs[stage];
      if (typeof ms === 'number') out.push({ stage, ms });
    }
    // Matched by the article stage right after storing (src/alerts/inline.ts).
    if (typeof entry.stageMs.match === 'number') out.push({ stage: 'alert match', ms: entry.stageMs.match });
  }
  if (entry.queue === 'alerts' && typeof entry.matchMs === 'number') out.push({ stage: 'alert match', ms: entry.matchMs });
  return out;
}

/** Returns `n` indexes spread evenly over 0 … total - 1 (all of them when n ≥ total). */
export function evenSample(total: number, n: number): number[] {
  if (n >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
}
