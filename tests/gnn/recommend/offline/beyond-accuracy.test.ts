import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beyondAccuracy } from '../../../../gnn/recommend/offline/beyond-accuracy';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

// Training: user 0 has 6 items (0-5, warm), user 1 has items 0 and 1 (cold), user 2 has item 0 (cold).
const trainPairs: [number, number][] = [[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [1, 0], [1, 1], [2, 0], [2, 0]];
const train = { a: Int32Array.from(trainPairs, (p) => p[0]), b: Int32Array.from(trainPairs, (p) => p[1]) };
const users = [0, 1, 2];
const ranked = [[6, 7], [2, 3], [1, 9]];
const truth = [[6], [4], [9, 5]];

test('coverage, novelty and cold-user accuracy match hand-computed values', () => {
  const b = beyondAccuracy(train, users, ranked, truth, 2);
  // Listed training items: 2, 3, 1 of the 6 distinct training items (6, 7, 9 are not training items).
  close(b.coverage, 3 / 6);
  // 9 distinct training pairs; item users: 0→3, 1→2, 2..5→1; items never trained on count once.
  const info = (n: number) => -Math.log2(n / 9);
  close(b.novelty, ((info(1) + info(1)) / 2 + (info(1) + info(1)) / 2 + (info(2) + info(1)) / 2) / 3);
  // Cold: users 1 (no hit) and 2 (hit at rank 1 of 2 relevant); the duplicate (2, 0) pair counts once.
  assert.deepEqual({ users: b.cold.users, maxTrainingItems: b.cold.maxTrainingItems }, { users: 2, maxTrainingItems: 5 });
  const d = (r: number) => 1 / Math.log2(r + 2);
  close(b.cold.recall, (0 + 1 / 2) / 2);
  close(b.cold.ndcg, (0 + d(1) / (d(0) + d(1))) / 2);
});

test('the independent evaluator computes the same coverage, novelty and cold-user figures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beyond-'));
  try {
    const lines = (pairs: [number, number][]) => ['user,item', ...pairs.map((p) => p.join(','))].join('\n');
    writeFileSync(join(dir, 'train_set.txt'), lines(trainPairs));
    writeFileSync(join(dir, 'test_set.txt'), lines(users.flatMap((u, k) => truth[k].map((i): [number, number] => [u, i]))));
    writeFileSync(join(dir, 'predictions.json'), JSON.stringify(Object.fromEntries(users.map((u, k) => [String(u), ranked[k]]))));
    const out = JSON.parse(execFileSync(process.execPath, ['bench/eval-recommendations.mjs', join(dir, 'predictions.json'), dir], { encoding: 'utf8' }));
    const b = beyondAccuracy(train, users, ranked, truth, 20);
    close(out.coverage20, b.coverage);
    close(out.novelty20, b.novelty);
    assert.equal(out.cold20.users, b.cold.users);
    close(out.cold20.recall, b.cold.recall);
    close(out.cold20.ndcg, b.cold.ndcg);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
