import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { UnauthenticatedError } from '../../src/domain/errors';
import { signToken } from '../../src/server/auth/sign';
import { createAuthenticator } from '../../src/server/authenticate';
import { loadConfig } from '../../src/server/config';
import type { Store } from '../../src/store/contract';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
/** The dev header looks users up; this store knows one, `u1` (handle `ada`). */
const store = {
  users: {
    get: async (ids: string[]) => ids.map((id) => (id === 'u1' ? { id: 'u1', handle: 'ada' } : null)),
    getByHandle: async (handles: string[]) => handles.map((h) => (h === 'ada' ? { id: 'u1', handle: 'ada' } : null)),
  },
} as unknown as Store;

test('production refuses to start without a token key, and refuses the dev header outright', async () => {
  await assert.rejects(createAuthenticator(loadConfig({ NODE_ENV: 'production' }), store), /AUTH_JWT_SECRET/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', DEV_AUTH_HEADER: 'true' }), /not allowed/);
  assert.throws(() => loadConfig({ AUTH_JWT_SECRET: 'short' }), /at least 32 bytes/);
});

test('in production a token signs in and the dev header is ignored', async () => {
  const config = loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET });
  const authenticate = await createAuthenticator(config, store);
  const token = await signToken(config.auth, { userId: 'u1', roles: [], ttl: '1m' });
  assert.deepEqual(await authenticate({ authorization: `Bearer ${token}` }), { userId: 'u1', roles: ['user'] });
  assert.equal(await authenticate({ 'x-user-id': 'ada' }), null);
});

test('in development a token wins over the dev header; without a key, tokens are refused', async () => {
  const config = loadConfig({ AUTH_JWT_SECRET: SECRET });
  const authenticate = await createAuthenticator(config, store);
  const token = await signToken(config.auth, { userId: 'u9', roles: ['admin'], ttl: '1m' });
  assert.deepEqual(await authenticate({ authorization: `Bearer ${token}`, 'x-user-id': 'ada' }), { userId: 'u9', roles: ['user', 'admin'] });
  assert.deepEqual(await authenticate({ 'x-user-id': 'ada', 'x-user-roles': 'manager, admin' }), { userId: 'u1', roles: ['user', 'manager', 'admin'] });
  await assert.rejects(authenticate({ 'x-user-id': 'nobody' }), UnauthenticatedError);

  const keyless = await createAuthenticator(loadConfig({}), store);
  await assert.rejects(keyless({ authorization: `Bearer ${token}` }), /no token key/);
  assert.equal(await keyless({}), null);
});
