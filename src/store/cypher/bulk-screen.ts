/**
 * Screens bulk rows against what is stored, in memory: the keys a kind needs (its own ids and
 * unique properties, the ids its rows reference) are read from the store once per load, then each
 * row is checked as it streams past and, when new, its keys are remembered. Rows already stored
 * (same id; for follows, the same pair; for reviews, the same author and product) or repeated in
 * the stream are dropped; rows that break a rule come back with the reason. Memory grows with the
 * keys of the store and the stream, never with their other columns.
 */
import type { BulkKind, BulkRow } from '../contract';
import { authorProduct } from './bulk-graph';
import type { Label } from './guards';
import type { CypherRunner } from './runner';

/** `new`: store it; `skip`: already stored or repeated; any other string: why it is rejected. */
export type Verdict = 'new' | 'skip' | string;

export type Check<K extends BulkKind> = (row: BulkRow<K>) => Verdict;

const READ_BATCH = 20_000;

async function keySet(db: CypherRunner, query: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const batch of db.stream(query, {}, READ_BATCH)) for (const row of batch) keys.add(String(row.k));
  return keys;
}

const ids = (db: CypherRunner, label: Label) => keySet(db, `MATCH (n:${label}) RETURN n.id AS k`);

/** Marks `key` seen; false when it already was. */
const fresh = (seen: Set<string>, key: string): boolean => !seen.has(key) && !!seen.add(key);

type Screen<K extends BulkKind> = (db: CypherRunner) => Promise<Check<K>>;

const SCREENS: { [K in BulkKind]: Screen<K> } = {
  async categories(db) {
    const stored = await ids(db, 'Category');
    return (c) => (fresh(stored, c.id) ? 'new' : 'skip');
  },

  async users(db) {
    const stored = await ids(db, 'User');
    const handles = await keySet(db, 'MATCH (u:User) RETURN u.handle AS k');
    return (u) => {
      if (stored.has(u.id)) return 'skip';
      if (u.id.includes('|')) return 'user id contains "|"';
      if (!fresh(handles, u.handle)) return 'handle already taken';
      stored.add(u.id);
      return 'new';
    };
  },

  async products(db) {
    const stored = await ids(db, 'Product');
    const categories = await ids(db, 'Category');
    return (p) => {
      if (stored.has(p.id)) return 'skip';
      if (!categories.has(p.categoryId)) return 'unknown category';
      stored.add(p.id);
      return 'new';
    };
  },

  async reviews(db) {
    const stored = await ids(db, 'Review');
    const pairs = await keySet(db, 'MATCH (r:Review) RETURN r.authorProduct AS k');
    const users = await ids(db, 'User');
    const products = await ids(db, 'Product');
    return (r) => {
      if (stored.has(r.id)) return 'skip';
      if (!users.has(r.authorId)) return 'unknown author';
      if (!products.has(r.productId)) return 'unknown product';
      if (!fresh(pairs, authorProduct(r))) return 'the author already reviewed the product';
      stored.add(r.id);
      return 'new';
    };
  },

  async follows(db) {
    const users = await ids(db, 'User');
    const pairs = new Set<string>();
    for await (const batch of db.stream('MATCH (a:User)-[:FOLLOWS]->(b:User) RETURN a.id AS a, b.id AS b', {}, READ_BATCH)) {
      for (const row of batch) pairs.add(`${row.a}>${row.b}`);
    }
    return (f) => {
      if (f.followerId === f.followeeId) return 'self-follow';
      if (!users.has(f.followerId) || !users.has(f.followeeId)) return 'unknown user';
      return fresh(pairs, `${f.followerId}>${f.followeeId}`) ? 'new' : 'skip';
    };
  },

  async shares(db) {
    const stored = await ids(db, 'Share');
    const users = await ids(db, 'User');
    const products = await ids(db, 'Product');
    return (s) => {
      if (stored.has(s.id)) return 'skip';
      if (!users.has(s.sharerId) || (s.recipientId && !users.has(s.recipientId))) return 'unknown user';
      if (!products.has(s.productId)) return 'unknown product';
      stored.add(s.id);
      return 'new';
    };
  },
};

/** The check for rows of `kind`, against the store as it is now. */
export function screen<K extends BulkKind>(db: CypherRunner, kind: K): Promise<Check<K>> {
  return (SCREENS[kind] as Screen<K>)(db);
}
