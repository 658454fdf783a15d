/**
 * The API's view of a published model: the current run of one kind, loaded into memory once and
 * reloaded when a newer version is published, so the server never needs a restart. The version is
 * re-checked after any write through this process's store (a publication is one), else at most
 * every `checkEveryMs` (publications by other processes, with Neo4j). Concurrent callers share a load.
 * Exact freshness after local writes is what lets the response cache key on the loaded versions.
 */
import type { ModelKind, ModelOutputRow, ModelRun, Store } from '../../src/store/contract';

export interface Loaded<T> {
  run: ModelRun;
  value: T;
}

export type ModelBuilder<T> = (run: ModelRun, rows: AsyncIterable<ModelOutputRow[]>) => Promise<T>;

export class LiveModel<T> {
  private loaded: Loaded<T> | null = null;
  private checkedAt = -Infinity;
  /** store.stats.writes when `loaded` was last confirmed current. */
  private checkedWrites = -1;
  private pending: { writes: number; promise: Promise<Loaded<T> | null> } | null = null;

  constructor(
    private readonly store: Store,
    readonly kind: ModelKind,
    private readonly build: ModelBuilder<T>,
    private readonly checkEveryMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current model, or null while none has been published. */
  async get(): Promise<Loaded<T> | null> {
    const writes = this.store.stats.writes;
    if (writes === this.checkedWrites && this.now() - this.checkedAt < this.checkEveryMs) return this.loaded;
    // A load that began before the latest write may have read the previous version: start another.
    if (this.pending?.writes !== writes) {
      const promise = this.refresh(writes).finally(() => {
        if (this.pending?.promise === promise) this.pending = null;
      });
      this.pending = { writes, promise };
    }
    return this.pending.promise;
  }

  /** The version in memory, without touching the store. */
  version(): string | null {
    return this.loaded?.run.version ?? null;
  }

  private async refresh(writes: number): Promise<Loaded<T> | null> {
    const run = await this.store.models.current(this.kind);
    const fresh = run && run.version !== this.loaded?.run.version ? { run, value: await this.build(run, this.store.models.rows(this.kind, run.version)) } : null;
    // An older load finishing after a newer one must not roll it back.
    if (writes < this.checkedWrites) return this.loaded;
    this.checkedAt = this.now();
    this.checkedWrites = writes;
    if (!run) this.loaded = null;
    else if (fresh) this.loaded = fresh;
    return this.loaded;
  }
}
