/**
 * Homogeneous graphs for message passing, built once from edge lists as typed arrays.
 *
 * A `Graph` stores edges src→dst in CSR keyed by dst (the order sparse aggregation wants:
 * segment ids must be sorted) plus the symmetric normalisation
 * Â = D^{-1/2} A D^{-1/2}, kept factorised as one scale per node: Â[d,s] = scale[d]·scale[s].
 * Degree = number of incoming edges, which equals the out-degree for the undirected graphs
 * we build (every edge is stored in both directions).
 */
import { buildCsr, type Csr } from './csr';

export interface Graph {
  numNodes: number;
  /** Incoming neighbours of each node: row d lists every s with an edge s→d. */
  inbound: Csr;
  /** deg^{-1/2} per node, 0 for isolated nodes. */
  scale: Float32Array;
}

/** Undirected graph: each pair becomes two directed edges; self-loops and duplicates are dropped. */
export function undirectedGraph(numNodes: number, a: Int32Array, b: Int32Array): Graph {
  const src: number[] = [];
  const dst: number[] = [];
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    src.push(a[k], b[k]);
    dst.push(b[k], a[k]);
  }
  return graphFromEdges(numNodes, Int32Array.from(src), Int32Array.from(dst));
}

/** Directed graph with edges src→dst, normalised by in-degree (the degree convention above). */
export function graphFromEdges(numNodes: number, src: Int32Array, dst: Int32Array): Graph {
  const inbound = buildCsr(numNodes, dst, src);
  const scale = new Float32Array(numNodes);
  for (let v = 0; v < numNodes; v++) {
    const deg = inbound.rowPtr[v + 1] - inbound.rowPtr[v];
    scale[v] = deg > 0 ? 1 / Math.sqrt(deg) : 0;
  }
  return { numNodes, inbound, scale };
}

/**
 * The user–item interaction graph as one undirected graph over users [0, U) and items [U, U+I):
 * the LightGCN adjacency [[0, R], [Rᵀ, 0]].
 */
export function bipartiteGraph(numUsers: number, numItems: number, users: Int32Array, items: Int32Array): Graph {
  const shifted = new Int32Array(items.length);
  for (let k = 0; k < items.length; k++) shifted[k] = items[k] + numUsers;
  return undirectedGraph(numUsers + numItems, users, shifted);
}
