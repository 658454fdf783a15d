/**
 * Communities and engagement forecasts as the API serves them: the current published forecast
 * run (train-from-store.ts), held in memory by a LiveModel and reloaded when a newer run is
 * published. Before any run exists every answer is empty (lists) or null (lookups).
 */
import type { Store } from '../../src/store/contract';
import { LiveModel } from '../core/live-model';
import { buildPublishedCommunities, type EngagementPoint, type ForecastPoint, type PublishedCommunities, type PublishedCommunity } from './published';

/** SIZE: most members first. ENGAGEMENT: most reviews + shares in the last complete period first. */
export type CommunitySort = 'SIZE' | 'ENGAGEMENT';

export interface CommunityPage {
  items: PublishedCommunity[];
  totalCount: number;
  /** Version of the run answering, null before any was published. */
  modelVersion: string | null;
}

export function recentEngagement(c: PublishedCommunity): number {
  const last = c.engagement[c.engagement.length - 1];
  return last ? last.reviews + last.shares : 0;
}

export class CommunityForecasts {
  readonly live: LiveModel<PublishedCommunities>;

  /** `refreshMs`: how often to check for a newer published run (config.modelRefreshMs). */
  constructor(store: Store, refreshMs?: number) {
    this.live = new LiveModel(store, 'forecast', buildPublishedCommunities, refreshMs);
  }

  /** A page of communities in the given order (ties by id). */
  async list(q: { sort: CommunitySort; offset: number; limit: number }): Promise<CommunityPage> {
    const loaded = await this.live.get();
    if (!loaded) return { items: [], totalCount: 0, modelVersion: null };
    const all = [...loaded.value.communities];
    const key = q.sort === 'SIZE' ? (c: PublishedCommunity) => c.size : recentEngagement;
    all.sort((a, b) => key(b) - key(a) || (a.id < b.id ? -1 : 1));
    return { items: all.slice(q.offset, q.offset + q.limit), totalCount: all.length, modelVersion: loaded.run.version };
  }

  /** Batched by id, answers in order (null for unknown ids). */
  async get(ids: readonly string[]): Promise<(PublishedCommunity | null)[]> {
    const loaded = await this.live.get();
    return ids.map((id) => loaded?.value.byId.get(id) ?? null);
  }

  /** Each user's community, batched (null for users in none). */
  async ofUsers(userIds: readonly string[]): Promise<(PublishedCommunity | null)[]> {
    const loaded = await this.live.get();
    return userIds.map((id) => loaded?.value.byUser.get(id) ?? null);
  }
}

/** The last `periods` engagement points, oldest first. */
export function engagement(c: PublishedCommunity, periods: number): EngagementPoint[] {
  return periods > 0 ? c.engagement.slice(-periods) : [];
}

/** The next `periods` forecast points (at most the published horizon), nearest first. */
export function engagementForecast(c: PublishedCommunity, periods: number): ForecastPoint[] {
  return c.forecast.slice(0, Math.max(0, periods));
}
