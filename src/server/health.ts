/**
 * Probes: /healthz says the process answers; /readyz that the database does too, and which model
 * versions are served. A failed ping is 503 with no detail (it is logged).
 */
import type { ServerResponse } from 'node:http';
import type { Store } from '../store/contract';
import type { Logger } from './logger';
import { setModelVersions } from './metrics';
import { modelVersions, type ModelVersionSources } from './model-versions';

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function healthz(res: ServerResponse): void {
  json(res, 200, { status: 'ok' });
}

export async function readyz(res: ServerResponse, store: Store, sources: ModelVersionSources, logger: Logger): Promise<void> {
  try {
    await store.ping();
    const models = await modelVersions(store, sources);
    setModelVersions(models);
    json(res, 200, { status: 'ready', database: 'reachable', engine: store.engine, models });
  } catch (err) {
    logger.error({ err }, 'readiness check failed');
    json(res, 503, { status: 'unavailable', database: 'unreachable' });
  }
}
