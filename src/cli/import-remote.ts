/**
 * `npm run import` through the server that holds the database (POST /internal/import,
 * src/server/internal-import.ts): sends the source, draws the server's progress with local bars
 * and returns its summary.
 */
import type { ProgressFactory, ProgressSink, ImportSummary } from '../../seeds/import/run';
import type { ImportSource } from '../../seeds/import/source';
import { ndjsonLines } from '../store/remote/ndjson';

interface Line {
  progress?: { label: string; total?: number; done: number; finished?: boolean };
  summary?: ImportSummary;
  error?: string;
}

export async function importViaServer(
  port: number,
  token: string | null,
  source: ImportSource,
  chunkRows: number | undefined,
  progress: ProgressFactory,
): Promise<ImportSummary> {
  const res = await fetch(`http://127.0.0.1:${port}/internal/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ source, chunkRows }),
  });
  if (!res.ok || !res.body) throw new Error(`the server on port ${port} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const bars = new Map<string, { sink: ProgressSink; done: number }>();
  for await (const value of ndjsonLines(res.body as unknown as AsyncIterable<Uint8Array>)) {
    const line = value as Line;
    if (line.error !== undefined) throw new Error(`the server's import failed: ${line.error}`);
    if (line.summary) return line.summary;
    const p = line.progress!;
    let bar = bars.get(p.label);
    if (!bar) bars.set(p.label, (bar = { sink: progress(p.label, p.total), done: 0 }));
    bar.sink.tick(p.done - bar.done);
    bar.done = p.done;
    if (p.finished) {
      bar.sink.finish();
      bars.delete(p.label);
    }
  }
  throw new Error(`the server on port ${port} ended the import without a summary`);
}
