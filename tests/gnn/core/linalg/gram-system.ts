/** Small systems M = I + A W Aᵀ for the Gram solver's tests. */
import { buildCsr } from '../../../../gnn/core/graph/csr';
import { Random } from '../../../../gnn/core/random';

/** A random sparse 0/1 matrix A [n, m] as its columns, positive weights w, and M = I + A W Aᵀ dense. */
export function gramSystem(n: number, m: number, density: number, seed: number) {
  const rng = new Random(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) if (rng.next() < density) (rows.push(r), cols.push(c));
  const byCol = buildCsr(m, Int32Array.from(cols), Int32Array.from(rows));
  const w = Float32Array.from({ length: m }, () => 0.05 + rng.next());
  const dense = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, s) => (r === s ? 1 : 0)));
  for (let c = 0; c < m; c++)
    for (let p = byCol.rowPtr[c]; p < byCol.rowPtr[c + 1]; p++)
      for (let q = byCol.rowPtr[c]; q < byCol.rowPtr[c + 1]; q++) dense[byCol.cols[p]][byCol.cols[q]] += w[c];
  return { byCol, w, dense };
}

