// `vigie extract FILE|URL` prints one page's extracted article as JSON; `vigie extract --jsonl`
// reads {"id","url","html"} lines on stdin and answers each with one line on stdout, in order,
// as soon as it arrives (the evaluation scorer waits for each answer before sending the next).
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
// The extractor (and its DOM library: jsdom takes ~1 s to load) is imported only when this command runs.
import { VigieError, describeError } from '../errors.ts';
import type { Config } from '../config.ts';
import type { DomName } from '../extract/dom.ts';
import type { ExtractedArticle, ExtractInput } from '../extract/types.ts';

interface ExtractOptions {
  jsonl?: boolean;
  url?: string;
  threads: string;
  timeoutMs: string;
  dom?: string;
}

type Extract = (input: ExtractInput) => Promise<ExtractedArticle>;

/** Registers `vigie extract`. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      'Extract the article of one page (a local FILE, decoded by its BOM/<meta> charset, or an http(s) URL fetched ' +
        'through the safe fetcher) and print it as JSON. With --jsonl, read {"id","url","html"} lines on stdin and ' +
        'write {"id","title","byline","published_at","lang","site_name","text"} lines (or {"id","error"}) in the same order.',
    )
    .argument('[target]', 'HTML file or http(s) URL')
    .option('--jsonl', 'batch mode: JSON lines on stdin → JSON lines on stdout')
    .option('--url <url>', 'page URL of a FILE, used to resolve its canonical link')
    .option('--threads <n>', 'with --jsonl: extract in a pool of N worker threads with a per-page time limit (0: in this thread)', '0')
    .option('--timeout-ms <ms>', 'with --threads: time allowed to one page', '15000')
    .option('--dom <name>', 'DOM Readability runs on: linkedom, jsdom-reused or jsdom (default: VIGIE_EXTRACT_DOM)')
    .action(async (target: string | undefined, opts: ExtractOptions) => {
      const config = (await import('../config.ts')).loadConfig();
      const dom = await chooseDom(opts.dom, config.extractDom);
      if (opts.jsonl) {
        if (target) throw new VigieError('extract: give either FILE|URL or --jsonl, not both', { code: 'usage' });
        const threads = Number(opts.threads);
        const timeoutMs = Number(opts.timeoutMs);
        if (!Number.isInteger(threads) || threads < 0 || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
          throw new VigieError(`extract: --threads must be an integer ≥ 0 and --timeout-ms a positive integer; got '${opts.threads}', '${opts.timeoutMs}'`, { code: 'usage' });
        }
        if (threads === 0) return extractJsonLines(process.stdin, process.stdout, await extractorOn(dom));
        const { createExtractPool } = await import('../extract/pool.ts');
        const pool = createExtractPool({ threads, timeoutMs, dom, heapMb: config.extractHeapMb });
        try {
          await extractJsonLines(process.stdin, process.stdout, (input) => pool.extract(input));
        } finally {
          await pool.close();
        }
        return;
      }
      if (!target) throw new VigieError('extract: missing FILE or URL (or --jsonl); see vigie extract --help', { code: 'usage' });
      const extract = await extractorOn(dom);
      const article = /^https?:\/\//i.test(target) ? await extractUrl(target, config, extract) : await extractFile(target, opts.url ?? null, extract);
      process.stdout.write(JSON.stringify(article, null, 2) + '\n');
    });
}

// --dom when given (checked), else VIGIE_EXTRACT_DOM (`configured`).
async function chooseDom(option: string | undefined, configured: DomName): Promise<DomName> {
  if (option === undefined) return configured;
  const { DOM_NAMES, isDomName } = await import('../extract/dom.ts');
  if (!isDomName(option)) throw new VigieError(`extract: --dom must be one of ${DOM_NAMES.join(', ')}; got '${option}'`, { code: 'usage' });
  return option;
}

// Extraction in this thread on the DOM called `dom`.
async function extractorOn(dom: DomName): Promise<Extract> {
  const [{ extractArticle }, { getDomFactory }] = await Promise.all([import('../extract/extract.ts'), import('../extract/dom.ts')]);
  const factory = getDomFactory(dom);
  return async (input) => extractArticle(input, { dom: factory });
}

async function extractFile(path: string, url: string | null, extract: Extract): Promise<ExtractedArticle> {
  const { decodeBody } = await import('../fetch/charset.ts');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new VigieError(`extract: cannot read ${path}: ${describeError(err)}`, { code: 'usage', cause: err });
  }
  return extract({ html: decodeBody(bytes, null).text, url });
}

async function extractUrl(url: string, config: Config, extract: Extract): Promise<ExtractedArticle> {
  const { createFetcher, fetcherOptionsFromConfig } = await import('../fetch/safe-fetch.ts');
  const fetcher = createFetcher(fetcherOptionsFromConfig(config));
  try {
    const response = await fetcher.fetch({ url, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } });
    return extract({ html: response.text, url: response.url, contentLanguage: response.headers['content-language'] ?? null });
  } finally {
    await fetcher.close();
  }
}

/** Returns the --jsonl answer to one input line: the article's fields, or {"id","error"}; never rejects. */
export async function answerJsonLine(line: string, extract: Extract): Promise<Record<string, unknown>> {
  let id: unknown = null;
  try {
    const request = JSON.parse(line) as { id?: unknown; url?: unknown; html?: unknown };
    id = request.id ?? null;
    if (typeof request.html !== 'string') throw new VigieError('extract: "html" must be a string', { code: 'usage' });
    const url = typeof request.url === 'string' ? request.url : null;
    const a = await extract({ html: request.html, url });
    return { id, title: a.title, byline: a.byline, published_at: a.publishedAt, lang: a.lang, site_name: a.siteName, text: a.text };
  } catch (err) {
    return { id, error: describeError(err) };
  }
}

/** Answers every JSON line of `input` on `output`, one line each, in order, as each line arrives; resolves at end of input. */
export async function extractJsonLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, extract: Extract): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const ok = output.write(JSON.stringify(await answerJsonLine(line, extract)) + '\n');
    if (!ok) await new Promise((resolve) => output.once('drain', resolve));
    // jsdom releases a closed window on a later turn of the event loop; buffered lines would
    // otherwise be answered back to back and memory would grow with every page.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
