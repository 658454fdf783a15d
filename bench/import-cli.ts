/** Runs `npm run import` as its own process into DATA_DIR `dataDir` and returns its summary, wall time and load average. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { ImportSummary } from '../seeds/import/run';

export interface ImportRunResult {
  summary: ImportSummary;
  wallSeconds: number;
  /** 1-minute load average before and after (2 cores, shared). */
  loadAverage: [number, number];
}

export function importCli(args: string[], dataDir: string, name: string): ImportRunResult {
  const summaryFile = path.join(dataDir, `summary-${name}.json`);
  const before = loadavg()[0];
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args, '--summary-json', summaryFile], {
    env: { ...process.env, DATA_DIR: path.join(dataDir, 'data'), NEO4J_URI: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as ImportSummary,
    wallSeconds: (performance.now() - started) / 1000,
    loadAverage: [Number(before.toFixed(1)), Number(loadavg()[0].toFixed(1))],
  };
}

/** Rows sent to the store per second of the whole import (reading and checking included). */
export function rowsPerSecond(r: ImportRunResult): number {
  const rows = Object.values(r.summary.offered).reduce((a, b) => a + b, 0);
  return Math.round(rows / r.summary.seconds);
}

export function report(r: ImportRunResult) {
  return {
    seconds: Number(r.summary.seconds.toFixed(1)),
    wallSecondsWithStartup: Number(r.wallSeconds.toFixed(1)),
    rowsPerSecond: rowsPerSecond(r),
    peakMemoryMiB: r.summary.peakMemoryMiB,
    storeSeconds: r.summary.storeSeconds,
    loadAverage: r.loadAverage,
    rowsRead: r.summary.read,
    rowsSent: r.summary.offered,
    rowsNew: r.summary.written,
    rejected: Object.fromEntries(Object.entries(r.summary.rejected).map(([why, t]) => [why, t.count])),
    notes: Object.fromEntries(Object.entries(r.summary.notes).map(([why, t]) => [why, t.count])),
  };
}

/** What both import benches record about a first run and a rerun of the same files. */
export function firstAndRerun(first: ImportRunResult, second: ImportRunResult) {
  return {
    engine: 'ladybug',
    machine: { cpus: cpus().length, node: process.version },
    date: new Date().toISOString(),
    firstRun: report(first),
    secondRun: report(second),
    idempotent: Object.values(second.summary.written).every((n) => n === 0),
  };
}
