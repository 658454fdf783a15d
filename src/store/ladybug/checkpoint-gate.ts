/**
 * Queries run together; a checkpoint runs alone. LadybugDB 0.19 lets reads run during a
 * checkpoint, and a scan of a string column the checkpoint is rewriting copies into a null buffer:
 * SIGSEGV in `DefaultColumnReadWriter::readCompressedValues` under `ScanNodeTable`, beside
 * `StringColumn::checkpointSegment` (upstream LadybugDB/ladybug#840, #713). A server died that way
 * on its first start while a model was published and a manager paged opinion leaders; under
 * frequent checkpoints with reads, 1 in 5-8 checkpoints crashed (docs/durability-wal.md).
 *
 * So the runner checkpoints through `alone`, which waits for the queries executing to finish and
 * holds new ones back meanwhile: once the log passes its size (LadybugDB's own size trigger is set
 * out of reach), at backups, and around a COPY's commit, the one checkpoint LadybugDB still starts
 * by itself (and must: a COPY's rows reach only the data file, made durable by it). A query
 * holds the gate while it executes only; its rows are read afterwards from memory (LadybugDB
 * materialises a result before returning it), so a long stream does not hold checkpoints back.
 */
export class CheckpointGate {
  private executing = 0;
  private checkpoint: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  /** Runs a query's execution, after any checkpoint in progress. */
  async query<T>(execute: () => Promise<T>): Promise<T> {
    while (this.checkpoint) await this.checkpoint;
    this.executing++;
    try {
      return await execute();
    } finally {
      if (--this.executing === 0) this.drained?.();
    }
  }

  /** Runs `checkpoint` once no query executes, holding new ones back until it is done. */
  async alone<T>(checkpoint: () => Promise<T>): Promise<T> {
    while (this.checkpoint) await this.checkpoint;
    let done!: () => void;
    this.checkpoint = new Promise((resolve) => (done = resolve));
    try {
      if (this.executing > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      return await checkpoint();
    } finally {
      this.drained = null;
      this.checkpoint = null;
      done();
    }
  }
}
