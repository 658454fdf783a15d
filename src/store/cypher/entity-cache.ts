/**
 * Entities by id (users, products, categories, reviews) and the ordered keys of their lists
 * (key-lists.ts), kept in memory across requests by an
 * engine whose process is the database's only writer: LadybugDB's file lock makes every write
 * pass through this process and announce its tags (../changes.ts), so an entry is dropped exactly
 * when a write changes it. (Neo4j may have other writers; it runs without this cache.)
 *
 * Why: LadybugDB reads a node's properties by key at about 1 ms per property on Ciao's updated
 * tables (a product, 9 properties: 21 ms), which made key lookups most of an uncached page's time.
 *
 * A lookup that started before a write announced its tags may have read the old row, so it
 * keeps its rows only when no write was announced while it ran. Entries are frozen: they are
 * shared by every request. Past `maxWeight`, entries not used lately go.
 */
import { tags as tagsOf, type ChangeFeed } from '../changes';

export type Get<T> = (ids: readonly string[]) => Promise<(T | null)[]>;

/**
 * Wraps a repository's by-id lookup; `kind` names the entity, `dependsOn` the tags of writes that
 * change one, `weigh` what it counts against the cache's size (1 unless said: a key list its length).
 */
export type Through = <T extends { id: string }>(kind: string, dependsOn: (id: string) => string[], get: Get<T>, weigh?: (item: T) => number) => Get<T>;

/** No cache: every lookup reaches the engine. */
export const direct: Through = (_kind, _dependsOn, get) => get;

interface Entry {
  value: unknown;
  tags: string[];
  weight: number;
  used: boolean;
}

export class EntityCache {
  private readonly entries = new Map<string, Entry>();
  /** Announced tag -> keys of the entries it drops. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Bumped by every announced write. */
  private epoch = 0;
  private weight = 0;

  /** `maxWeight`: entities count 1 each, key lists their length. */
  constructor(
    changes: ChangeFeed,
    private readonly maxWeight: number,
  ) {
    changes.subscribe((changed) => this.invalidate(changed));
  }

  /** `get` through the cache: only ids not held are fetched. `dependsOn` names the tags that change an entity. */
  readonly through: Through = <T extends { id: string }>(kind: string, dependsOn: (id: string) => string[], get: Get<T>, weigh?: (item: T) => number): Get<T> => {
    return async (ids) => {
      const key = (id: string) => `${kind}:${id}`;
      const held = ids.map((id) => this.touch(key(id)) as T | undefined);
      const missing = [...new Set(ids.filter((_, i) => held[i] === undefined))];
      if (missing.length === 0) return held as T[];
      const started = this.epoch;
      const fetched = await get(missing);
      const byId = new Map<string, T | null>(missing.map((id, i) => [id, fetched[i]]));
      if (this.epoch === started) {
        for (const item of fetched) if (item) this.set(key(item.id), Object.freeze(item), dependsOn(item.id), Math.max(1, weigh?.(item) ?? 1));
      }
      return ids.map((id, i) => held[i] ?? byId.get(id) ?? null);
    };
  };

  /**
   * The entry's value, marked used: eviction gives it a second chance (CLOCK, an approximation of
   * least recently used). Moving it to the end on every hit instead cost 3% of a feed's CPU,
   * which touches the lists of up to a few hundred followees.
   */
  private touch(key: string): unknown {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  private set(key: string, value: unknown, tags: string[], weight: number): void {
    this.drop(key);
    this.entries.set(key, { value, tags, weight, used: false });
    this.weight += weight;
    for (const tag of tags) {
      let keys = this.dependents.get(tag);
      if (!keys) this.dependents.set(tag, (keys = new Set()));
      keys.add(key);
    }
    // Oldest first; one used since it was last passed goes to the end instead.
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      if (entry.used) {
        entry.used = false;
        this.entries.delete(oldest);
        this.entries.set(oldest, entry);
      } else {
        this.drop(oldest);
      }
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
    for (const tag of entry.tags) {
      const keys = this.dependents.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.dependents.delete(tag);
    }
  }

  private invalidate(changed: readonly string[]): void {
    this.epoch++;
    if (changed.includes(tagsOf.everything)) {
      this.entries.clear();
      this.dependents.clear();
      this.weight = 0;
      return;
    }
    for (const tag of changed) for (const key of [...(this.dependents.get(tag) ?? [])]) this.drop(key);
  }
}
