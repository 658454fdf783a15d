/**
 * Serving side of influence: loads the current `influence` run from store.models into memory,
 * ranked globally and per category, so a GraphQL page (`opinionLeaders`) is an array slice and
 * `User.influence` a map lookup. Rows come precomputed by `train influence` (publish.ts).
 */
import type { ModelRepository, ModelRun, Slice } from '../../src/store/contract';
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
        list.push({ userId: entityId, score: c.score, rank: c.rank, influence: data });
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
   * Opinion leaders best first, globally or in one category. Category lists hold the users for
   * whom the category is among their top categories, in category-rank order.
   */
  leaders(q: { categoryId?: string | null; offset: number; limit: number }): Slice<Leader> {
    const list = q.categoryId ? (this.byCategory.get(q.categoryId) ?? []) : this.global;
    return { items: list.slice(q.offset, q.offset + q.limit), totalCount: list.length };
  }

  categories(): string[] {
    return [...this.byCategory.keys()];
  }
}

/** Reads the current influence run into an index; null before any run was published. */
export async function loadInfluence(models: ModelRepository): Promise<InfluenceIndex | null> {
  const run = await models.current('influence');
  if (!run) return null;
  const rows: { entityId: string; data: InfluenceData }[] = [];
  for await (const batch of models.rows('influence', run.version)) {
    for (const r of batch) rows.push({ entityId: r.entityId, data: r.data as unknown as InfluenceData });
  }
  return new InfluenceIndex(run, rows);
}

/**
 * Keeps one loaded index per process and notices newly published runs: `get()` re-checks the
 * current version at most every `refreshMs` and reloads only when it changed.
 */
export function influenceReader(models: ModelRepository, refreshMs = 60_000): { get(): Promise<InfluenceIndex | null> } {
  let index: InfluenceIndex | null = null;
  let checkedAt = -Infinity;
  let pending: Promise<InfluenceIndex | null> | undefined;
  const refresh = async () => {
    const run = await models.current('influence');
    if (run?.version !== index?.run.version) index = run ? await loadInfluence(models) : null;
    checkedAt = Date.now();
    return index;
  };
  return {
    get() {
      if (Date.now() - checkedAt < refreshMs) return Promise.resolve(index);
      pending ??= refresh().finally(() => (pending = undefined));
      return pending;
    },
  };
}
