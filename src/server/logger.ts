import { pino, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** JSON lines on stdout; `LOG_LEVEL=silent` (the default under NODE_ENV=test) turns it off. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel });
}
