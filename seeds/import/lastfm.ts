/**
 * Importer for hetrec2011-lastfm-2k (tab-separated, see the dataset's readme.txt).
 *
 * Mapping, and why:
 * - users: user_artists.dat's users, handle `lastfm_<id>`.
 * - artists.dat: artists are the products, all in one category "Music artists". Last.fm tags are
 *   a folksonomy (~12k tags, ~9 distinct per artist), not a taxonomy, so no tag could stand for an
 *   artist's single category truthfully.
 * - user_artists.dat: each listened artist becomes a review, because listening is the dataset's
 *   only interaction. Play counts are not comparable across users (heavy listeners dwarf everyone),
 *   so the rating is the play count's quantile within the user's own artists: mid-rank fraction
 *   q in (0, 1), rating = 1 + floor(5q), i.e. the user's top fifth -> 5 ... bottom fifth -> 1.
 * - user_friends.dat: friendships are mutual, so each becomes follows both ways.
 * - times: listening has no date. A listen is dated at the user's first tag of that artist
 *   (user_taggedartists.dat) when there is one, else at the crawl (LASTFM_CRAWL). Users and
 *   artists are dated at their first tag (or the crawl, if earlier), follows by the later of the
 *   two users' dates (see earliest.ts).
 * Every file is streamed; user_artists.dat is read twice (scan, then write), like Ciao's reviews.
 */
import path from 'node:path';
import type { Product } from '../../src/domain/product';
import type { Review } from '../../src/domain/review';
import type { BulkLoader, BulkRow } from '../../src/store/contract';
import { EarliestTimes } from './earliest';
import { followsFromEdges } from './edges';
import { DATASET_ID as ID, DatasetNaming } from './naming';
import { ImportRun, type ImportOptions, type ImportSummary } from './run';
import { openTable, wrongWidth, type Table } from './table';

/** The dataset's publication (May 2011): every listen happened by then. */
export const LASTFM_CRAWL = Date.UTC(2011, 4, 1);
/** Last.fm launched in 2002; earlier tag dates in the file are corrupt. */
const LASTFM_LAUNCH = Date.UTC(2002, 0, 1);

const names = new DatasetNaming('lastfm', 'Last.fm');
const CATEGORY = { id: names.category('artists'), name: 'Music artists' };

export async function importLastfm(bulk: BulkLoader, dir: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const run = new ImportRun('Last.fm', bulk, opts);
  const file = (name: string): string => path.join(dir, name);

  const times = await scanTagTimes(run, file('user_taggedartists.dat'));
  const artists = await scanArtists(run, file('artists.dat'));
  const listens = await scanListens(run, file('user_artists.dat'), artists.ids);

  await run.write('categories', [CATEGORY], 1);
  const firstActivity = new EarliestTimes();
  for (const id of listens.playCounts.keys()) firstActivity.see(id, Math.min(LASTFM_CRAWL, times.user.get(id) ?? LASTFM_CRAWL));
  await run.write('users', names.users(firstActivity), firstActivity.size);
  await run.write('products', acceptedArtists(await openArtists(file('artists.dat')), artists.rejectedLines, times.artist), artists.ids.size);
  await run.write(
    'reviews',
    acceptedListens(await openListens(file('user_artists.dat')), listens, times.listen),
    listens.accepted,
  );
  const friends = { delimiter: '\t', columns: { from: ['userid'], to: ['friendid'] }, edge: 'friendship', mutual: true, knownUsers: 'not in user_artists.dat' } as const;
  await run.write('follows', followsFromEdges(run, file('user_friends.dat'), friends, firstActivity, names));
  return run.finish();
}

interface TagTimes {
  user: EarliestTimes;
  artist: EarliestTimes;
  /** Keyed "user|artist". */
  listen: EarliestTimes;
}

async function scanTagTimes(run: ImportRun, file: string): Promise<TagTimes> {
  const table = await openTable(file, {
    delimiter: '\t',
    columns: { user: ['userid'], artist: ['artistid'], tag: ['tagid'], day: ['day'], month: ['month'], year: ['year'] },
  });
  const times: TagTimes = { user: new EarliestTimes(), artist: new EarliestTimes(), listen: new EarliestTimes() };
  for await (const row of run.count(table.name, table.rows)) {
    const [user, artist, tag, day, month, year] = (['user', 'artist', 'tag', 'day', 'month', 'year'] as const).map((k) => row.fields[table.index[k]!]?.trim() ?? '');
    if (row.fields.length !== table.width || ![user, artist, tag, day, month, year].every((v) => ID.test(v))) {
      run.reject(table.name, 'malformed line', row.line);
      continue;
    }
    const at = Date.UTC(Number(year), Number(month) - 1, Number(day));
    const date = new Date(at);
    if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) {
      run.reject(table.name, 'invalid date', row.line);
    } else if (at < LASTFM_LAUNCH || at > LASTFM_CRAWL + 31 * 86_400_000) {
      run.reject(table.name, 'date outside 2002 - May 2011 (ignored for dating)', row.line);
    } else {
      times.user.see(user, at);
      times.artist.see(artist, at);
      times.listen.see(`${user}|${artist}`, at);
    }
  }
  return times;
}

type ArtistColumn = 'id' | 'name' | 'url';
const openArtists = (file: string): Promise<Table<ArtistColumn>> =>
  openTable(file, { delimiter: '\t', columns: { id: ['id'], name: ['name'], url: ['url'] } });

