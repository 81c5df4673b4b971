// pino root logger: JSON lines, or human-readable lines when stdout is a terminal.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Returns the root logger at `level`; pretty-printed on a TTY unless VIGIE_LOG_FORMAT-like overrides are passed. */
export function createLogger(level: string, options: { pretty?: boolean; destination?: number } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const destination = options.destination ?? 1;
  if (pretty) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { destination, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level, base: undefined, redact: { paths: ['*.password', '*.secret', 'secret', 'password'], censor: '***' } }, pino.destination(destination));
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
