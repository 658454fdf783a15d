/**
 * `influence` end to end on a small Ciao-layout dataset written from the demo generator: the
 * global and per-category scores cover exactly the users active before the cutoff (every
 * category), and the independent evaluators (bench/eval-influence.mjs,
 * bench/eval-influence-category.mjs) recompute the same metrics from the files alone.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../../../support/node-test';
import { parseOptions } from '../../../../gnn/core/command';
import { influenceCommand } from '../../../../gnn/influence/offline/command';
import type { CategoryEvaluationReport } from '../../../../gnn/influence/offline/category-evaluate';
import { generateCommunity } from '../../../../seeds/generator';
import { SMALL_COMMUNITY } from '../../../seeds/small';

test('influence command: scores every user active before the cutoff in every category; the independent evaluators agree', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'influence-cmd-'));
  try {
    const { batch } = generateCommunity(SMALL_COMMUNITY);
    // Ciao ids are numbers: u0042 → 42.
    const num = (id: string) => String(Number(id.replace(/\D/g, '')));
    const category = new Map(batch.products.map((p) => [p.id, num(p.categoryId)]));
    const reviews = batch.reviews.map((r) => [num(r.authorId), num(r.productId), category.get(r.productId), r.rating, 1, Math.floor(r.createdAt / 1000)].join(','));
    const trust = batch.follows.map((f) => `${num(f.followerId)},${num(f.followeeId)}`);
    const files = { reviews: path.join(dir, 'reviews.csv'), trust: path.join(dir, 'trust.csv'), scores: path.join(dir, 'scores.json'), categoryScores: path.join(dir, 'category-scores.json'), report: path.join(dir, 'report.json') };
    await writeFile(files.reviews, ['user_id,product_id,category_id,rating,helpfulness,timestamp', ...reviews].join('\n'));
    await writeFile(files.trust, ['truster_id,trustee_id', ...trust].join('\n'));
    const end = Math.max(...batch.reviews.map((r) => r.createdAt));
    const cutoff = new Date(end - 120 * 86_400_000).toISOString().slice(0, 10);

    const args = ['--reviews', files.reviews, '--trust', files.trust, '--cutoff', cutoff, '--scores', files.scores, '--category-scores', files.categoryScores,
      '--report', files.report, '--window', '30', '--period', '60', '--stride', '30', '--snapshots', '3', '--folds', '2'];
    const write = process.stdout.write;
    process.stdout.write = () => true; // keep the test output clean
    try {
      await influenceCommand.run(parseOptions(args, influenceCommand.options));
    } finally {
      process.stdout.write = write;
    }
    const report = JSON.parse(await readFile(files.report, 'utf8')) as CategoryEvaluationReport;
    const scores = JSON.parse(await readFile(files.scores, 'utf8')) as Record<string, number>;
    const categoryScores = JSON.parse(await readFile(files.categoryScores, 'utf8')) as Record<string, Record<string, number>>;
    const cutoffSec = Date.parse(`${cutoff}T00:00:00Z`) / 1000;
    const active = [...new Set(reviews.map((l) => l.split(',')).filter((f) => Number(f[5]) < cutoffSec).map((f) => f[0]))].sort();
    assert.deepEqual(Object.keys(scores).sort(), active);
    assert.deepEqual(Object.keys(categoryScores).sort(), [...new Set(category.values())].sort());
    for (const perUser of Object.values(categoryScores)) assert.deepEqual(Object.keys(perUser).sort(), active);
    // The inactive majority is not one tie: scores differ among users with no influence before the cutoff.
    assert.ok(new Set(Object.values(scores)).size > 0.9 * active.length);
    assert.ok(report.validation.length > 0 && report.model.category.ndcg > 0);

    const run = (script: string, extra: string[]) =>
      JSON.parse(execFileSync(process.execPath, [script, '--reviews', files.reviews, '--trust', files.trust, '--cutoff', cutoff, '--window', '30', ...extra], { encoding: 'utf8' }));
    const global = run('bench/eval-influence.mjs', ['--scores', files.scores]);
    assert.equal(global.users, report.users);
    assert.ok(Math.abs(global['ndcg@100'] - report.model.global.ndcg) < 1e-9);
    const perCategory = run('bench/eval-influence-category.mjs', ['--scores', files.scores, '--category-scores', files.categoryScores]);
    assert.equal(perCategory.problems, undefined);
    assert.ok(Math.abs(perCategory.model['ndcg@20'].mean - report.model.category.ndcg) < 1e-9, `${perCategory.model['ndcg@20'].mean} vs ${report.model.category.ndcg}`);
    assert.ok(Math.abs(perCategory.model.global.spearmanRandomTies - report.model.global.spearmanRandomTies) < 0.02);
    // The evaluator's past-influence baselines look back a year, the command's a --period.
    assert.ok(Math.abs(perCategory.baselines.followersXReviewsInC['ndcg@20'].mean - report.baselines.followersXReviewsInC.category.ndcg) < 1e-9);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
