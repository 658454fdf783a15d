/**
 * The internal training API: lets `npm run gnn -- train ...` read the graph and publish models
 * through this server while it holds the embedded database (LadybugDB allows one process per
 * data directory), lets `npm run backup` copy it (POST /internal/backup?dir=) and `npm run import`
 * load into it (POST /internal/import, internal-import.ts). Loopback callers
 * with a Bearer credential only, in every mode: the server's own
 * token (its training jobs get it from their environment; `npm run gnn` on the same machine reads
 * it from DATA_DIR/internal-api.token, which only the server's OS user can read) or an admin's
 * token. The development header is not accepted: any local process, a reverse proxy included,
 * could send it. Routes and wire format: src/store/remote/wire.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from '../domain/errors';
import { MODEL_KINDS, type ModelKind, type ModelRun, type Store } from '../store/contract';
import { ndjsonLines, toNdjson } from '../store/remote/ndjson';
import { internalTokenFile, rowFromWire, rowToWire, SNAPSHOT_PARTS, type SnapshotPart, type WireRow } from '../store/remote/wire';
import type { Authenticator } from './auth/authenticator';
import { importThroughServer } from './internal-import';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Refuses unless the caller is on loopback (FORBIDDEN) and presents the server's token or an
 * admin's (UNAUTHENTICATED without a credential, FORBIDDEN for another role).
 */
export async function requireInternalAccess(req: IncomingMessage, authenticate: Authenticator, serverToken: string): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new ForbiddenError('the internal training API answers local callers only');
  const { authorization } = req.headers;
  if (authorization === undefined) throw new UnauthenticatedError('the internal training API needs a Bearer token: an admin\'s, or the server\'s own');
  const presented = Buffer.from(authorization);
  const expected = Buffer.from(`Bearer ${serverToken}`);
  if (presented.length === expected.length && timingSafeEqual(presented, expected)) return;
  // The token alone: never the development header.
  const viewer = await authenticate({ authorization });
  if (!viewer?.roles.includes('admin')) throw new ForbiddenError('the internal training API is for admins');
}

/** Leaves the server's token where `npm run gnn` on this machine finds it, readable by this OS user only. */
export async function writeInternalToken(dataDir: string, token: string): Promise<void> {
  const file = internalTokenFile(dataDir);
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
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

/** A whole number from the query string within [min, max], `fallback` when absent; BAD_USER_INPUT otherwise. */
function intParam(url: URL, name: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidInputError(name, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidInputError('path', `malformed percent-encoding in ${JSON.stringify(segment)}`);
  }
}

/** `npm run backup` while this server holds the database: the copy is made in this process. */
async function backup(res: ServerResponse, url: URL, store: Store): Promise<void> {
  const target = url.searchParams.get('dir') ?? '';
  if (!path.isAbsolute(target)) throw new InvalidInputError('dir', 'an absolute directory path is required');
  if (!store.backup) throw new ConflictError(`the ${store.engine} engine has no file backup: use its own tools`);
  const manifest = await store.backup(target);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(manifest));
}

/** Serves one internal request; the caller has already checked `requireInternalAccess`. */
export async function handleInternal(req: IncomingMessage, res: ServerResponse, url: URL, store: Store): Promise<void> {
  const [area, name, version, tail] = url.pathname.split('/').slice(2).map(decodeSegment);
  const batch = intParam(url, 'batch', 1, 1_000_000);
  if (req.method === 'GET' && area === 'snapshot' && SNAPSHOT_PARTS.includes(name as SnapshotPart)) {
    return stream(res, store.snapshot[name as SnapshotPart](batch));
  }
  if (req.method === 'POST' && area === 'backup') return backup(res, url, store);
  if (req.method === 'POST' && area === 'import') return importThroughServer(req, res, store);
  if (area !== 'models') throw new NotFoundError('route', url.pathname);
  const kind = kindOf(name);
  if (req.method === 'GET' && version === 'current') {
    const body = JSON.stringify(await store.models.current(kind));
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  if (req.method === 'GET' && tail === 'rows') {
    const rows = store.models.rows(kind, version, batch);
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
    await store.models.prune(kind, intParam(url, 'keep', 1, 1_000, 3)!);
    res.writeHead(204).end();
    return;
  }
  throw new NotFoundError('route', url.pathname);
}
