import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './config';
import { currentRequestId } from './request-id';

export type { Logger };

/**
 * JSON lines on stdout (or `destination`); `LOG_LEVEL=silent` (the default under NODE_ENV=test) turns it off. Lines
 * written while a request runs carry its `requestId`.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
