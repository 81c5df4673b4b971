// Log channel: one structured pino line per message, for tests and for piping elsewhere.
import type { Logger } from '../../log.ts';
import { logLine, type AlertMessage } from '../message.ts';

/** Writes `message` as one info line on `log`. */
export function sendLogLine(log: Logger, message: AlertMessage): void {
  log.info(logLine(message), 'alert');
}
