/**
 * The HTTP side of a graceful stop: no new connections, training jobs stopped, running requests
 * given `graceMs` to finish, then whatever is still open dropped (its client sees a cut-off
 * request, never a half-done write: each mutation is one transaction).
 */
import type { Server } from 'node:http';
import type { Logger } from './logger';
import type { TrainingJobs } from './training-jobs';

/** How often idle keep-alive connections are closed while requests drain. */
const SWEEP_MS = 50;

export async function stopServing(server: Server, training: TrainingJobs, graceMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection that finishes its request goes idle and would hold the close open.
  const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  try {
    await training.stop(graceMs);
    if ((await Promise.race([closed, graceOver])) === 'timeout') {
      logger.warn({ graceMs }, 'requests still running after the shutdown grace period: closing their connections');
      server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}
