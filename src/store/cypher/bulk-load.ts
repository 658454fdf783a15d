/**
 * `BulkWriter.load`: the importers' path into the store. The rows of one kind stream past an
 * in-memory screen (bulk-screen.ts: the store's keys are read once, not per row or per chunk);
 * the new ones go to the engine's stage, and every chunk of new rows (the engine's size, or the caller's) the stage is stored: one
 * transaction holding the rows, their relationships and the product counters they change, so an
 * import killed at any moment leaves whole entities and right counters, and a rerun screens out
 * what was stored and adds the rest. Each stored chunk announces `tags.everything`.
 */
import { announce, tags, type ChangeListener } from '../changes';
import type { BulkKind, BulkLoader, BulkRow } from '../contract';
import { screen } from './bulk-screen';
import type { CypherRunner } from './runner';

/** Screened, new rows waiting to be stored by the engine's bulk path. */
export interface BulkStage<K extends BulkKind> {
  add(row: BulkRow<K>): void;
  /** Rows added since the last `store`. */
  readonly size: number;
  /** New rows per stored chunk, unless the load says otherwise. */
  readonly capacity: number;
  /** Stores the rows added since the last call, in one transaction (see the file comment). */
  store(): Promise<void>;
  /** Frees what the stage holds (files); the stage is not used afterwards. */
  close(): Promise<void>;
}

export type BulkStager = <K extends BulkKind>(kind: K) => Promise<BulkStage<K>>;

/** How often `onRows` is told, in rows read. */
const TICK = 1000;

export function bulkLoad(db: CypherRunner, stager: BulkStager, changed: ChangeListener): BulkLoader['load'] {
  return async (kind, rows, opts = {}) => {
    const check = await screen(db, kind);
    const stage = await stager(kind);
    const chunkRows = opts.chunkRows ?? stage.capacity;
    let added = 0;
    let unreported = 0;
    const store = async () => {
      const rows = stage.size;
      const started = performance.now();
      await announce(changed, stage.store(), () => [tags.everything]);
      added += rows;
      opts.onStored?.(rows, (performance.now() - started) / 1000);
    };
    try {
      for await (const row of rows) {
        const verdict = check(row);
        if (verdict === 'new') stage.add(row);
        else if (verdict !== 'skip') opts.onReject?.(row, verdict);
        if (++unreported === TICK) {
          opts.onRows?.(unreported);
          unreported = 0;
        }
        if (stage.size >= chunkRows) await store();
      }
      if (stage.size) await store();
      if (unreported) opts.onRows?.(unreported);
    } finally {
      await stage.close();
    }
    return added;
  };
}
