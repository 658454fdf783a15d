/**
 * Chunked loading through `BulkWriter.upsert`, shared by the demo seed and the importers. One kind
 * of row at a time, in the caller's order, so everything a chunk references is already stored
 * (categories, users and products before follows, reviews and shares).
 */
import type { BulkBatch, BulkKind, BulkRow, BulkWriter } from '../src/store/contract';

/** Rows per upsert: one transaction each, big enough to amortise the round trip, small enough to keep memory flat. */
export const DEFAULT_CHUNK_ROWS = 5000;

export interface ChunkOptions {
  chunkRows?: number;
  /** Called after each chunk with its size and how many of its rows were new. */
  onChunk?: (rows: number, added: number) => void;
}

/** Upserts `rows` of one kind chunk by chunk (rows may be a lazy stream); returns how many were new. */
export async function upsertInChunks<K extends BulkKind>(
  bulk: BulkWriter,
  kind: K,
  rows: Iterable<BulkRow<K>> | AsyncIterable<BulkRow<K>>,
  opts: ChunkOptions = {},
): Promise<number> {
  const size = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
  let added = 0;
  let chunk: BulkRow<K>[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const counts = await bulk.upsert({ [kind]: chunk } as BulkBatch);
    added += counts[kind];
    opts.onChunk?.(chunk.length, counts[kind]);
    chunk = [];
  };
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size) await flush();
  }
  await flush();
  return added;
}
