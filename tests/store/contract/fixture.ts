/**
 * A small graph every contract test starts from, and the per-engine test harness.
 *
 *   alice -> bob, alice -> carol, bob -> carol, dave -> carol   (follows, with since = 10, 20, 30, 40)
 *   books: dune (p1), emma (p2); games: chess (p3)
 *   bob reviews dune 5 and emma 3; carol reviews dune 4; carol shares chess with followers,
 *   bob shares emma with alice directly.
 */
import { after, before, describe } from '../../support/node-test';
import type { BulkBatch, Store } from '../../../src/store/contract';
import { contractEngines, type TempStore } from '../../support/store';

export const FIXTURE: BulkBatch = {
  categories: [
    { id: 'books', name: 'Books' },
    { id: 'games', name: 'Games' },
  ],
  users: [
    { id: 'alice', handle: 'alice', displayName: 'Alice A', bio: 'reader', joinedAt: 1 },
    { id: 'bob', handle: 'bob', displayName: 'Bob B', bio: '', joinedAt: 2 },
    { id: 'carol', handle: 'carol', displayName: 'Carol C', bio: '', joinedAt: 3 },
    { id: 'dave', handle: 'dave', displayName: 'Dave D', bio: '', joinedAt: 4 },
  ],
  products: [
    { id: 'p1', name: 'Dune', description: 'sand', price: 9.5, currency: 'EUR', categoryId: 'books', createdAt: 5 },
    { id: 'p2', name: 'Emma', description: '', price: 7, currency: 'EUR', categoryId: 'books', createdAt: 6 },
    { id: 'p3', name: 'Chess set', description: '', price: 30, currency: 'USD', categoryId: 'games', createdAt: 7 },
  ],
  follows: [
    { followerId: 'alice', followeeId: 'bob', since: 10 },
    { followerId: 'alice', followeeId: 'carol', since: 20 },
    { followerId: 'bob', followeeId: 'carol', since: 30 },
    { followerId: 'dave', followeeId: 'carol', since: 40 },
  ],
  reviews: [
    { id: 'r1', authorId: 'bob', productId: 'p1', rating: 5, title: 'great', body: 'loved it', createdAt: 100, updatedAt: 100 },
    { id: 'r2', authorId: 'bob', productId: 'p2', rating: 3, title: 'ok', body: '', createdAt: 110, updatedAt: 110 },
    { id: 'r3', authorId: 'carol', productId: 'p1', rating: 4, title: 'good', body: '', createdAt: 120, updatedAt: 120 },
  ],
  shares: [
    { id: 's1', sharerId: 'carol', productId: 'p3', audience: 'FOLLOWERS', recipientId: null, message: 'fun', createdAt: 130 },
    { id: 's2', sharerId: 'bob', productId: 'p2', audience: 'USER', recipientId: 'alice', message: 'for you', createdAt: 140 },
  ],
};

export const ALL: { offset: number; limit: number } = { offset: 0, limit: 100 };

/**
 * Declares `body` once per engine, each with a fresh store loaded with FIXTURE. Engines that are
 * not configured are reported as skipped with the reason.
 */
export function forEachEngine(title: string, body: (ctx: { store: () => Store }) => void): void {
  for (const engine of contractEngines()) {
    describe(`${title} [${engine.name}]`, { skip: engine.skip }, () => {
      let t: TempStore;
      before(async () => {
        t = await engine.open();
        await t.store.bulk.upsert(FIXTURE);
      });
      after(() => t?.cleanup());
      body({ store: () => t.store });
    });
  }
}
