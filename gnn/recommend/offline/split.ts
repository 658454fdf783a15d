/**
 * Reads a SocialLGN-layout split directory: `train_set.txt`, `test_set.txt` (`user,item`) and
 * `trust.txt` (`user,friend`), each with a header line and ids re-indexed from 0.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PairList } from '../graph';


export interface Split {
  numUsers: number;
  numItems: number;
  train: PairList;
  test: PairList;
  /** Social edges as listed in the file (possibly directed). */
  trust: PairList;
  /** sha256 over the three files' bytes: identifies the data a model was trained on. */
  sha256: string;
}

export function parsePairs(text: string, file = 'input'): PairList {
  const lines = text.split(/\r?\n/);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const comma = line.indexOf(',');
    const x = Number(line.slice(0, comma));
    const y = Number(line.slice(comma + 1));
    if (comma < 0 || !Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0) {
      throw new Error(`${file}:${i + 1}: expected "id,id", got "${line}"`);
    }
    a.push(x);
    b.push(y);
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

export function readSplit(dir: string): Split {
  const hash = createHash('sha256');
  const read = (name: string, required: boolean): PairList => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      if (required) throw new Error(`missing ${path}`);
      return { a: new Int32Array(0), b: new Int32Array(0) };
    }
    const bytes = readFileSync(path);
    hash.update(name).update(bytes);
    return parsePairs(bytes.toString('utf8'), path);
  };
  const train = read('train_set.txt', true);
  const test = read('test_set.txt', true);
  const trust = read('trust.txt', false);
  const max = (xs: Int32Array) => xs.reduce((m, x) => (x > m ? x : m), -1);
  const numUsers = 1 + Math.max(max(train.a), max(test.a), max(trust.a), max(trust.b));
  const numItems = 1 + Math.max(max(train.b), max(test.b));
  return { numUsers, numItems, train, test, trust, sha256: hash.digest('hex') };
}
