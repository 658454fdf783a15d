/**
 * Where recommendations read a user's signals (own products, followees, followee activity): a
 * SignalIndex while it reflects every write, else the store, in one round trip.
 *
 * The index is exact, not merely fresh-ish: it is stamped with the store's write count when its
 * build starts and used only while that count is unchanged. That is sound only when this process
 * sees every write, so it is used with the embedded LadybugDB (one process owns the directory),
 * never with Neo4j, whose per-request reads are index lookups anyway.
 *
 * The first request waits for the first build, as it waits for the model. After a write, requests
 * read the store while writes continue, and the index is rebuilt in the background once the write
 * count has stood still for `quietMs`: a steady stream of writes never pays for rebuilds it would
 * throw away.
 */
import type { Store, UserSignals } from '../../src/store/contract';
import type { ServedSignals } from './served-signals';
import { SignalIndex } from './signal-index';

/** The store's answer, with `activityOf` filtering its activity. */
function served(s: UserSignals | null): ServedSignals | null {
  if (!s) return null;
  return {
    ...s,
    activityOf: (productIds) => {
      const wanted = new Set(productIds);
      return s.activity.filter((a) => wanted.has(a.productId));
    },
  };
}

export interface SignalSourceOptions {
  /** Keep an index (default: with LadybugDB). */
  indexed?: boolean;
  /** How long the write count must stand still before a rebuild (default 2 s). */
  quietMs?: number;
  now?: () => number;
}

export class SignalSource {
  private index: { writes: number; value: SignalIndex } | null = null;
  private building: Promise<void> | null = null;
  /** The write count last seen and since when. */
  private seen = { writes: -1, at: 0 };
  private readonly indexed: boolean;
  private readonly quietMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    opts: SignalSourceOptions = {},
  ) {
    this.indexed = opts.indexed ?? store.engine === 'ladybug';
    this.quietMs = opts.quietMs ?? 2_000;
    this.now = opts.now ?? Date.now;
  }

  async forUser(userId: string): Promise<ServedSignals | null> {
    if (this.indexed) {
      const writes = this.store.stats.writes;
      if (!this.index) await this.rebuild(writes);
      if (this.index?.writes === writes) return this.index.value.signals(userId);
      this.rebuildWhenQuiet(writes);
    }
    return served(await this.store.network.signals(userId));
  }

  /** Resolves once a rebuild in progress, if any, has finished. */
  async settled(): Promise<void> {
    await this.building?.catch(() => {});
  }

  private rebuildWhenQuiet(writes: number): void {
    const now = this.now();
    if (writes !== this.seen.writes) this.seen = { writes, at: now };
    if (this.building || now - this.seen.at < this.quietMs) return;
    // A failed rebuild leaves the store answering; the next quiet spell tries again.
    this.rebuild(writes).catch(() => {});
  }

  /** Builds an index of the graph as of `writes` (concurrent callers share one build). */
  private rebuild(writes: number): Promise<void> {
    this.building ??= SignalIndex.build(this.store)
      .then((value) => {
        if (!this.index || writes > this.index.writes) this.index = { writes, value };
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }
}
