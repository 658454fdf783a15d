/**
 * Times every database call at the CypherRunner boundary, so both engines are measured the same
 * way: reads, write transactions (the whole unit of work) and streams (until the consumer stops).
 */
import type { CypherRunner } from './runner';

export type QueryKind = 'read' | 'write' | 'stream';
export type QueryObserver = (kind: QueryKind, seconds: number, failed: boolean) => void;

export function instrumented(runner: CypherRunner, observe: QueryObserver): CypherRunner {
  async function timed<T>(kind: QueryKind, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let failed = false;
    try {
      return await work();
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      observe(kind, (performance.now() - started) / 1000, failed);
    }
  }

  return {
    stats: runner.stats,
    read: (query, params) => timed('read', () => runner.read(query, params)),
    write: (work) => timed('write', () => runner.write(work)),
    async *stream(query, params, batchSize) {
      const started = performance.now();
      let failed = false;
      try {
        yield* runner.stream(query, params, batchSize);
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        observe('stream', (performance.now() - started) / 1000, failed);
      }
    },
    close: () => runner.close(),
  };
}
