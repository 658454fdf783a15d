/**
 * Engagement per community per period: reviews and shares written by members, follows made by
 * members, and active members (members with at least one of those in the period). Periods are
 * indices (periods.ts) in [first, first + length).
 */
export interface EngagementEvent {
  userId: string;
  kind: 'review' | 'share' | 'follow';
  period: number;
}

export interface EngagementSeries {
  reviews: Float64Array;
  shares: Float64Array;
  follows: Float64Array;
  activeMembers: Float64Array;
}

export function engagementSeries(
  communityOf: ReadonlyMap<string, number>,
  numCommunities: number,
  events: Iterable<EngagementEvent>,
  first: number,
  length: number,
): EngagementSeries[] {
  const out = Array.from({ length: numCommunities }, () => ({
    reviews: new Float64Array(length),
    shares: new Float64Array(length),
    follows: new Float64Array(length),
    activeMembers: new Float64Array(length),
  }));
  const counted = new Set<string>();
  for (const e of events) {
    const c = communityOf.get(e.userId);
    const p = e.period - first;
    if (c === undefined || p < 0 || p >= length) continue;
    const series = out[c];
    series[e.kind === 'review' ? 'reviews' : e.kind === 'share' ? 'shares' : 'follows'][p]++;
    const key = `${e.userId}\u0000${p}`;
    if (!counted.has(key)) {
      counted.add(key);
      series.activeMembers[p]++;
    }
  }
  return out;
}
