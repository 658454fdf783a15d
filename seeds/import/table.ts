/**
 * Streaming reader for the datasets' delimited text files (CSV or TSV with a header line). Lines
 * come through node:readline one at a time, so memory stays flat however big the file is.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface TableRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  fields: string[];
}

export interface TableSpec<K extends string> {
  delimiter: ',' | '\t';
  /** Column key -> header names accepted for it (case-insensitive). */
  columns: Record<K, readonly string[]>;
  /** Columns that may be missing from the header. */
  optional?: readonly NoInfer<K>[];
}

export interface Table<K extends string> {
  /** Short name for messages, e.g. "reviews.csv". */
  name: string;
  /** Field index of each column present in the header. */
  index: Partial<Record<K, number>>;
  /** Number of fields every row must have. */
  width: number;
  rows: AsyncIterable<TableRow>;
}

/** Opens `file`, checks its header against `spec` and returns the data rows (blank lines skipped). */
export async function openTable<K extends string>(file: string, spec: TableSpec<K>): Promise<Table<K>> {
  const name = path.basename(file);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? [] : splitFields(first.value.replace(/^\uFEFF/, ''), spec.delimiter).map((h) => h.trim().toLowerCase());

  const index: Partial<Record<K, number>> = {};
  for (const key of Object.keys(spec.columns) as K[]) {
    const at = header.findIndex((h) => spec.columns[key].includes(h));
    if (at >= 0) index[key] = at;
    else if (!spec.optional?.includes(key)) {
      lines.close();
      const wanted = (Object.keys(spec.columns) as K[]).map((k) => spec.columns[k][0] + (spec.optional?.includes(k) ? '?' : ''));
      throw new Error(`${name}: the header must name the columns ${wanted.join(', ')} (? = optional); found ${JSON.stringify(header.join(spec.delimiter))}`);
    }
  }

  async function* rows(): AsyncGenerator<TableRow> {
    let line = 1;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        line++;
        if (next.value.trim() === '') continue;
        yield { line, fields: splitFields(next.value, spec.delimiter) };
      }
    } finally {
      lines.close();
    }
  }
  return { name, index, width: header.length, rows: rows() };
}

/** Splits one line. CSV fields may be double-quoted (with "" for a quote); TSV fields are taken literally. */
export function splitFields(line: string, delimiter: ',' | '\t'): string[] {
  if (delimiter === '\t' || !line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') field += line[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** The reject reason for a row with the wrong number of fields, or null when it fits the header. */
export function wrongWidth(table: { width: number }, fields: readonly string[]): string | null {
  return fields.length === table.width ? null : `malformed line (expected ${table.width} fields, got ${fields.length})`;
}
