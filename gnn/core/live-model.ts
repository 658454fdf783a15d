/**
 * The API's view of a published model: the current run of one kind, loaded into memory once and
 * reloaded when a newer version is published, so the server never needs a restart. The version is
 * re-checked after a publication through this process's store (it announces `tags.everything`,
 * as a bulk load does), else at most every `checkEveryMs` (publications by other processes, with
 * Neo4j). Other writes do not change what is published, so under a stream of reviews requests do
 * not each wait for a store read. Concurrent callers share a load. Exact freshness after local
 * publications is what lets the response cache key on the loaded versions.
 */
import type { ModelKind, ModelOutputRow, ModelRun, Store } from '../../src/store/contract';
import { tags } from '../../src/store/changes';

export interface Loaded<T> {
  run: ModelRun;
  value: T;
}

export type ModelBuilder<T> = (run: ModelRun, rows: AsyncIterable<ModelOutputRow[]>) => Promise<T>;

export class LiveModel<T> {
  private loaded: Loaded<T> | null = null;
  private checkedAt = -Infinity;
  /** Writes announced as `tags.everything` so far (publications among them). */
  private publications = 0;
  /** `publications` when `loaded` was last confirmed current. */
  private checkedPublications = -1;
  private pending: { publications: number; promise: Promise<Loaded<T> | null> } | null = null;

  constructor(
    private readonly store: Store,
    readonly kind: ModelKind,
    private readonly build: ModelBuilder<T>,
    private readonly checkEveryMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {
    store.changes.subscribe((changed) => {
      if (changed.includes(tags.everything)) this.publications++;
    });
  }

  /** The current model, or null while none has been published. */
  async get(): Promise<Loaded<T> | null> {
    const publications = this.publications;
    if (publications === this.checkedPublications && this.now() - this.checkedAt < this.checkEveryMs) return this.loaded;
    // A load that began before the latest publication may have read the previous version: start another.
    if (this.pending?.publications !== publications) {
      const promise = this.refresh(publications).finally(() => {
        if (this.pending?.promise === promise) this.pending = null;
      });
      this.pending = { publications, promise };
    }
    return this.pending.promise;
  }

  /** The version in memory, without touching the store. */
  version(): string | null {
    return this.loaded?.run.version ?? null;
  }

  private async refresh(publications: number): Promise<Loaded<T> | null> {
    const run = await this.store.models.current(this.kind);
    const fresh = run && run.version !== this.loaded?.run.version ? { run, value: await this.build(run, this.store.models.rows(this.kind, run.version)) } : null;
    // An older load finishing after a newer one must not roll it back.
    if (publications < this.checkedPublications) return this.loaded;
    this.checkedAt = this.now();
    this.checkedPublications = publications;
    if (!run) this.loaded = null;
    else if (fresh) this.loaded = fresh;
    return this.loaded;
  }
}
