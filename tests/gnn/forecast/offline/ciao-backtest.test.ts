/**
 * The Ciao backtest end to end on a small synthetic dataset in the Ciao layout: three trust
 * cliques with monthly reviews, the report's shape, and agreement with the independent
 * evaluator (bench/eval-forecast.mjs) on MAE and coverage.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from '../../../support/node-test';
import { initBackend } from '../../../../gnn/core/backend';
import { runCiaoBacktest } from '../../../../gnn/forecast/offline/ciao-backtest';
import { Random } from '../../../../gnn/core/random';

const dir = mkdtempSync(join(tmpdir(), 'forecast-ciao-'));
after(() => rmSync(dir, { recursive: true, force: true }));
before(async () => {
  await initBackend(() => {});
});

function writeDataset(): { reviews: string; trust: string } {
  const rng = new Random(3);
  const trust = ['truster_id,trustee_id'];
  const reviews = ['user_id,product_id,category_id,rating,helpfulness,timestamp'];
  for (let g = 0; g < 3; g++) {
    const users = Array.from({ length: 25 }, (_, k) => 1 + g * 25 + k);
    for (const a of users) for (const b of users) if (a !== b && rng.next() < 0.3) trust.push(`${a},${b}`);
    for (let m = 0; m < 42; m++) {
      // 2005-01 .. 2008-06, group g busier in later months; the crawl ends mid 2008-07.
      for (const u of users) {
        const n = rng.int(3 + g + Math.floor(m / 12));
        for (let k = 0; k < n; k++) {
          const t = Date.UTC(2005, m, 1 + rng.int(27)) / 1000;
          reviews.push(`${u},${rng.int(500)},${1 + g},4,3,${t}`);
        }
      }
    }
  }
  reviews.push(`1,1,1,4,3,${Date.UTC(2008, 6, 5) / 1000}`);
  const files = { reviews: join(dir, 'reviews.csv'), trust: join(dir, 'trust.csv') };
  writeFileSync(files.reviews, `${reviews.join('\n')}\n`);
  writeFileSync(files.trust, `${trust.join('\n')}\n`);
  return files;
}

test('backtest report agrees with the independent evaluator', () => {
  const files = writeDataset();
  const run = runCiaoBacktest({
    ...files,
    start: '2007-06',
    end: '2008-05',
    resolution: 1,
    minSize: 20,
    seed: 1,
    model: { horizon: 3, userDim: 4, hidden: 8, l2: 1e-3 },
    epochs: 40,
    warmEpochs: 10,
    refitEvery: 4,
    trainWindow: 24,
    lr: 0.01,
    warmupOrigins: 4,
    ensemble: 1,
    calibrationSize: 100,
    coverage: 0.8,
  });
  assert.equal(Object.keys(run.report.communities).length, 3);
  assert.deepEqual(Object.keys(run.report.forecasts).slice(0, 2), ['2007-06', '2007-07']);
  assert.equal(Object.keys(run.report.forecasts).length, 12);
  // 2008-06 is the last complete month: the last origin scores only h=1.
  assert.deepEqual(run.metrics.model.count, [36, 33, 30]);

  const report = join(dir, 'report.json');
  writeFileSync(report, JSON.stringify(run.report));
  const independent = JSON.parse(execFileSync(process.execPath, ['bench/eval-forecast.mjs', report, files.reviews], { encoding: 'utf8' }));
  assert.deepEqual(independent.scored, run.metrics.model.count);
  independent.mae.forEach((m: number, h: number) => assert.ok(Math.abs(m - run.metrics.model.mae[h]) < 1e-9, `h${h + 1}: ${m} vs ${run.metrics.model.mae[h]}`));
  assert.ok(Math.abs(independent.coverageOverall - run.metrics.coverage.overall) < 1e-12);
});
