/**
 * One table's rows staged as CSV files for LadybugDB's `COPY <table> FROM` (copy-stage.ts for
 * bulk chunks, rebuild-tables.ts for repairs). Columns are read by position; strings are always
 * quoted (LadybugDB reads an empty field as null) and `\N` stands for null.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { GraphRecord } from '../cypher/bulk-graph';

const NULL = '\\N';
/** Bytes buffered per file before a write. */
const FLUSH_AT = 1 << 20;

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

/** One table's staged file; `take` hands it over with its COPY statement and starts the next. */
export class StagedTable {
  private fd: number;
  private buffer = '';
  rows = 0;
  /** The parallel CSV reader cannot take a line break inside a quoted field. */
  private multiline = false;

  private file = '';
  private files = 0;

  constructor(
    private readonly table: string,
    private readonly dir: string,
    private readonly columns: string[],
  ) {
    this.fd = this.open();
  }

  private open(): number {
    this.file = path.join(this.dir, `${this.table}-${++this.files}.csv`);
    return openSync(this.file, 'w');
  }

  add(record: GraphRecord): void {
    const fields = this.columns.map((c) => {
      const v = record[c];
      if (typeof v === 'string' && !this.multiline && /[\r\n]/.test(v)) this.multiline = true;
      return csvField(v);
    });
    this.buffer += `${fields.join(',')}\n`;
    this.rows++;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Finishes the file and returns it with its COPY statement; the table goes on in a new file. */
  take(): { file: string; copy: string } | null {
    this.flush();
    closeSync(this.fd);
    const taken = this.rows
      ? { file: this.file, copy: `COPY ${this.table} FROM '${this.file}' (header=false, parallel=${!this.multiline}, quote='"', escape='"', null_strings=['${NULL}'])` }
      : null;
    if (!taken) rmSync(this.file);
    this.fd = this.open();
    this.rows = 0;
    this.multiline = false;
    return taken;
  }

  close(): void {
    closeSync(this.fd);
  }
}
