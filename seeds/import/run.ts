/**
 * One import run: what it read, what it wrote, every rejected row with its reason, and how long
 * it took. Invalid rows are always counted here (with a few example line numbers), never dropped
 * silently; notes record rows that were kept but adjusted.
 */
import type { BulkCounts, BulkKind, BulkLoader, BulkRow } from '../../src/store/contract';

/** Progress display for one phase; the CLI passes src/cli/progress.ts, tests nothing. */
export interface ProgressSink {
  tick(n?: number): void;
  finish(): void;
}
export type ProgressFactory = (label: string, total?: number) => ProgressSink;

export interface ImportOptions {
  chunkRows?: number;
  progress?: ProgressFactory;
}

export interface Tally {
  count: number;
  /** Up to three "file:line" locations. */
  examples: string[];
}

export interface ImportSummary {
  dataset: string;
  /** Data rows read per file (headers and blank lines excluded). */
  read: Record<string, number>;
  /** Rows sent to the store per kind. */
  offered: BulkCounts;
  /** Of those, rows that were new (0 everywhere on a second run). */
  written: BulkCounts;
  /** Rows not imported, by "file: reason". */
  rejected: Record<string, Tally>;
  /** Rows imported with an adjustment, by "file: what". */
  notes: Record<string, Tally>;
  seconds: number;
  /** Of those, seconds spent committing chunks (the database's bulk path), per kind. */
  storeSeconds: Partial<Record<BulkKind, number>>;
  /** The importing process's peak resident memory (MiB). */
  peakMemoryMiB: number;
}

const zero = (): BulkCounts => ({ users: 0, categories: 0, products: 0, reviews: 0, follows: 0, shares: 0 });

export class ImportRun {
  private readonly started = performance.now();
  private readonly read: Record<string, number> = {};
  private readonly offered = zero();
  private readonly written = zero();
  private readonly rejected = new Map<string, Tally>();
  private readonly notes = new Map<string, Tally>();
  private readonly storeSeconds: Partial<Record<BulkKind, number>> = {};
  private readonly progress: ProgressFactory;

  constructor(
    private readonly dataset: string,
    private readonly bulk: BulkLoader,
    private readonly opts: ImportOptions,
  ) {
    this.progress = opts.progress ?? (() => ({ tick() {}, finish() {} }));
  }

  /** Counts rows of `file` as they stream past (count each file once, on its first pass). */
  async *count<T>(file: string, rows: AsyncIterable<T>, total?: number): AsyncGenerator<T> {
    const bar = this.progress(`read ${file}`, total);
    this.read[file] ??= 0;
    for await (const row of rows) {
      this.read[file]++;
      bar.tick();
      yield row;
    }
    bar.finish();
  }

  reject(file: string, reason: string, line: number): void {
    tally(this.rejected, `${file}: ${reason}`, `${file}:${line}`);
  }

  note(file: string, what: string, line: number): void {
    tally(this.notes, `${file}: ${what}`, `${file}:${line}`);
  }

  /**
   * Loads rows of one kind through the store's bulk path, with a progress bar when `total` is
   * known. Rows the store refuses (e.g. a handle another user already has) are rejected under the
   * kind's name, with the row's id as the example.
   */
  async write<K extends BulkKind>(kind: K, rows: Iterable<BulkRow<K>> | AsyncIterable<BulkRow<K>>, total?: number): Promise<void> {
    const bar = this.progress(`write ${kind}`, total);
    this.written[kind] += await this.bulk.load(kind, rows, {
      chunkRows: this.opts.chunkRows,
      onRows: (n) => {
        this.offered[kind] += n;
        bar.tick(n);
      },
      onReject: (row, reason) => tally(this.rejected, `${kind}: ${reason}`, rowName(row)),
      onStored: (_, seconds) => (this.storeSeconds[kind] = (this.storeSeconds[kind] ?? 0) + seconds),
    });
    bar.finish();
  }

  finish(): ImportSummary {
    return {
      dataset: this.dataset,
      read: { ...this.read },
      offered: { ...this.offered },
      written: { ...this.written },
      rejected: Object.fromEntries(this.rejected),
      notes: Object.fromEntries(this.notes),
      seconds: (performance.now() - this.started) / 1000,
      storeSeconds: Object.fromEntries(Object.entries(this.storeSeconds).map(([k, s]) => [k, Number(s.toFixed(1))])),
      peakMemoryMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  }
}

function rowName(row: BulkRow<BulkKind>): string {
  return 'id' in row ? row.id : `${row.followerId}->${row.followeeId}`;
}

function tally(map: Map<string, Tally>, key: string, where: string): void {
  const t = map.get(key) ?? { count: 0, examples: [] };
  t.count++;
  if (t.examples.length < 3) t.examples.push(where);
  map.set(key, t);
}

/** Human-readable summary for the CLI and the benchmark log. */
export function formatSummary(s: ImportSummary): string {
  const kinds = (Object.keys(s.offered) as BulkKind[]).filter((k) => s.offered[k] > 0);
  const section = (title: string, entries: Record<string, Tally>): string[] => {
    const rows = Object.entries(entries).sort((a, b) => b[1].count - a[1].count);
    if (rows.length === 0) return [`${title}: none`];
    return [`${title}:`, ...rows.map(([why, t]) => `  ${String(t.count).padStart(8)}  ${why}  (e.g. ${t.examples.join(', ')})`)];
  };
  const total = (entries: Record<string, Tally>): number => Object.values(entries).reduce((n, t) => n + t.count, 0);
  return [
    `${s.dataset} import finished in ${s.seconds.toFixed(1)}s (peak memory ${s.peakMemoryMiB} MiB)`,
    `rows read: ${Object.entries(s.read).map(([f, n]) => `${f} ${n}`).join(', ')}`,
    `rows written (new / sent): ${kinds.map((k) => `${k} ${s.written[k]}/${s.offered[k]}`).join(', ')}`,
    `seconds committing chunks: ${Object.entries(s.storeSeconds).map(([k, t]) => `${k} ${t}`).join(', ') || 'none'}`,
    ...section(`rejected rows (${total(s.rejected)})`, s.rejected),
    ...section(`kept with a note (${total(s.notes)})`, s.notes),
  ].join('\n');
}
