/**
 * An upstream LadybugDB (0.19) crash and our guard against it, each in a child process so that a
 * segfault fails one test instead of killing the runner.
 *
 * `ORDER BY … SKIP s LIMIT l` is a top-k; its scan starts at key block s / rows-per-block (a block
 * is 256 KiB of encoded sort keys, about 15,000 rows for one INT64 key, 8,400 for the users' order)
 * without checking that the block exists. Any s past the last block reads a block pointer out of
 * bounds: a segfault, certain for far offsets, likely from the first missing block on (a forged
 * cursor at offset 10,000 took the API down). ORDER BY without LIMIT, or SKIP without ORDER BY, is
 * safe. The store therefore never sends an offset at or past the list's count (src/store/cypher/skip.ts).
 * When this first test starts failing, upstream fixed it and the guard may go.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from '../../support/node-test';

const FAR = 1_000_000_000;

async function run(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout };
}

test('upstream: a sorted, limited query with a SKIP past its rows segfaults LadybugDB', async () => {
  const script = `
    import lbug from '@ladybugdb/core';
    const conn = new lbug.Connection(new lbug.Database(':memory:'));
    const result = await conn.query('UNWIND [1] AS x RETURN x ORDER BY x SKIP ${FAR} LIMIT 1');
    console.log(JSON.stringify(await result.getAll()));
    process.exit(0);`;
  const { signal, stdout } = await run(['--input-type=module', '-e', script]);
  assert.equal(signal, 'SIGSEGV', `expected the upstream crash; got ${JSON.stringify(stdout)} (fixed upstream? then skip.ts may go)`);
});

test('the store pages users, products and the feed at any offset without crashing the engine', async () => {
  const script = `
    import { mkdtemp, rm } from 'node:fs/promises';
    import { tmpdir } from 'node:os';
    import path from 'node:path';
    import { openStore } from './src/store/open.ts';
    const dir = await mkdtemp(path.join(tmpdir(), 'scg-skip-'));
    const store = await openStore({ dataDir: dir, neo4j: null });
    await store.bulk.upsert({
      categories: [{ id: 'c', name: 'C' }],
      users: [{ id: 'u', handle: 'u', displayName: 'U', bio: '', joinedAt: 1 }],
      products: [{ id: 'p', name: 'P', description: '', price: 1, currency: 'EUR', categoryId: 'c', createdAt: 1 }],
    });
    const out = [];
    for (const offset of [1, 10_000, ${FAR}, Number.MAX_SAFE_INTEGER]) {
      const page = { offset, limit: 2 };
      out.push((await store.users.list({ filter: {}, sort: 'NEWEST', page })).items.length);
      out.push((await store.products.list({ filter: {}, sort: 'NAME', page })).totalCount);
      out.push((await store.feed.of('u', page)).items.length);
    }
    await store.close();
    await rm(dir, { recursive: true, force: true });
    console.log(JSON.stringify(out));`;
  const { code, signal, stdout } = await run(['--import', 'tsx', '--input-type=module', '-e', script]);
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
  assert.deepEqual(JSON.parse(stdout), [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0], 'no users or feed entries past the end; the product count is still answered');
});
