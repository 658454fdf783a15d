/**
 * Reads LadybugDB's write-ahead log (format of @ladybugdb/core 0.19, a Kuzu fork) to recover what
 * the engine itself refuses to replay:
 *
 *   header:  database id (16 B), checksums flag (1 B), [checksum (8 B)]
 *   record:  payload length (u64), payload (type byte first), [checksum (u64) of length + payload]
 *
 * The checksums are the trouble (upstream bug): LadybugDB's checksum writer and reader both grow
 * their 4 KiB entry buffer without copying it, so every record over ~4 KiB (a model run's
 * metadata, a long review) is written with a garbage length under a checksum that covers the
 * garbage, and could not be verified on reading anyway. Replaying such a log fails ("Checksum
 * verification failed" or "invalid WAL record type"); with throwOnWalReplayFailure=false it drops
 * every transaction from there on. So the engine runs without WAL checksums (runner.ts), and a log
 * written with them is rewritten without them: each record verified by its checksum, a lost length
 * found where the checksum matches.
 *
 * A torn end (the process died while appending a transaction, which was therefore never
 * acknowledged: COMMIT returns after the log is synced) is cut at the last COMMIT. Damage followed
 * by further committed transactions is neither, and is reported, not repaired.
 */
import { open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';

const BEGIN = 1;
const COMMIT = 2;
export const CHECKPOINT = 254;
export const RECORD_TYPES: Record<number, string> = {
  1: 'begin',
  2: 'commit',
  13: 'copy table',
  14: 'create catalog entry',
  16: 'drop catalog entry',
  17: 'alter table',
  18: 'update sequence',
  30: 'insert',
  31: 'node delete',
  32: 'node update',
  33: 'rel delete',
  34: 'rel detach delete',
  35: 'rel update',
  100: 'load extension',
  254: 'checkpoint',
};

const M64 = (1n << 64n) - 1n;

/** LadybugDB's checksum (DuckDB's): XOR of multiplied 64-bit words, a MurmurHash tail. */
export function walChecksum(bytes: Uint8Array): bigint {
  const words = Math.floor(bytes.length / 8);
  let acc = 5381n;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) acc ^= mixWord(view.getBigUint64(i * 8, true));
  return words * 8 < bytes.length ? acc ^ mixTail(bytes.subarray(words * 8)) : acc;
}

const mixWord = (x: bigint) => (x * 0xbf58476d1ce4e5b9n) & M64;

function mixTail(tail: Uint8Array): bigint {
  const m = 0xc6a4a7935bd1e995n;
  let h = (0xe17a1465n ^ (BigInt(tail.length) * m)) & M64;
  for (let i = tail.length - 1; i >= 0; i--) h ^= BigInt(tail[i]) << BigInt(8 * i);
  h = (h * m) & M64;
  h ^= h >> 47n;
  h = (h * m) & M64;
  return h ^ (h >> 47n);
}


export interface WalRecord {
  offset: number;
  /** Bytes including the length (and the checksum). */
  size: number;
  type: number;
  /** The stored length was garbage; `size` is the true one, found by the checksum. */
  lostLength: boolean;
}

export interface WalTransaction {
  offset: number;
  /** Record counts by kind. */
  records: Record<string, number>;
}

export interface WalScan {
  size: number;
  checksums: boolean;
  headerBytes: number;
  records: WalRecord[];
  /** End of the last COMMIT (or CHECKPOINT): everything acknowledged. */
  committedEnd: number;
  /** Where the first record that is neither intact nor recoverable starts, if any. */
  damageAt: number | null;
  /** Committed transactions found after the damage (each starts with the same fixed BEGIN record). */
  committedAfterDamage: WalTransaction[];
}

class Format {
  readonly trailer: number;
  constructor(readonly checksums: boolean) {
    this.trailer = checksums ? 8 : 0;
  }

