/**
 * Stable community ids across detection runs. Louvain numbers its communities arbitrarily and a
 * small change to the graph can reorder them, so each new community is matched to a previous one
 * by member overlap: all (new, previous) pairs are ranked by Jaccard similarity |A∩B| / |A∪B| and
 * taken greedily, best first, each community at most once. A new community keeps the matched id
 * when the overlap reaches `minJaccard`; otherwise it gets a fresh id `c<N>` numbered after the
 * largest id ever issued (so a dissolved community's id is never reused).
 */
export interface Community {
  id: string;
  members: string[];
}

export interface StableIdOptions {
  minJaccard: number;
  /** Largest N of any `c<N>` issued before (ids of dissolved communities count too). */
  lastIssued?: number;
}

export function assignStableIds(
  current: readonly (readonly string[])[],
  previous: readonly Community[],
  options: Partial<StableIdOptions> = {},
): { communities: Community[]; lastIssued: number } {
  const minJaccard = options.minJaccard ?? 0.3;
  const previousOf = new Map<string, number>();
  previous.forEach((p, j) => p.members.forEach((u) => previousOf.set(u, j)));

  const pairs: { i: number; j: number; jaccard: number }[] = [];
  current.forEach((members, i) => {
    const overlap = new Map<number, number>();
    for (const u of members) {
      const j = previousOf.get(u);
      if (j !== undefined) overlap.set(j, (overlap.get(j) ?? 0) + 1);
    }
    for (const [j, inter] of overlap) {
      const jaccard = inter / (members.length + previous[j].members.length - inter);
      if (jaccard >= minJaccard) pairs.push({ i, j, jaccard });
    }
  });
  // Ties broken by position, so equal overlaps always resolve the same way.
  pairs.sort((a, b) => b.jaccard - a.jaccard || a.i - b.i || a.j - b.j);

  const ids: (string | undefined)[] = new Array(current.length);
  const taken = new Set<number>();
  for (const { i, j } of pairs) {
    if (ids[i] !== undefined || taken.has(j)) continue;
    ids[i] = previous[j].id;
    taken.add(j);
  }
  let lastIssued = Math.max(options.lastIssued ?? 0, ...previous.map((p) => idNumber(p.id)));
  const communities = current.map((members, i) => ({ id: ids[i] ?? `c${++lastIssued}`, members: [...members] }));
  return { communities, lastIssued };
}

function idNumber(id: string): number {
  const m = /^c(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}
