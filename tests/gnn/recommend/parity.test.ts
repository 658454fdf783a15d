/**
 * Serve what was evaluated: on a seeded store, the scores the API's recommender returns equal the
 * offline pipeline's scores (pipeline.ts: fitRecommender + fittedScorer, what `recommend` ranks
 * the test set with) for the same users, GNN + DLAE blend included, to float tolerance, in the
 * same order: both the answer (from the user's published top list, top-lists.ts) and the scores
 * computed live at request time (user-scores.ts, what users with new activity get). A review
 * written after training then changes the served scores at once. Both DLAE forms: the exact dual
 * form and conjugate gradients (cg-dlae.ts), forced here.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { initBackend } from '../../../gnn/core/backend';
import { readSnapshot } from '../../../gnn/core/snapshot';
import { buildCsr } from '../../../gnn/core/graph/csr';
import { coldUsers } from '../../../gnn/recommend/cold-vector';
import { RECOMMEND_DEFAULTS } from '../../../gnn/recommend/defaults';
import { recommendGraph } from '../../../gnn/recommend/graph';
import { fitRecommender, fittedScorer, type SelectionOptions } from '../../../gnn/recommend/pipeline';
import { Recommender } from '../../../gnn/recommend/serving';
import { asTrained } from '../../../gnn/recommend/fold-in';
import { topK } from '../../../gnn/recommend/top-k';
import { userScores } from '../../../gnn/recommend/user-scores';
import type { PublishedRecommender } from '../../../gnn/recommend/published';
import { publishRecommender } from '../../../gnn/recommend/train-from-store';
import { seedDemo } from '../../../seeds/demo';
import { tempStore, type TempStore } from '../../support/store';
import { SMALL_COMMUNITY } from '../../seeds/small';

const OPTS: SelectionOptions = {
  ...RECOMMEND_DEFAULTS,
  grid: { ...RECOMMEND_DEFAULTS.grid, dim: [16], batchSize: [1024] },
  // No validation: the blend is fitted as given, so both of its parts are compared.
  ensemble: { lambda: [20], dropout: [0.25], gnnWeight: [0.5] },
  maxEpochs: 5,
  valFraction: 0,
};
const USERS = 25;
const TOP = 30;

let t: TempStore;
before(async () => {
  await initBackend(() => {});
  t = await tempStore();
  await seedDemo(t.store, { truthFile: path.join(t.dir, 'truth.json'), options: { ...SMALL_COMMUNITY, seed: 5 } });
});
after(() => t.cleanup());

test('served scores equal the offline pipeline scores for the same users, cold users among them', { timeout: 300_000 }, async () => {
  const { graph, users } = await servedEqualsOffline(OPTS, 'exact');
  const cold = new Set(coldUsers(buildCsr(graph.userIds.length, graph.interactions.a, graph.interactions.b)));
  assert.ok(users.some((u) => cold.has(u)), 'some of the compared users are cold');
});

test('served scores equal the offline ones with the CG form of DLAE, also after a new review', { timeout: 300_000 }, () =>
  servedEqualsOffline({ ...OPTS, ensemble: { ...OPTS.ensemble, form: 'cg' } }, 'cg'));

test('served scores equal the offline ones when DLAE alone is chosen (w = 0)', { timeout: 300_000 }, () =>
  servedEqualsOffline({ ...OPTS, ensemble: { ...OPTS.ensemble, gnnWeight: [0] } }, 'dlae-alone'));

test('served scores equal the offline ones when cold users keep their trained vectors', { timeout: 300_000 }, () =>
  servedEqualsOffline({ ...OPTS, coldVector: 'trained' }, 'cold-trained'));

test('for a user with products the model was not trained with, the CG form serves what the exact form serves', { timeout: 300_000 }, async () => {
  const snapshot = await readSnapshot(t.store);
  const graph = recommendGraph(snapshot);
  const data = { numUsers: graph.userIds.length, numItems: graph.products.length, train: graph.interactions, trust: graph.trust };
  const recommender = new Recommender(t.store);
  const models: PublishedRecommender[] = [];
  for (const form of ['exact', 'cg'] as const) {
    const opts = { ...OPTS, ensemble: { ...OPTS.ensemble, form } };
    const fitted = fitRecommender(data, opts);
    await publishRecommender(t.store, snapshot, graph, fitted, opts, { modelRoot: path.join(t.dir, 'models'), keep: 2 }, 'test');
    fitted.model.dispose();
    models.push((await recommender.live.get())!.value);
  }
  assert.ok(models[0].dlae?.kInv && models[1].dlae?.solver, 'one model of each form');
  const known = graph.userIds[3];
  const signals = (await t.store.network.signals(known))!;
  const extra = graph.products.map((p) => p.id).filter((id) => !signals.productIds.includes(id)).slice(0, 2);
  const cases = [
    { userId: known, productIds: [...signals.productIds, ...extra], followeeIds: signals.followeeIds },
    { userId: 'never-trained', productIds: extra, followeeIds: [graph.userIds[0]] },
  ];
  let firstCg: Float32Array = new Float32Array(0);
  for (const { userId, productIds, followeeIds } of cases) {
    const [exact, cg] = (await Promise.all(models.map((m) => userScores(m, userId, productIds, followeeIds)))) as Float32Array[];
    if (!firstCg.length) firstCg = cg;
    let worst = 0;
    exact.forEach((s, i) => (worst = Math.max(worst, Math.abs(s - cg[i]))));
    assert.ok(worst < 1e-4, `${userId}: standardised scores differ by up to ${worst}`);
    const eligible = Uint8Array.from(models[0].productIds, (id) => (productIds.includes(id) ? 0 : 1));
    assert.deepEqual(topK(cg, TOP, eligible).indices, topK(exact, TOP, eligible).indices, `${userId}: the same ranking`);
  }
  // Asked again (another page, say), the CG form reuses its solution: no new solve, the same scores,
  // whatever order the products come in.
  const solver = models[1].dlae!.solver!;
  const solve = solver.solve.bind(solver);
  let solves = 0;
  solver.solve = (rhs) => (solves++, solve(rhs));
  const { userId, productIds, followeeIds } = cases[0];
  assert.deepEqual(Array.from((await userScores(models[1], userId, productIds, followeeIds))!), Array.from(firstCg));
  await userScores(models[1], userId, [...productIds].reverse(), followeeIds);
  assert.equal(solves, 0);
});

/** Asserts the served scores equal the offline ones; returns the graph and the users compared. */
async function servedEqualsOffline(opts: SelectionOptions, form: string): Promise<{ graph: ReturnType<typeof recommendGraph>; users: Int32Array }> {
  const snapshot = await readSnapshot(t.store);
  const graph = recommendGraph(snapshot);
  const fitted = fitRecommender({ numUsers: graph.userIds.length, numItems: graph.products.length, train: graph.interactions, trust: graph.trust }, opts);
  assert.ok(fitted.dlae && fitted.ensemble, 'the blend is fitted');
  assert.equal(fitted.ensemble.form, opts.ensemble.form ?? 'exact');
  await publishRecommender(t.store, snapshot, graph, fitted, opts, { modelRoot: path.join(t.dir, 'models'), keep: 1 }, 'test');
  const users = Int32Array.from({ length: USERS }, (_, k) => Math.floor((k * graph.userIds.length) / USERS));
  const offline = fittedScorer(fitted);
  const scores = offline.score(users);
  const matrix = (await scores.data()) as Float32Array;
  scores.dispose();
  offline.dispose();
  fitted.model.dispose();

  const recommender = new Recommender(t.store);
  const model = (await recommender.live.get())!.value;
  assert.equal(model.topLists.filter(Boolean).length, graph.userIds.length, 'every training user has a published top list');
  const numItems = graph.products.length;
  let compared = 0;
  let listed = 0;
  for (const [r, u] of users.entries()) {
    const userId = graph.userIds[u];
    const signals = (await t.store.network.signals(userId))!;
    const own = new Set(signals.productIds);
    const expected = graph.products
      .map((p, i) => ({ id: p.id, score: matrix[r * numItems + i] }))
      .filter((p) => !own.has(p.id))
      .sort((a, b) => b.score - a.score)
      .slice(0, TOP);
    const served = await recommender.forUser(userId, { offset: 0, limit: TOP });
    assert.equal(served.source, 'MODEL');
    assert.deepEqual(served.items.map((i) => i.productId), expected.map((p) => p.id), `ranking of ${userId}`);
    served.items.forEach((item, k) => assert.ok(Math.abs(item.score - expected[k].score) < 1e-4, `${userId} ${item.productId}: served ${item.score}, offline ${expected[k].score}`));
    if (asTrained(model, u, signals.productIds, signals.followeeIds)) {
      listed++;
      assert.deepEqual(served.items.map((i) => i.score), Array.from(model.topLists[u]!.scores.subarray(0, TOP)), `${userId} answered from the list`);
    }
    const live = (await userScores(model, userId, signals.productIds, signals.followeeIds))!;
    const eligible = Uint8Array.from(model.productIds, (id) => (own.has(id) ? 0 : 1));
    const { indices } = topK(live, TOP, eligible);
    assert.deepEqual(indices.map((p) => model.productIds[p]), expected.map((p) => p.id), `live ranking of ${userId}`);
    indices.forEach((p, k) => assert.ok(Math.abs(live[p] - expected[k].score) < 1e-4, `${userId} live ${live[p]}, offline ${expected[k].score}`));
    compared += served.items.length;
  }
  assert.equal(compared, USERS * TOP);
  assert.ok(listed > USERS / 2, `most users are answered from their list (${listed})`);

  // A review written after training counts at once: the served scores move, the product leaves the list.
  const userId = graph.userIds[users[0]];
  const before = await recommender.forUser(userId, { offset: 0, limit: TOP });
  const top = before.items[0].productId;
  await t.store.reviews.write(userId, { productId: top, rating: 5, title: 'yes', body: '' }, { id: `parity-review-${form}`, at: Date.now() });
  const after = await recommender.forUser(userId, { offset: 0, limit: TOP });
  assert.ok(!after.items.some((i) => i.productId === top));
  assert.notDeepEqual(after.items.map((i) => i.score), before.items.slice(1).map((i) => i.score));
  return { graph, users };
}