/** A valid artists.dat row, or why not. */
function parseArtist(table: Table<ArtistColumn>, fields: string[]): { id: string; name: string; url: string } | string {
  const width = wrongWidth(table, fields);
  if (width) return width;
  const id = fields[table.index.id!].trim();
  if (!ID.test(id)) return 'malformed line (id must be an integer of up to 20 digits)';
  return { id, name: fields[table.index.name!].trim(), url: fields[table.index.url!].trim() };
}

async function scanArtists(run: ImportRun, file: string): Promise<{ ids: Set<string>; rejectedLines: Set<number> }> {
  const table = await openArtists(file);
  const ids = new Set<string>();
  const rejectedLines = new Set<number>();
  for await (const row of run.count(table.name, table.rows)) {
    const artist = parseArtist(table, row.fields);
    const reason = typeof artist === 'string' ? artist : ids.has(artist.id) ? 'duplicate artist id (the first is kept)' : null;
    if (reason !== null) {
      run.reject(table.name, reason, row.line);
      rejectedLines.add(row.line);
      continue;
    }
    const { id, name } = artist as { id: string; name: string };
    ids.add(id);
    if (name === '' || [...name].length > 200) run.note(table.name, 'name empty or over 200 characters: named "Last.fm artist <id>"', row.line);
  }
  return { ids, rejectedLines };
}

async function* acceptedArtists(table: Table<ArtistColumn>, rejectedLines: Set<number>, firstTag: EarliestTimes): AsyncGenerator<BulkRow<'products'>> {
  for await (const row of table.rows) {
    if (rejectedLines.has(row.line)) continue;
    const a = parseArtist(table, row.fields) as { id: string; name: string; url: string };
    const product: Omit<Product, 'reviewCount' | 'ratingSum'> = {
      id: names.product(a.id),
      name: a.name === '' || [...a.name].length > 200 ? `Last.fm artist ${a.id}` : a.name,
      description: a.url,
      // The dataset has no prices: 0 stands for "unknown".
      price: 0,
      currency: 'USD',
      categoryId: CATEGORY.id,
      createdAt: Math.min(LASTFM_CRAWL, firstTag.get(a.id) ?? LASTFM_CRAWL),
    };
    yield product;
  }
}

type ListenColumn = 'user' | 'artist' | 'weight';
const openListens = (file: string): Promise<Table<ListenColumn>> =>
  openTable(file, { delimiter: '\t', columns: { user: ['userid'], artist: ['artistid'], weight: ['weight'] } });

interface Listens {
  /** Each user's play counts, sorted ascending (for quantile ratings). */
  playCounts: Map<string, number[]>;
  rejectedLines: Set<number>;
  accepted: number;
}

function parseListen(table: Table<ListenColumn>, fields: string[]): { user: string; artist: string; plays: number } | string {
  const width = wrongWidth(table, fields);
  if (width) return width;
  const [user, artist, weight] = (['user', 'artist', 'weight'] as const).map((k) => fields[table.index[k]!].trim());
  if (!ID.test(user) || !ID.test(artist) || !ID.test(weight)) return 'malformed line (fields must be integers of up to 20 digits)';
  if (Number(weight) === 0) return 'play count 0';
  return { user, artist, plays: Number(weight) };
}

async function scanListens(run: ImportRun, file: string, artists: Set<string>): Promise<Listens> {
  const table = await openListens(file);
  const listens: Listens = { playCounts: new Map(), rejectedLines: new Set(), accepted: 0 };
  const pairs = new Set<string>();
  for await (const row of run.count(table.name, table.rows)) {
    const l = parseListen(table, row.fields);
    const reason =
      typeof l === 'string' ? l
      : !artists.has(l.artist) ? 'unknown artist (not in artists.dat)'
      : pairs.has(`${l.user}|${l.artist}`) ? 'duplicate (user, artist) pair (the first is kept)'
      : null;
    if (reason !== null) {
      run.reject(table.name, reason, row.line);
      listens.rejectedLines.add(row.line);
      continue;
    }
    const { user, artist, plays } = l as { user: string; artist: string; plays: number };
    pairs.add(`${user}|${artist}`);
    listens.accepted++;
    const counts = listens.playCounts.get(user) ?? [];
    counts.push(plays);
    listens.playCounts.set(user, counts);
  }
  for (const counts of listens.playCounts.values()) counts.sort((a, b) => a - b);
  return listens;
}

/** The quantile rating described at the top of this file. `sorted` holds the user's play counts, ascending. */
export function quantileRating(sorted: readonly number[], plays: number): number {
  const below = lowerBound(sorted, plays);
  const equal = lowerBound(sorted, plays + 1) - below;
  const q = (below + equal / 2) / sorted.length;
  return Math.min(5, 1 + Math.floor(5 * q));
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function* acceptedListens(table: Table<ListenColumn>, listens: Listens, tagTimes: EarliestTimes): AsyncGenerator<Review> {
  for await (const row of table.rows) {
    if (listens.rejectedLines.has(row.line)) continue;
    const { user, artist, plays } = parseListen(table, row.fields) as { user: string; artist: string; plays: number };
    const at = Math.min(LASTFM_CRAWL, tagTimes.get(`${user}|${artist}`) ?? LASTFM_CRAWL);
    yield {
      id: names.review(user, artist),
      authorId: names.user(user),
      productId: names.product(artist),
      rating: quantileRating(listens.playCounts.get(user)!, plays),
      title: '',
      body: `${plays} plays`,
      helpfulVotes: 0,
      createdAt: at,
      updatedAt: at,
    };
  }
}
