/**
 * `npm run import` while a server holds DATA_DIR: the CLI finds the directory locked, sends the
 * import to the server's internal API with the token the server left in DATA_DIR, draws its
 * progress and prints its summary. The API serves the imported rows at once (the response cache
 * drops what it kept), and a second import through the server adds nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCsv } from '../../bench/generate-csv';
import { test } from '../support/node-test';
import { runCommand } from '../support/run-command';
import { startServerProcess } from '../support/server-process';

const SIZE = { users: 40, products: 60, categories: 3, reviews: 300, follows: 120 };

const importCsv = (dir: string, env: Record<string, string>) =>
  runCommand(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', '--csv', dir], env);

async function totals(url: string): Promise<{ users: number; products: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ users(first: 0) { totalCount } products(first: 0) { totalCount } }' }),
  });
  const { data } = (await res.json()) as { data: { users: { totalCount: number }; products: { totalCount: number } } };
  return { users: data.users.totalCount, products: data.products.totalCount };
}

test('an import while the server runs goes through the server, is served at once, and a rerun adds nothing', { timeout: 400_000 }, async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'scg-import-server-'));
  const dataDir = path.join(work, 'data');
  try {
    await generateCsv(path.join(work, 'csv'), SIZE);
    const server = await startServerProcess({ dataDir, env: { SEED_ON_EMPTY: 'false' } });
    try {
      const env = { DATA_DIR: dataDir, PORT: new URL(server.url).port, NEO4J_URI: '' };
      assert.deepEqual(await totals(server.url), { users: 0, products: 0 }, 'empty before (and this answer may be cached)');

      const first = await importCsv(path.join(work, 'csv'), env);
      assert.match(first, /held by a running server: importing through it/);
      assert.match(first, /rows written \(new \/ sent\): users 40\/40, categories 3\/3, products 60\/60, reviews 300\/300, follows 120\/120/);
      assert.match(first, /rejected rows \(0\)/);
      assert.deepEqual(await totals(server.url), { users: SIZE.users, products: SIZE.products });

      // The route takes absolute paths only: a server resolves nothing against its own directory.
      const token = (await readFile(path.join(dataDir, 'internal-api.token'), 'utf8')).trim();
      const refused = await fetch(new URL('/internal/import', server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: { csv: 'csv' } }),
      });
      assert.equal(refused.status, 400, await refused.text());

      const second = await importCsv(path.join(work, 'csv'), env);
      assert.match(second, /rows written \(new \/ sent\): users 0\/40, categories 0\/3, products 0\/60, reviews 0\/300, follows 0\/120/);
      await server.stop();
    } finally {
      await server.kill();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
