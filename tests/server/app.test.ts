import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, test } from '../support/node-test';
import { pino } from 'pino';
import { startServer } from '../../src/server/app';
import type { Store } from '../../src/store/contract';
import { startTestApi, testConfig, type TestApi } from '../graphql/support/api';
import { handleOf } from '../graphql/support/community';

/** The store with `users.list` failing the way a broken database would. */
function withFailingUserList(store: Store): Store {
  const users = new Proxy(store.users, {
    get(target, prop) {
      if (prop === 'list') return async () => Promise.reject(new Error('connection reset by 10.1.2.3 (secret detail)'));
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'users') return users;
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const logLines: string[] = [];
let api: TestApi;
before(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
  api = await startTestApi({ wrap: withFailingUserList, logger: pino({ level: 'error' }, sink) });
});
after(() => api?.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(api.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

test('a browser GET /graphql gets the playground; other paths are 404', async () => {
  const page = await fetch(api.server.url, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await page.text(), /query OpinionLeaders/);

  const missing = await fetch(new URL('/nope', api.server.url));
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).errors[0].extensions.code, 'NOT_FOUND');
});

test('GET runs queries too (with a CSRF-safe header), as Apollo requires', async () => {
  const url = `${api.server.url}?query=${encodeURIComponent('{ categories { name } }')}`;
  const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).data.categories.length, 3);
});

test('internal errors are masked for the client and logged for us', async () => {
  const res = await post(JSON.stringify({ query: '{ users(first: 2) { totalCount } }' }));
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.doesNotMatch(text, /secret|10\.1\.2\.3|stack/i);
  const body = JSON.parse(text);
  assert.deepEqual(body.errors.map((e: any) => [e.message, e.extensions, e.path]), [
    ['Internal server error', { code: 'INTERNAL_SERVER_ERROR' }, ['users']],
  ]);
  assert.ok(logLines.some((line) => line.includes('secret detail')), 'the real error is logged');
});

test('malformed requests are 4xx with a code, never 500', async () => {
  const badJson = await post('{"query": ');
  assert.equal(badJson.status, 400);
  assert.equal((await badJson.json()).errors[0].extensions.code, 'BAD_REQUEST');

  const parse = await post(JSON.stringify({ query: '{ users(' }));
  assert.equal(parse.status, 400);
  assert.equal((await parse.json()).errors[0].extensions.code, 'GRAPHQL_PARSE_FAILED');

  const invalid = await post(JSON.stringify({ query: '{ nope }' }));
  assert.equal(invalid.status, 400);
  assert.equal((await invalid.json()).errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');

  const huge = await post(JSON.stringify({ query: `{ categories { name } } # ${'x'.repeat(2 * 1024 * 1024)}` }));
  assert.equal(huge.status, 413);
});

test('requests the HTTP parser refuses (headers over 16 KB, broken HTTP) still get a GraphQL-shaped error', async () => {
  const longHeader = await post('{"query":"{ __typename }"}', { 'x-padding': 'x'.repeat(20_000) });
  assert.equal(longHeader.status, 431);
  assert.equal((await longHeader.json()).errors[0].extensions.code, 'BAD_REQUEST');

  const { port } = api.server;
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk)).on('end', () => resolve(answer)).on('error', reject);
  });
  assert.match(raw, /^HTTP\/1\.1 400 /);
  assert.equal(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).errors[0].extensions.code, 'BAD_REQUEST');
});

test('the dev x-user-id header names the viewer by handle or id; an unknown one is 401', async () => {
  const viewer = '{ viewer { handle } }';
  assert.equal((await (await post(JSON.stringify({ query: viewer }), { 'x-user-id': handleOf(3) })).json()).data.viewer.handle, handleOf(3));
  assert.equal((await (await post(JSON.stringify({ query: viewer }), { 'x-user-id': 'u04' })).json()).data.viewer.handle, handleOf(4));

  const unknown = await post(JSON.stringify({ query: viewer }), { 'x-user-id': 'nobody' });
  assert.equal(unknown.status, 401);
  assert.equal((await unknown.json()).errors[0].extensions.code, 'UNAUTHENTICATED');
});

test('MAX_PAGE_SIZE bounds every connection', async () => {
  const server = await startServer(testConfig({ maxPageSize: 5 }), api.store);
  try {
    const ask = (first: number) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ categories { products(first: ${first}) { totalCount } } }` }),
      }).then((res) => res.json());
    assert.equal((await ask(5)).errors, undefined);
    const tooMany = await ask(6);
    assert.equal(tooMany.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.match(tooMany.errors[0].message, /at most 5/);
  } finally {
    await server.close();
  }
});

test('without devAuthHeader the header is ignored', async () => {
  const server = await startServer(testConfig({ devAuthHeader: false }), api.store);
  try {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': handleOf(3) },
      body: JSON.stringify({ query: '{ viewer { handle } }' }),
    });
    assert.deepEqual((await res.json()).data, { viewer: null });
  } finally {
    await server.close();
  }
});
