import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { importLastfm, LASTFM_CRAWL, quantileRating } from '../../../seeds/import/lastfm';
import { tempStore, type TempStore } from '../../support/store';

const FILES: Record<string, string[]> = {
  'artists.dat': ['id\tname\turl\tpictureURL', '1\tAlpha\thttp://a\tp', '2\tBeta\thttp://b\tp', '3\t\thttp://c\tp', 'x\tBad\tu\tp'],
  'user_artists.dat': ['userID\tartistID\tweight', '2\t1\t100', '2\t2\t10', '2\t3\t50', '5\t1\t7', '5\t9\t3', '5\t2\t0', '5\t1\t8', '6\t2\t1', '7\t1'],
  'user_friends.dat': ['userID\tfriendID', '2\t5', '5\t2', '2\t2', '2\t99', '6\t2'],
  'user_taggedartists.dat': ['userID\tartistID\ttagID\tday\tmonth\tyear', '2\t1\t13\t1\t4\t2009', '2\t1\t14\t1\t3\t2009', '5\t2\t13\t1\t1\t1956', '6\t2\t1\t31\t2\t2010'],
};
const MARCH_2009 = Date.UTC(2009, 2, 1);

let dir: string;
let db: TempStore;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lastfm-fixture-'));
  for (const [name, lines] of Object.entries(FILES)) await writeFile(path.join(dir, name), `${lines.join('\n')}\n`);
  db = await tempStore();
});

after(async () => {
  await db.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const counts = (entries: Record<string, { count: number }>) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.count]));

test('ratings are play-count quantiles within the user: top fifth 5, bottom fifth 1, a lone artist 3', () => {
  assert.deepEqual([10, 50, 100].map((p) => quantileRating([10, 50, 100], p)), [1, 3, 5]);
  assert.equal(quantileRating([7], 7), 3);
  const many = Array.from({ length: 10 }, (_, i) => i + 1);
  assert.deepEqual(many.map((p) => quantileRating(many, p)), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
});

test('imports listens as reviews and friendships as follows both ways, reporting rejects', async () => {
  const s = await importLastfm(db.store.bulk, dir, { chunkRows: 3 });
  assert.deepEqual(s.read, { 'user_taggedartists.dat': 4, 'artists.dat': 4, 'user_artists.dat': 9, 'user_friends.dat': 5 });
  assert.deepEqual(s.written, { categories: 1, users: 3, products: 3, reviews: 5, follows: 4, shares: 0 });
  assert.deepEqual(counts(s.rejected), {
    'user_taggedartists.dat: date outside 2002 - May 2011 (ignored for dating)': 1,
    'user_taggedartists.dat: invalid date': 1,
    'artists.dat: malformed line (id must be an integer of up to 20 digits)': 1,
    'user_artists.dat: unknown artist (not in artists.dat)': 1,
    'user_artists.dat: play count 0': 1,
    'user_artists.dat: duplicate (user, artist) pair (the first is kept)': 1,
    'user_artists.dat: malformed line (expected 3 fields, got 2)': 1,
    'user_friends.dat: self-friendship': 1,
    'user_friends.dat: unknown user (not in user_artists.dat)': 1,
  });
  assert.deepEqual(counts(s.notes), { 'artists.dat: name empty or over 200 characters: named "Last.fm artist <id>"': 1 });

  const [u2, u5] = await db.store.users.get(['lastfm:u:2', 'lastfm:u:5']);
  assert.deepEqual([u2?.handle, u2?.joinedAt, u5?.joinedAt], ['lastfm_2', MARCH_2009, LASTFM_CRAWL]);
  const [alpha, nameless] = await db.store.products.get(['lastfm:p:1', 'lastfm:p:3']);
  assert.deepEqual([alpha?.name, alpha?.createdAt, alpha?.reviewCount], ['Alpha', MARCH_2009, 2]);
  assert.equal(nameless?.name, 'Last.fm artist 3');
  const [byU2] = await db.store.reviews.byAuthors(['lastfm:u:2'], 'HIGHEST_RATING', { offset: 0, limit: 10 });
  assert.deepEqual(byU2.items.map((r) => [r.productId, r.rating, r.createdAt]), [
    ['lastfm:p:1', 5, MARCH_2009],
    ['lastfm:p:3', 3, LASTFM_CRAWL],
    ['lastfm:p:2', 1, LASTFM_CRAWL],
  ]);
  const [followers] = await db.store.follows.followers(['lastfm:u:2'], { offset: 0, limit: 10 });
  assert.deepEqual(followers.items.map((e) => e.user.id).sort(), ['lastfm:u:5', 'lastfm:u:6']);
});

test('a second run adds nothing', async () => {
  const s = await importLastfm(db.store.bulk, dir);
  assert.deepEqual(s.written, { categories: 0, users: 0, products: 0, reviews: 0, follows: 0, shares: 0 });
  assert.equal(s.offered.reviews, 5);
});
