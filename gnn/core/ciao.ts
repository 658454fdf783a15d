/**
 * Reads the Ciao layout: `reviews.csv` = user_id,product_id,category_id,rating,helpfulness,timestamp
 * (Unix seconds) and `trust.csv` = truster_id,trustee_id (the truster follows the trustee; no
 * follow times, so every follow counts as always there).
 */
import { readFileSync } from 'node:fs';
import { buildActivityLog, type ActivityLog } from './activity-log';
import { emptySnapshot } from './snapshot';

export function readCiao(reviewsFile: string, trustFile: string): ActivityLog {
  const raw = emptySnapshot();
  for (const [line, f] of rows(reviewsFile, 6)) {
    const user = raw.users.of(f[0]);
    const product = raw.products.of(f[1]);
    raw.productCategory[product] ??= raw.categories.of(f[2]);
    const seconds = Number(f[5]);
    if (!Number.isFinite(seconds)) throw new Error(`${reviewsFile}:${line}: bad timestamp "${f[5]}"`);
    raw.actions.push({ user, product, kind: 'review', at: seconds * 1000, public: true });
  }
  for (const [, f] of rows(trustFile, 2)) raw.follows.push({ from: raw.users.of(f[0]), to: raw.users.of(f[1]), since: -Infinity });
  return buildActivityLog(raw);
}

/** Data lines (after the header) split on commas, with 1-based line numbers. */
function* rows(file: string, fields: number): Generator<[number, string[]]> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const f = lines[i].split(',');
    if (f.length < fields) throw new Error(`${file}:${i + 1}: expected ${fields} fields, got "${lines[i]}"`);
    yield [i + 1, f];
  }
}
