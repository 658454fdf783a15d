/**
 * Loads the demo community into a store: at the server's first start (`seedDemoIfEmpty`) and from
 * `npm run seed`. The ground truth goes to a JSON file next to the data for the model tests.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BulkCounts, BulkKind, Store } from '../src/store/contract';
import { generateCommunity, type GeneratorOptions } from './generator';
import { upsertInChunks } from './load';

/**
 * Where the history of a demo seeded at `now` ends: the start of that day (UTC), so seeds of one
 * day are the same. Models take their cutoff from the newest event, so a history that ended months
 * before the first review users write through the API would look abandoned to them (every planted
 * leader idle, every community forecast at zero); ending at the seed, it is continued by them.
 */
export function demoHistoryEnd(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
}

/** The ground truth's file name in a data directory: a server trains on first start only where the demo seed left it. */
export const DEMO_TRUTH_FILE = 'demo-ground-truth.json';

export interface SeedOptions {
  truthFile: string;
  log?: (msg: string) => void;
  options?: Partial<GeneratorOptions>;
}

export interface SeedResult {
  seeded: boolean;
  /** Rows in the store afterwards. */
  counts: BulkCounts;
  seconds: number;
}

/** Referenced entities first, so every chunk's references already exist. */
const LOAD_ORDER: readonly BulkKind[] = ['categories', 'users', 'products', 'follows', 'reviews', 'shares'];

/**
 * Seeds only when the store has no users. (If a seed is interrupted, the store keeps what was
 * loaded; `npm run seed -- --force` completes it, since upserts skip rows that already exist.)
 */
export async function seedDemoIfEmpty(store: Store, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const counts = await store.bulk.counts();
  if (counts.users > 0) {
    opts.log?.(`demo seed skipped: the store already has ${counts.users} users`);
    return { seeded: false, counts, seconds: (performance.now() - started) / 1000 };
  }
  return seedDemo(store, opts);
}

/** Generates and loads the demo community whatever the store holds (rows whose ids exist are kept). */
export async function seedDemo(store: Store, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const { batch, truth } = generateCommunity(opts.options);
  log(`demo seed: generated ${describe(truth.sizes)} (seed ${truth.seed}) in ${elapsed(started)}s`);

  for (const kind of LOAD_ORDER) {
    const t = performance.now();
    const added = await upsertInChunks(store.bulk, kind, batch[kind]);
    log(`demo seed: ${kind} ${added} new of ${batch[kind].length} in ${elapsed(t)}s`);
  }
  await store.bulk.recount();
  await mkdir(path.dirname(opts.truthFile), { recursive: true });
  await writeFile(opts.truthFile, `${JSON.stringify(truth, null, 2)}\n`);

  const counts = await store.bulk.counts();
  const seconds = (performance.now() - started) / 1000;
  log(`demo seed: done in ${seconds.toFixed(1)}s; store holds ${describe(counts)}; ground truth in ${opts.truthFile}`);
  return { seeded: true, counts, seconds };
}

function describe(counts: BulkCounts): string {
  return LOAD_ORDER.map((k) => `${counts[k]} ${k}`).join(', ');
}

function elapsed(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
