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
  /** After the demo seed, train every model kind that has no published version, in the background. */
  trainOnSeed: boolean;
  /** Where trained models and their outputs are kept. */
  modelDir: string;
  /** How often (ms) the API checks for newly published model versions. */
  modelRefreshMs: number;
  /** Model training: a running server to train through, and the token to use there. */
  training: { server: string | null; token: string | null };
  logLevel: string;
  /** `pretty` (colours, one line per entry) or `json` (one JSON object per line). */
  logFormat: 'pretty' | 'json';
  /** Browser origins allowed to call the API from other pages (CORS); `*` allows any. */
  corsOrigins: readonly string[];
  maxPageSize: number;
  /** Signs page cursors (graphql/cursor.ts); unset, a key drawn at start does. */
  cursorSecret?: string;
  /** Development only: trust an `x-user-id` header (a user id or handle) as the viewer. */
  devAuthHeader: boolean;
  auth: AuthConfig;
  limits: LimitsConfig;
  rateLimit: RateLimitConfig;
  /** Per-query database timeout in ms; 0 disables it. */
  dbQueryTimeoutMs: number;
  /** On SIGTERM/SIGINT: how long running requests and training jobs get to finish. */
  shutdownGraceMs: number;
  /**
   * LadybugDB: open a directory whose write-ahead log is damaged before its end as of its last
   * intact transaction, dropping the committed ones after the damage, instead of refusing. (A torn
   * end, what a crash leaves, is always discarded: it was never acknowledged.)
   */
  skipDamagedWal: boolean;
  /** Megabytes of query responses kept in the response cache (response-cache.ts); 0 disables it. */
  responseCacheMb: number;
  introspection: boolean;
  playground: boolean;
  /** Take the client address from `x-forwarded-for` (only behind a proxy that sets it). */
  trustProxy: boolean;
  production: boolean;
}

/** Where Bearer JWTs are verified from; any one of the key sources enables tokens. */
export interface AuthConfig {
  /** HS256 shared secret (also what `npm run token` signs with). */
  jwtSecret?: string;
  /** PEM file with an RSA (RS256) or EC P-256 (ES256) public key. */
  jwtPublicKeyFile?: string;
  /** JSON Web Key Set file with RS256/ES256 public keys, picked by `kid`. */
  jwksFile?: string;
  issuer?: string;
  audience?: string;
}

