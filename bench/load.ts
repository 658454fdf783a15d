/**
 * Load benchmark: the server as a separate process on (1) the demo community, seeded at start in
 * a fresh DATA_DIR, and (2) imported Ciao when ../shared/datasets/ciao is present (imported once
 * per session into /tmp, keyed by the dataset's size; each run uses a copy, as the scenarios write). autocannon drives each scenario with 32
 * connections; every scenario is reported as a ratio to the trivial `{ __typename }` of the same
 * run, measured first and again last (the larger of the two is the baseline). Results: bench/results/load-<dataset>.json.
 *
 * The server runs with its default configuration, response cache included; each scenario records
 * the share of its requests the cache answered. The mixed scenario runs the read scenarios together
 * while a steady stream of ~20 writes/s (bench/load/mixed.ts) changes what they read. `--no-response-cache` measures execution alone
 * (results: load-<dataset>-uncached.json).
 *
 *   npm run bench                      both datasets
 *   npx tsx bench/load.ts --dataset demo --seconds 10 [--no-response-cache] [--mixed-only] [--writes-per-second N] [--cpu-prof DIR] [--server-log FILE]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Rng } from '../seeds/random';
import { SCHEMA_VERSION } from '../src/store/cypher/model';
import { authHeaders } from '../tests/support/auth-headers';
import { startServerProcess, type ServerProcess } from '../tests/support/server-process';
import { pickCast, type Cast } from './load/cast';
import { mixedWrites, steadyWrites } from './load/mixed';
import { SCENARIOS, type Request, type Scenario } from './load/scenarios';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CIAO = path.resolve(ROOT, '../shared/datasets/ciao');
const CONNECTIONS = 32;
/**
 * Targets from issue 12: with the response cache, mixed reads at >= 40% of the trivial query's
 * throughput with p99 <= 50 ms; without it, every read scenario at >= 10% with p99 <= 150 ms.
 */
const TARGETS = { cached: { ratio: 0.4, p99Ms: 50 }, uncached: { ratio: 0.1, p99Ms: 150 } };
const TRIVIAL = 'trivial { __typename }';
/** The mixed scenario's steady write stream (issue 12: "about 20 writes/s"). */
const MIXED_WRITES_PER_SECOND = 20;

export interface ScenarioResult {
  name: string;
  requests: number;
  requestsPerSecond: number;
  ratioToTrivial: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** Non-2xx answers and 200s carrying GraphQL errors. */
  errors: number;
  /** Share of the measured requests answered by the response cache (null: not a cached kind). */
  responseCacheHitRate: number | null;
  /** The same by operation name, for a scenario of several (mixed). */
  responseCacheHitRateByOperation?: Record<string, number>;
  meetsTarget: boolean | null;
  /** The mixed scenario's write stream: successful writes per second achieved, and failed ones. */
  writes?: { perSecond: number; errors: number };
}

export interface LoadResult {
  dataset: string;
  date: string;
  machine: { cpus: number; node: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  connections: number;
  /** The server's response cache: on (its default) or off (--no-response-cache). */
  responseCache: 'on' | 'off';
  secondsPerScenario: number;
  cast: Record<string, number>;
  scenarios: ScenarioResult[];
}

/** A fresh demo directory (the server seeds it at start) or a copy of the cached Ciao import. */
async function dataDirFor(dataset: 'demo' | 'ciao', log: (m: string) => void): Promise<{ dir: string; temporary: boolean }> {
  if (dataset === 'demo') return { dir: await mkdtemp(path.join(tmpdir(), 'scg-bench-demo-')), temporary: true };
  const files = ['reviews.csv', 'trust.csv', 'categories.csv'].map((f) => path.join(CIAO, f));
  const size = (await Promise.all(files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);
  // Per schema version too: a database of another version is migrated (or refused) by the code that opens it.
  const cache = path.join(tmpdir(), `scg-bench-ciao-${size}-v${SCHEMA_VERSION}`);
  const marker = path.join(cache, 'imported.json');
  if (!existsSync(marker)) {
    log(`importing Ciao into ${cache} (a few minutes; cached for later runs)`);
    await rm(cache, { recursive: true, force: true });
    await mkdir(cache, { recursive: true });
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/import.ts', '--reviews', files[0], '--trust', files[1], '--categories', files[2]],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: path.join(cache, 'data'), NEO4J_URI: '' }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await writeFile(marker, `${JSON.stringify({ files, size, at: new Date().toISOString() })}\n`);
  }
  // A copy per run: the scenarios write, and the import must stay as imported for the next run.
  const copy = await mkdtemp(path.join(tmpdir(), 'scg-bench-ciao-run-'));
  await cp(path.join(cache, 'data'), copy, { recursive: true });
  return { dir: copy, temporary: true };
}

/** Sends each request once, CONNECTIONS at a time: the measured run then starts with a warm cache. */
async function sendEach(url: string, requests: Request[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { headers, body } = requests[next++];
      await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).text();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

type Lookups = Map<string, { hit: number; miss: number }>;

/** The server's response-cache lookups so far by operation name, from /metrics. */
async function cacheLookups(url: string): Promise<Lookups> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const lookups: Lookups = new Map();
  for (const [, operation, result, n] of text.matchAll(/^graphql_response_cache_lookups_total\{operation="([^"]*)",result="(hit|miss)"\} (\S+)$/gm)) {
    const counts = lookups.get(operation) ?? lookups.set(operation, { hit: 0, miss: 0 }).get(operation)!;
    counts[result as 'hit' | 'miss'] += Number(n);
  }
  return lookups;
}

/** Hit rates between two readings: overall, and per operation if asked. */
function hitRates(before: Lookups, after: Lookups, byOperation: boolean): Pick<ScenarioResult, 'responseCacheHitRate' | 'responseCacheHitRateByOperation'> {
  const rates = new Map<string, { hits: number; lookups: number }>();
  for (const [operation, { hit, miss }] of after) {
    const earlier = before.get(operation) ?? { hit: 0, miss: 0 };
    const lookups = hit + miss - earlier.hit - earlier.miss;
    if (lookups > 0) rates.set(operation, { hits: hit - earlier.hit, lookups });
  }
  const all = [...rates.values()].reduce((t, r) => ({ hits: t.hits + r.hits, lookups: t.lookups + r.lookups }), { hits: 0, lookups: 0 });
  return {
    responseCacheHitRate: all.lookups ? round(all.hits / all.lookups) : null,
    ...(byOperation ? { responseCacheHitRateByOperation: Object.fromEntries([...rates].map(([op, r]) => [op, round(r.hits / r.lookups)])) } : {}),
  };
}

async function measure(url: string, scenario: Scenario, seconds: number, rng: Rng, byOperation = false): Promise<Omit<ScenarioResult, 'ratioToTrivial' | 'meetsTarget'>> {
  const before = await cacheLookups(url);
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const { headers, body } = scenario.next(rng);
          return { ...req, headers: { ...req.headers, 'content-type': 'application/json', ...headers }, body };
        },
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) errors++;
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const after = await cacheLookups(url);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return {
    name: scenario.name,
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / seconds),
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
    errors: errors + result.errors + result.timeouts,
    ...hitRates(before, after, byOperation),
  };
}

