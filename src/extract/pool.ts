// The worker-thread pool that runs extraction off the caller's event loop. Each page has a time
// limit counted from the moment a thread starts it; past it the task is aborted, and piscina
// terminates the thread running an aborted task and starts a fresh one (see
// node_modules/piscina/dist/index.js, taskInfo.onAbort → _removeWorker → worker.terminate()).
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { ExtractError } from '../errors.ts';
import type { DomName } from './dom.ts';
import type { ExtractTask, ExtractTaskResult } from './thread-task.ts';
import type { ExtractedArticle, ExtractInput } from './types.ts';

const THREAD_ENTRY = new URL('./thread.mjs', import.meta.url).href;

export interface ExtractPoolOptions {
  threads: number;
  /** Time allowed to one page once a thread has started it. */
  timeoutMs: number;
  /** The DOM Readability runs on in the threads (VIGIE_EXTRACT_DOM); DEFAULT_DOM of dom.ts when absent. */
  dom?: DomName;
  /** Old-generation heap limit of each thread in MB (VIGIE_EXTRACT_HEAP_MB); V8's default (a share of the machine's memory) when absent. */
  heapMb?: number;
}

export interface ExtractPool {
  /** Resolves with the article; rejects with ExtractError ('timeout', 'no_article', 'too_large', 'too_deep', …). */
  extract(input: ExtractInput): Promise<ExtractedArticle>;
  /** Returns the ids of the live worker threads (diagnostics: a timed-out page's thread disappears from it). */
  threadIds(): number[];
  /** Waits for pages in progress, then stops every thread. */
  close(): Promise<void>;
}

/** Returns a pool of `threads` worker threads extracting one page each at a time, each page limited to `timeoutMs`. */
export function createExtractPool(options: ExtractPoolOptions): ExtractPool {
  const threads = Math.max(1, options.threads);
  const piscina = new Piscina<ExtractTask, ExtractTaskResult>({
    filename: THREAD_ENTRY,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    // Each thread loads its DOM when it starts, before its first page's clock runs (thread-task.ts).
    workerData: { dom: options.dom },
    // A thread's memory is bounded: V8 collects harder as its heap nears the limit, and a page
    // that needs more kills the thread (ERR_WORKER_OUT_OF_MEMORY: 'thread_failed' below, retried)
    // and piscina starts a fresh one. Without a limit, V8 lets each thread's heap grow to a
    // share of the machine's memory before collecting hard (bench/e2e.ts: the articles process
    // reached 1.5 GB late in a ten-minute run).
    ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
  });
  // Our own queue in front of piscina: a page only goes to piscina when a thread is free, so
  // a page never waits for a thread while its clock runs.
  let busy = 0;
  let closed = false;
  const waiting: (() => void)[] = [];
  const acquire = () => (busy < threads ? (busy++, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  };

  async function runOne(input: ExtractInput): Promise<ExtractedArticle> {
    const where = input.url ?? '(no URL)';
    const abort = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => abort.abort(), options.timeoutMs);
    });
    try {
      const task: ExtractTask = { input, port: port2 };
      const result = await piscina.run(task, { signal: abort.signal, transferList: [port2] });
      if (result.ok) return result.article;
      throw new ExtractError(result.message, { code: result.code, permanent: result.permanent });
    } catch (err) {
      if (abort.signal.aborted) {
        throw new ExtractError(`extract: page took more than ${options.timeoutMs} ms; its thread was stopped: ${where}`, { code: 'timeout', permanent: true });
      }
      if (err instanceof ExtractError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new ExtractError(`extract: worker thread failed (${message}): ${where}`, { code: 'thread_failed', cause: err, permanent: false });
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  return {
    async extract(input) {
      if (closed) throw new ExtractError(`extract: pool is closed: ${input.url ?? '(no URL)'}`, { code: 'pool_closed', permanent: false });
      await acquire();
      try {
        return await runOne(input);
      } finally {
        release();
      }
    },
    threadIds() {
      return piscina.threads.map((t) => t.threadId);
    },
    async close() {
      closed = true;
      await piscina.close();
    },
  };
}
