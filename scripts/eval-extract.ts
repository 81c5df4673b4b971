// npm run eval:extract [-- --dom NAME[,NAME…]|all --limit N --json OUT --no-readability]: scores
// vigie's extractor on each DOM factory (src/extract/dom.ts) and plain Readability side by side on
// ../shared/data/extract-dev, with the metrics its README defines (fragment metric for
// trafilatura pages, 4-gram shingles for scrapinghub pages, title accuracy, speed). Every
// extractor runs in this process, one page at a time, on the same decoded strings, taking turns
// by blocks of pages, so quality and pages/s of all of them come from the same run.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { JSDOM, VirtualConsole } from 'jsdom';
import { DEFAULT_DOM, DOM_NAMES, getDomFactory, isDomName, type DomName } from '../src/extract/dom.ts';
import { extractArticle } from '../src/extract/extract.ts';

const DATA = new URL('../../shared/data/extract-dev/', import.meta.url);
// Pages each extractor runs in a row before the next one takes its turn.
const BLOCK = 25;

interface Page {
  id: string;
  file: string;
  dataset: 'trafilatura' | 'scrapinghub';
  url: string | null;
  lang: string;
  charset: string;
  with?: string[];
  without?: string[];
  title?: string;
  articleBody?: string;
}

interface Output {
  title: string | null;
  text: string;
}

type Extractor = (html: string, url: string | null) => Output;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Decodes a page with its charset; windows-1252 goes through iconv-lite, whose table maps 0x80–0x9F (Node's TextDecoder does not). */
function decodePage(bytes: Buffer, charset: string): string {
  if (/^(windows-1252|iso-8859-1|latin1)$/i.test(charset)) return iconv.decode(bytes, 'windows-1252');
  return new TextDecoder(charset).decode(bytes);
}

function countFragments(page: Page, text: string): [number, number, number, number] {
  const t = norm(text);
  const tp = (page.with ?? []).filter((w) => t.includes(norm(w))).length;
  const fp = (page.without ?? []).filter((w) => t.includes(norm(w))).length;
  return [tp, fp, (page.with ?? []).length - tp, (page.without ?? []).length - fp];
}

function ngrams(text: string, n: number): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const g = tokens.slice(i, i + n);
    if (g.length === 0) continue;
    const key = g.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function shingleCounts(truth: string, pred: string, n: number): [number, number, number] {
  const t = ngrams(truth, n);
  const p = ngrams(pred, n);
  let tp = 0, fp = 0, fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

function tokenScores(triples: [number, number, number][]) {
  const precision = (tp: number, fp: number, fn: number) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp));
  const recall = (tp: number, fp: number, fn: number) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn));
  const ps = triples.filter(([tp, fp]) => tp + fp > 0).map((x) => precision(...x));
  const rs = triples.filter(([tp, , fn]) => tp + fn > 0).map((x) => recall(...x));
  const p = ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : 0;
  const r = rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : 0;
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

function fragmentScores(counts: [number, number, number, number][]) {
  const [tp, fp, fn] = counts.reduce((a, c) => [a[0] + c[0], a[1] + c[1], a[2] + c[2], a[3] + c[3]], [0, 0, 0, 0]);
  return { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0, f1: 2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0 };
}

const percentile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0;
};

function vigieOn(dom: DomName): Extractor {
  const factory = getDomFactory(dom);
  return (html, url) => {
    const a = extractArticle({ html, url }, { dom: factory });
    return { title: a.title, text: a.text };
  };
}

const plainReadability: Extractor = (html, url) => {
  // The silent console only keeps CSS warnings off the terminal; parsing is unchanged.
  const virtualConsole = new VirtualConsole();
  const dom = url ? new JSDOM(html, { url, virtualConsole }) : new JSDOM(html, { virtualConsole });
  try {
    const r = new Readability(dom.window.document).parse();
    return { title: r?.title ?? null, text: r?.textContent ?? '' };
  } finally {
    dom.window.close();
  }
};

interface Tally {
  frag: { page: Page; c: [number, number, number, number] }[];
  shingles: { page: Page; s: [number, number, number]; t: [number, number, number] }[];
  latencies: number[];
  texts: string[];
  titled: number;
  titleOk: number;
  errors: number;
  wallMs: number;
}

const newTally = (): Tally => ({ frag: [], shingles: [], latencies: [], texts: [], titled: 0, titleOk: 0, errors: 0, wallMs: 0 });

/** Runs `extract` on `pages` one at a time, adding scores and wall time to `tally`. */
async function runPages(tally: Tally, extract: Extractor, pages: { page: Page; html: string }[]): Promise<void> {
  const start = performance.now();
  for (const { page, html } of pages) {
    const t0 = performance.now();
    let out: Output = { title: null, text: '' };
    try {
      out = extract(html, page.url);
    } catch {
      tally.errors++;
    }
    tally.latencies.push(performance.now() - t0);
    tally.texts.push(norm(out.text));
    // jsdom frees a closed window's memory on a later turn of the event loop: without this
    // pause a synchronous loop over the pages grows by ~5 MB a page until the heap is full.
    await new Promise((resolve) => setImmediate(resolve));
    if (page.dataset === 'trafilatura') {
      tally.frag.push({ page, c: countFragments(page, out.text) });
      if (page.title) {
        tally.titled++;
        if (norm(page.title).toLowerCase() === norm(out.title ?? '').toLowerCase()) tally.titleOk++;
      }
    } else {
      tally.shingles.push({ page, s: shingleCounts(page.articleBody ?? '', out.text, 4), t: shingleCounts(page.articleBody ?? '', out.text, 1) });
    }
  }
  tally.wallMs += performance.now() - start;
}

