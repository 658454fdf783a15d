/**
 * Scale of `npm run gnn -- recommend` on synthetic splits (bench/synthetic-split.ts): for each size,
 * generate the split (seeded, cached under the output directory), run the command under
 * `/usr/bin/time -v` at the given CPU niceness (default 19, the lowest, for a shared machine: the
 * numbers are then wall time under the recorded load; `--nice 0` for a time to quote), and record
 * wall time, peak RSS, the load average before and after, the run's own report (training time,
 * choice, test metrics) and a power-law fit of time and memory against users. Writes
 * bench/results/recommend-scale.json.
 * Usage: npx tsx bench/recommend-scale.ts [small|medium|large ...] [--dir /tmp/recommend-scale] [--nice 19]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LARGE_GRAPH, RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { writeSyntheticSplit, type SyntheticSize } from './synthetic-split';

/** Users : products : training interactions : trust edges as in issue #18's target size. */
const SIZES: Record<string, SyntheticSize> = {
  small: { users: 5_000, items: 60_000, train: 150_000, trust: 70_000, seed: 1 },
  medium: { users: 12_000, items: 144_000, train: 360_000, trust: 168_000, seed: 1 },
  large: { users: 25_000, items: 300_000, train: 750_000, trust: 350_000, seed: 1 },
};

/**
 * The same settings at every size: the large-graph defaults (gnn/recommend/defaults.ts: LARGE_GRAPH,
 * what `recommend` and `train recommend` use past LARGE_GRAPH_PAIRS training pairs, so the medium
 * and large sizes run as their defaults would), spelled out so the small size runs them too: 5% of
 * each user's training items for validation, 1,000 of those users ranked per check, a check every
 * epoch, at most 15 minutes of GNN validation training and no refit (the early-stopped GNN is kept:
 * a refit would double the GNN's time), batches of 32,768 (a step is a full-graph propagation:
 * fewer, larger steps), two DLAE λ and four blend weights.
 */
const L = LARGE_GRAPH;
export const SCALE_ARGS = [
  ['--epochs', L.maxEpochs], ['--gnn-seconds', L.gnnSeconds], ['--batch', L.grid.batchSize], ['--lr', L.grid.lr],
  ['--val-fraction', L.valFraction], ['--val-users', L.valUsers], ['--eval-every', L.evalEvery], ['--patience', L.patience],
  ['--dlae-lambda', L.ensemble.lambda], ['--dlae-dropout', RECOMMEND_DEFAULTS.ensemble.dropout], ['--gnn-weight', L.ensemble.gnnWeight],
].flatMap(([flag, v]) => [String(flag), String(v)]).concat(L.refit ? '--refit' : '--no-refit');

const RESULTS = 'bench/results/recommend-scale.json';

function timeField(report: string, name: string): string {
  const line = report.split('\n').find((l) => l.trim().startsWith(name));
  if (!line) throw new Error(`no "${name}" in /usr/bin/time output`);
  return line.slice(line.lastIndexOf(': ') + 2).trim();
}

/** h:mm:ss or m:ss.ss → seconds. */
const seconds = (clock: string) => clock.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);

/** Least-squares slope and constant of log y = b log x + log a. */
function powerFit(xs: number[], ys: number[]): { exponent: number; coefficient: number } | null {
  if (xs.length < 2) return null;
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  const b = lx.reduce((s, x, k) => s + (x - mx) * (ly[k] - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
  return { exponent: Number(b.toFixed(3)), coefficient: Math.exp(my - b * mx) };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string', default: '/tmp/recommend-scale' }, nice: { type: 'string', default: '19' } } });
const names = positionals.length ? positionals : Object.keys(SIZES);
/** Runs recorded so far, re-read before each write: sizes may run in parallel processes. */
const recorded = (): Record<string, unknown> => (existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { runs: Record<string, unknown> }).runs : {});
for (const name of names) {
  const size = SIZES[name];
  if (!size) throw new Error(`unknown size ${name}; known: ${Object.keys(SIZES).join(', ')}`);
  const split = join(values.dir!, name);
  const counts = existsSync(join(split, 'train_set.txt')) ? null : writeSyntheticSplit(split, size);
  const predictions = join(values.dir!, `${name}-predictions.json`);
  const args = ['gnn/cli.ts', 'recommend', '--split', split, '--predictions', predictions, ...SCALE_ARGS];
  const loadBefore = os.loadavg();
  const started = new Date().toISOString();
  const child = spawnSync('nice', ['-n', values.nice!, '/usr/bin/time', '-v', join('node_modules', '.bin', 'tsx'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const loadAfter = os.loadavg();
  if (child.status !== 0) throw new Error(`${name}: exit ${child.status}\n${child.stderr.slice(-4000)}`);
  const report = child.stderr;
  const out = child.stdout;
  const wall = seconds(timeField(report, 'Elapsed (wall clock) time'));
  const peakMiB = Number(timeField(report, 'Maximum resident set size')) / 1024;
  const lines = Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
  const chosenLog = report.split('\n').filter((l) => l.startsWith('gnn: ')).map((l) => l.slice(5));
  const run = {
    size,
    data: counts ?? execFileSync('wc', ['-l', 'train_set.txt', 'test_set.txt', 'trust.txt'], { cwd: split, encoding: 'utf8' }).trim(),
    command: `nice -n ${values.nice} /usr/bin/time -v npx tsx ${args.join(' ')}`,
    started,
    wallSeconds: wall,
    peakRssMiB: Math.round(peakMiB),
    cpuSeconds: Number(timeField(report, 'User time (seconds)')) + Number(timeField(report, 'System time (seconds)')),
    loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
    loadAverageAfter: loadAfter.map((l) => Number(l.toFixed(2))),
    report: lines,
    log: chosenLog,
  };
  process.stdout.write(`${name}: ${size.users} users, wall ${wall.toFixed(0)} s, peak RSS ${peakMiB.toFixed(0)} MiB, load ${loadBefore[0].toFixed(2)} → ${loadAfter[0].toFixed(2)}\n`);
  writeFileSync(RESULTS, `${JSON.stringify({ runs: { ...recorded(), [name]: run } }, null, 2)}\n`);
}
const runs = recorded();
type Run = { size: SyntheticSize; wallSeconds: number; peakRssMiB: number };
const done = Object.values(runs as Record<string, Run>).sort((a, b) => a.size.users - b.size.users);
const fit = {
  wallSecondsVsUsers: powerFit(done.map((r) => r.size.users), done.map((r) => r.wallSeconds)),
  peakRssMiBVsUsers: powerFit(done.map((r) => r.size.users), done.map((r) => r.peakRssMiB)),
  note: 'y ≈ coefficient · users^exponent, least squares in log–log over the sizes run; the other dimensions grow in proportion to users',
};
writeFileSync(RESULTS, `${JSON.stringify({ runs, fit }, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(fit)}\n`);
