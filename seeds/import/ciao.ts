/**
 * Importer for the Ciao dataset (Tang et al.): reviews.csv
 * `user_id,product_id,category_id,rating[,helpfulness][,timestamp]`, trust.csv `truster,trustee`
 * and optionally categories.csv `category_id,name`.
 *
 * reviews.csv is read twice: a scan validates every row and collects each user's first activity
 * and each product's category and first review, then a second pass streams the accepted rows into
 * the store. Memory grows with the number of users, products and (user, product) pairs, never with
 * the file. Ids are the dataset's ids with a prefix (ciao:u:123), so importing twice adds nothing.
 */
import type { Review } from '../../src/domain/review';
import type { BulkLoader, BulkRow } from '../../src/store/contract';
import { EarliestTimes } from './earliest';
import { followsFromEdges } from './edges';
import { DATASET_ID as ID, DatasetNaming } from './naming';
import { ImportRun, type ImportOptions, type ImportSummary } from './run';
import { openTable, wrongWidth, type Table } from './table';

export interface CiaoFiles {
  reviews: string;
  trust: string;
  categories?: string;
}

/** Reviews without a timestamp are dated at the end of the crawl (the last review in the dataset). */
export const CIAO_UNDATED = Date.UTC(2011, 3, 12);

const REVIEW_COLUMNS = {
  user: ['user_id', 'userid', 'user'],
  product: ['product_id', 'productid', 'item_id', 'product'],
  category: ['category_id', 'categoryid', 'category'],
  rating: ['rating'],
  helpfulness: ['helpfulness'],
  timestamp: ['timestamp', 'time'],
} as const;
type ReviewColumn = keyof typeof REVIEW_COLUMNS;

const names = new DatasetNaming('ciao', 'Ciao');

interface ParsedReview {
  user: string;
  product: string;
  category: string;
  rating: number;
  helpfulVotes: number;
  /** Epoch ms, or null when the row has no timestamp. */
  at: number | null;
}

export async function importCiao(bulk: BulkLoader, files: CiaoFiles, opts: ImportOptions = {}): Promise<ImportSummary> {
  const run = new ImportRun('Ciao', bulk, opts);
  const categoryNames = files.categories ? await readCategories(run, files.categories) : null;

  // Pass 1: validate, and learn users and products.
  const rejectedLines = new Set<number>();
  const firstActivity = new EarliestTimes();
  const products = new Map<string, { category: string; createdAt: number }>();
  const pairs = new Set<string>();
  let accepted = 0;
  const scan = await openReviews(files.reviews);
  for await (const row of run.count(scan.name, scan.rows)) {
    const parsed = parseReview(scan, row.fields);
    const reason =
      typeof parsed === 'string' ? parsed
      : categoryNames && !categoryNames.has(parsed.category) ? 'unknown category (not in categories.csv)'
      : pairs.has(`${parsed.user}|${parsed.product}`) ? 'duplicate (user, product) review (the first is kept)'
      : null;
    if (reason !== null) {
      run.reject(scan.name, reason, row.line);
      rejectedLines.add(row.line);
      continue;
    }
    const review = parsed as ParsedReview;
    accepted++;
    pairs.add(`${review.user}|${review.product}`);
    if (review.at === null) run.note(scan.name, 'no timestamp: dated at the end of the crawl (2011-04-12)', row.line);
    const at = review.at ?? CIAO_UNDATED;
    firstActivity.see(review.user, at);
    const known = products.get(review.product);
    if (!known) products.set(review.product, { category: review.category, createdAt: at });
    else {
      known.createdAt = Math.min(known.createdAt, at);
      if (known.category !== review.category) run.note(scan.name, 'product reviewed under a second category (its first category is kept)', row.line);
    }
  }
  pairs.clear();

  // Categories: the file's names, else a generic name for each id the reviews use.
  const usedCategories = new Set([...products.values()].map((p) => p.category));
  const categories = categoryNames
    ? [...categoryNames].map(([id, name]) => ({ id: names.category(id), name }))
    : [...usedCategories].map((id) => ({ id: names.category(id), name: `Ciao category ${id}` }));
  await run.write('categories', categories, categories.length);

  await run.write('users', names.users(firstActivity), firstActivity.size);
  await run.write('products', productsOf(products), products.size);

  // Pass 2: stream the accepted reviews into the store.
  const second = await openReviews(files.reviews);
  await run.write('reviews', acceptedReviews(second, rejectedLines), accepted);

  // Trust edges: the truster follows the trustee. Users are those with an accepted review.
  const trust = { delimiter: ',', columns: { from: ['truster_id', 'truster'], to: ['trustee_id', 'trustee'] }, edge: 'trust', mutual: false, knownUsers: 'no accepted review' } as const;
  await run.write('follows', followsFromEdges(run, files.trust, trust, firstActivity, names));
  return run.finish();
}

