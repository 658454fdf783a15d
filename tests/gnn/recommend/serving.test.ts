/**
 * Recommendation serving over the contract fixture (alice follows bob and carol; bob reviewed
 * dune and emma; carol reviewed dune and shared chess) with a hand-made 2-d model: books point
 * along x, games along y, so the right answers are known.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../../support/node-test';
import { recommenderRows } from '../../../gnn/recommend/published';
import { Recommender } from '../../../gnn/recommend/serving';
import { NotFoundError } from '../../../src/domain/errors';
import { tempStore, type TempStore } from '../../support/store';
import { FIXTURE } from '../../store/contract/fixture';
import { HAND_MADE } from './hand-made-model';

let t: TempStore;
before(async () => {
  t = await tempStore();
  await t.store.bulk.upsert(FIXTURE);
  await t.store.products.create({ name: 'Go board', price: 20, currency: 'EUR', categoryId: 'games' }, { id: 'p4', at: 8 });
  await t.store.users.create({ handle: 'erin', displayName: 'Erin' }, { id: 'erin', at: 9 });
});
after(() => t.cleanup());

const page = { offset: 0, limit: 10 };

/** A hand-made model: no training interactions or follows recorded. */
const none = { a: new Int32Array(0), b: new Int32Array(0) };

async function publishModel(version: string) {
  const { users, products, userEmb, productEmb, dim } = HAND_MADE;
  await t.store.models.publish({ kind: 'recommend', version, createdAt: Date.now(), metadata: {} }, recommenderRows({ userIds: users, products, interactions: none, trust: none }, userEmb, productEmb, dim));
}

test('before any model exists, the fallback ranks what followees engaged with and says so', async () => {
  const r = new Recommender(t.store);
  const answer = await r.forUser('alice', page);
  assert.equal(answer.source, 'FALLBACK');
  assert.equal(answer.modelVersion, null);
  // dune: bob and carol; emma: bob; chess: carol. Popularity breaks the emma/chess tie.
  assert.deepEqual(answer.items.map((i) => i.productId).slice(0, 3), ['p1', 'p2', 'p3']);
  assert.deepEqual(answer.items[0].followees.sort(), ['bob', 'carol']);
  const own = await r.forUser('bob', page);
  assert.ok(own.items.every((i) => i.productId !== 'p1' && i.productId !== 'p2'), 'never what bob reviewed');
  await assert.rejects(r.forUser('nobody', page), NotFoundError);
  const similar = await r.similarProducts('p1', 5);
  assert.deepEqual([similar.source, similar.items.map((i) => i.productId)], ['FALLBACK', ['p2']]);
});

test('with a model, scores come from embeddings, exclude own products and carry reasons', async () => {
  await publishModel('m1');
  const r = new Recommender(t.store);
  const bob = await r.forUser('bob', page);
  assert.deepEqual([bob.source, bob.modelVersion], ['MODEL', 'm1']);
  assert.deepEqual(bob.items.map((i) => i.productId), ['p4', 'p3']);
  assert.deepEqual(bob.items.find((i) => i.productId === 'p3')?.followees, ['carol']);
  assert.equal(bob.items[0].resembles.length, 2);
  assert.equal(bob.totalCount, 2);
  const games = await r.forUser('alice', { ...page, categoryId: 'games' });
  assert.deepEqual(games.items.map((i) => i.productId).sort(), ['p3', 'p4']);
  const similar = await r.similarProducts('p3', 1);
  assert.deepEqual([similar.source, similar.items.map((i) => i.productId)], ['MODEL', ['p4']]);
});

test('a user without interactions who follows people gets recommendations through them', async () => {
  // dave is unknown to the model and reviewed nothing; he follows carol (games).
  const answer = await new Recommender(t.store).forUser('dave', page);
  assert.equal(answer.source, 'MODEL');
  assert.deepEqual(answer.items.slice(0, 2).map((i) => i.productId), ['p3', 'p4']);
});

test('reviews written after training are reflected at once, without retraining', async () => {
  const r = new Recommender(t.store);
  const before = await r.forUser('erin', page);
  assert.equal(before.source, 'FALLBACK', 'erin is unknown to the model and has no signal yet');
  await t.store.reviews.write('erin', { productId: 'p3', rating: 5 }, { id: 'erin-r1', at: 1000 });
  const afterReview = await r.forUser('erin', page);
  assert.equal(afterReview.source, 'MODEL');
  assert.equal(afterReview.items[0].productId, 'p4', 'the game closest to what she just reviewed');
  assert.ok(afterReview.items.every((i) => i.productId !== 'p3'), 'never the product she reviewed');
  assert.deepEqual(afterReview.items[0].resembles, ['p3']);

  const bobBefore = (await r.forUser('bob', page)).items.find((i) => i.productId === 'p3')!.score;
  await t.store.reviews.write('bob', { productId: 'p4', rating: 5 }, { id: 'bob-r4', at: 1001 });
  const bobAfter = await r.forUser('bob', page);
  assert.deepEqual(bobAfter.items.map((i) => i.productId), ['p3']);
  assert.ok(bobAfter.items[0].score > bobBefore, 'reviewing a game moved bob towards games');
});
