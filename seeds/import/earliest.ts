/**
 * Earliest time seen per key (a user's first activity, a product's first review), and the follow
 * date derived from it for datasets whose social edges carry no time.
 */
export class EarliestTimes {
  private readonly times = new Map<string, number>();

  see(key: string, at: number): void {
    const known = this.times.get(key);
    if (known === undefined || at < known) this.times.set(key, at);
  }

  get(key: string): number | undefined {
    return this.times.get(key);
  }

  has(key: string): boolean {
    return this.times.has(key);
  }

  keys(): IterableIterator<string> {
    return this.times.keys();
  }

  get size(): number {
    return this.times.size;
  }
}

/**
 * Follow.since for an undated edge: the later of the two users' first activity. It is the earliest
 * moment both accounts demonstrably existed, so a follow never predates either user (joinedAt is
 * first activity too), and feeds ordered by time stay plausible. The real date is unknowable.
 */
export function undatedFollowSince(firstActivity: EarliestTimes, followerId: string, followeeId: string): number {
  return Math.max(firstActivity.get(followerId)!, firstActivity.get(followeeId)!);
}
