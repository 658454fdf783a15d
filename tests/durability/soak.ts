/**
 * Soak test: one data directory, many start/stop cycles of `npm start` (npm, then node, in their
 * own process group). Each cycle runs the crash test's clients (reviews, review edits, follows,
 * unfollows, helpful votes, shares, profile edits) and a publisher of model runs through the
 * internal API (metadata over 4 KiB, the record size LadybugDB's WAL checksums break on), then
 * stops the server at a random moment in one of four ways: SIGTERM to npm alone (npm must
 * forward it), SIGTERM or SIGINT to the whole group (what a terminal, systemd or Kubernetes do),
 * or SIGKILL to the group. After each stop the directory must open with default settings (a
 * graceful stop must have left an empty log), hold every acknowledged write and publication,
 * nothing half-present, and counters that agree with the rows (also as the restarted API says).
 *
 *   npm run soak                         50 cycles, writes bench/results/soak.json
 *   npx tsx tests/durability/soak.ts --cycles 10 --seed 3
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from '../../seeds/random';
import { LadybugRunner } from '../../src/store/ladybug/runner';
import { openStore } from '../../src/store/open';
import { localServerToken } from '../../src/store/open-training';
import { remoteTrainingStore } from '../../src/store/remote/remote-training-store';
import { communityCast, seedCommunity, userId } from '../graphql/support/community';
import { authHeaders } from '../support/auth-headers';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { apiCounterProblems } from './crash/api-counters';
import { writeUntilCut } from './crash/clients';
import { counterProblems, readGraphState } from './crash/graph-state';
import { Ledger } from './crash/ledger';
import { writeResults } from './crash/results';

export const STOPS = ['SIGTERM to npm', 'SIGTERM to group', 'SIGINT to group', 'SIGKILL to group'] as const;
export type Stop = (typeof STOPS)[number];

export interface SoakOptions {
  cycles: number;
  clients: number;
  seed: number;
  /** Writing time before the stop, drawn uniformly. */
  writeMs: { min: number; max: number };
  /** Take the stops in turn (each kind at least once in a short run) instead of at random. */
  roundRobin?: boolean;
  log?: (msg: string) => void;
}

export interface SoakSummary {
  cycles: number;
  stops: Record<Stop, number>;
  writesAcknowledged: number;
  acknowledgedByKind: Record<string, number>;
  publicationsAcknowledged: number;
  /** Acknowledged writes or publications missing after a restart: must be 0. */
  lost: number;
  /** Half-present writes, counters that disagree with rows, a graceful stop that left a log: must be 0. */
  inconsistencies: number;
  /** Restarts that would not open with default settings: must be 0. */
  restartsNeedingFlag: number;
  cutOff: number;
  cutOffFoundCommitted: number;
  /** Stops after which a log was left to replay (the SIGKILLs). */
  stopsWithWal: number;
  /** Torn log ends LadybugDB recovery discarded (unacknowledged transactions). */
  tornTailsDiscarded: number;
  problems: string[];
  seconds: number;
}

const KIND = 'influence';
const ROWS_PER_RUN = 50;
const METADATA_BYTES = 6_000;
const SOAK_PREFIX = 'soak-';

/** Publishes model runs one after another until the server stops answering. */
async function publishUntilCut(url: string, dataDir: string, cycle: number, acked: Set<string>, pending: Set<string>): Promise<number> {
  // The server's own internal API token, as `npm run gnn` on this machine finds it.
  const store = remoteTrainingStore(new URL(url).origin, await localServerToken(dataDir));
  let count = 0;
  for (let n = 0; ; n++) {
    const version = `${SOAK_PREFIX}${cycle}-${n}`;
    const rows = Array.from({ length: ROWS_PER_RUN }, (_, i) => ({ entityId: userId(i), data: { score: i, version } }));
    try {
      await store.models.publish({ kind: KIND, version, createdAt: Date.now(), metadata: { notes: 'n'.repeat(METADATA_BYTES) } }, [rows]);
    } catch {
      pending.add(version);
      return count;
    }
    acked.add(version);
    count++;
  }
}

/** Every acknowledged run whole; a cut-off one whole or absent. */
async function publicationProblems(dataDir: string, acked: Set<string>, pending: Set<string>): Promise<{ lost: string[]; odd: string[] }> {
  const db = await LadybugRunner.open(path.join(dataDir, 'graph.lbug'), { readers: 1 });
  try {
    const runs = new Set(
      (await db.read('MATCH (r:ModelRun) WHERE r.kind = $k RETURN r.version AS v', { k: KIND })).map((r) => String(r.v)),
    );
    const rows = new Map(
      (await db.read('MATCH (o:ModelOutput) WHERE o.kind = $k RETURN o.version AS v, count(*) AS n', { k: KIND })).map((r) => [
        String(r.v),
        Number(r.n),
      ]),
    );
    const lost: string[] = [];
    const odd: string[] = [];
    for (const v of acked) if (!runs.has(v) || rows.get(v) !== ROWS_PER_RUN) lost.push(`publication ${v}: run ${runs.has(v)}, rows ${rows.get(v) ?? 0}`);
    for (const v of runs) {
      if (v.startsWith(SOAK_PREFIX) && !acked.has(v) && !pending.has(v)) odd.push(`publication ${v} nobody made`);
      if (rows.get(v) !== ROWS_PER_RUN && v.startsWith(SOAK_PREFIX)) odd.push(`publication ${v} visible with ${rows.get(v) ?? 0} rows`);
    }
    for (const v of pending) if (runs.has(v)) acked.add(v);
    pending.clear();
    return { lost, odd };
  } finally {
    await db.close();
  }
}

