/**
 * The internal training API: lets `npm run gnn -- train ...` read the graph and publish models
 * through this server while it holds the embedded database (LadybugDB allows one process per
 * data directory), and `npm run backup` copy it (POST /internal/backup?dir=). Loopback only; outside development it also needs a manager or admin token, or
 * the token of a training job this server started (training-jobs.ts).
 * Routes and wire format: src/store/remote/wire.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../domain/errors';
import type { Viewer } from '../graphql/context';
import type { ModelKind, ModelRun, Store } from '../store/contract';
import { ndjsonLines, toNdjson } from '../store/remote/ndjson';
import { MODEL_KINDS, rowFromWire, rowToWire, SNAPSHOT_PARTS, type SnapshotPart, type WireRow } from '../store/remote/wire';
import type { Config } from './config';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const TRAINERS = ['manager', 'admin'];

/**
 * Loopback callers only, and then: a training job this server started (it holds `jobToken`),
 * anyone in development, or a manager or admin.
 */
export async function mayTrain(
  req: IncomingMessage,
  config: Config,
  viewer: () => Promise<Viewer | null>,
  jobToken: string,
): Promise<boolean> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return false;
  const presented = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${jobToken}`);
  if (presented.length === expected.length && timingSafeEqual(presented, expected)) return true;
  if (config.devAuthHeader) return true;
  return (await viewer())?.roles.some((r) => TRAINERS.includes(r)) ?? false;
}

async function stream(res: ServerResponse, values: AsyncIterable<unknown>): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for await (const line of toNdjson(values)) {
    if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

function kindOf(value: string | undefined): ModelKind {
  if (!MODEL_KINDS.includes(value as ModelKind)) throw new NotFoundError('model kind', String(value));
  return value as ModelKind;
}

async function* rowBatches(lines: AsyncGenerator<unknown>) {
  for await (const batch of lines) yield (batch as WireRow[]).map(rowFromWire);
}

/** `npm run backup` while this server holds the database: the copy is made in this process. */
async function backup(res: ServerResponse, url: URL, store: Store): Promise<void> {
  const target = url.searchParams.get('dir') ?? '';
  if (!path.isAbsolute(target)) throw new InvalidInputError('dir', 'an absolute directory path is required');
  if (!store.backup) throw new ConflictError(`the ${store.engine} engine has no file backup: use its own tools`);
  const manifest = await store.backup(target);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(manifest));
}

/** Serves one internal request; the caller has already checked `mayTrain`. */
export async function handleInternal(req: IncomingMessage, res: ServerResponse, url: URL, store: Store): Promise<void> {
  const [area, name, version, tail] = url.pathname.split('/').slice(2);
  const batch = Number(url.searchParams.get('batch')) || undefined;
  if (req.method === 'GET' && area === 'snapshot' && SNAPSHOT_PARTS.includes(name as SnapshotPart)) {
    return stream(res, store.snapshot[name as SnapshotPart](batch));
  }
  if (req.method === 'POST' && area === 'backup') return backup(res, url, store);
  if (area !== 'models') throw new NotFoundError('route', url.pathname);
  const kind = kindOf(name);
  if (req.method === 'GET' && version === 'current') {
    const body = JSON.stringify(await store.models.current(kind));
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  if (req.method === 'GET' && tail === 'rows') {
    const rows = store.models.rows(kind, decodeURIComponent(version), batch);
    return stream(res, (async function* () {
      for await (const b of rows) yield b.map(rowToWire);
    })());
  }
  if (req.method === 'POST' && version === 'publish') {
    const lines = ndjsonLines(req as AsyncIterable<Uint8Array>);
    const first = await lines.next();
    const run = first.value as ModelRun;
    if (first.done || run.kind !== kind) throw new ForbiddenError(`the body must start with a ${kind} run`);
    await store.models.publish(run, rowBatches(lines));
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'POST' && version === 'prune') {
    await store.models.prune(kind, Number(url.searchParams.get('keep') ?? 3));
    res.writeHead(204).end();
    return;
  }
  throw new NotFoundError('route', url.pathname);
}
