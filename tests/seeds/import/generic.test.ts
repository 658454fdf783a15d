import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { importGeneric } from '../../../seeds/import/generic';
import { tempStore, type TempStore } from '../../support/store';

const FILES: Record<string, string> = {
  'categories.csv': 'id,name\nbooks,Books\ngames,"Games, board and card"\n',
  'users.csv': [
    'id,handle,display_name,joined_at',
    'u1,ann,Ann,2020-01-02T00:00:00Z',
    'u2,Ben_2,"Ben ""B""",1577923200000',
    'u3,x,Too short,1',
    'u1,ann2,Again,1',
    'u4,cat,Cat,yesterday',
  ].join('\n'),
  'products.csv': [
    'id,name,price,currency,category_id,created_at',
    'p1,Dune,9.50,eur,books,5',
    'p2,Chess,30,USD,games,6',
    'p3,Ghost,1,EUR,nowhere,7',
    'p4,Cheap,-1,EUR,books,8',
  ].join('\n'),
  'reviews.csv': [
    'id,user_id,product_id,rating,title,body,created_at',
    'r1,u1,p1,5,Great,"Loved it, really",100',
    'r2,u2,p1,3,,,110',
    'r3,u1,p1,4,,,120',
    'r4,u1,p2,6,,,130',
    'r5,u9,p2,2,,,140',
    'r6,u2,p2,4,,,150,extra',
  ].join('\n'),
  'follows.csv': 'follower_id,followee_id,since\nu1,u2,200\nu2,u1,201\nu1,u2,202\nu1,u1,203\n',
  'shares.csv': 'id,user_id,product_id,recipient_id,message,created_at\ns1,u1,p2,u2,for you,300\ns2,u2,p1,,,301\n',
};

let dir: string;
let db: TempStore;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'generic-csv-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(path.join(dir, name), text);
  db = await tempStore();
});
after(async () => {
  await db.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const counts = (entries: Record<string, { count: number }>) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.count]));

test('imports the documented columns and reports every rejected row with its reason', async () => {
  const s = await importGeneric(db.store.bulk, dir, { chunkRows: 2 });
  assert.deepEqual(s.written, { users: 2, categories: 2, products: 2, reviews: 2, follows: 2, shares: 2 });
  assert.deepEqual(counts(s.rejected), {
    'users.csv: handle must be 3-30 characters of a-z, 0-9 and _': 1,
    'users.csv: repeats an earlier row (the first is kept)': 1,
    'users.csv: joined_at is not epoch milliseconds or an ISO 8601 date': 1,
    'products.csv: price must be a non-negative amount below 1,000,000,000': 1,
    'products: unknown category': 1,
    'reviews.csv: rating must be an integer from 1 to 5': 1,
    'reviews.csv: malformed line (expected 7 fields, got 8)': 1,
    'reviews: the author already reviewed the product': 1,
    'reviews: unknown author': 1,
    'follows.csv: repeats an earlier row (the first is kept)': 1,
    'follows: self-follow': 1,
  });
  assert.deepEqual(s.rejected['reviews: unknown author'].examples, ['r5']);
  const [ann, ben] = await db.store.users.get(['u1', 'u2']);
  assert.deepEqual([ann?.joinedAt, ben?.handle, ben?.displayName], [Date.UTC(2020, 0, 2), 'ben_2', 'Ben "B"']);
  const [dune] = await db.store.products.get(['p1']);
  assert.deepEqual([dune?.price, dune?.currency, dune?.reviewCount, dune?.ratingSum], [9.5, 'EUR', 2, 8]);
  const [r1] = await db.store.reviews.get(['r1']);
  assert.deepEqual([r1?.body, r1?.authorId], ['Loved it, really', 'u1']);
  const [s1, s2] = await db.store.shares.get(['s1', 's2'], 'u2');
  assert.deepEqual([s1?.audience, s1?.recipientId, s2?.audience, s2?.recipientId], ['USER', 'u2', 'FOLLOWERS', null]);
});

test('a second import adds nothing', async () => {
  const s = await importGeneric(db.store.bulk, dir);
  assert.deepEqual(s.written, { users: 0, categories: 0, products: 0, reviews: 0, follows: 0, shares: 0 });
});
