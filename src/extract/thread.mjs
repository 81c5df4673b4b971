// Entry point of an extraction worker thread. A worker thread does not inherit the main
// thread's tsx hooks (bin/vigie.js, vitest), so it registers tsx itself before loading the
// TypeScript task. Plain JavaScript on purpose: this file runs before any loader exists.
import { register } from 'tsx/esm/api';

register();
const { runExtractTask } = await import('./thread-task.ts');

export default runExtractTask;
