/**
 * Served recommendations, end to end, as a new user of the product would get them (issue #18):
 *  1. a SocialLGN split's training set written in the Ciao layout (`user_id,product_id,category_id,rating`
 *     and `truster_id,trustee_id`) and imported with `npm run import` into a fresh data directory;
 *  2. the server started as its own process; `trainModel(kind: RECOMMEND)` through GraphQL, waited for;
 *  3. `recommendedProducts(first: 20)` asked through the API for every test user, as that user;
 *  4. the answers scored on the test split by the independent evaluator (bench/eval-recommendations.mjs).
 * Writes bench/results/recommend-served-NAME.json (served metrics, model source counts, the job's
 * last output lines, timings with load averages) and keeps the data directory (its path is printed
 * and recorded) for `npm run bench -- models --data-dir DIR`.
 * Usage: nice -n 19 npx tsx bench/served-recommend.ts lastfm|ciao [--data-dir DIR] [--skip-import] [--skip-train]
 *        npx tsx bench/served-recommend.ts NAME --split DIR …   (any split, e.g. bench/synthetic-split.ts's)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fromGlobalId, toGlobalId } from '../src/domain/ids';
import { authHeaders } from '../tests/support/auth-headers';
import { startServerProcess } from '../tests/support/server-process';

const DATASETS = '../shared/datasets';
const POLL_MS = 10_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { split: { type: 'string' }, 'data-dir': { type: 'string' }, 'skip-import': { type: 'boolean', default: false }, 'skip-train': { type: 'boolean', default: false } },
});
const name = positionals[0];
if (!name) throw new Error('usage: npx tsx bench/served-recommend.ts NAME [--split DIR] [--data-dir DIR] [--skip-import] [--skip-train]');
const split = values.split ?? path.join(DATASETS, name, 'sociallgn-split');
const work = values['data-dir'] ? path.resolve(values['data-dir']) : mkdtempSync(path.join(tmpdir(), `served-recommend-${name}-`));
mkdirSync(work, { recursive: true });
const dataDir = path.join(work, 'data');
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
/** This process's nice level, recorded with the command it ran as. */
const niceness = getPriority();
const pairs = (file: string) =>
  readFileSync(path.join(split, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(',').map((x) => x.trim()));

async function writeLines(file: string, header: string, rows: string[][]): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (const r of rows) if (!out.write(`${r.join(',')}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Step 1: the training set in the Ciao layout (one category; rating 5: the recommender uses only who reviewed what). */
async function importTrainSet(): Promise<{ seconds: number; loadAverage: number[] }> {
  const reviews = path.join(work, 'reviews.csv');
  const trust = path.join(work, 'trust.csv');
  await writeLines(reviews, 'user_id,product_id,category_id,rating', pairs('train_set.txt').map(([u, i]) => [u, i, '1', '5']));
  await writeLines(trust, 'truster_id,trustee_id', pairs('trust.txt'));
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', '--reviews', reviews, '--trust', trust], {
    env: { ...process.env, DATA_DIR: dataDir, NEO4J_URI: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), loadAverage: load() };
}

const importing = values['skip-import'] ? null : await importTrainSet();
const jwtSecret = randomBytes(32).toString('hex');
const server = await startServerProcess({ dataDir, env: { AUTH_JWT_SECRET: jwtSecret, RESPONSE_CACHE_MB: '0', SEED_ON_EMPTY: 'false', MODEL_REFRESH_MS: '1000' } });
const auth = authHeaders({ jwtSecret });
const testUsers = [...new Set(pairs('test_set.txt').map(([u]) => u))];
const manager = `ciao:u:${testUsers[0]}`;

async function gql<T>(query: string, as: string, roles: string[] = [], variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await auth(as, roles)) }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: { message: string }[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${body.errors[0].message}`);
  return body.data;
}

try {
  // Step 2: train through the API and wait for the job.
  let training: { seconds: number; loadAverage: number[]; output: string } | null = null;
  if (!values['skip-train']) {
    const started = performance.now();
    await gql('mutation { trainModel(kind: RECOMMEND) { status } }', manager, ['manager']);
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const [job] = (await gql<{ trainingJobs: { kind: string; status: string; output: string }[] }>('{ trainingJobs { kind status output } }', manager, ['manager'])).trainingJobs;
      if (job.status === 'RUNNING') continue;
      if (job.status !== 'SUCCEEDED') throw new Error(`training failed:\n${job.output}`);
      // The last lines (the summary), without the progress bars' carriage-return redraws.
      const output = job.output.split('\n').map((l) => l.split('\r').pop()!).filter((l) => l && !/\[[#.]+\]/.test(l)).slice(-8).join('\n');
      training = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), loadAverage: load(), output };
      break;
    }
    // The server notices the new version within MODEL_REFRESH_MS.
    await new Promise((r) => setTimeout(r, 3_000));
  }

  // Step 3: every test user asks for their recommendations.
  const query = 'query ($id: ID!) { node(id: $id) { ... on User { recommendedProducts(first: 20) { source edges { node { id } } } } } }';
  const predictions: Record<string, number[]> = {};
  const sources: Record<string, number> = {};
  const asked = performance.now();
  for (const u of testUsers) {
    const id = `ciao:u:${u}`;
    const data = await gql<{ node: { recommendedProducts: { source: string; edges: { node: { id: string } }[] } } | null }>(query, id, [], { id: toGlobalId('User', id) });
    if (!data.node) {
      sources['not in the store'] = (sources['not in the store'] ?? 0) + 1;
      continue;
    }
    const r = data.node.recommendedProducts;
    sources[r.source] = (sources[r.source] ?? 0) + 1;
    predictions[u] = r.edges.map((e) => Number(fromGlobalId(e.node.id)!.id.split(':').pop()));
  }
  const asking = { users: testUsers.length, seconds: Number(((performance.now() - asked) / 1000).toFixed(1)), loadAverage: load() };

  // Step 4: the independent evaluator on the test split.
  const predictionsFile = path.join(work, 'served-predictions.json');
  writeFileSync(predictionsFile, JSON.stringify(predictions));
  const served = JSON.parse(execFileSync(process.execPath, ['bench/eval-recommendations.mjs', predictionsFile, split], { encoding: 'utf8' }));
  const result = {
    dataset: name,
    split,
    command: `${niceness ? `nice -n ${niceness} ` : ''}npx tsx bench/served-recommend.ts ${process.argv.slice(2).join(' ')}`,
    date: new Date().toISOString(),
    dataDir,
    import: importing,
    training,
    asking,
    sources,
    served,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/recommend-served-${name}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const m = served[20];
  console.log(
    `${name} served: Recall@20 ${m.recall.toFixed(4)} NDCG@20 ${m.ndcg.toFixed(4)} coverage@20 ${served.coverage20.toFixed(4)} novelty@20 ${served.novelty20.toFixed(2)} ` +
      `cold (${served.cold20.users}) R@20 ${served.cold20.recall.toFixed(4)} NDCG@20 ${served.cold20.ndcg.toFixed(4)}; sources ${JSON.stringify(sources)}; wrote ${file}; data dir ${dataDir}`,
  );
} finally {
  await server.stop();
}
