/**
 * Configuration from the environment. Every variable the project reads is here (and in the README).
 */
import path from 'node:path';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export interface Config {
  port: number;
  host: string;
  /** LadybugDB data directory (ignored when Neo4j is configured). */
  dataDir: string;
  neo4j: Neo4jConfig | null;
  /** Seed the demo community when the database is empty at start. */
  seedOnEmpty: boolean;
  /** Where trained models and their outputs are kept. */
  modelDir: string;
  /** How often (ms) the API checks for newly published model versions. */
  modelRefreshMs: number;
  /** Model training: a running server to train through, and the token to use there. */
  training: { server: string | null; token: string | null };
  logLevel: string;
  maxPageSize: number;
  /** Development only: trust an `x-user-id` header (a user id or handle) as the viewer. */
  devAuthHeader: boolean;
  production: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: int(env.PORT, 4000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    neo4j: env.NEO4J_URI
      ? {
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER ?? 'neo4j',
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE || undefined,
        }
      : null,
    seedOnEmpty: env.SEED_ON_EMPTY !== 'false',
    modelDir: path.resolve(env.MODEL_DIR ?? path.join(dataDir, 'models')),
    modelRefreshMs: int(env.MODEL_REFRESH_MS, 2000, 'MODEL_REFRESH_MS'),
    training: { server: env.TRAINING_SERVER_URL || null, token: env.TRAINING_TOKEN || null },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    maxPageSize: int(env.MAX_PAGE_SIZE, 100, 'MAX_PAGE_SIZE'),
    devAuthHeader: env.DEV_AUTH_HEADER ? env.DEV_AUTH_HEADER === 'true' : !production,
    production,
  };
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}
