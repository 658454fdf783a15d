/**
 * Read-your-writes through the LadybugDB store's entity and key-list cache: after every kind of
 * write, everything the cache may hold (entities, handles, review lists in every sort, follow
 * lists, feeds) answers what a store without the cache reads from the same database.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import type { Store } from '../../../src/store/contract';
import { cypherStore } from '../../../src/store/cypher/store';
import { LadybugRunner } from '../../../src/store/ladybug/runner';
import { ALL, FIXTURE } from '../contract/fixture';

const USERS = ['alice', 'bob', 'carol', 'dave'];
const PRODUCTS = ['p1', 'p2', 'p3'];
const SORTS = ['NEWEST', 'MOST_HELPFUL', 'HIGHEST_RATING', 'LOWEST_RATING'] as const;

let dir: string;
let runner: LadybugRunner;
/** Every write goes through `cached`, which announces it to its cache. */
let cached: Store;
let direct: Store;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scg-cache-'));
  runner = await LadybugRunner.open(path.join(dir, 'graph.lbug'), { readers: 2 });
  cached = cypherStore('ladybug', runner, { entityCacheSize: 1000 });
  direct = cypherStore('ladybug', runner);
  await cached.bulk.upsert(FIXTURE);
});
after(async () => {
  await runner?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Everything a page can read, as one value. */
async function everything(store: Store): Promise<unknown> {
  const reviewIds = (await direct.reviews.byAuthors(USERS, 'NEWEST', ALL)).flatMap((s) => s.items.map((r) => r.id));
  return {
    users: await store.users.get(USERS),
    handles: await store.users.getByHandle(USERS),
    products: await store.products.get(PRODUCTS),
    categories: await store.categories.get(['books', 'games']),
    reviews: await store.reviews.get([...reviewIds, 'gone']),
    lists: await Promise.all(
      SORTS.map(async (sort) => [await store.reviews.ofProducts(PRODUCTS, sort, ALL), await store.reviews.byAuthors(USERS, sort, { offset: 1, limit: 1 })]),
    ),
    followers: await store.follows.followers(USERS, ALL),
    following: await store.follows.following(USERS, { offset: 0, limit: 1 }),
    feeds: await Promise.all(USERS.map((u) => store.feed.of(u, ALL))),
  };
}

async function sameAsDatabase(after: string): Promise<void> {
  assert.deepEqual(await everything(cached), await everything(direct), `after ${after}`);
}

test('every kind of write is seen by the next read through the cache', async () => {
  await sameAsDatabase('the load');
  await sameAsDatabase('reads that filled the cache');
  const steps: [string, () => Promise<unknown>][] = [
    ['a review', () => cached.reviews.write('dave', { productId: 'p1', rating: 2, title: 'meh' }, { id: 'r9', at: 200 })],
    ['a helpful vote', () => cached.reviews.voteHelpful('alice', 'r3', 210)],
    ['a review edit', () => cached.reviews.update('r9', { rating: 5, title: 'better' }, 220)],
    ['a follow', () => cached.follows.follow('dave', 'bob', 230)],
    ['a share to followers', () => cached.shares.create('bob', { productId: 'p3', message: 'look' }, { id: 's9', at: 240 })],
    ['a direct share', () => cached.shares.create('carol', { productId: 'p1', recipientId: 'dave' }, { id: 's10', at: 250 })],
    ['a profile edit', () => cached.users.updateProfile('bob', { displayName: 'Robert', shareVisibility: 'FOLLOWERS' })],
    // Announced alone (a bio shows on few pages), yet the kept user holds it.
    ['a bio edit', () => cached.users.updateProfile('carol', { bio: 'plays board games' })],
    ['a product edit', () => cached.products.update('p2', { name: 'Emma (new)', categoryId: 'games' })],
    ['an unfollow', () => cached.follows.unfollow('alice', 'carol')],
    ['a review deletion', () => cached.reviews.delete('r1')],
    ['a new user', () => cached.users.create({ handle: 'erin', displayName: 'Erin' }, { id: 'erin', at: 260 })],
    ['a bulk load', () => cached.bulk.upsert({ reviews: [{ id: 'r10', authorId: 'erin', productId: 'p3', rating: 4, title: '', body: '', createdAt: 270, updatedAt: 270 }] })],
  ];
  for (const [name, write] of steps) {
    await write();
    await sameAsDatabase(name);
  }
  assert.deepEqual((await cached.users.getByHandle(['erin']))[0]?.id, 'erin');
});
