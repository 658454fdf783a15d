/**
 * What live DLAE requests cost a server in the CG form (gram-solver-thread.ts), on a split's
 * training data with the defaults' first λ: requests for users whose scores must be solved (new
 * activity, a filter, a deeper page) arrive in groups of R at a time, the next group when the
 * previous one is answered, while a timer due every TICK_MS stands for the other requests the
 * server is answering meanwhile; its lateness is how long they wait. Two ways to serve:
 *  - `here`: one solve per request on the event loop (GramSolver, block 4; serving before the thread),
 *  - `thread`: GramSolverThread, requests asked together sharing its blocks of 4.
 * Reports per R and way: ms per request (wall time / requests) and the timer's lateness
 * (median, p99, worst). Writes bench/results/cg-requests-NAME.json (NAME: bench/split-results.ts).
 * Usage: npx tsx bench/cg-requests.ts [--split DIR] [--requests 24]
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { buildCsr } from '../gnn/core/graph/csr';
import { GramSolver } from '../gnn/core/linalg/gram-solver';
import { GramSolverThread } from '../gnn/core/linalg/gram-solver-thread';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { dlaePenalty } from '../gnn/recommend/dlae';
import { readSplit } from '../gnn/recommend/offline/split';
import { writeSplitResults } from './split-results';

const { values } = parseArgs({ options: { split: { type: 'string', default: '../shared/datasets/ciao/sociallgn-split' }, requests: { type: 'string', default: '24' } } });
const SPLIT = values.split!;
const REQUESTS = Number(values.requests);
const TICK_MS = 2;

const split = readSplit(SPLIT);
const byItem = buildCsr(split.numItems, split.train.b, split.train.a);
const w = dlaePenalty(byItem, { lambda: RECOMMEND_DEFAULTS.ensemble.lambda[0], dropout: RECOMMEND_DEFAULTS.ensemble.dropout[0] });
const n = split.numUsers;
const here = new GramSolver(byItem, w, n, { block: 4 });
const thread = new GramSolverThread(byItem, w, n, { block: 4 });
// Distinct users spread over the rows; first, warm-up solves each way (as the thread does itself
// before its first request: there, they wait for it to start).
const users = Array.from({ length: REQUESTS }, (_, k) => Math.floor(((k + 0.5) * n) / REQUESTS));
for (let k = 0; k < 2; k++) {
  here.solve([[[k, 1]]]);
  await thread.solve([[k, 1]]);
}

type Way = 'here' | 'thread';
const solveWith: Record<Way, (u: number) => Promise<unknown>> = {
  // As serving did: synchronous inside the request's promise chain.
  here: async (u) => here.solve([[[u, 1]]]),
  thread: (u) => thread.solve([[u, 1]]),
};

async function run(way: Way, together: number) {
  const lateness: number[] = [];
  let running = true;
  const ticker = (async () => {
    while (running) {
      const due = performance.now() + TICK_MS;
      await sleep(TICK_MS);
      lateness.push(Math.max(0, performance.now() - due));
    }
  })();
  const started = performance.now();
  for (let k = 0; k < users.length; k += together) {
    // Each group arrives as new requests do, from the event loop: the timer may run between groups.
    await new Promise(setImmediate);
    await Promise.all(users.slice(k, k + together).map(solveWith[way]));
  }
  const ms = performance.now() - started;
  running = false;
  await ticker;
  lateness.sort((a, b) => a - b);
  const q = (p: number) => Number(lateness[Math.min(lateness.length - 1, Math.floor(p * lateness.length))].toFixed(1));
  return { way, together, msPerRequest: Number((ms / users.length).toFixed(1)), otherRequestsWaitMs: { median: q(0.5), p99: q(0.99), worst: q(1) } };
}

const rows = [];
for (const together of [1, 4, 8])
  for (const way of ['here', 'thread'] as const) {
    const row = { ...(await run(way, together)), loadAverage: Number(os.loadavg()[0].toFixed(2)) };
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
await thread.close();
writeSplitResults('cg-requests', SPLIT, split, { tickMs: TICK_MS, requests: REQUESTS, rows });