  /** The record at `pos` if it is whole (and verifies), else null. */
  recordAt(buf: Buffer, pos: number): WalRecord | null {
    if (pos + 9 + this.trailer > buf.length) return null;
    const length = buf.readBigUInt64LE(pos);
    if (length < 1n || length > BigInt(buf.length - pos - 8 - this.trailer)) return null;
    const end = pos + 8 + Number(length);
    if (this.checksums && walChecksum(buf.subarray(pos, end)) !== buf.readBigUInt64LE(end)) return null;
    // Without a checksum only the structure can be checked: type 0 is LadybugDB's "invalid".
    if (!this.checksums && buf[pos + 8] === 0) return null;
    return { offset: pos, size: end + this.trailer - pos, type: buf[pos + 8], lostLength: false };
  }

  /** A checksummed record whose length was lost: its end is the first place its checksum matches. */
  lostLengthAt(buf: Buffer, pos: number): WalRecord | null {
    if (!this.checksums) return null;
    const bytes = new Uint8Array(buf.subarray(pos)); // aligned, so words are read in place
    const view = new DataView(bytes.buffer);
    let acc = 5381n;
    for (let n = 8; n + 8 <= bytes.length; n++) {
      if (n % 8 === 0) acc ^= mixWord(view.getBigUint64(n - 8, true));
      const sum = n % 8 ? acc ^ mixTail(bytes.subarray(n - (n % 8), n)) : acc;
      if (n > 8 && sum === view.getBigUint64(n, true)) return { offset: pos, size: n + 8, type: bytes[8], lostLength: true };
    }
    return null;
  }

  /** Records chained from `pos` up to the first one that is not whole. */
  chain(buf: Buffer, pos: number): { records: WalRecord[]; stop: number } {
    const records: WalRecord[] = [];
    while (pos < buf.length) {
      const record = this.recordAt(buf, pos) ?? this.lostLengthAt(buf, pos);
      if (!record) break;
      records.push(record);
      pos += record.size;
    }
    return { records, stop: pos };
  }

  /** The bytes of a BEGIN record, the same in every transaction. */
  begin(): Buffer {
    const out = Buffer.alloc(9 + this.trailer);
    out.writeBigUInt64LE(1n, 0);
    out[8] = BEGIN;
    if (this.checksums) out.writeBigUInt64LE(walChecksum(out.subarray(0, 9)), 9);
    return out;
  }
}

function transactions(records: WalRecord[]): WalTransaction[] {
  const out: WalTransaction[] = [];
  let current: WalTransaction | null = null;
  for (const r of records) {
    if (r.type === BEGIN) current ??= { offset: r.offset, records: {} };
    else if (r.type === COMMIT && current) {
      out.push(current);
      current = null;
    } else if (current) {
      const kind = RECORD_TYPES[r.type] ?? `type ${r.type}`;
      current.records[kind] = (current.records[kind] ?? 0) + 1;
    }
  }
  return out;
}

export function scanWal(buf: Buffer): WalScan {
  const checksums = buf.length >= 17 && buf[16] !== 0;
  const headerBytes = checksums ? 25 : 17;
  const scan: WalScan = { size: buf.length, checksums, headerBytes, records: [], committedEnd: 0, damageAt: null, committedAfterDamage: [] };
  // A torn header: nothing was committed.
  if (buf.length < headerBytes || (checksums && walChecksum(buf.subarray(0, 17)) !== buf.readBigUInt64LE(17))) return scan;
  const format = new Format(checksums);
  scan.committedEnd = headerBytes;
  const { records, stop } = format.chain(buf, headerBytes);
  scan.records = records;
  for (const r of records) if (r.type === COMMIT || r.type === CHECKPOINT) scan.committedEnd = r.offset + r.size;
  if (stop < buf.length) {
    scan.damageAt = stop;
    // Past the damage the records cannot be chained; resume from every BEGIN record found.
    const begin = format.begin();
    for (let at = buf.indexOf(begin, stop + 1); at >= 0; ) {
      const chain = format.chain(buf, at);
      scan.committedAfterDamage.push(...transactions(chain.records));
      at = buf.indexOf(begin, Math.max(chain.stop, at + 1));
    }
  }
  return scan;
}

