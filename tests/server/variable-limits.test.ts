/**
 * Issue 14, finding 4, as an outsider sees it: requests against a running server process whose
 * variables the operation does not declare, or that are larger than any real operation needs,
 * are refused with BAD_USER_INPUT before anything runs or is kept (they used to be part of the
 * response cache's keys: 50 requests with a 900 kB unused variable grew the heap by 46 MB).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../support/node-test';
import { MAX_VARIABLES_BYTES } from '../../src/server/variable-limits';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let dir: string;
let server: ServerProcess;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scg-variables-'));
  server = await startServerProcess({ dataDir: dir, env: { SEED_ON_EMPTY: 'false' } });
});
after(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(body: string): Promise<{ status: number; json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as never };
}

test('a variable the operation does not declare is refused, however large', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  for (const value of ['"x"', JSON.stringify('x'.repeat(900_000)), deep]) {
    const { status, json } = await post(`{"query": "{ __typename }", "variables": {"unused": ${value}}}`);
    assert.equal(status, 400);
    assert.equal(json.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    // The 100,000-deep one is refused earlier, by the HTTP layer's nesting limit: either way a 400.
    assert.match(json.errors![0].message, value === deep ? /nest deeper than 64 levels/ : /"\$unused" is not declared/);
    assert.equal(json.data, undefined);
  }
});

test('declared variables larger than any real operation needs are refused', async () => {
  const query = 'query ($handle: String!) { user(handle: $handle) { id } }';
  const { status, json } = await post(JSON.stringify({ query, variables: { handle: 'h'.repeat(MAX_VARIABLES_BYTES) } }));
  assert.equal(status, 400);
  assert.equal(json.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  assert.match(json.errors![0].message, /at most 65536/);

  const ok = await post(JSON.stringify({ query, variables: { handle: 'nobody' } }));
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.json, { data: { user: null } });
});
