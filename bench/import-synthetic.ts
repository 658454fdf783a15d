/**
 * Large import benchmark: generates a synthetic export (bench/generate-csv.ts; default 1M reviews,
 * 350k follows, 100k users, 200k products) in the generic CSV layout, imports it into a fresh
 * temporary DATA_DIR, then again (idempotency), and records seconds, rows/s, peak memory and the
 * load average of both runs in bench/results/import-synthetic.json.
 * Usage: npx tsx bench/import-synthetic.ts [--reviews N] [--follows N]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCsv } from './generate-csv';
import { firstAndRerun, importCli } from './import-cli';

const RESULTS = 'bench/results/import-synthetic.json';
const { values } = parseArgs({ options: { reviews: { type: 'string' }, follows: { type: 'string' } } });
const size = {
  users: 100_000,
  products: 200_000,
  categories: 50,
  reviews: Number(values.reviews ?? 1_000_000),
  follows: Number(values.follows ?? 350_000),
};
const dir = mkdtempSync(path.join(tmpdir(), 'synthetic-import-'));

try {
  await generateCsv(path.join(dir, 'csv'), size);
  const args = ['--csv', path.join(dir, 'csv')];
  const first = importCli(args, dir, '1');
  const second = importCli(args, dir, '2');
  const result = {
    size,
    ...firstAndRerun(first, second),
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `wrote ${RESULTS}: first run ${result.firstRun.seconds}s (${result.firstRun.rowsPerSecond} rows/s, peak ${result.firstRun.peakMemoryMiB} MiB, ` +
      `load ${result.firstRun.loadAverage.join('->')}), second run ${result.secondRun.seconds}s (peak ${result.secondRun.peakMemoryMiB} MiB), ` +
      `idempotent ${result.idempotent}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
