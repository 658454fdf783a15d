/**
 * Published top lists (top-lists.ts) answer a user only while their served scores are the ones
 * the list was ranked by: the user's products and follows unchanged since training, no category
 * filter, a page inside the list. The lists here carry marker scores (42, 41) that live scoring
 * of the hand-made 2-d model never gives, so each answer shows which path produced it.
 * (That a real list equals live scoring is tests/gnn/recommend/parity.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../../support/node-test';
import { recommenderRows } from '../../../gnn/recommend/published';
import { Recommender } from '../../../gnn/recommend/serving';
import { tempStore, type TempStore } from '../../support/store';
import { FIXTURE } from '../../store/contract/fixture';
import { HAND_MADE } from './hand-made-model';

let t: TempStore;
before(async () => {
  t = await tempStore();
  await t.store.bulk.upsert(FIXTURE);
  await t.store.products.create({ name: 'Go board', price: 20, currency: 'EUR', categoryId: 'games' }, { id: 'p4', at: 8 });
  // The model's training graph is the store's, so every user is as trained until they act.
  const { users, products, userEmb, productEmb, dim } = HAND_MADE;
  const pairs = { a: [] as number[], b: [] as number[] };
  const trust = { a: [] as number[], b: [] as number[] };
  for (const [u, id] of users.entries()) {
    const s = (await t.store.network.signals(id))!;
    for (const p of s.productIds) (pairs.a.push(u), pairs.b.push(products.findIndex((x) => x.id === p)));
    for (const f of s.followeeIds) if (users.includes(f)) (trust.a.push(u), trust.b.push(users.indexOf(f)));
  }
  const graph = { userIds: users, products, interactions: { a: Int32Array.from(pairs.a), b: Int32Array.from(pairs.b) }, trust: { a: Int32Array.from(trust.a), b: Int32Array.from(trust.b) } };
  const marker = { rows: Int32Array.from([3, 2]), scores: Float32Array.from([42, 41]) };
  const lists = users.map(() => marker);
  await t.store.models.publish({ kind: 'recommend', version: 'lists', createdAt: Date.now(), metadata: {} }, recommenderRows(graph, userEmb, productEmb, dim, undefined, lists));
});
after(() => t.cleanup());

const scores = (page: { items: { score: number }[] }) => page.items.map((i) => i.score);

test('an unchanged user is answered from the published list, with the reasons of a live answer', async () => {
  const r = new Recommender(t.store);
  const alice = await r.forUser('alice', { offset: 0, limit: 2 });
  assert.deepEqual([alice.source, alice.items.map((i) => i.productId), scores(alice)], ['MODEL', ['p4', 'p3'], [42, 41]]);
  assert.equal(alice.totalCount, 4);
  assert.deepEqual(alice.items[1].followees, ['carol'], 'followees who engaged are still named');
  const second = await r.forUser('alice', { offset: 1, limit: 1 });
  assert.deepEqual(scores(second), [41]);
});

test('a category, a page past the list, or new activity is scored live', async () => {
  const r = new Recommender(t.store);
  const games = await r.forUser('alice', { offset: 0, limit: 2, categoryId: 'games' });
  assert.ok(scores(games).every((s) => s < 41), `live scores, got ${scores(games)}`);
  const longer = await r.forUser('alice', { offset: 0, limit: 3 });
  assert.equal(longer.items.length, 3);
  assert.ok(scores(longer).every((s) => s < 41));
  await t.store.reviews.write('alice', { productId: 'p1', rating: 5 }, { id: 'alice-r1', at: 1000 });
  const afterReview = await r.forUser('alice', { offset: 0, limit: 2 });
  assert.ok(scores(afterReview).every((s) => s < 41), 'after her review the list no longer holds');
  assert.ok(afterReview.items.every((i) => i.productId !== 'p1'));
});
