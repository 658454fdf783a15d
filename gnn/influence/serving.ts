/**
 * Serving side of influence: the current `influence` run from store.models held in memory,
 * ranked globally and per category, so a GraphQL page (`opinionLeaders`) is an array slice and
 * `User.influence` a map lookup. Rows come precomputed by `train influence` (publish.ts).
 */
import type { ModelOutputRow, ModelRepository, ModelRun, Slice } from '../../src/store/contract';
import type { InfluenceData } from './publish';

export type { CategoryInfluence, InfluenceData } from './publish';

export interface Leader {
  userId: string;
  /** Global score, or the category score when the list is for a category. */
  score: number;
  /** 1-based rank in the list (global or within the category). */
  rank: number;
  influence: InfluenceData;
}

export class InfluenceIndex {
  private readonly byUser = new Map<string, InfluenceData>();
  private readonly global: Leader[] = [];
  private readonly byCategory = new Map<string, Leader[]>();

  constructor(readonly run: ModelRun, rows: Iterable<{ entityId: string; data: InfluenceData }>) {
    for (const { entityId, data } of rows) {
      this.byUser.set(entityId, data);
      this.global.push({ userId: entityId, score: data.score, rank: data.rank, influence: data });
      for (const c of data.byCategory) {
        let list = this.byCategory.get(c.categoryId);
        if (!list) this.byCategory.set(c.categoryId, (list = []));
        // In a category list the explanation is the one drawn from that category.
        list.push({ userId: entityId, score: c.score, rank: c.rank, influence: { ...data, explanation: c.explanation ?? data.explanation } });
      }
    }
    const byRank = (a: Leader, b: Leader) => a.rank - b.rank;
    this.global.sort(byRank);
    for (const list of this.byCategory.values()) list.sort(byRank);
  }

  /** A user's influence, or null when the user was not scored (no activity before the run's cutoff). */
  user(userId: string): InfluenceData | null {
    return this.byUser.get(userId) ?? null;
  }

  /**
   * Opinion leaders best first, globally or in one category, optionally only among `memberIds`
   * (a community; ranks stay global/category ranks). Category lists hold the users who reviewed
   * or influenced someone in the category before the cutoff, in category-rank order.
   */
  leaders(q: { categoryId?: string | null; memberIds?: ReadonlySet<string>; offset: number; limit: number }): Slice<Leader> {
    let list = q.categoryId ? (this.byCategory.get(q.categoryId) ?? []) : this.global;
    if (q.memberIds) list = list.filter((l) => q.memberIds!.has(l.userId));
    return { items: list.slice(q.offset, q.offset + q.limit), totalCount: list.length };
  }

  categories(): string[] {
    return [...this.byCategory.keys()];
  }
}

/**
 * Builds the index from a run's rows: a `ModelBuilder` for gnn/core/live-model.ts, which
 * follows new versions (`new LiveModel(store, 'influence', buildInfluenceIndex, refreshMs)`).
 */
export async function buildInfluenceIndex(run: ModelRun, rows: AsyncIterable<ModelOutputRow[]>): Promise<InfluenceIndex> {
  const all: { entityId: string; data: InfluenceData }[] = [];
  for await (const batch of rows) for (const r of batch) all.push({ entityId: r.entityId, data: r.data as unknown as InfluenceData });
  return new InfluenceIndex(run, all);
}

/** The current influence run as an index, or null before any was published (one-off reads: CLI, tests). */
export async function loadInfluence(models: ModelRepository): Promise<InfluenceIndex | null> {
  const run = await models.current('influence');
  return run && buildInfluenceIndex(run, models.rows('influence', run.version));
}