/** Query shape limits, enforced by graphql-armor before execution. */
export interface LimitsConfig {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/** Token buckets: `perMinute` requests refill evenly, up to a burst of `perMinute`; 0 disables. */
export interface RateLimitConfig {
  ipPerMinute: number;
  tokenPerMinute: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: int(env.PORT, 4000, 'PORT'),
    // Development trusts the x-user-id header: reachable from this machine only unless HOST says otherwise.
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    neo4j: env.NEO4J_URI
      ? {
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER ?? 'neo4j',
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE || undefined,
        }
      : null,
    seedOnEmpty: bool(env.SEED_ON_EMPTY, true, 'SEED_ON_EMPTY'),
    trainOnSeed: bool(env.TRAIN_ON_SEED, true, 'TRAIN_ON_SEED'),
    modelDir: path.resolve(env.MODEL_DIR ?? path.join(dataDir, 'models')),
    modelRefreshMs: int(env.MODEL_REFRESH_MS, 2000, 'MODEL_REFRESH_MS'),
    training: { server: env.TRAINING_SERVER_URL || null, token: env.TRAINING_TOKEN || null },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    logFormat: logFormat(env.LOG_FORMAT, production),
    corsOrigins: corsOrigins(env.CORS_ORIGINS, production),
    maxPageSize: int(env.MAX_PAGE_SIZE, 100, 'MAX_PAGE_SIZE'),
    cursorSecret: secret(env.CURSOR_SECRET, 'CURSOR_SECRET'),
    devAuthHeader: devAuthHeader(env, production),
    auth: {
      jwtSecret: secret(env.AUTH_JWT_SECRET, 'AUTH_JWT_SECRET'),
      jwtPublicKeyFile: env.AUTH_JWT_PUBLIC_KEY_FILE || undefined,
      jwksFile: env.AUTH_JWKS_FILE || undefined,
      issuer: env.AUTH_JWT_ISSUER || undefined,
      audience: env.AUTH_JWT_AUDIENCE || undefined,
    },
    limits: {
      maxDepth: int(env.GRAPHQL_MAX_DEPTH, 12, 'GRAPHQL_MAX_DEPTH'),
      maxCost: int(env.GRAPHQL_MAX_COST, 50_000, 'GRAPHQL_MAX_COST'),
      maxAliases: int(env.GRAPHQL_MAX_ALIASES, 15, 'GRAPHQL_MAX_ALIASES'),
      maxDirectives: int(env.GRAPHQL_MAX_DIRECTIVES, 50, 'GRAPHQL_MAX_DIRECTIVES'),
      maxTokens: int(env.GRAPHQL_MAX_TOKENS, 2000, 'GRAPHQL_MAX_TOKENS'),
    },
    rateLimit: {
      ipPerMinute: int(env.RATE_LIMIT_IP_PER_MINUTE, 600, 'RATE_LIMIT_IP_PER_MINUTE'),
      tokenPerMinute: int(env.RATE_LIMIT_TOKEN_PER_MINUTE, 1200, 'RATE_LIMIT_TOKEN_PER_MINUTE'),
    },
    dbQueryTimeoutMs: int(env.DB_QUERY_TIMEOUT_MS, 30_000, 'DB_QUERY_TIMEOUT_MS'),
    shutdownGraceMs: int(env.SHUTDOWN_GRACE_MS, 10_000, 'SHUTDOWN_GRACE_MS'),
    skipDamagedWal: bool(env.LADYBUG_SKIP_DAMAGED_WAL, false, 'LADYBUG_SKIP_DAMAGED_WAL'),
    // Exact only when this process sees every write: not so with Neo4j and several instances.
    responseCacheMb: int(env.RESPONSE_CACHE_MB, env.NEO4J_URI ? 0 : 64, 'RESPONSE_CACHE_MB'),
    introspection: bool(env.GRAPHQL_INTROSPECTION, !production, 'GRAPHQL_INTROSPECTION'),
    playground: bool(env.GRAPHQL_PLAYGROUND, !production, 'GRAPHQL_PLAYGROUND'),
    trustProxy: bool(env.TRUST_PROXY, false, 'TRUST_PROXY'),
    production,
  };
}

/** Trusting a header that names any user would hand production accounts to whoever asks. */
function devAuthHeader(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const on = bool(env.DEV_AUTH_HEADER, !production, 'DEV_AUTH_HEADER');
  if (on && production) throw new Error('DEV_AUTH_HEADER=true is not allowed with NODE_ENV=production');
  return on;
}

/** Readable in a developer's terminal; JSON for log collectors, files and pipes. */
function logFormat(value: string | undefined, production: boolean): Config['logFormat'] {
  if (value === 'pretty' || value === 'json') return value;
  if (value) throw new Error(`LOG_FORMAT must be pretty or json, got ${JSON.stringify(value)}`);
  return !production && process.stdout.isTTY ? 'pretty' : 'json';
}

/**
 * Pages served from this machine's usual development ports may call the API in development;
 * production allows no other origin until CORS_ORIGINS names them.
 */
export const DEV_CORS_ORIGINS = ['http://localhost:3000', 'http://localhost:5173', 'http://localhost:8080', 'http://127.0.0.1:3000', 'http://127.0.0.1:5173', 'http://127.0.0.1:8080'];

function corsOrigins(value: string | undefined, production: boolean): string[] {
  if (value === undefined) return production ? [] : DEV_CORS_ORIGINS;
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/?#\s]+$/.test(origin)) {
      throw new Error(`CORS_ORIGINS entries must be origins like https://shop.example.com (scheme and host, no path) or *, got ${JSON.stringify(origin)}`);
    }
  }
  return origins;
}

/** HMAC keys need at least 256 bits; shorter secrets are guessable offline from any token or cursor. */
function secret(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  if (Buffer.byteLength(value) < 32) throw new Error(`${name} must be at least 32 bytes long`);
  return value;
}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value !== 'true' && value !== 'false') throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
  return value === 'true';
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}