export async function runLoadBench(opts: {
  dataset: 'demo' | 'ciao';
  seconds: number;
  seed: number;
  responseCache: boolean;
  /** The trivial baseline and the mixed scenario alone (quicker, for work on the mixed scenario). */
  mixedOnly?: boolean;
  /** Write the server's CPU profile (node --cpu-prof) into this directory when it stops. */
  cpuProfileDir?: string;
  /** Append the server's log lines (one per operation, with its time) to this file. */
  serverLog?: string;
  /** The mixed scenario's write rate (default MIXED_WRITES_PER_SECOND; 0 shows what the writes cost the reads). */
  writesPerSecond?: number;
  log?: (m: string) => void;
}): Promise<LoadResult> {
  const log = opts.log ?? (() => {});
  const { dir, temporary } = await dataDirFor(opts.dataset, log);
  const loadAverageBefore = loadavg().map(round);
  let server: ServerProcess | undefined;
  try {
    log(`${opts.dataset}: starting the server on ${dir}${opts.dataset === 'demo' ? ' (seeding the demo community)' : ''}`);
    // Signed-in scenarios use Bearer tokens, as production clients do (the dev header costs a user lookup).
    const jwtSecret = randomBytes(32).toString('hex');
    server = await startServerProcess({
      dataDir: dir,
      // No model training in the background of the first start: it would share the cores being measured.
      env: { AUTH_JWT_SECRET: jwtSecret, TRAIN_ON_SEED: 'false', ...(opts.responseCache ? {} : { RESPONSE_CACHE_MB: '0' }) },
      nodeArgs: opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProfileDir)}`] : [],
      ...(opts.serverLog ? { onLog: (line: string) => appendFileSync(opts.serverLog!, `${line}\n`) } : {}),
    });
    const target = opts.responseCache ? TARGETS.cached : TARGETS.uncached;
    const meets = (r: ScenarioResult | Omit<ScenarioResult, 'ratioToTrivial' | 'meetsTarget'>, ratio: number) => ratio >= target.ratio && r.latencyMs.p99 <= target.p99Ms;
    const rng = new Rng(opts.seed);
    const cast: Cast = await pickCast(server.url, rng);
    const auth = authHeaders({ jwtSecret });
    const results: ScenarioResult[] = [];
    const run = async (scenario: Scenario, during?: () => Promise<ScenarioResult['writes']>) => {
      const measured = await measure(server!.url, scenario, opts.seconds, rng, during !== undefined);
      const writes = await during?.();
      const trivial = results[0]?.requestsPerSecond ?? measured.requestsPerSecond;
      const ratioToTrivial = Math.round((measured.requestsPerSecond / trivial) * 1000) / 1000;
      const meetsTarget = scenario.target ? meets(measured, ratioToTrivial) : null;
      results.push({ ...measured, ratioToTrivial, meetsTarget, ...(writes ? { writes } : {}) });
      log(`${opts.dataset}: ${scenario.name} ${measured.requestsPerSecond} req/s, p99 ${measured.latencyMs.p99} ms, ${measured.errors} errors${writes ? `, ${writes.perSecond} writes/s` : ''}`);
    };
    const readScenarios: Scenario[] = [];
    for (const make of SCENARIOS) {
      const scenario = await make(cast, auth);
      if (scenario.target) readScenarios.push(scenario);
      if (opts.mixedOnly && scenario.name !== TRIVIAL) continue;
      if (scenario.all) await sendEach(server.url, scenario.all);
      await measure(server.url, scenario, Math.min(2, opts.seconds), rng); // warm the JIT
      await run(scenario);
    }
    const writesPerSecond = opts.writesPerSecond ?? MIXED_WRITES_PER_SECOND;
    const mixed: Scenario = {
      name: `mixed reads, ~${writesPerSecond} writes/s`,
      // The issue sets no target for mixed reads without the response cache.
      target: opts.responseCache,
      next: (r) => r.pick(readScenarios).next(r),
      all: readScenarios.flatMap((s) => s.all ?? []),
    };
    await sendEach(server.url, mixed.all!);
    const writes = steadyWrites(server.url, await mixedWrites(server.url, cast, auth, rng), writesPerSecond);
    await measure(server.url, mixed, Math.min(2, opts.seconds), rng); // the cache settles under the writes
    await run(mixed, async () => {
      const { writesPerSecond, errors } = await writes.stop();
      return { perSecond: writesPerSecond, errors };
    });
    // The baseline again: a busy moment during the first measurement must not flatter the ratios.
    const trivialAgain = await measure(server.url, await SCENARIOS[0](cast, auth), opts.seconds, rng);
    const baseline = Math.max(results[0].requestsPerSecond, trivialAgain.requestsPerSecond);
    results.push({ ...trivialAgain, name: `${TRIVIAL} (again)`, ratioToTrivial: 0, meetsTarget: null });
    for (const r of results) {
      r.ratioToTrivial = Math.round((r.requestsPerSecond / baseline) * 1000) / 1000;
      if (r.meetsTarget !== null) r.meetsTarget = meets(r, r.ratioToTrivial);
    }
    return {
      dataset: opts.dataset,
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAverageBefore, loadAverageAfter: loadavg().map(round) },
      connections: CONNECTIONS,
      responseCache: opts.responseCache ? 'on' : 'off',
      secondsPerScenario: opts.seconds,
      cast: cast.sizes,
      scenarios: results,
    };
  } finally {
    await server?.stop().catch(() => server?.kill());
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}

export function table(result: LoadResult): string {
  const hitRate = (r: number | null) => (r === null ? '-' : `${Math.round(r * 100)}%`);
  const rows = result.scenarios.map((s) =>
    [
      s.name.padEnd(28),
      String(s.requestsPerSecond).padStart(8),
      s.ratioToTrivial.toFixed(3).padStart(6),
      ...[s.latencyMs.p50, s.latencyMs.p95, s.latencyMs.p99].map((n) => n.toFixed(1).padStart(7)),
      String(s.errors).padStart(7),
      hitRate(s.responseCacheHitRate).padStart(6),
      s.meetsTarget === null ? '' : s.meetsTarget ? 'yes' : 'NO',
      s.writes ? `  (${s.writes.perSecond} writes/s, ${s.writes.errors} failed)` : '',
      s.responseCacheHitRateByOperation
        ? `  cached: ${Object.entries(s.responseCacheHitRateByOperation).map(([op, r]) => `${op} ${hitRate(r)}`).join(', ')}`
        : '',
    ].join(' '),
  );
  return [
    `${result.dataset}, response cache ${result.responseCache} (${result.machine.cpus} cpus, load average ${result.machine.loadAverageBefore.join(' ')} before, ${result.machine.loadAverageAfter.join(' ')} after)`,
    `${'scenario'.padEnd(28)} ${'req/s'.padStart(8)} ${'ratio'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'cached'.padStart(6)} target`,
    ...rows,
  ].join('\n');
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string', multiple: true },
      seconds: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      'no-response-cache': { type: 'boolean', default: false },
      'mixed-only': { type: 'boolean', default: false },
      'writes-per-second': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'server-log': { type: 'string' },
    },
  });
  const responseCache = !values['no-response-cache'];
  const datasets = (values.dataset ?? ['demo', ...(existsSync(CIAO) ? ['ciao'] : [])]) as ('demo' | 'ciao')[];
  for (const dataset of datasets) {
    const mixedOnly = values['mixed-only'];
    const writesPerSecond = values['writes-per-second'] === undefined ? undefined : Number(values['writes-per-second']);
    const result = await runLoadBench({ dataset, seconds: Number(values.seconds), seed: Number(values.seed), responseCache, mixedOnly, writesPerSecond, cpuProfileDir: values['cpu-prof'], serverLog: values['server-log'], log: (m) => console.log(m) });
    const out = path.join(ROOT, `bench/results/load-${dataset}${responseCache ? '' : '-uncached'}${mixedOnly ? '-mixed' : ''}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n${table(result)}\nwritten to ${path.relative(process.cwd(), out)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