function summarize(name: string, t: Tally) {
  return {
    name,
    fragments: fragmentScores(t.frag.map((x) => x.c)),
    fragmentsFr: fragmentScores(t.frag.filter((x) => x.page.lang === 'fr').map((x) => x.c)),
    shingle: tokenScores(t.shingles.map((x) => x.s)),
    tok: tokenScores(t.shingles.map((x) => x.t)),
    titleAccuracy: t.titled ? t.titleOk / t.titled : 0,
    errors: t.errors,
    pagesPerS: t.texts.length / (t.wallMs / 1000),
    p50Ms: percentile(t.latencies, 0.5),
    p90Ms: percentile(t.latencies, 0.9),
    texts: t.texts,
  };
}

/** Returns how many pages have exactly `reference`'s text, and how many differ by more than 1 % of their 4-gram shingles. */
function compareTexts(texts: string[], reference: string[]): { same: number; apart: number } {
  let same = 0, apart = 0;
  texts.forEach((t, i) => {
    if (t === reference[i]) same++;
    else if (shingleCounts(reference[i], t, 4)[0] < 0.99) apart++;
  });
  return { same, apart };
}

const { values } = parseArgs({
  options: { dom: { type: 'string', default: DEFAULT_DOM }, limit: { type: 'string' }, json: { type: 'string' }, 'no-readability': { type: 'boolean' } },
});
const doms = values.dom === 'all' ? [...DOM_NAMES] : values.dom!.split(',').map((d) => d.trim());
for (const d of doms) if (!isDomName(d)) throw new Error(`--dom: unknown DOM '${d}'; expected all or some of ${DOM_NAMES.join(', ')}`);
const all: Page[] = JSON.parse(readFileSync(new URL('ground-truth.json', DATA), 'utf8')).pages;
const limit = values.limit ? Number(values.limit) : all.length;
// Keep every French page in a limited run: they are few and they are the product's language.
const chosen = values.limit ? [...all.filter((p) => p.lang === 'fr'), ...all.filter((p) => p.lang !== 'fr')].slice(0, limit) : all;
const pages = chosen.map((page) => ({ page, html: decodePage(gunzipSync(readFileSync(new URL(page.file, DATA))), page.charset) }));
const extractors: { name: string; extract: Extractor; tally: Tally }[] = doms.map((d) => ({
  name: d === DEFAULT_DOM ? `vigie ${d} (default)` : `vigie ${d}`,
  extract: vigieOn(d as DomName),
  tally: newTally(),
}));
if (!values['no-readability']) extractors.push({ name: 'plain readability', extract: plainReadability, tally: newTally() });
// One page through every extractor first, so that no pass pays for loading a library.
for (const x of extractors) await runPages(newTally(), x.extract, pages.slice(0, 1));
// Every extractor takes its turn on each block of pages, in a rotating order: on a shared
// machine a change of load then falls on all of them alike, not on whichever ran last.
for (let i = 0, block = 0; i < pages.length; i += BLOCK, block++) {
  for (let k = 0; k < extractors.length; k++) {
    const x = extractors[(k + block) % extractors.length];
    await runPages(x.tally, x.extract, pages.slice(i, i + BLOCK));
  }
}
const results = extractors.map((x) => summarize(x.name, x.tally));

const f = (x: number) => x.toFixed(3);
const reference = results[0];
const width = Math.max(26, ...results.map((r) => r.name.length + 2));
console.log(`extract-dev: ${pages.length} pages (${pages.filter((p) => p.page.lang === 'fr').length} French)\n`);
console.log(['metric', ...results.map((r) => r.name)].map((s) => s.padEnd(width)).join(''));
const rows: [string, (r: (typeof results)[number]) => string][] = [
  ['fragments P/R/F1', (r) => `${f(r.fragments.precision)}/${f(r.fragments.recall)}/${f(r.fragments.f1)}`],
  ['fragments fr P/R/F1', (r) => `${f(r.fragmentsFr.precision)}/${f(r.fragmentsFr.recall)}/${f(r.fragmentsFr.f1)}`],
  ['shingle P/R/F1', (r) => `${f(r.shingle.precision)}/${f(r.shingle.recall)}/${f(r.shingle.f1)}`],
  ['tok P/R/F1', (r) => `${f(r.tok.precision)}/${f(r.tok.recall)}/${f(r.tok.f1)}`],
  ['title accuracy', (r) => f(r.titleAccuracy)],
  ['errors (empty)', (r) => String(r.errors)],
  ['pages/s', (r) => r.pagesPerS.toFixed(1)],
  ['latency p50/p90 ms', (r) => `${r.p50Ms.toFixed(0)}/${r.p90Ms.toFixed(0)}`],
  [`same text / >1 % apart`, (r) => {
    const c = compareTexts(r.texts, reference.texts);
    return `${c.same}/${c.apart}`;
  }],
];
for (const [label, cell] of rows) console.log([label, ...results.map(cell)].map((s) => s.padEnd(width)).join(''));
if (values.json) writeFileSync(values.json, JSON.stringify(results.map(({ texts: _texts, ...r }) => r), null, 2));
