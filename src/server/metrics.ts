/**
 * Prometheus metrics, served at /metrics. One registry per process: the database histogram is
 * fed by the store (opened before any server exists), the rest by the servers in this process.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelKind } from '../store/contract';
import type { QueryObserver } from '../store/cypher/instrumented-runner';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const operationSeconds = new Histogram({
  name: 'graphql_operation_duration_seconds',
  help: 'GraphQL operations by operation name and type, from request to response',
  labelNames: ['operation', 'type'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const errors = new Counter({
  name: 'graphql_errors_total',
  help: 'Errors sent to clients, by extensions.code (including HTTP-level refusals such as RATE_LIMITED)',
  labelNames: ['code'],
  registers: [registry],
});

const dbSeconds = new Histogram({
  name: 'db_query_duration_seconds',
  help: 'Database calls (read, write transaction, stream) and whether they failed',
  labelNames: ['kind', 'failed'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
  registers: [registry],
});

const responseCacheLookups = new Counter({
  name: 'graphql_response_cache_lookups_total',
  help: 'Query lookups in the response cache, by operation name and result (hit or miss)',
  labelNames: ['operation', 'result'],
  registers: [registry],
});

const modelVersion = new Gauge({
  name: 'model_version_info',
  help: 'The model version the API serves, per kind (value 1; the version is the label)',
  labelNames: ['kind', 'version'],
  registers: [registry],
});

/** Operation names are client-chosen: past this many distinct ones, new names count as `other`. */
const MAX_OPERATION_NAMES = 500;
const operationNames = new Set<string>();

function operationLabel(name: string | null): string {
  if (name === null) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES || name.length > 64) return 'other';
  operationNames.add(name);
  return name;
}

export function observeOperation(operation: string | null, type: string | null, seconds: number): void {
  operationSeconds.observe({ operation: operationLabel(operation), type: type ?? 'unknown' }, seconds);
}

export function countError(code: string): void {
  errors.inc({ code });
}

export function countResponseCache(operation: string | null, result: 'hit' | 'miss'): void {
  responseCacheLookups.inc({ operation: operationLabel(operation), result });
}

export const observeDbQuery: QueryObserver = (kind, seconds, failed) => dbSeconds.observe({ kind, failed: String(failed) }, seconds);

export function setModelVersions(versions: Record<ModelKind, string | null>): void {
  modelVersion.reset();
  for (const [kind, version] of Object.entries(versions)) if (version) modelVersion.set({ kind, version }, 1);
}
