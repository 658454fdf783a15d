/**
 * A fingerprint of what a fuzzed mutation could change: row counts of every kind, and a checksum
 * of every entity the fuzzer can name (the pool) with its follows and reviews. Equal
 * fingerprints before and after a failed mutation mean it wrote nothing.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../../src/store/contract';
import type { Pool } from './values';

export interface Fingerprint {
  counts: string;
  checksum: string;
}

const ALL = { offset: 0, limit: 1000 };

export async function fingerprint(store: Store, pool: Pool): Promise<Fingerprint> {
  // Shares are only ever created, so the share count covers them.
  const { User = [], Product = [], Review = [], Category = [] } = pool.ids;
  const entities = await Promise.all([
    store.users.get(User),
    store.products.get(Product),
    store.reviews.get(Review),
    store.categories.get(Category),
    store.follows.followers(User, ALL),
    store.follows.following(User, ALL),
    store.reviews.ofProducts(Product, 'NEWEST', ALL),
    store.reviews.byAuthors(User, 'NEWEST', ALL),
  ]);
  return {
    counts: JSON.stringify(await store.bulk.counts()),
    checksum: createHash('sha256').update(JSON.stringify(entities)).digest('hex'),
  };
}
