/**
 * A TrainingStore over a running server's internal API (see wire.ts): used by model training
 * when the server holds the embedded database, so a new model is published without stopping it.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelKind, ModelOutputRow, ModelRun, TrainingStore } from '../contract';
import { ndjsonLines, toNdjson } from './ndjson';
import { rowFromWire, rowToWire, type SnapshotPart, type WireRow } from './wire';

export function remoteTrainingStore(baseUrl: string, token?: string): TrainingStore {
  const base = baseUrl.replace(/\/+$/, '');
  // A fresh connection per request: training blocks the event loop for long stretches, so a pooled
  // keep-alive socket the server closed meanwhile would go unnoticed, and a streamed publish body
  // cannot be retried (it fails with EPIPE). The few, large requests make the handshake negligible.
  const headers: Record<string, string> = { connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) };

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    } catch (err) {
      // fetch's own message is only "fetch failed"; the reason is in its cause.
      const cause = (err as { cause?: Error }).cause;
      throw new Error(`${init.method ?? 'GET'} ${base}${path} failed: ${cause?.message ?? (err as Error).message}`);
    }
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${base}${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  }

  /**
   * POSTs a streamed body and waits for the answer however long the server takes to store it:
   * fetch (undici) gives up on a response's headers after 300 s, and publishing Ciao's recommender
   * (K⁻¹ alone 218 MB, written as it arrives) takes longer on a busy machine.
   */
  async function postStream(path: string, body: AsyncIterable<string>, contentType: string): Promise<void> {
    const url = new URL(`${base}${path}`);
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers: { ...headers, 'content-type': contentType } });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
    });
    // A server that refuses early (401, 413) answers before the body is sent: its answer says why.
    const sent = pipeline(Readable.from(body), req).catch(() => {});
    let res: IncomingMessage;
    try {
      res = await answered;
    } catch (err) {
      throw new Error(`POST ${url} failed: ${(err as Error).message}`);
    }
    let text = '';
    for await (const chunk of res) text += chunk;
    if (!res.statusCode || res.statusCode >= 300) {
      req.destroy();
      throw new Error(`POST ${url} answered ${res.statusCode}: ${text.slice(0, 300)}`);
    }
    await sent;
  }

  async function* lines<T>(path: string): AsyncGenerator<T> {
    const res = await call(path);
    for await (const value of ndjsonLines(res.body as unknown as AsyncIterable<Uint8Array>)) yield value as T;
  }

  const part = <T>(name: SnapshotPart) => (batchSize?: number) => lines<T[]>(`/internal/snapshot/${name}${batchSize ? `?batch=${batchSize}` : ''}`);

  return {
    snapshot: {
      users: part('users'),
      categories: part('categories'),
      products: part('products'),
      interactions: part('interactions'),
      follows: part('follows'),
    },
    models: {
      async publish(run: ModelRun, batches) {
        async function* body() {
          yield run;
          for await (const batch of batches) yield batch.map(rowToWire);
        }
        // Streamed, so the rows never sit in memory whole.
        await postStream(`/internal/models/${run.kind}/publish`, toNdjson(body()), 'application/x-ndjson');
      },
      async current(kind: ModelKind) {
        return (await (await call(`/internal/models/${kind}/current`)).json()) as ModelRun | null;
      },
      async *rows(kind, version, batchSize) {
        const path = `/internal/models/${kind}/${encodeURIComponent(version)}/rows${batchSize ? `?batch=${batchSize}` : ''}`;
        for await (const batch of lines<WireRow[]>(path)) yield batch.map(rowFromWire) as ModelOutputRow[];
      },
      async prune(kind, keep) {
        await call(`/internal/models/${kind}/prune?keep=${keep}`, { method: 'POST' });
      },
    },
    close: async () => {},
  };
}
