/**
 * `influence` end to end on a small Ciao-layout dataset written from the demo generator: the
 * scores cover exactly the users active before the cutoff, and the independent evaluator
 * (bench/eval-influence.mjs) recomputes the same metrics from the files alone.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../../../support/node-test';
import { parseOptions } from '../../../../gnn/core/command';
import { influenceCommand } from '../../../../gnn/influence/offline/command';
import type { EvaluationReport } from '../../../../gnn/influence/offline/evaluate';
import { generateCommunity } from '../../../../seeds/generator';
import { SMALL_COMMUNITY } from '../../../seeds/small';

test('influence command: scores every user active before the cutoff; the independent evaluator agrees', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'influence-cmd-'));
  try {
    const { batch } = generateCommunity(SMALL_COMMUNITY);
    // Ciao ids are numbers: u0042 → 42.
    const num = (id: string) => String(Number(id.replace(/\D/g, '')));
    const category = new Map(batch.products.map((p) => [p.id, num(p.categoryId)]));
    const reviews = batch.reviews.map((r) => [num(r.authorId), num(r.productId), category.get(r.productId), r.rating, 1, Math.floor(r.createdAt / 1000)].join(','));
    const trust = batch.follows.map((f) => `${num(f.followerId)},${num(f.followeeId)}`);
    const files = { reviews: path.join(dir, 'reviews.csv'), trust: path.join(dir, 'trust.csv'), scores: path.join(dir, 'scores.json'), report: path.join(dir, 'report.json') };
    await writeFile(files.reviews, ['user_id,product_id,category_id,rating,helpfulness,timestamp', ...reviews].join('\n'));
    await writeFile(files.trust, ['truster_id,trustee_id', ...trust].join('\n'));
    const end = Math.max(...batch.reviews.map((r) => r.createdAt));
    const cutoff = new Date(end - 120 * 86_400_000).toISOString().slice(0, 10);

    const args = ['--reviews', files.reviews, '--trust', files.trust, '--cutoff', cutoff, '--scores', files.scores, '--report', files.report,
      '--window', '30', '--period', '60', '--stride', '30', '--snapshots', '3', '--epochs', '10', '--members', '1', '--hidden', '8'];
    const write = process.stdout.write;
    process.stdout.write = () => true; // keep the test output clean
    try {
      await influenceCommand.run(parseOptions(args, influenceCommand.options));
    } finally {
      process.stdout.write = write;
    }
    const report = JSON.parse(await readFile(files.report, 'utf8')) as EvaluationReport;
    const scores = JSON.parse(await readFile(files.scores, 'utf8')) as Record<string, number>;
    const cutoffSec = Date.parse(`${cutoff}T00:00:00Z`) / 1000;
    const active = new Set(reviews.map((l) => l.split(',')).filter((f) => Number(f[5]) < cutoffSec).map((f) => f[0]));
    assert.deepEqual(Object.keys(scores).sort(), [...active].sort());
    assert.ok(report.usersWithInfluence > 0);

    const independent = JSON.parse(
      execFileSync(process.execPath, ['bench/eval-influence.mjs', '--reviews', files.reviews, '--trust', files.trust, '--cutoff', cutoff, '--scores', files.scores, '--window', '30'], { encoding: 'utf8' }),
    );
    assert.equal(independent.users, report.users);
    assert.equal(independent.usersWithInfluence, report.usersWithInfluence);
    assert.ok(Math.abs(independent['ndcg@100'] - report.model.ndcg) < 1e-9);
    assert.equal(independent['precision@100'], report.model.precision);
    assert.ok(Math.abs(independent.spearman - report.model.spearman) < 1e-9);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
