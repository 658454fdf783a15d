/**
 * Where a bench run on one split directory writes: bench/results/PREFIX-NAME.json, NAME the
 * directory's name (its parent's for a sociallgn-split: ciao), with the split's size and the
 * command as it ran (niceness included).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname } from 'node:path';
import type { Split } from '../gnn/recommend/offline/split';

export function splitName(dir: string): string {
  return basename(dir) === 'sociallgn-split' ? basename(dirname(dir)) : basename(dir);
}

export function writeSplitResults(prefix: string, dir: string, split: Split, fields: Record<string, unknown>): void {
  const command = `nice -n ${os.getPriority()} npx tsx ${process.argv.slice(1).join(' ')}`.replace(process.cwd() + '/', '');
  const size = { numUsers: split.numUsers, numItems: split.numItems, train: split.train.a.length };
  writeFileSync(`bench/results/${prefix}-${splitName(dir)}.json`, `${JSON.stringify({ split: dir, size, ...fields, command }, null, 2)}\n`);
}
