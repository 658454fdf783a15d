/**
 * CORS: which origins may call the API from a browser (CORS_ORIGINS), with development defaults
 * and none in production. Node's fetch does not enforce CORS, so these check the headers a
 * browser would act on; tests/e2e/cors.test.ts checks a real browser.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { DEV_CORS_ORIGINS, loadConfig } from '../../src/server/config';
import { startTestApi, type TestApi } from '../graphql/support/api';

const ALLOWED = 'https://shop.example.com';
let api: TestApi;
before(async () => {
  api = await startTestApi({ config: { corsOrigins: [ALLOWED] } });
});
after(() => api.close());

const preflight = (origin: string) =>
  fetch(api.server.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

test('a listed origin passes the preflight and may read answers', async () => {
  const res = await preflight(ALLOWED);
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
  assert.match(res.headers.get('access-control-allow-methods')!, /POST/);
  assert.match(res.headers.get('access-control-allow-headers')!, /authorization/);
  assert.equal(res.headers.get('access-control-allow-credentials'), null, 'credentials travel in headers, never cookies');
  assert.match(res.headers.get('vary')!, /Origin/);

  const post = await fetch(api.server.url, {
    method: 'POST',
    headers: { origin: ALLOWED, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  assert.equal(post.headers.get('access-control-allow-origin'), ALLOWED);
  assert.match(post.headers.get('access-control-expose-headers')!, /x-request-id/);
  assert.deepEqual(await post.json(), { data: { __typename: 'Query' } });
});

test('any other origin is refused at the preflight and gets no allow header', async () => {
  const res = await preflight('https://evil.example.net');
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  const post = await fetch(api.server.url, {
    method: 'POST',
    headers: { origin: 'https://evil.example.net', 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  assert.equal(post.headers.get('access-control-allow-origin'), null, 'the browser will not hand the answer to the page');
});

test('CORS_ORIGINS: development defaults, none in production, a list, *, and bad entries refused', () => {
  assert.deepEqual(loadConfig({}).corsOrigins, DEV_CORS_ORIGINS);
  assert.ok(DEV_CORS_ORIGINS.every((o) => /^http:\/\/(localhost|127\.0\.0\.1):\d+$/.test(o)), 'development defaults are local pages only');
  assert.deepEqual(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) }).corsOrigins, []);
  assert.deepEqual(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:3000' }).corsOrigins, ['https://a.example', 'http://localhost:3000']);
  assert.deepEqual(loadConfig({ CORS_ORIGINS: '' }).corsOrigins, [], 'empty: no other origin');
  assert.deepEqual(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins, ['*']);
  assert.throws(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' }), /CORS_ORIGINS/);
  assert.throws(() => loadConfig({ CORS_ORIGINS: 'a.example' }), /CORS_ORIGINS/);
});
