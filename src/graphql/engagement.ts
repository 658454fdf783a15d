/**
 * A community's engagement history as the viewer may see it. The published history (training
 * reads every share) would count shares hidden from the viewer, so the published periods are
 * recounted from the store, where shares count only where the viewer may see them (visibility.ts).
 */
import { parsePeriod, periodOf, periodStart, type PeriodUnit } from '../../gnn/forecast/communities/periods';
import type { EngagementPoint } from '../../gnn/forecast/published';
import type { ActivityEvent, Store } from '../store/contract';

const FIELD: Record<ActivityEvent['kind'], 'reviews' | 'shares' | 'follows'> = { REVIEW: 'reviews', SHARE: 'shares', FOLLOW: 'follows' };

export async function visibleEngagement(
  store: Store,
  viewerId: string | null,
  members: readonly string[],
  published: readonly EngagementPoint[],
): Promise<EngagementPoint[]> {
  if (published.length === 0) return [];
  const unit: PeriodUnit = /^\d{4}-\d{2}$/.test(published[0].period) ? 'month' : 'week';
  const indexes = published.map((p) => parsePeriod(unit, p.period));
  const counts = new Map(indexes.map((i, k) => [i, { period: published[k].period, reviews: 0, shares: 0, follows: 0, active: new Set<string>() }]));
  const events = await store.activity.of(members, periodStart(unit, Math.min(...indexes)), periodStart(unit, Math.max(...indexes) + 1), viewerId);
  for (const e of events) {
    const point = counts.get(periodOf(unit, e.at));
    if (!point) continue;
    point[FIELD[e.kind]]++;
    point.active.add(e.userId);
  }
  return indexes.map((i) => {
    const { active, ...point } = counts.get(i)!;
    return { ...point, activeMembers: active.size };
  });
}
