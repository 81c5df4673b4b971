// What one extraction worker thread runs per page: tell the pool the page has started (its
// time limit counts from here, not from the queue), extract, and return either the article
// or the error's code and message (a thrown ExtractError would lose its class crossing threads).
import { workerData, type MessagePort } from 'node:worker_threads';
import { ExtractError } from '../errors.ts';
import { getDomFactory } from './dom.ts';
import { extractArticle } from './extract.ts';
import type { ExtractedArticle, ExtractInput } from './types.ts';

export interface ExtractTask {
  input: ExtractInput;
  /** Receives 'start' when the thread begins the page. */
  port: MessagePort;
}

export type ExtractTaskResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; code: string; message: string; permanent: boolean };

// The thread's DOM (VIGIE_EXTRACT_DOM, passed by the pool as workerData; DEFAULT_DOM outside a
// pool). One page is parsed at once, while the thread starts: loading jsdom and building a reused
// window take a second or more, which must not count against the first page's time limit.
const dom = getDomFactory((workerData as { dom?: string } | null)?.dom);
dom.parse('<html><body><p>prêt</p></body></html>', null).close();

/** Returns the extracted article of `task.input`, or the ExtractError's code, message and permanence; never throws. */
export function runExtractTask(task: ExtractTask): ExtractTaskResult {
  task.port.postMessage('start');
  task.port.close();
  try {
    return { ok: true, article: extractArticle(task.input, { dom }) };
  } catch (err) {
    if (err instanceof ExtractError) return { ok: false, code: err.code, message: err.message, permanent: err.permanent };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, code: 'extract_failed', message: `extract: ${message}: ${task.input.url ?? '(no URL)'}`, permanent: true };
  }
}
