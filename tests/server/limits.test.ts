/**
 * Abuse limits over HTTP: query shape (graphql-armor), rate limits with Retry-After, and
 * introspection and the playground switched per environment.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { startServer } from '../../src/server/app';
import type { Config } from '../../src/server/config';
import { startTestApi, testConfig, type TestApi } from '../graphql/support/api';

let api: TestApi;
before(async () => {
  api = await startTestApi({
    seed: async () => {},
    config: { limits: { maxDepth: 6, maxCost: 60, maxAliases: 3, maxDirectives: 5, maxTokens: 300 } },
  });
});
after(() => api?.close());

async function refusal(query: string): Promise<{ status: number; code?: string; message: string }> {
  const res = await api.gql(query);
  assert.equal(res.data, undefined, 'nothing executed');
  return { status: res.status, code: res.errors?.[0].extensions?.code, message: res.errors?.[0].message ?? '' };
}

test('queries deeper, costlier, with more aliases, directives or tokens than allowed are refused before running', async () => {
  assert.equal((await api.gql('{ users(first: 1) { edges { node { handle } } } }')).errors, undefined);

  const deep = await refusal('{ users { edges { node { followers { edges { node { handle } } } } } } }');
  assert.deepEqual([deep.status, deep.code], [400, 'GRAPHQL_VALIDATION_FAILED']);
  assert.match(deep.message, /depth/i);

  const aliases = await refusal('{ a: categories { name } b: categories { name } c: categories { name } d: categories { name } }');
  assert.match(aliases.message, /aliases/i);

  const costly = await refusal(`{ ${Array.from({ length: 3 }, (_, i) => `u${i}: users { edges { node { handle bio displayName joinedAt followers { totalCount } } } }`).join(' ')} }`);
  assert.match(costly.message, /cost/i);

  const directives = await refusal(`{ categories ${'@include(if: true) '.repeat(6)} { name } }`);
  assert.match(directives.message, /directives/i);

  const tokens = await refusal(`{ categories { ${'name '.repeat(400)} } }`);
  assert.match(tokens.message, /token/i);
  const batch = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
  });
  assert.deepEqual([batch.status, (await batch.json()).errors[0].extensions.code], [400, 'BAD_REQUEST'], 'one operation per request');
});

async function withServer(overrides: Partial<Config>, use: (url: string) => Promise<void>): Promise<void> {
  const server = await startServer(testConfig(overrides), api.store);
  try {
    await use(server.url);
  } finally {
    await server.close();
  }
}

test('a client over its rate gets 429 with Retry-After, per address and per token', async () => {
  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ categories { name } }"}' });
  await withServer({ rateLimit: { ipPerMinute: 2, tokenPerMinute: 0 } }, async (url) => {
    assert.deepEqual([(await post(url)).status, (await post(url)).status], [200, 200]);
    const refused = await post(url);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.equal((await refused.json()).errors[0].extensions.code, 'RATE_LIMITED');
  });
  await withServer({ rateLimit: { ipPerMinute: 0, tokenPerMinute: 1 } }, async (url) => {
    const token = { authorization: `Bearer ${await api.token('u1')}` };
    assert.equal((await post(url, token)).status, 200);
    assert.equal((await post(url, token)).status, 429);
    assert.equal((await post(url)).status, 200, 'anonymous requests are limited by address only');
  });
});

test('introspection and the playground follow their settings', async () => {
  const introspect = (url: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __schema { queryType { name } } }"}' }).then((r) => r.json());
  const page = (url: string) => fetch(url, { headers: { accept: 'text/html' } });

  assert.equal((await introspect(api.server.url)).data.__schema.queryType.name, 'Query');
  assert.equal((await page(api.server.url)).status, 200);
  await withServer({ introspection: false, playground: false }, async (url) => {
    assert.equal((await introspect(url)).errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.notEqual((await page(url)).headers.get('content-type')?.startsWith('text/html'), true);
  });
});

test('a page size over the maximum is refused as a bad argument, not as a costly query', async () => {
  await withServer({}, async (url) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users(first: 100000) { totalCount } }' }) });
    const error = (await res.json()).errors?.[0];
    assert.deepEqual([error?.extensions?.code, error?.message], ['BAD_USER_INPUT', 'first must be at most 100 (the maximum page size)']);
  });
});
