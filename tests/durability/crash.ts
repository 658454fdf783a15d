/**
 * Crash test: the server on a temporary DATA_DIR with the test community, concurrent clients
 * writing, and `kill -9` at seeded random moments. After every crash the directory is opened
 * directly (LadybugDB replays its WAL) and must hold every acknowledged write, nothing half-written
 * and counters that agree with their rows; the restarted server must report the same counters.
 *
 *   npm run crash-test                  20 crashes, writes bench/results/crash.json
 *   npx tsx tests/durability/crash.ts --crashes 5 --clients 8 --seed 2
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../seeds/random';
import { openStore } from '../../src/store/open';
import { communityCast, seedCommunity } from '../graphql/support/community';
import { authHeaders } from '../support/auth-headers';
import { startServerProcess } from '../support/server-process';
import { apiCounterProblems } from './crash/api-counters';
import { writeUntilCut } from './crash/clients';
import { counterProblems, readGraphState } from './crash/graph-state';
import { Ledger } from './crash/ledger';
import { writeResults } from './crash/results';

export interface CrashOptions {
  crashes: number;
  clients: number;
  seed: number;
  log?: (msg: string) => void;
}

export interface CrashSummary {
  crashes: number;
  clients: number;
  seed: number;
  acknowledgedWrites: number;
  acknowledgedByKind: Record<string, number>;
  rejectedWrites: Record<string, number>;
  cutOffByCrash: number;
  cutOffFoundCommitted: number;
  /** Crashes after which a WAL was there to replay (so recovery, not a checkpoint, kept the writes). */
  crashesWithWal: number;
  walBytesReplayed: number;
  lostWrites: number;
  inconsistencies: number;
  /** The first problems found, for the report. */
  problems: string[];
  seconds: number;
}

/** How long the clients write before the kill: long enough for a WAL checkpoint now and then. */
const WRITE_MS = { min: 100, max: 2500 };

export async function runCrashTest(opts: CrashOptions): Promise<CrashSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const rng = new Rng(opts.seed);
  const auth = authHeaders();
  const cast = communityCast();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'scg-crash-'));
  const problems: string[] = [];
  let lost = 0;
  let inconsistent = 0;
  let crashesWithWal = 0;
  let walBytesReplayed = 0;
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

    for (let crash = 1; crash <= opts.crashes + 1; crash++) {
      const server = await startServerProcess({ dataDir, env: { SEED_ON_EMPTY: 'false' } });
      try {
        note('inconsistent', await apiCounterProblems(server.url, state));
        if (crash > opts.crashes) {
          await server.stop();
        } else {
          const writing = writeUntilCut({ url: server.url, auth, ledger, cast, clients: opts.clients, seed: opts.seed * 100 + crash });
          await sleep(rng.int(WRITE_MS.min, WRITE_MS.max));
          await server.kill();
          await writing;
        }
      } finally {
        await server.kill();
      }
      const wal = await stat(path.join(dataDir, 'graph.lbug.wal')).catch(() => null);
      if (wal?.size && crash <= opts.crashes) {
        crashesWithWal++;
        walBytesReplayed += wal.size;
      }
      state = await readGraphState(dataDir);
      note('inconsistent', counterProblems(state));
      const { lost: missing, inconsistent: odd, committed } = ledger.reconcile(state);
      note('lost', missing);
      note('inconsistent', odd);
      log(
        crash > opts.crashes
          ? `clean stop: ${missing.length} lost, ${odd.length} inconsistent`
          : `crash ${crash}/${opts.crashes}: ${ledger.acknowledgedTotal} acknowledged so far, ${committed} cut-off write(s) found committed, ${missing.length} lost, ${odd.length} inconsistent`,
      );
    }
    return {
      crashes: opts.crashes,
      clients: opts.clients,
      seed: opts.seed,
      acknowledgedWrites: ledger.acknowledgedTotal,
      acknowledgedByKind: Object.fromEntries(ledger.acknowledged),
      rejectedWrites: Object.fromEntries(ledger.rejected),
      cutOffByCrash: ledger.cutOff,
      cutOffFoundCommitted: ledger.cutOffCommitted,
      crashesWithWal,
      walBytesReplayed,
      lostWrites: lost,
      inconsistencies: inconsistent,
      problems: problems.slice(0, 20),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { crashes: { type: 'string', default: '20' }, clients: { type: 'string', default: '8' }, seed: { type: 'string', default: '1' } },
  });
  const summary = await runCrashTest({
    crashes: Number(values.crashes),
    clients: Number(values.clients),
    seed: Number(values.seed),
    log: (msg) => console.log(msg),
  });
  const out = await writeResults('crash', { ...summary });
  console.log(
    `\ncrashes ${summary.crashes}, acknowledged writes ${summary.acknowledgedWrites}, cut off ${summary.cutOffByCrash} ` +
      `(${summary.cutOffFoundCommitted} committed), WAL replayed after ${summary.crashesWithWal} crashes (${summary.walBytesReplayed} bytes), ` +
      `lost ${summary.lostWrites}, inconsistencies ${summary.inconsistencies}\n` +
      `${summary.problems.join('\n')}\nwritten to ${out}`,
  );
  process.exitCode = summary.lostWrites || summary.inconsistencies ? 1 : 0;
}