/** Damage before the end of the log: opening would lose committed transactions. */
export class DamagedWalError extends Error {
  constructor(
    readonly file: string,
    readonly scan: WalScan,
  ) {
    const lost = scan.committedAfterDamage;
    const kinds = new Map<string, number>();
    for (const t of lost) for (const [k, n] of Object.entries(t.records)) kinds.set(k, (kinds.get(k) ?? 0) + n);
    const what = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
    super(
      `the write-ahead log ${file} is damaged at byte ${scan.damageAt} of ${scan.size}, before its end: ` +
        `opening it as of its last intact transaction (byte ${scan.committedEnd}) would lose the transaction the damage is in ` +
        `and ${lost.length} committed transaction(s) after it (from byte ${lost[0]?.offset}: ${what} records). Nothing was changed. ` +
        'Keep a copy of the directory; LADYBUG_SKIP_DAMAGED_WAL=true opens it without them.',
    );
  }
}

export interface WalRecovery {
  file: string;
  /** The log had checksums and was rewritten without them. */
  converted: boolean;
  /** Records whose lost length was recovered. */
  recoveredLengths: number;
  /** Bytes after the last commit that were cut off: an unacknowledged transaction. */
  discardedTailBytes: number;
  /** Committed transactions after damage, dropped because the caller allowed it. */
  droppedTransactions: number;
}

/**
 * Rewrites the log at `file` so that LadybugDB, without checksums, replays exactly its committed
 * transactions. Throws DamagedWalError when committed transactions follow damage, unless
 * `skipDamaged`. Returns null when there was nothing to do. Only while no process has it open.
 */
export async function recoverWal(file: string, skipDamaged: boolean): Promise<WalRecovery | null> {
  if (!(await stat(file).catch(() => null))?.size) return null;
  const buf = await readFile(file);
  const scan = scanWal(buf);
  if (scan.damageAt !== null && scan.committedAfterDamage.length && !skipDamaged) throw new DamagedWalError(file, scan);
  if (!scan.checksums && scan.committedEnd === buf.length) return null;
  const kept = scan.records.filter((r) => r.offset + r.size <= scan.committedEnd);
  const out: Buffer[] = [];
  if (scan.committedEnd > 0) {
    out.push(buf.subarray(0, 16), Buffer.from([0]));
    for (const r of kept) {
      const length = Buffer.alloc(8);
      length.writeBigUInt64LE(BigInt(r.size - 8 - (scan.checksums ? 8 : 0)));
      out.push(length, buf.subarray(r.offset + 8, r.offset + r.size - (scan.checksums ? 8 : 0)));
    }
  }
  const tmp = `${file}.rewrite`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(Buffer.concat(out));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  const dir = await open(path.dirname(file), 'r');
  await dir.sync().finally(() => dir.close());
  return {
    file,
    converted: scan.checksums,
    recoveredLengths: kept.filter((r) => r.lostLength).length,
    discardedTailBytes: buf.length - scan.committedEnd,
    droppedTransactions: scan.committedAfterDamage.length,
  };
}

/** Bytes after the last commit of the log at `file` (read only; 0 when there is none). */
export async function uncommittedTail(file: string): Promise<number> {
  const buf = await readFile(file).catch(() => null);
  if (!buf?.length) return 0;
  const scan = scanWal(buf);
  return scan.checksums ? 0 : buf.length - scan.committedEnd;
}

export function describeRecovery(r: WalRecovery): string {
  const parts = [];
  if (r.converted) parts.push(`rewrote it without checksums (recovering ${r.recoveredLengths} record length(s) LadybugDB had lost)`);
  if (r.discardedTailBytes) parts.push(`discarded ${r.discardedTailBytes} bytes after its last commit: a transaction cut off before it was acknowledged`);
  if (r.droppedTransactions) parts.push(`dropped the damaged transaction and ${r.droppedTransactions} committed after it (LADYBUG_SKIP_DAMAGED_WAL)`);
  return `write-ahead log ${r.file}: ${parts.join('; ')}`;
}
