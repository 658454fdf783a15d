/**
 * The API's view of a published model: the current run of one kind, loaded into memory once and
 * reloaded when a newer version is published, so the server never needs a restart. Version
 * checks are throttled (one store read per `checkEveryMs`), and concurrent callers share a load.
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
  private pending: Promise<Loaded<T> | null> | null = null;

  constructor(
    private readonly store: Store,
    readonly kind: ModelKind,
    private readonly build: ModelBuilder<T>,
    private readonly checkEveryMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current model, or null while none has been published. */
  async get(): Promise<Loaded<T> | null> {
    if (this.now() - this.checkedAt < this.checkEveryMs) return this.loaded;
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The version in memory, without touching the store. */
  version(): string | null {
    return this.loaded?.run.version ?? null;
  }

  private async refresh(): Promise<Loaded<T> | null> {
    const run = await this.store.models.current(this.kind);
    this.checkedAt = this.now();
    if (!run) return (this.loaded = null);
    if (run.version !== this.loaded?.run.version) {
      this.loaded = { run, value: await this.build(run, this.store.models.rows(this.kind, run.version)) };
    }
    return this.loaded;
  }
}
