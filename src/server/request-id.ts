/**
 * Request ids: a client's `x-request-id` is kept when it looks like an id, else one is made up.
 * The id is echoed in the response and, through AsyncLocalStorage, added to every log line
 * written while the request runs (see logger.ts), however deep in the code that line is.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Printable and short, so a client cannot forge log lines or bloat them. */
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

const current = new AsyncLocalStorage<string>();

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}

/** Runs `work` with `id` as the current request id. */
export function withRequestId<T>(id: string, work: () => T): T {
  return current.run(id, work);
}

export function currentRequestId(): string | undefined {
  return current.getStore();
}
