/**
 * Compressed sparse rows over typed arrays: row r's neighbours are `cols[rowPtr[r] .. rowPtr[r+1])`,
 * sorted ascending and de-duplicated. Used for per-user item sets (training items to exclude,
 * negatives to avoid, test items to hit) and as the sorted edge order for sparse aggregation.
 */
export interface Csr {
  numRows: number;
  rowPtr: Int32Array;
  cols: Int32Array;
}

/** Build CSR from parallel (row, col) arrays; duplicates are dropped. */
export function buildCsr(numRows: number, rows: Int32Array, cols: Int32Array): Csr {
  const counts = new Int32Array(numRows + 1);
  for (let k = 0; k < rows.length; k++) counts[rows[k] + 1]++;
  for (let r = 0; r < numRows; r++) counts[r + 1] += counts[r];
  const fill = counts.slice(0, numRows);
  const raw = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) raw[fill[rows[k]]++] = cols[k];
  // Sort and de-duplicate each row in place, then compact.
  const rowPtr = new Int32Array(numRows + 1);
  let out = 0;
  for (let r = 0; r < numRows; r++) {
    const row = raw.subarray(counts[r], counts[r + 1]).sort();
    for (let k = 0; k < row.length; k++) {
      if (k === 0 || row[k] !== row[k - 1]) raw[out++] = row[k];
    }
    rowPtr[r + 1] = out;
  }
  return { numRows, rowPtr, cols: raw.slice(0, out) };
}

export function rowOf(csr: Csr, r: number): Int32Array {
  return csr.cols.subarray(csr.rowPtr[r], csr.rowPtr[r + 1]);
}

export function degree(csr: Csr, r: number): number {
  return csr.rowPtr[r + 1] - csr.rowPtr[r];
}

/** Binary search in row r. */
export function hasEdge(csr: Csr, r: number, c: number): boolean {
  let lo = csr.rowPtr[r];
  let hi = csr.rowPtr[r + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = csr.cols[mid];
    if (v === c) return true;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Expand to COO: parallel (row, col) arrays in row-major order. */
export function toCoo(csr: Csr): { rows: Int32Array; cols: Int32Array } {
  const rows = new Int32Array(csr.cols.length);
  for (let r = 0; r < csr.numRows; r++) rows.fill(r, csr.rowPtr[r], csr.rowPtr[r + 1]);
  return { rows, cols: csr.cols };
}
