/**
 * Followers-only and direct shares never reach anyone who may not see them through
 * recommendations: training reads only what everyone may see, and the reasons served come from
 * what the viewer may see. The contract fixture plus erin (shares only to followers; dave follows
 * her) sharing a Go board, and carol sharing a Kindle directly with dave.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../../support/node-test';
import { initBackend } from '../../../gnn/core/backend';
import { readSnapshot } from '../../../gnn/core/snapshot';
import { RECOMMEND_DEFAULTS } from '../../../gnn/recommend/defaults';
import { recommendGraph } from '../../../gnn/recommend/graph';
import { Recommender } from '../../../gnn/recommend/serving';
import { trainRecommendFromStore } from '../../../gnn/recommend/train-from-store';
import { tempStore, type TempStore } from '../../support/store';
import { FIXTURE } from '../../store/contract/fixture';

let t: TempStore;
before(async () => {
  await initBackend(() => {});
  t = await tempStore();
  await t.store.bulk.upsert({
    ...FIXTURE,
    users: [...FIXTURE.users!, { id: 'erin', handle: 'erin', displayName: 'Erin', bio: '', joinedAt: 5, shareVisibility: 'FOLLOWERS' }],
    products: [
      ...FIXTURE.products!,
      { id: 'p4', name: 'Go board', description: '', price: 20, currency: 'EUR', categoryId: 'games', createdAt: 8 },
      { id: 'p5', name: 'Kindle', description: '', price: 99, currency: 'EUR', categoryId: 'books', createdAt: 9 },
    ],
    follows: [...FIXTURE.follows!, { followerId: 'dave', followeeId: 'erin', since: 50 }, { followerId: 'alice', followeeId: 'erin', since: 60 }],
    shares: [
      ...FIXTURE.shares!,
      { id: 's3', sharerId: 'erin', productId: 'p4', audience: 'FOLLOWERS', recipientId: null, message: 'go', createdAt: 150 },
      { id: 's4', sharerId: 'carol', productId: 'p5', audience: 'USER', recipientId: 'dave', message: 'for you', createdAt: 160 },
    ],
  });
});
after(() => t.cleanup());

test('training reads only reviews and shares everyone may see', async () => {
  const snapshot = await readSnapshot(t.store);
  const visible = (user: string, product: string) =>
    snapshot.actions.filter((a) => snapshot.users.ids[a.user] === user && snapshot.products.ids[a.product] === product).map((a) => a.public);
  assert.deepEqual(visible('carol', 'p3'), [true], 'a share to followers by a public sharer');
  assert.deepEqual(visible('erin', 'p4'), [false], 'a share by a sharer whose shares are for followers only');
  assert.deepEqual(visible('carol', 'p5'), [false], 'a direct share');
  const graph = recommendGraph(snapshot);
  const pairs = new Set(Array.from(graph.interactions.a, (u, k) => `${graph.userIds[u]}:${graph.products[graph.interactions.b[k]].id}`));
  assert.ok(pairs.has('carol:p3') && pairs.has('bob:p1'));
  assert.ok(!pairs.has('erin:p4') && !pairs.has('carol:p5'));
});

test('the published model holds no trace of them, and no reason names them to others', { timeout: 120_000 }, async () => {
  const small = { ...RECOMMEND_DEFAULTS, grid: { ...RECOMMEND_DEFAULTS.grid, dim: [4], batchSize: [16] }, ensemble: { lambda: [10], dropout: [0.25], gnnWeight: [0.5] }, maxEpochs: 3, valFraction: 0 };
  await trainRecommendFromStore(t.store, small, { modelRoot: `${t.dir}/models`, keep: 1 }, 'test');
  const recommender = new Recommender(t.store);
  const model = (await recommender.live.get())!.value;
  const trained = (user: string) => model.trainedProducts[model.userRow.get(user)!];
  assert.deepEqual(trained('erin'), []);
  assert.deepEqual(trained('carol').sort(), ['p1', 'p3']);
  assert.ok(model.dlae, 'the blend is served');
  for (const id of ['p4', 'p5']) assert.equal(model.dlae!.byItem.rowPtr[model.productRow.get(id)! + 1] - model.dlae!.byItem.rowPtr[model.productRow.get(id)!], 0);

  // bob follows carol but may see neither share; dave may see both.
  const reasons = async (user: string) => new Map((await recommender.forUser(user, { offset: 0, limit: 10 })).items.map((i) => [i.productId, i.followees]));
  const bob = await reasons('bob');
  assert.ok(!(bob.get('p5') ?? []).includes('carol'));
  const dave = await reasons('dave');
  assert.deepEqual(dave.get('p5'), ['carol']);
  assert.deepEqual(dave.get('p4'), ['erin']);
});