async function openReviews(file: string): Promise<Table<ReviewColumn>> {
  return openTable(file, { delimiter: ',', columns: REVIEW_COLUMNS, optional: ['helpfulness', 'timestamp'] });
}

/** A valid row, or the reason it is rejected. */
function parseReview(table: Table<ReviewColumn>, fields: string[]): ParsedReview | string {
  const width = wrongWidth(table, fields);
  if (width) return width;
  const get = (k: ReviewColumn): string | undefined => (table.index[k] === undefined ? undefined : fields[table.index[k]!].trim());
  const user = get('user')!;
  const product = get('product')!;
  const category = get('category')!;
  if (!ID.test(user) || !ID.test(product) || !ID.test(category)) return 'malformed line (ids must be integers of up to 20 digits)';
  const rawRating = get('rating')!;
  const rating = Number(rawRating);
  if (rawRating === '' || !Number.isInteger(rating)) return 'malformed line (rating is not an integer)';
  if (rating === 0) return 'rating 0 (unrated)';
  if (rating < 1 || rating > 5) return 'rating out of range 1-5';
  const helpfulness = get('helpfulness') || undefined;
  if (helpfulness !== undefined && !(Number(helpfulness) >= 0)) return 'malformed line (helpfulness is not a non-negative number)';
  const timestamp = get('timestamp') || undefined;
  const seconds = timestamp === undefined ? null : Number(timestamp);
  // Tang-style timestamps are Unix seconds; anything outside 1995-2100 is a corrupt value.
  if (seconds !== null && !(Number.isInteger(seconds) && seconds >= 788_918_400 && seconds < 4_102_444_800)) return 'timestamp out of range';
  return {
    user,
    product,
    category,
    rating,
    // Ciao's helpfulness is the review's aggregate helpfulness score; it is the closest thing to a vote count.
    helpfulVotes: helpfulness === undefined ? 0 : Math.round(Number(helpfulness)),
    at: seconds === null ? null : seconds * 1000,
  };
}

async function* acceptedReviews(table: Table<ReviewColumn>, rejectedLines: Set<number>): AsyncGenerator<Review> {
  for await (const row of table.rows) {
    if (rejectedLines.has(row.line)) continue;
    const r = parseReview(table, row.fields) as ParsedReview;
    const at = r.at ?? CIAO_UNDATED;
    yield {
      id: names.review(r.user, r.product),
      authorId: names.user(r.user),
      productId: names.product(r.product),
      rating: r.rating,
      title: '',
      body: '',
      helpfulVotes: r.helpfulVotes,
      createdAt: at,
      updatedAt: at,
    };
  }
}

function* productsOf(products: Map<string, { category: string; createdAt: number }>): Generator<BulkRow<'products'>> {
  for (const [id, p] of products) {
    // The dataset has no product names or prices: price 0 stands for "unknown".
    yield { id: names.product(id), name: `Ciao product ${id}`, description: '', price: 0, currency: 'GBP', categoryId: names.category(p.category), createdAt: p.createdAt };
  }
}

async function readCategories(run: ImportRun, file: string): Promise<Map<string, string>> {
  const table = await openTable(file, { delimiter: ',', columns: { id: ['category_id', 'id'], name: ['name', 'category_name'] } });
  const byId = new Map<string, string>();
  for await (const row of run.count(table.name, table.rows)) {
    const id = row.fields[table.index.id!]?.trim() ?? '';
    const name = row.fields[table.index.name!]?.trim() ?? '';
    const reason =
      wrongWidth(table, row.fields) ??
      (!ID.test(id) || name === '' ? 'malformed line (needs an integer id and a name)'
      : byId.has(id) ? 'duplicate category id (the first is kept)'
      : null);
    if (reason) run.reject(table.name, reason, row.line);
    else byId.set(id, name);
  }
  return byId;
}
