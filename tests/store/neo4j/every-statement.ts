/**
 * Every statement the Neo4j engine sends: schema creation for a new database and every migration,
 * then each contract method with each query variant it builds (every sort, filter and patch
 * shape), through a Neo4jRunner over the recording driver. The contract methods are listed from
 * the store itself, so a method added later and not driven here fails the check that uses this.
 */
import type { ProductSort } from '../../../src/domain/product';
import type { ReviewSort } from '../../../src/domain/review';
import type { UserSort } from '../../../src/domain/user';
import type { BulkBatch, BulkKind, BulkRow, ModelKind, Store } from '../../../src/store/contract';
import { cypherStore } from '../../../src/store/cypher/store';
import { Neo4jRunner } from '../../../src/store/neo4j/runner';
import { applySchema, MIGRATIONS } from '../../../src/store/neo4j/schema';
import neo4j from 'neo4j-driver';
import { plausibleAnswers, type World } from './plausible-answers';
import { recordingDriver, type SentStatement } from './recording-driver';

/** Every member of a string union, checked complete by the compiler. */
const all = <T extends string>(members: Record<T, true>) => Object.keys(members) as T[];
const USER_SORTS = all<UserSort>({ NEWEST: true, OLDEST: true, HANDLE: true, MOST_FOLLOWED: true });
const PRODUCT_SORTS = all<ProductSort>({ NEWEST: true, TOP_RATED: true, MOST_REVIEWED: true, NAME: true });
const REVIEW_SORTS = all<ReviewSort>({ NEWEST: true, MOST_HELPFUL: true, HIGHEST_RATING: true, LOWEST_RATING: true });
const KIND: ModelKind = 'recommend';

const PAGES = [
  { offset: 0, limit: 10 },
  { offset: 0, limit: 0 },
];
const STAMP = { id: 'new-1', at: 1_000 };

const STORED_VERSION = /^MATCH \(m:Meta \{key: \$key\}\) RETURN m\.value AS value$/;

const modelRun = (version: string) =>
  new neo4j.types.Node(neo4j.int(1), ['ModelRun'], { id: `${KIND}|${version}`, kind: KIND, version, createdAt: neo4j.int(1), metadata: '{}' });

function world(): World {
  const stored = { User: ['alice', 'bob'], Category: ['books', 'games'], Product: ['p1'], Review: ['r1'], Share: ['s1'] };
  return {
    stored,
    overrides: [
      // Bulk loads read the stored keys once: the ids above, no handle, review pair or follow in the way.
      ...Object.entries(stored).map(([label, ids]) => ({ pattern: new RegExp(`^MATCH \\(n:${label}\\) RETURN n\\.id AS k$`), rows: ids.map((k) => ({ k })) })),
      { pattern: /^MATCH \((u:User|r:Review)\) RETURN (u\.handle|r\.authorProduct) AS k$/, rows: [] },
      { pattern: /^MATCH \(a:User\)-\[:FOLLOWS\]->\(b:User\) RETURN a\.id AS a, b\.id AS b$/, rows: [] },
      // Conflict checks that must find nothing for the write to go on: the handle is free...
      { pattern: /WHERE u\.handle (= \$handle|IN \$handles) RETURN u\.(id|handle) AS/, rows: [] },
      // ...and no stored review covers a bulk review's author and product.
      { pattern: /\(:Product \{id: row\.productId\}\) RETURN r\.id AS id$/, rows: [] },
      // Three runs, none of them current, so pruning has runs to delete.
      { pattern: /^MATCH \(r:ModelRun\) WHERE r\.kind = \$kind RETURN r /, rows: ['v3', 'v2', 'v1'].map((v) => ({ r: modelRun(v) })) },
    ],
  };
}

const BATCH: BulkBatch = {
  categories: [{ id: 'c-new', name: 'New' }],
  users: [{ id: 'u-new', handle: 'newbie', displayName: 'New', bio: '', joinedAt: 1, shareVisibility: 'PUBLIC' }],
  products: [{ id: 'p-new', name: 'P', description: '', price: 1.5, currency: 'EUR', categoryId: 'books', createdAt: 1 }],
  follows: [{ followerId: 'alice', followeeId: 'bob', since: 1 }],
  reviews: [{ id: 'r-new', authorId: 'alice', productId: 'p1', rating: 4, title: 't', body: 'b', createdAt: 1, updatedAt: 1 }],
  shares: [
    { id: 's-new', sharerId: 'alice', productId: 'p1', audience: 'FOLLOWERS', recipientId: null, message: '', createdAt: 1 },
    { id: 's-direct', sharerId: 'alice', productId: 'p1', audience: 'USER', recipientId: 'bob', message: '', createdAt: 1 },
  ],
};

export interface Recording {
  sent: SentStatement[];
  /** `repository.method` for every method of the store; `called` those the recording drove. */
  methods: string[];
  called: Set<string>;
}

export async function recordEveryStatement(): Promise<Recording> {
  const answers = world();
  const { driver, sent } = recordingDriver(plausibleAnswers(answers));
  const runner = new Neo4jRunner(driver);

  // A new database, then one at the oldest version a migration starts from.
  const oldest = Math.min(...Object.keys(MIGRATIONS).map(Number)) - 1;
  for (const rows of [[], [{ value: String(oldest) }]]) {
    answers.overrides.unshift({ pattern: STORED_VERSION, rows });
    await applySchema(runner);
    answers.overrides.shift();
  }

  const called = new Set<string>();
  const store = tracked(cypherStore('neo4j', runner), called);
  await drive(store);
  return { sent, methods: methodsOf(cypherStore('neo4j', runner)), called };
}

