/**
 * PageRank on the follow graph, rank flowing from follower to followee:
 *   r ← (1 − α)/N + α · (Σ_{f→u} r_f / out(f) + Σ_{dangling d} r_d / N),  α = 0.85,
 * iterated until the L1 change drops below `tol`. Returns one value per node (sums to 1).
 */
export function pageRank(numNodes: number, from: Int32Array, to: Int32Array, opts: { damping?: number; tol?: number; maxIter?: number } = {}): Float64Array {
  const damping = opts.damping ?? 0.85;
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 200;
  const out = new Float64Array(numNodes);
  for (const f of from) out[f]++;
  let rank = new Float64Array(numNodes).fill(1 / numNodes);
  for (let it = 0; it < maxIter; it++) {
    let dangling = 0;
    for (let v = 0; v < numNodes; v++) if (out[v] === 0) dangling += rank[v];
    const next = new Float64Array(numNodes).fill((1 - damping + damping * dangling) / numNodes);
    for (let k = 0; k < from.length; k++) next[to[k]] += (damping * rank[from[k]]) / out[from[k]];
    let change = 0;
    for (let v = 0; v < numNodes; v++) change += Math.abs(next[v] - rank[v]);
    rank = next;
    if (change < tol) break;
  }
  return rank;
}
