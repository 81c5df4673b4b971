import { describe, expect, it } from 'vitest';
import { distribution, evenSample, parseCpuSeconds, parseMachineCpuSeconds, parseRedisCpuSeconds, parseVmRssKb, percentile, stageTimingsOf, summarizeRss } from '../../../bench/e2e-stats.ts';

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 95, Number.NaN],
    [[7], 95, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [[1, 2, 3], 0, 1],
  ])('%j at p%i → %d', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toEqual(expected);
  });
});

describe('distribution', () => {
  it('sorts before taking the percentile and gives mean and maximum', () => {
    expect(distribution([30, 10, 20, 40])).toEqual({ count: 4, mean: 25, p95: 40, max: 40 });
  });
  it('is all NaN but the count when there are no values', () => {
    const d = distribution([]);
    expect(d.count).toBe(0);
    expect([d.mean, d.p95, d.max].every(Number.isNaN)).toBe(true);
  });
});

describe('parseVmRssKb', () => {
  const status = 'Name:\tnode\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 1234568 kB\nVmRSS:\t  187432 kB\nRssAnon:\t  120000 kB\n';
  it('reads VmRSS, not VmPeak or RssAnon', () => expect(parseVmRssKb(status)).toBe(187432));
  it('returns null for a zombie (no Vm lines) or empty text', () => {
    expect(parseVmRssKb('Name:\tnode\nState:\tZ (zombie)\n')).toBeNull();
    expect(parseVmRssKb('')).toBeNull();
  });
});

describe('parseCpuSeconds', () => {
  // Fields 14 and 15 (utime, stime) are 250 and 50 ticks; the command name holds spaces and a parenthesis.
  const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 250 50 0 0 20 0 11 0 1000 1000000 40000';
  it('adds user and system ticks after the command name', () => expect(parseCpuSeconds(stat)).toBe(3));
  it('honours another tick rate', () => expect(parseCpuSeconds(stat, 1000)).toBe(0.3));
  it('returns null for text that is not a stat line', () => expect(parseCpuSeconds('')).toBeNull());
});

describe('parseMachineCpuSeconds', () => {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const procStat = 'cpu  39902 10 7160 47584 277 3 598 29 0 0\ncpu0 19951 5 3580 23792 138 1 299 14 0 0\nintr 1 2 3\n';
  it('adds every busy state of the all-cores line, not idle or iowait', () =>
    expect(parseMachineCpuSeconds(procStat)).toBeCloseTo((39902 + 10 + 7160 + 3 + 598 + 29) / 100, 6));
  it('returns null without a cpu line', () => expect(parseMachineCpuSeconds('cpu0 1 2 3 4 5 6 7\n')).toBeNull());
});

describe('parseRedisCpuSeconds', () => {
  const info = '# CPU\r\nused_cpu_sys:2.540762\r\nused_cpu_user:8.803445\r\nused_cpu_sys_children:7.000000\r\nused_cpu_user_children:1.5\r\n';
  it("adds the server's user and system time, not its children's", () => expect(parseRedisCpuSeconds(info)).toBeCloseTo(11.344207, 6));
  it('returns null when a field is missing', () => expect(parseRedisCpuSeconds('# CPU\r\nused_cpu_sys:2.5\r\n')).toBeNull());
});

describe('summarizeRss', () => {
  it('gives first, middle, last, max and the late growth', () => {
    const kb = [100, 120, 130, 130, 131, 129, 130, 150, 170];
    const s = summarizeRss(kb.map((v, i) => ({ atS: i, kb: v })));
    // Middle third max 131, last third max 170.
    expect(s).toEqual({ first: 100, middle: 131, last: 170, max: 170, lateGrowth: 39 });
  });
  it('shows no growth when the last third stays under the middle one', () => {
    const s = summarizeRss([300, 500, 520, 510, 505, 490, 500, 498, 499].map((kb, i) => ({ atS: i, kb })));
    expect(s!.lateGrowth).toBeLessThanOrEqual(0);
  });
  it('returns null without samples', () => expect(summarizeRss([])).toBeNull());
});

describe('stageTimingsOf', () => {
  it('reads the article stages of an articles job line', () => {
    const line = JSON.stringify({ level: 30, queue: 'articles', jobId: 'article-ab', articleId: 7, outcome: 'stored', stageMs: { fetch: 12.5, extract: 40, tag: 2.1, store: 8 }, msg: 'job completed' });
    expect(stageTimingsOf(line)).toEqual([
      { stage: 'fetch', ms: 12.5 },
      { stage: 'extract', ms: 40 },
      { stage: 'tag', ms: 2.1 },
      { stage: 'store', ms: 8 },
    ]);
  });
  it('leaves out the stages that did not run (the feed fallback has no extraction)', () => {
    const line = JSON.stringify({ queue: 'articles', stageMs: { fetch: 3, tag: 1, store: 4 }, msg: 'job completed' });
    expect(stageTimingsOf(line).map((t) => t.stage)).toEqual(['fetch', 'tag', 'store']);
  });
  it('reads the matching time of an alerts job line', () => {
    const line = JSON.stringify({ queue: 'alerts', articleId: 7, outcome: 'matched', matchMs: 5.5, msg: 'job completed' });
    expect(stageTimingsOf(line)).toEqual([{ stage: 'alert match', ms: 5.5 }]);
  });
  it.each([
    ['a failed job', JSON.stringify({ queue: 'articles', stageMs: { fetch: 3 }, msg: 'job failed' })],
    ['a start line', JSON.stringify({ msg: 'articles started' })],
    ['pretty-printed text', '[12:00:00] INFO: job completed'],
    ['truncated JSON', '{"queue":"articles","msg":"job completed","stageMs":{"fetch":'],
  ])('ignores %s', (_what, line) => {
    expect(stageTimingsOf(line)).toEqual([]);
  });
});

describe('evenSample', () => {
  it.each([
    [10, 5, [0, 2, 4, 6, 8]],
    [3, 5, [0, 1, 2]],
    [7, 7, [0, 1, 2, 3, 4, 5, 6]],
    [100, 4, [0, 25, 50, 75]],
  ])('%i items, %i wanted → %j', (total, n, expected) => {
    expect(evenSample(total, n)).toEqual(expected);
  });
});
