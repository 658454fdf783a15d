/**
 * Writes a synthetic export in the generic CSV layout (seeds/import/generic.ts) for import
 * benchmarks and the kill-and-rerun test: seeded, streamed to disk, any size.
 * Usage: npx tsx bench/generate-csv.ts DIR [--reviews N] [--follows N] [--users N] [--products N]
 * Every 100,000th review has rating 9, so the importer has rows to reject.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../seeds/random';

export interface SyntheticSize {
  users: number;
  products: number;
  categories: number;
  reviews: number;
  follows: number;
}

/** Reviews per user are spread evenly; follows come in layers of one per user, so pairs never repeat. */
export async function generateCsv(dir: string, size: SyntheticSize, seed = 1): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(seed);
  const T0 = Date.UTC(2015, 0, 1);
  const DAY = 86_400_000;
  async function file(name: string, header: string, n: number, line: (i: number) => string): Promise<void> {
    const out = createWriteStream(path.join(dir, name));
    out.write(`${header}\n`);
    for (let i = 0; i < n; i++) if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
  await file('categories.csv', 'id,name', size.categories, (i) => `c${i},"Category ${i}, synthetic"`);
  await file('users.csv', 'id,handle,display_name,bio,joined_at', size.users, (i) => `u${i},user_${i},User ${i},,${T0 + (i % 365) * DAY}`);
  await file('products.csv', 'id,name,description,price,currency,category_id,created_at', size.products, (i) =>
    `p${i},Product ${i},"A ""synthetic"" product",${(1 + (i % 500)).toFixed(2)},EUR,c${i % size.categories},${T0 + (i % 300) * DAY}`,
  );
  const perUser = Math.ceil(size.reviews / size.users);
  if (perUser * 104_729 >= size.products * 104_729 || size.products <= perUser) throw new Error('too few products for the reviews per user');
  await file('reviews.csv', 'id,user_id,product_id,rating,title,body,created_at', size.reviews, (i) => {
    const user = Math.floor(i / perUser);
    const product = (user * 7919 + (i % perUser) * 104_729) % size.products;
    const rating = i % 100_000 === 99_999 ? 9 : 1 + Math.floor(rng.float() * 5);
    return `r${i},u${user},p${product},${rating},,Review ${i},${T0 + 400 * DAY + (i % 1000) * 60_000}`;
  });
  await file('follows.csv', 'follower_id,followee_id,since', size.follows, (j) => {
    const a = j % size.users;
    const layer = Math.floor(j / size.users);
    return `u${a},u${(a + 1 + layer * 997) % size.users},${T0 + 500 * DAY}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { reviews: { type: 'string' }, follows: { type: 'string' }, users: { type: 'string' }, products: { type: 'string' } },
  });
  if (!positionals[0]) throw new Error('usage: npx tsx bench/generate-csv.ts DIR [--reviews N] [--follows N] [--users N] [--products N]');
  const size = {
    users: Number(values.users ?? 100_000),
    products: Number(values.products ?? 200_000),
    categories: 50,
    reviews: Number(values.reviews ?? 1_000_000),
    follows: Number(values.follows ?? 350_000),
  };
  void generateCsv(positionals[0], size).then(() => console.log(`wrote ${JSON.stringify(size)} to ${positionals[0]}`));
}
