/**
 * The internal training API's wire format, shared by the server (src/server/internal-api.ts) and
 * the client (remote-training-store.ts).
 *
 *   GET  /internal/snapshot/{users|categories|products|interactions|follows}?batch=N   NDJSON of row batches
 *   GET  /internal/models/{kind}/current                                    JSON run or null
 *   GET  /internal/models/{kind}/{version}/rows?batch=N                     NDJSON of row batches
 *   POST /internal/models/{kind}/publish    NDJSON body: the run, then row batches
 *   POST /internal/models/{kind}/prune?keep=N
 */
import path from 'node:path';
import type { ModelOutputRow } from '../contract';
import { decodeVector, encodeVector } from '../vector-codec';

export const INTERNAL_PREFIX = '/internal/';

/** Where a server holding a LadybugDB data directory leaves its internal API token for local training. */
export const internalTokenFile = (dataDir: string): string => path.join(dataDir, 'internal-api.token');
export const SNAPSHOT_PARTS = ['users', 'categories', 'products', 'interactions', 'follows'] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

export interface WireRow {
  entityId: string;
  data: Record<string, unknown>;
  vector: string;
}

export const rowToWire = (r: ModelOutputRow): WireRow => ({ entityId: r.entityId, data: r.data, vector: encodeVector(r.vector) });
export const rowFromWire = (r: WireRow): ModelOutputRow => ({ entityId: r.entityId, data: r.data, vector: decodeVector(r.vector) });
