import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { CIAO_UNDATED, importCiao, type CiaoFiles } from '../../../seeds/import/ciao';
import { tempStore, type TempStore } from '../../support/store';

const REVIEWS = `user_id,product_id,category_id,rating,helpfulness,timestamp\r
1,10,1,5,4,959670000\r
2,10,1,4,2,959756400\r
1,11,2,0,1,959756400\r
2,11,2,3,4\r
1,10,1,3,4,959800000\r
3,12,1,7,4,959800000\r
3,12,1,2,,\r
2,13,9,4,1,959900000\r
x,14,1,4,1,959900000\r
2,12,2,5,1,960000000\r
`;
const TRUST = `truster_id,trustee_id
1,2
2,1
1,1
1,99
1,2
3,1
1,2,3
`;
const CATEGORIES = `category_id,name
1,DVDs
2,"Food, Drink & More"
`;

let dir: string;
let files: CiaoFiles;
let db: TempStore;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ciao-fixture-'));
  files = { reviews: path.join(dir, 'reviews.csv'), trust: path.join(dir, 'trust.csv'), categories: path.join(dir, 'categories.csv') };
  await writeFile(files.reviews, REVIEWS);
  await writeFile(files.trust, TRUST);
  await writeFile(files.categories!, CATEGORIES);
  db = await tempStore();
});

after(async () => {
  await db.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const counts = (entries: Record<string, { count: number }>) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.count]));

test('imports the valid rows and reports every rejected one with its reason', async () => {
  const s = await importCiao(db.store.bulk, files, { chunkRows: 2 });
  assert.deepEqual(s.read, { 'categories.csv': 2, 'reviews.csv': 10, 'trust.csv': 7 });
  assert.deepEqual(s.written, { categories: 2, users: 3, products: 2, reviews: 4, follows: 3, shares: 0 });
  assert.deepEqual(s.written, s.offered);
  assert.deepEqual(counts(s.rejected), {
    'reviews.csv: rating 0 (unrated)': 1,
    'reviews.csv: malformed line (expected 6 fields, got 5)': 1,
    'reviews.csv: duplicate (user, product) review (the first is kept)': 1,
    'reviews.csv: rating out of range 1-5': 1,
    'reviews.csv: unknown category (not in categories.csv)': 1,
    'reviews.csv: malformed line (ids must be integers of up to 20 digits)': 1,
    'trust.csv: self-trust': 1,
    'trust.csv: unknown user (no accepted review)': 1,
    'trust.csv: duplicate trust edge': 1,
    'trust.csv: malformed line': 1,
  });
  assert.deepEqual(s.rejected['reviews.csv: rating 0 (unrated)'].examples, ['reviews.csv:4']);
  assert.deepEqual(counts(s.notes), {
    'reviews.csv: no timestamp: dated at the end of the crawl (2011-04-12)': 1,
    'reviews.csv: product reviewed under a second category (its first category is kept)': 1,
  });

  const [u1, u3] = await db.store.users.get(['ciao:u:1', 'ciao:u:3']);
  assert.equal(u1?.handle, 'ciao_1');
  assert.equal(u1?.joinedAt, 959_670_000_000);
  assert.equal(u3?.joinedAt, CIAO_UNDATED);
  const [p10, p12] = await db.store.products.get(['ciao:p:10', 'ciao:p:12']);
  assert.deepEqual([p10?.name, p10?.reviewCount, p10?.ratingSum, p10?.categoryId], ['Ciao product 10', 2, 9, 'ciao:c:1']);
  assert.equal(p12?.categoryId, 'ciao:c:1');
  const [food] = await db.store.categories.get(['ciao:c:2']);
  assert.equal(food?.name, 'Food, Drink & More');
  // The trust edge 3 -> 1 is dated at the later first activity (user 3's undated review).
  const [following] = await db.store.follows.following(['ciao:u:3'], { offset: 0, limit: 10 });
  assert.deepEqual(following.items.map((e) => [e.user.id, e.since]), [['ciao:u:1', CIAO_UNDATED]]);
});

test('a second run adds nothing and reports the same rejects', async () => {
  const before = await db.store.bulk.counts();
  const s = await importCiao(db.store.bulk, files);
  assert.deepEqual(s.written, { categories: 0, users: 0, products: 0, reviews: 0, follows: 0, shares: 0 });
  assert.equal(s.offered.reviews, 4);
  assert.equal(Object.values(s.rejected).reduce((n, t) => n + t.count, 0), 10);
  assert.deepEqual(await db.store.bulk.counts(), before);
});

test('a file without the expected header is refused with a clear message', async () => {
  const bad = path.join(dir, 'bad.csv');
  await writeFile(bad, 'a,b,c\n1,2,3\n');
  await assert.rejects(importCiao(db.store.bulk, { reviews: bad, trust: files.trust }), /bad\.csv: the header must name the columns user_id, product_id, category_id, rating/);
});
