/**
 * Agreement between two partitions of the same items (labels per item, any values): the
 * adjusted Rand index (Hubert & Arabie 1985; 1 = identical, ~0 = chance) and normalised mutual
 * information NMI = 2·I(A;B) / (H(A) + H(B)) (1 = identical, 0 = independent).
 */
function contingency(a: readonly unknown[], b: readonly unknown[]): { cells: number[]; rows: number[]; cols: number[]; n: number } {
  if (a.length !== b.length) throw new Error(`partitions differ in length: ${a.length} vs ${b.length}`);
  const index = (xs: readonly unknown[]) => {
    const ids = new Map<unknown, number>();
    return { of: xs.map((x) => ids.get(x) ?? (ids.set(x, ids.size), ids.size - 1)), count: () => ids.size };
  };
  const ia = index(a);
  const ib = index(b);
  const cells = new Map<number, number>();
  const rows = new Array(ia.count()).fill(0);
  const cols = new Array(ib.count()).fill(0);
  ia.of.forEach((r, k) => {
    const key = r * cols.length + ib.of[k];
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows[r]++;
    cols[ib.of[k]]++;
  });
  return { cells: [...cells.values()], rows, cols, n: a.length };
}

const pairs = (x: number) => (x * (x - 1)) / 2;

export function adjustedRandIndex(a: readonly unknown[], b: readonly unknown[]): number {
  const { cells, rows, cols, n } = contingency(a, b);
  const index = cells.reduce((s, x) => s + pairs(x), 0);
  const sumRows = rows.reduce((s, x) => s + pairs(x), 0);
  const sumCols = cols.reduce((s, x) => s + pairs(x), 0);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export function normalizedMutualInformation(a: readonly unknown[], b: readonly unknown[]): number {
  const { cells, rows, cols, n } = contingency(a, b);
  const entropy = (xs: number[]) => -xs.reduce((s, x) => s + (x / n) * Math.log(x / n), 0);
  const ha = entropy(rows);
  const hb = entropy(cols);
  if (ha + hb === 0) return 1;
  // I = H(A) + H(B) − H(A,B)
  const mutual = ha + hb - entropy(cells);
  return (2 * mutual) / (ha + hb);
}
