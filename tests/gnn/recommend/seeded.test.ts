/**
 * On a seeded community (generated, with its planted structure), a recommender trained from the
 * store favours products reviewed by the people a user follows over products that are just as
 * popular but that no followee touched (more often than chance).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { initBackend } from '../../../gnn/core/backend';
import { Recommender } from '../../../gnn/recommend/serving';
import { RECOMMEND_DEFAULTS } from '../../../gnn/recommend/defaults';
import { trainRecommendFromStore } from '../../../gnn/recommend/train-from-store';
import { seedDemo } from '../../../seeds/demo';
import { tempStore, type TempStore } from '../../support/store';

let t: TempStore;
let models: string;
before(async () => {
  t = await tempStore();
  models = await mkdtemp(path.join(tmpdir(), 'scg-models-'));
  await seedDemo(t.store, {
    truthFile: path.join(models, 'truth.json'),
    options: { users: 400, products: 200, categories: 8, reviews: 4000, follows: 3000, shares: 400, communities: 4, influencers: 8 },
  });
});
after(async () => {
  await t.cleanup();
  await rm(models, { recursive: true, force: true });
});

test('recommendations favour what followees reviewed over equally popular products', { timeout: 120_000 }, async () => {
  const backend = await initBackend(() => {});
  const trained = await trainRecommendFromStore(
    t.store,
    { ...RECOMMEND_DEFAULTS, maxEpochs: 150, patience: 4, grid: { ...RECOMMEND_DEFAULTS.grid, dim: [32], batchSize: [1024], lr: [0.01] } },
    { modelRoot: models, keep: 3 },
    backend,
  );
  assert.equal((await t.store.models.current('recommend'))?.version, trained.run.version);

  const recommender = new Recommender(t.store);
  const products = new Map<string, number>(); // id -> review count
  for (const p of (await t.store.products.list({ filter: {}, sort: 'NEWEST', page: { offset: 0, limit: 1000 } })).items) {
    products.set(p.id, p.reviewCount);
  }
  const users = (await t.store.users.list({ filter: {}, sort: 'MOST_FOLLOWED', page: { offset: 0, limit: 400 } })).items;
  let wins = 0;
  let pairs = 0;
  for (const user of users.slice(0, 120)) {
    const signals = (await t.store.network.signals(user.id))!;
    if (signals.followeeIds.length < 3) continue;
    const answer = await recommender.forUser(user.id, { offset: 0, limit: 1000 });
    assert.equal(answer.source, 'MODEL');
    const score = new Map(answer.items.map((i) => [i.productId, i.score]));
    const theirs = new Set(signals.activity.map((f) => f.productId));
    const others = answer.items.filter((i) => !theirs.has(i.productId)).map((i) => i.productId);
    for (const p of theirs) {
      if (!score.has(p)) continue;
      // The product nobody they follow touched whose popularity is closest to p's.
      const twin = others.reduce<string | null>((best, q) => {
        const d = Math.abs(products.get(q)! - products.get(p)!);
        return best === null || d < Math.abs(products.get(best)! - products.get(p)!) ? q : best;
      }, null);
      if (twin === null || products.get(twin) !== products.get(p)) continue;
      pairs++;
      if (score.get(p)! > score.get(twin)!) wins++;
    }
  }
  assert.ok(pairs >= 100, `enough equally popular pairs to judge (${pairs})`);
  // The served model is the evaluated one: social proof comes from the trust edges in the GNN's
  // graph, not from a boost added at serving (which made this 0.8+ before and was never
  // evaluated). It still ranks followees' products above equally popular others: 1,504 of 2,467
  // pairs (61%) on this store, where chance is 50% with one binomial sd of 1%.
  assert.ok(wins / pairs > 0.55, `followees' products win ${wins} of ${pairs} popularity-matched pairs`);
});
