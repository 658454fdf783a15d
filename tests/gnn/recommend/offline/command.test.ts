import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../../../gnn/core/random';

/**
 * A tiny split with planted structure: two communities of users, each interacting with (and
 * trusting within) its own half of the items, so a working model must beat chance clearly.
 */
async function writeSyntheticSplit(dir: string): Promise<void> {
  const rng = new Random(11);
  const users = 40;
  const items = 120;
  const train = ['user,item'];
  const testRows = ['user,item'];
  const trust = ['user,friend'];
  for (let u = 0; u < users; u++) {
    const half = u < users / 2 ? 0 : items / 2;
    for (let i = half; i < half + items / 2; i++) {
      const r = rng.next();
      if (r < 0.35) train.push(`${u},${i}`);
      else if (r < 0.45) testRows.push(`${u},${i}`);
    }
    trust.push(`${u},${half === 0 ? (u + 1) % (users / 2) : users / 2 + ((u + 1) % (users / 2))}`);
  }
  await writeFile(join(dir, 'train_set.txt'), `${train.join('\n')}\n`);
  await writeFile(join(dir, 'test_set.txt'), `${testRows.join('\n')}\n`);
  await writeFile(join(dir, 'trust.txt'), `${trust.join('\n')}\n`);
}

const run = (args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('recommend CLI trains on any split dir, writes top-20 predictions, and agrees with the independent evaluator', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gnn-recommend-'));
  try {
    await writeSyntheticSplit(dir);
    const predictionsPath = join(dir, 'predictions.json');
    const registry = join(dir, 'models');
    const out = run([
      'gnn/cli.ts', 'recommend', '--split', dir, '--predictions', predictionsPath,
      '--epochs', '30', '--dim', '16', '--layers', '2', '--lr', '0.01', '--batch', '64',
      '--social', 'none,fusion', '--eval-every', '5', '--patience', '3', '--seed', '1', '--save', registry,
    ]);
    assert.match(out, /backend: (wasm|cpu|tensorflow)/);
    assert.match(out, /chosen: social=(none|fusion) loss=bpr dim=16 layers=2/);
    assert.ok(existsSync(join(registry, 'v1', 'model.json')));

    const predictions = JSON.parse(await readFile(predictionsPath, 'utf8')) as Record<string, number[]>;
    const trainText = await readFile(join(dir, 'train_set.txt'), 'utf8');
    const trainPairs = new Set(trainText.trim().split('\n').slice(1));
    for (const [user, list] of Object.entries(predictions)) {
      assert.equal(list.length, 20);
      assert.equal(new Set(list).size, 20);
      for (const item of list) assert.ok(!trainPairs.has(`${user},${item}`), 'training items are excluded');
    }

    const independent = JSON.parse(run(['bench/eval-recommendations.mjs', predictionsPath, dir]));
    assert.equal(independent.missingUsers, 0);
    assert.equal(independent.trainingItemsPredicted, 0);
    for (const k of [10, 20]) {
      for (const [name, label] of [['precision', 'P'], ['recall', 'R'], ['ndcg', 'NDCG']] as const) {
        const printed = Number(new RegExp(`${label}@${k} ([0-9.]+)`).exec(out)?.[1]);
        assert.ok(Math.abs(printed - independent[k][name]) < 1e-4, `${label}@${k}: CLI ${printed} vs evaluator ${independent[k][name]}`);
      }
    }
    // Chance Recall@20 is about 20/100 (unseen items per user); the planted communities halve the field.
    assert.ok(independent[20].recall > 0.3, `Recall@20 ${independent[20].recall}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
