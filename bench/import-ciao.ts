/**
 * Ciao import benchmark: runs `npm run import` on the real dataset into a fresh temporary
 * DATA_DIR, then a second time to show idempotency (0 new rows), and records rows, rejects,
 * seconds, rows/s, peak memory and the load average of both runs in bench/results/import-ciao.json.
 * Usage: npx tsx bench/import-ciao.ts [DATASET_DIR]   (default ../shared/datasets/ciao)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportSummary } from '../seeds/import/run';
import { firstAndRerun, importCli } from './import-cli';
import { startServer } from '../src/server/app';
import { testConfig } from '../tests/graphql/support/api';

const dataset = path.resolve(process.argv[2] ?? '../shared/datasets/ciao');
const RESULTS = 'bench/results/import-ciao.json';
const dataDir = mkdtempSync(path.join(tmpdir(), 'ciao-import-'));

const importOnce = (run: number) =>
  importCli(
    ['--reviews', path.join(dataset, 'reviews.csv'), '--trust', path.join(dataset, 'trust.csv'), '--categories', path.join(dataset, 'categories.csv')],
    dataDir,
    String(run),
  );

/**
 * What the API serves after the import, next to what the files say it should: users and products
 * through GraphQL, reviews and follows through the store (no single GraphQL field counts them).
 */
async function apiCounts(first: ImportSummary) {
  const server = await startServer(testConfig({ dataDir: path.join(dataDir, 'data'), neo4j: null, seedOnEmpty: false }));
  try {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ users(first: 0) { totalCount } products(first: 0) { totalCount } categories { id } }' }),
    });
    const { data } = (await res.json()) as { data: { users: { totalCount: number }; products: { totalCount: number }; categories: unknown[] } };
    const stored = await server.store.bulk.counts();
    const rejected = (file: string) =>
      Object.entries(first.rejected).filter(([why]) => why.startsWith(file)).reduce((n, [, t]) => n + t.count, 0);
    const served = { users: data.users.totalCount, products: data.products.totalCount, categories: data.categories.length, reviews: stored.reviews, follows: stored.follows };
    const expected = {
      users: first.written.users,
      products: first.written.products,
      categories: first.read['categories.csv'],
      reviews: first.read['reviews.csv'] - rejected('reviews.csv'),
      follows: first.read['trust.csv'] - rejected('trust.csv'),
    };
    return { served, expected, match: JSON.stringify(served) === JSON.stringify(expected) };
  } finally {
    await server.close();
  }
}

try {
  const first = importOnce(1);
  const second = importOnce(2);
  const counts = await apiCounts(first.summary);
  const result = {
    dataset,
    ...firstAndRerun(first, second),
    apiCounts: counts,
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `wrote ${RESULTS}: first run ${result.firstRun.seconds}s (${result.firstRun.rowsPerSecond} rows/s, peak ${result.firstRun.peakMemoryMiB} MiB, ` +
      `load ${result.firstRun.loadAverage.join('->')}), second run ${result.secondRun.seconds}s, ` +
      `idempotent ${result.idempotent}, API counts match the files: ${counts.match} ${JSON.stringify(counts.served)}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
