/**
 * Community detection on the follow graph with Louvain (graphology-communities-louvain).
 *
 * Follows are directed; communities are about who is tied to whom, so the graph is made
 * undirected and a mutual follow weighs 2 (two ties), a one-way follow 1. Nodes are inserted in
 * sorted id order and Louvain draws from a seeded `Random`, so a seed always gives the same
 * partition. `resolution` > 1 gives more, smaller communities; < 1 fewer, larger ones.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { Random } from '../../core/random';

export interface DetectOptions {
  resolution: number;
  seed: number;
  /** Communities with fewer members are dropped (their users get no community). */
  minSize: number;
}

export const DEFAULT_DETECT_OPTIONS: DetectOptions = { resolution: 1, seed: 1, minSize: 2 };

export interface Detection {
  /** Member ids per community, each sorted; communities largest first (ties by first member). */
  communities: string[][];
  modularity: number;
  /** Users in communities below `minSize`. */
  dropped: number;
}

/** `follows` as (follower, followee) pairs; `users` adds nodes without follows (they end up alone). */
export function detectCommunities(
  follows: Iterable<readonly [string, string]>,
  options: Partial<DetectOptions> = {},
  users: Iterable<string> = [],
): Detection {
  const opts = { ...DEFAULT_DETECT_OPTIONS, ...options };
  const weights = new Map<string, number>();
  const nodes = new Set<string>(users);
  for (const [a, b] of follows) {
    if (a === b) continue;
    nodes.add(a);
    nodes.add(b);
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    weights.set(key, (weights.get(key) ?? 0) + 1);
  }
  const graph = new Graph({ type: 'undirected' });
  for (const id of [...nodes].sort()) graph.addNode(id);
  for (const key of [...weights.keys()].sort()) {
    const [a, b] = key.split('\u0000');
    graph.addEdge(a, b, { weight: weights.get(key) });
  }
  const rng = new Random(opts.seed);
  const result = louvain.detailed(graph, { resolution: opts.resolution, rng: () => rng.next(), getEdgeWeight: 'weight' });

  const groups = new Map<number, string[]>();
  graph.forEachNode((id) => {
    const c = result.communities[id];
    const list = groups.get(c);
    if (list) list.push(id);
    else groups.set(c, [id]);
  });
  const all = [...groups.values()].map((m) => m.sort());
  const kept = all.filter((m) => m.length >= opts.minSize);
  kept.sort((x, y) => y.length - x.length || (x[0] < y[0] ? -1 : 1));
  return { communities: kept, modularity: result.modularity, dropped: nodes.size - kept.reduce((s, m) => s + m.length, 0) };
}

/** Community sizes summarised for reports: count, min, quartiles, max, and a histogram by powers of two. */
export function sizeDistribution(communities: readonly (readonly string[])[]): {
  count: number;
  members: number;
  min: number;
  median: number;
  max: number;
  quartiles: [number, number, number];
  histogram: Record<string, number>;
} {
  const sizes = communities.map((m) => m.length).sort((a, b) => a - b);
  const at = (q: number) => (sizes.length ? sizes[Math.min(sizes.length - 1, Math.floor(q * sizes.length))] : 0);
  const histogram: Record<string, number> = {};
  for (const s of sizes) {
    const lo = 2 ** Math.floor(Math.log2(s));
    const key = `${lo}-${2 * lo - 1}`;
    histogram[key] = (histogram[key] ?? 0) + 1;
  }
  return {
    count: sizes.length,
    members: sizes.reduce((a, b) => a + b, 0),
    min: sizes[0] ?? 0,
    median: at(0.5),
    max: sizes[sizes.length - 1] ?? 0,
    quartiles: [at(0.25), at(0.5), at(0.75)],
    histogram,
  };
}
