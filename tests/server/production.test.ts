/** The server as NODE_ENV=production configures it: tokens only, no playground, no introspection. */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { startServer, type RunningServer } from '../../src/server/app';
import { signToken } from '../../src/server/auth/sign';
import { loadConfig } from '../../src/server/config';
import { tempStore, type TempStore } from '../support/store';
import { handleOf, seedCommunity, userId } from '../graphql/support/community';

const env = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'production-secret-of-at-least-32-bytes', LOG_LEVEL: 'silent' };
const config = { ...loadConfig(env), port: 0, host: '127.0.0.1' };
let temp: TempStore;
let server: RunningServer;
before(async () => {
  temp = await tempStore();
  await seedCommunity(temp.store);
  server = await startServer(config, temp.store);
});
after(async () => {
  await server?.close();
  await temp?.cleanup();
});

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then(
    async (res) => ({ status: res.status, body: await res.json() }),
  );

test('a token signs in; the dev header does not', async () => {
  const token = await signToken(config.auth, { userId: userId(3), roles: [], ttl: '5m' });
  assert.equal((await post('{ viewer { handle } }', { authorization: `Bearer ${token}` })).body.data.viewer.handle, handleOf(3));
  assert.equal((await post('{ viewer { handle } }', { 'x-user-id': handleOf(3) })).body.data.viewer, null);
  const expired = await signToken(config.auth, { userId: userId(3), roles: [], ttl: '-1m' });
  const refused = await post('{ viewer { handle } }', { authorization: `Bearer ${expired}` });
  assert.deepEqual([refused.status, refused.body.errors[0].extensions.code], [401, 'UNAUTHENTICATED']);
});

test('no playground and no introspection', async () => {
  const page = await fetch(server.url, { headers: { accept: 'text/html' } });
  assert.notEqual(page.headers.get('content-type')?.startsWith('text/html'), true);
  const introspection = await post('{ __schema { types { name } } }');
  assert.equal(introspection.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
  const typo = await post('{ categorys { name } }');
  assert.doesNotMatch(typo.body.errors[0].message, /Did you mean/, 'no schema hints either');
});

test('development listens on loopback by default, production on every interface; HOST wins', () => {
  assert.equal(loadConfig({}).host, '127.0.0.1', 'development trusts the dev header, so only this machine reaches it');
  assert.equal(loadConfig(env).host, '0.0.0.0');
  assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
});
