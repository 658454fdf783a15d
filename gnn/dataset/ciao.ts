/**
 * Reads the Ciao dataset's raw files (see /work/shared/datasets/README.md) into columnar typed
 * arrays: `reviews.csv` (`user_id,product_id,category_id,rating,helpfulness,timestamp`, Unix
 * seconds) and `trust.csv` (`truster_id,trustee_id`, the truster follows the trustee).
 */
import { readFileSync } from 'node:fs';

export interface CiaoReviews {
  user: Int32Array;
  product: Int32Array;
  category: Int32Array;
  rating: Int8Array;
  /** Unix seconds. */
  time: Float64Array;
}

export interface CiaoTrust {
  truster: Int32Array;
  trustee: Int32Array;
}

/** Data rows of a CSV whose header must be exactly `header`, each split into integers. */
function* rows(path: string, header: string): Generator<number[]> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines[0].trim() !== header) throw new Error(`${path}: expected header "${header}", got "${lines[0]}"`);
  const width = header.split(',').length;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const cells = lines[i].split(',').map(Number);
    if (cells.length !== width || cells.some((x) => !Number.isInteger(x))) throw new Error(`${path}:${i + 1}: expected ${width} integers, got "${lines[i]}"`);
    yield cells;
  }
}

export function readCiaoReviews(path: string): CiaoReviews {
  const all = [...rows(path, 'user_id,product_id,category_id,rating,helpfulness,timestamp')];
  return {
    user: Int32Array.from(all, (r) => r[0]),
    product: Int32Array.from(all, (r) => r[1]),
    category: Int32Array.from(all, (r) => r[2]),
    rating: Int8Array.from(all, (r) => r[3]),
    time: Float64Array.from(all, (r) => r[5]),
  };
}

export function readCiaoTrust(path: string): CiaoTrust {
  const all = [...rows(path, 'truster_id,trustee_id')];
  return { truster: Int32Array.from(all, (r) => r[0]), trustee: Int32Array.from(all, (r) => r[1]) };
}
