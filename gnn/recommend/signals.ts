/**
 * Where recommendations read a user's signals (own products, followees, followee activity): a
 * SignalIndex where it reflects every write, else the store, in one round trip.
 *
 * The index is exact, not merely fresh-ish. From the moment its build starts it records what each
 * write announces (signal-changes.ts); a user's answer is the index with what changed since in
 * their signals (their own and their followees' reviews and shares, whom they follow) read by id
 * or from their cached key lists and applied on top (signal-patch.ts). So under a steady stream of
 * writes the index keeps answering, and the store's traversal is read only after a bulk load, for
 * a user who joined since the build, or for one who deleted a review of theirs. That is sound only when this process sees every write,
 * so it is used with the embedded LadybugDB (one process owns the directory), never with Neo4j,
 * whose per-request reads are index lookups anyway.
 *
 * The first request waits for the first build, as it waits for the model. The index is rebuilt in
 * the background once the store's write count has stood still for `quietMs`, or when the changes
 * it carries pass REBUILD_AT (a steady stream of writes never pauses).
 */
import type { Store, UserSignals } from '../../src/store/contract';
import type { ServedSignals } from './served-signals';
import { SignalChanges } from './signal-changes';
import { SignalIndex } from './signal-index';
import { readSignalPatch } from './signal-patch';

/** Tags announced since a build past which it is rebuilt even while writes continue: ~3 min of 20 reviews a second. */
export const REBUILD_AT = 20_000;

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
  private index: { value: SignalIndex; changes: SignalChanges } | null = null;
  /** A build in progress, and the changes announced since it started. */
  private building: { done: Promise<void>; changes: SignalChanges } | null = null;
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
    if (this.indexed) {
      store.changes.subscribe((changed) => {
        this.index?.changes.note(changed);
        this.building?.changes.note(changed);
      });
    }
  }

  async forUser(userId: string): Promise<ServedSignals | null> {
    if (this.indexed) {
      if (!this.index) await this.rebuild();
      const index = this.index!;
      this.rebuildWhenDue(index.changes);
      const answer = await this.fromIndex(index, userId);
      if (answer) return answer;
    }
    return served(await this.store.network.signals(userId));
  }

  /** Resolves once a rebuild in progress, if any, has finished. */
  async settled(): Promise<void> {
    await this.building?.done.catch(() => {});
  }

  /** The user's signals from the index and what changed since; null when they must be read from the store. */
  private async fromIndex({ value, changes }: { value: SignalIndex; changes: SignalChanges }, userId: string): Promise<ServedSignals | null> {
    const followeeIds = value.followeeIds(userId);
    if (changes.everything || !followeeIds) return null;
    if (changes.empty) return value.signals(userId);
    const patch = await readSignalPatch(this.store, changes, userId, followeeIds);
    return patch && value.signals(userId, patch);
  }

  private rebuildWhenDue(changes: SignalChanges): void {
    if (changes.empty || this.building) return;
    const now = this.now();
    const writes = this.store.stats.writes;
    if (writes !== this.seen.writes) this.seen = { writes, at: now };
    if (now - this.seen.at < this.quietMs && changes.size < REBUILD_AT) return;
    // A failed rebuild leaves the current index and the store answering; the next chance tries again.
    this.rebuild().catch(() => {});
  }

  /** Builds an index of the graph as it is now, recording what writes announce from its start (concurrent callers share one build). */
  private rebuild(): Promise<void> {
    if (this.building) return this.building.done;
    const changes = new SignalChanges();
    const done = SignalIndex.build(this.store)
      .then((value) => {
        this.index = { value, changes };
      })
      .finally(() => {
        this.building = null;
      });
    this.building = { done, changes };
    return done;
  }
}
