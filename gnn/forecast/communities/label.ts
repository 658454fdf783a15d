/**
 * What a community is about and who leads it: its top categories (by members' reviews and shares),
 * its opinion leaders, and a readable label made of both.
 */

/** The `k` categories most interacted with by the members, most first (ties by id). */
export function topCategories(members: readonly string[], categoryCounts: ReadonlyMap<string, ReadonlyMap<string, number>>, k = 3): string[] {
  const total = new Map<string, number>();
  for (const u of members) {
    for (const [cat, n] of categoryCounts.get(u) ?? []) total.set(cat, (total.get(cat) ?? 0) + n);
  }
  return [...total].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([cat]) => cat);
}

/**
 * The `k` members with the highest score, highest first (ties by id). The score is the number of
 * followers inside the community for now; published influence scores can be passed instead.
 */
export function opinionLeaders(members: readonly string[], score: (userId: string) => number, k = 3): string[] {
  return members
    .map((u) => [u, score(u)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([u]) => u);
}

/** Followers of each member counted only over follows whose follower is also a member. */
export function insideFollowerCounts(members: readonly string[], follows: Iterable<readonly [string, string]>): Map<string, number> {
  const inside = new Set(members);
  const counts = new Map<string, number>();
  for (const [follower, followee] of follows) {
    if (inside.has(follower) && inside.has(followee)) counts.set(followee, (counts.get(followee) ?? 0) + 1);
  }
  return counts;
}

/** e.g. "Books / Toys & Games · led by alice, bob" (category names may contain "&"). */
export function communityLabel(categoryNames: readonly string[], leaderNames: readonly string[]): string {
  const topics = categoryNames.length ? categoryNames.slice(0, 2).join(' / ') : 'Mixed interests';
  return leaderNames.length ? `${topics} · led by ${leaderNames.slice(0, 2).join(', ')}` : topics;
}
