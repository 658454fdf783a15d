/**
 * One running API per test file: a temporary store with the test community, the real HTTP
 * server on a free port, and a `gql` helper that posts an operation as a given user.
 */
import { startServer, type RunningServer } from '../../../src/server/app';
import { signToken } from '../../../src/server/auth/sign';
import { loadConfig, type Config } from '../../../src/server/config';
import type { Logger } from '../../../src/server/logger';
import type { TrainingCommand } from '../../../src/server/training-jobs';
import type { Store } from '../../../src/store/contract';
import { tempStore } from '../../support/store';
import { seedCommunity } from './community';

export interface GqlResult<TData = any> {
  status: number;
  data?: TData;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

export interface TestApi {
  server: RunningServer;
  store: Store;
  /** The store's data directory. */
  dataDir: string;
  /**
   * Posts an operation; `as` is the handle (or id) sent in the dev `x-user-id` header, `token` a
   * Bearer token (see `token`).
   */
  gql<TData = any>(query: string, opts?: { variables?: Record<string, unknown>; as?: string; token?: string }): Promise<GqlResult<TData>>;
  /** A token for `userId` with `roles`, signed with the test secret. */
  token(userId: string, roles?: string[]): Promise<string>;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: TEST_JWT_SECRET });
  // No rate limit unless a test asks for one: suites send hundreds of requests from one address.
  const rateLimit = { ipPerMinute: 0, tokenPerMinute: 0 };
  return { ...base, port: 0, host: '127.0.0.1', devAuthHeader: true, rateLimit, ...overrides };
}

export async function startTestApi(
  opts: {
    config?: Partial<Config>;
    seed?: (store: Store) => Promise<void>;
    wrap?: (store: Store) => Store;
    logger?: Logger;
    trainingCommand?: TrainingCommand;
  } = {},
): Promise<TestApi> {
  const temp = await tempStore();
  await (opts.seed ?? seedCommunity)(temp.store);
  const config = testConfig(opts.config);
  const server = await startServer(config, opts.wrap ? opts.wrap(temp.store) : temp.store, opts.logger, opts.trainingCommand);
  return {
    server,
    store: temp.store,
    dataDir: temp.dir,
    token: (userId, roles = []) => signToken(config.auth, { userId, roles, ttl: '1h' }),
    async gql(query, { variables, as, token } = {}) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(as ? { 'x-user-id': as } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await server.close();
      await temp.cleanup();
    },
  };
}
