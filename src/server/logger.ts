import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { build as prettyStream } from 'pino-pretty';
import type { Config } from './config';
import { currentRequestId } from './request-id';

export type { Logger };

/**
 * JSON lines on stdout (or `destination`), or with `logFormat: 'pretty'` (a developer's terminal)
 * coloured one-line entries; `LOG_LEVEL=silent` (the default under NODE_ENV=test) turns it off.
 * Lines written while a request runs carry its `requestId`.
 */
export function createLogger(config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  // Synchronous, in this thread: a line is on the terminal before the process can exit.
  const out =
    config.logFormat === 'pretty' ? prettyStream({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', ...(destination && { destination }) }) : destination;
  return out ? pino(options, out) : pino(options);
}