async function drive(store: Store): Promise<void> {
  const drain = async (rows: AsyncIterable<unknown>) => {
    for await (const _ of rows) void _;
  };
  await store.ping();

  const { users } = store;
  await users.get(['alice', 'bob']);
  await users.getByHandle(['Alice']);
  for (const sort of USER_SORTS) {
    for (const filter of [{}, { search: 'Al' }]) for (const page of PAGES) await users.list({ filter, sort, page });
  }
  await users.create({ handle: 'newbie', displayName: 'New', bio: 'hi' }, STAMP);
  for (const patch of [{ displayName: 'A', bio: 'b', shareVisibility: 'FOLLOWERS' as const }, { bio: 'b' }, {}]) {
    await users.updateProfile('alice', patch);
  }

  const { follows } = store;
  await follows.followers(['alice'], PAGES[0]);
  await follows.following(['alice'], PAGES[0]);
  await follows.exists([{ followerId: 'alice', followeeId: 'bob' }]);
  await follows.follow('alice', 'bob', 1);
  await follows.unfollow('alice', 'bob');

  await store.categories.get(['books']);
  await store.categories.list();

  const { products } = store;
  await products.get(['p1']);
  const filters = [{}, { categoryId: 'books' }, { minRating: 3 }, { search: 'du' }, { categoryId: 'books', minRating: 3, search: 'du' }];
  for (const sort of PRODUCT_SORTS) {
    for (const filter of filters) for (const page of PAGES) await products.list({ filter, sort, page });
    await products.inCategories(['books'], sort, PAGES[0]);
  }
  await products.create({ name: 'P', description: 'd', price: 2.5, currency: 'EUR', categoryId: 'books' }, STAMP);
  await products.update('p1', { name: 'Q', description: 'e', price: 3, currency: 'USD', categoryId: 'games' });
  await products.update('p1', {});

  const { reviews } = store;
  await reviews.get(['r1']);
  for (const sort of REVIEW_SORTS) {
    for (const ids of [['p1'], ['p1', 'p2']]) await reviews.ofProducts(ids, sort, PAGES[0]);
    for (const ids of [['bob'], ['bob', 'alice']]) await reviews.byAuthors(ids, sort, PAGES[0]);
  }
  await reviews.write('alice', { productId: 'p1', rating: 4, title: 't', body: 'b' }, STAMP);
  await reviews.update('r1', { rating: 2, title: 't', body: 'b' }, 2);
  await reviews.update('r1', {}, 3);
  await reviews.delete('r1');
  await reviews.voteHelpful('bob', 'r1', 4);

  const { shares } = store;
  for (const viewer of ['alice', null]) {
    await shares.get(['s1'], viewer);
    await shares.byUsers(['bob'], PAGES[0], viewer);
  }
  await shares.create('alice', { productId: 'p1', message: 'm' }, STAMP);
  await shares.create('alice', { productId: 'p1', recipientId: 'bob', message: 'm' }, STAMP);

  for (const page of [PAGES[0], { offset: 5, limit: 10 }]) await store.feed.of('alice', page);
  for (const viewer of ['alice', null]) {
    await store.activity.reactedTo([{ userId: 'bob', productId: 'p1' }], viewer);
    await store.activity.of(['bob'], 0, 10, viewer);
  }
  await store.network.signals('alice');
  await drain(store.network.followeeShares());

  await store.bulk.upsert(BATCH);
  // The importers' path: every kind screened and created by batched UNWIND (reviews add to counters).
  for (const kind of Object.keys(BATCH) as BulkKind[]) await store.bulk.load(kind, BATCH[kind] as BulkRow<typeof kind>[]);
  await store.bulk.recount();
  await store.bulk.counts();

  const { snapshot } = store;
  for (const rows of [snapshot.users(), snapshot.categories(), snapshot.products(), snapshot.interactions(), snapshot.follows()]) {
    await drain(rows);
  }

  const { models } = store;
  await models.publish({ kind: KIND, version: 'v4', createdAt: 1, metadata: {} }, [[{ entityId: 'alice', data: {}, vector: new Float32Array([1]) }]]);
  await models.current(KIND);
  await drain(models.rows(KIND, 'v4'));
  await models.prune(KIND, 1);

  await store.close();
}

/** Each function of the store and of its repositories, as `repository.method` (`store.ping`). */
function methodsOf(store: Store): string[] {
  return Object.entries(store).flatMap(([name, value]) => {
    if (typeof value === 'function') return [`store.${name}`];
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).flatMap(([method, f]) => (typeof f === 'function' ? [`${name}.${method}`] : []));
  });
}

/** `store` noting in `called` every method reached through it. */
function tracked(store: Store, called: Set<string>): Store {
  const note = <T extends object>(target: T, name: string): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof value === 'function') called.add(`${name}.${String(key)}`);
        else if (name === 'store' && typeof value === 'object' && value !== null && typeof key === 'string') return note(value, key);
        return value;
      },
    });
  return note(store, 'store');
}