async function stopServer(server: ServerProcess, stop: Stop): Promise<void> {
  if (stop === 'SIGKILL to group') return server.kill();
  if (stop === 'SIGTERM to npm') server.signal('SIGTERM', 'process');
  else server.signal(stop === 'SIGINT to group' ? 'SIGINT' : 'SIGTERM', 'group');
  await server.gone();
}

export async function runSoak(opts: SoakOptions): Promise<SoakSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const rng = new Rng(opts.seed);
  const auth = authHeaders();
  const cast = communityCast();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'scg-soak-'));
  const dbPath = path.join(dataDir, 'graph.lbug');
  const stops = Object.fromEntries(STOPS.map((s) => [s, 0])) as Record<Stop, number>;
  const problems: string[] = [];
  const published = new Set<string>();
  const publishing = new Set<string>();
  let lost = 0;
  let inconsistent = 0;
  let restartsNeedingFlag = 0;
  let stopsWithWal = 0;
  let tornTails = 0;
  const note = (kind: 'lost' | 'inconsistent', found: string[]) => {
    if (kind === 'lost') lost += found.length;
    else inconsistent += found.length;
    problems.push(...found.map((p) => `${kind}: ${p}`));
  };

  try {
    const store = await openStore({ dataDir, neo4j: null });
    await seedCommunity(store);
    await store.close();
    let state = await readGraphState(dataDir);
    const ledger = new Ledger(state);

    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      const stop = opts.roundRobin ? STOPS[(cycle - 1) % STOPS.length] : rng.pick(STOPS);
      const server = await startServerProcess({ dataDir, npm: true, env: { SEED_ON_EMPTY: 'false', MODEL_REFRESH_MS: '0' } });
      try {
        note('inconsistent', await apiCounterProblems(server.url, state));
        const writing = writeUntilCut({ url: server.url, auth, ledger, cast, clients: opts.clients, seed: opts.seed * 1000 + cycle });
        const publishing_ = publishUntilCut(server.url, dataDir, cycle, published, publishing);
        await sleep(rng.int(opts.writeMs.min, opts.writeMs.max));
        await stopServer(server, stop);
        await Promise.all([writing, publishing_]);
      } finally {
        await server.kill();
      }
      stops[stop]++;

      const wal = (await stat(`${dbPath}.wal`).catch(() => null))?.size ?? 0;
      if (wal) stopsWithWal++;
      if (wal && stop !== 'SIGKILL to group') note('inconsistent', [`cycle ${cycle}: ${stop} left a ${wal}-byte write-ahead log`]);
      // The restart, with default settings.
      const recovery: string[] = [];
      try {
        await (await LadybugRunner.open(dbPath, { readers: 1, log: (m) => recovery.push(m) })).close();
      } catch (err) {
        restartsNeedingFlag++;
        problems.push(`cycle ${cycle}: would not open with default settings: ${(err as Error).message}`);
        await (await LadybugRunner.open(dbPath, { readers: 1, skipDamagedWal: true })).close();
      }
      tornTails += recovery.filter((m) => /discarded/.test(m)).length;

      state = await readGraphState(dataDir);
      note('inconsistent', counterProblems(state));
      const reconciled = ledger.reconcile(state);
      note('lost', reconciled.lost);
      note('inconsistent', reconciled.inconsistent);
      const pubs = await publicationProblems(dataDir, published, publishing);
      note('lost', pubs.lost);
      note('inconsistent', pubs.odd);
      log(
        `cycle ${cycle}/${opts.cycles} ${stop}: ${ledger.acknowledgedTotal} writes and ${published.size} publications acknowledged so far, ` +
          `WAL ${wal} B${recovery.length ? ` (${recovery.join('; ')})` : ''}, lost ${lost}, inconsistencies ${inconsistent}`,
      );
    }
    // The last restart is checked through the API too.
    const server = await startServerProcess({ dataDir, npm: true, env: { SEED_ON_EMPTY: 'false', MODEL_REFRESH_MS: '0' } });
    try {
      note('inconsistent', await apiCounterProblems(server.url, state));
    } finally {
      await server.kill();
    }
    return {
      cycles: opts.cycles,
      stops,
      writesAcknowledged: ledger.acknowledgedTotal,
      acknowledgedByKind: Object.fromEntries(ledger.acknowledged),
      publicationsAcknowledged: published.size,
      lost,
      inconsistencies: inconsistent,
      restartsNeedingFlag,
      cutOff: ledger.cutOff,
      cutOffFoundCommitted: ledger.cutOffCommitted,
      stopsWithWal,
      tornTailsDiscarded: tornTails,
      problems: problems.slice(0, 20),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { cycles: { type: 'string', default: '50' }, clients: { type: 'string', default: '6' }, seed: { type: 'string', default: '1' } },
  });
  const summary = await runSoak({
    cycles: Number(values.cycles),
    clients: Number(values.clients),
    seed: Number(values.seed),
    writeMs: { min: 200, max: 4000 },
    log: (msg) => console.log(msg),
  });
  const out = await writeResults('soak', { ...summary, seed: Number(values.seed), clients: Number(values.clients), cores: cpus().length, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) });
  console.log(
    `\ncycles ${summary.cycles} (${STOPS.map((s) => `${s} ${summary.stops[s]}`).join(', ')}), writes acknowledged ${summary.writesAcknowledged}, ` +
      `publications acknowledged ${summary.publicationsAcknowledged}, lost ${summary.lost}, inconsistencies ${summary.inconsistencies}, ` +
      `restarts that needed a flag ${summary.restartsNeedingFlag}, torn tails discarded ${summary.tornTailsDiscarded}\n` +
      `${summary.problems.join('\n')}\nwritten to ${out}`,
  );
  process.exitCode = summary.lost || summary.inconsistencies || summary.restartsNeedingFlag ? 1 : 0;
}
