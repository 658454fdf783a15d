/**
 * `npm run bench -- models --data-dir DIR [--name NAME] [--requests N]`: latency of the model-backed
 * queries on a database whose models are trained (`npm run gnn -- train recommend|influence|forecast`):
 * recommendedProducts(first: 20) for sampled users as themselves, also with a category filter (scored
 * live rather than read from the user's published list), opinionLeaders(first: 20) overall
 * and per category, and communities with forecasts. One request at a time over loopback after
 * warm-up, to the server as its own process (as `npm start` runs it, so the client does not share
 * its event loop): the numbers are the server's time plus a fraction of a millisecond of HTTP.
 * Clients sign in with Bearer tokens, as in production (the dev header would add a user lookup),
 * and the response cache is off: every sampled request reaches the resolvers.
 * Last, as users meet it: each sampled user writes a review (then, follows someone) and asks for
 * recommendations, so the answer folds the new review or followee in (scored live, not read from
 * the published list), while other users write reviews at WRITES_PER_SECOND (`--writes-per-second`). The server runs on a copy of
 * DIR, which is removed afterwards, so the bench leaves DIR as it found it.
 * Writes bench/results/model-latency-NAME.json and prints a table.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../seeds/random';
import { toGlobalId } from '../src/domain/ids';
import { loadConfig } from '../src/server/config';
import { MODEL_KINDS, type ModelKind } from '../src/store/contract';
import { configuredStore, openStore } from '../src/store/open';
import { authHeaders } from '../tests/support/auth-headers';
import { startServerProcess } from '../tests/support/server-process';
import { steadyWrites } from './load/mixed';
import { body, FOLLOW, WRITE_REVIEW } from './load/scenarios';

const WARMUP = 20;
/** Reviews a second written by other users during the last scenario (the load bench's mixed rate). */
const WRITES_PER_SECOND = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Model versions, users and categories, read before the server takes the database (LadybugDB allows one process). */
async function readCast(dataDir: string) {
  const store = await openStore(configuredStore(loadConfig({ DATA_DIR: dataDir })));
  try {
    return {
      versions: Object.fromEntries(await Promise.all(MODEL_KINDS.map(async (k) => [k, (await store.models.current(k))?.version ?? null]))),
      users: (await store.users.list({ filter: {}, sort: 'NEWEST', page: { offset: 0, limit: 5000 } })).items.map((u) => u.id),
      categories: (await store.categories.list()).map((c) => c.id),
      products: (await store.products.list({ filter: {}, sort: 'MOST_REVIEWED', page: { offset: 0, limit: 5000 } })).items.map((p) => p.id),
    };
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, name: { type: 'string', default: 'demo' }, requests: { type: 'string', default: '200' }, 'writes-per-second': { type: 'string', default: String(WRITES_PER_SECOND) } },
  });
  if (!values['data-dir']) throw new Error('--data-dir DIR is required (a database with trained models)');
  const requests = Number(values.requests);
  const writesPerSecond = Number(values['writes-per-second']);
  const { versions, users, categories, products } = await readCast(values['data-dir']);
  // The last scenario writes: the server gets a copy.
  const work = await mkdtemp(path.join(tmpdir(), 'model-latency-'));
  const dataDir = path.join(work, 'data');
  await cp(values['data-dir'], dataDir, { recursive: true });
  const jwtSecret = randomBytes(32).toString('hex');
  const server = await startServerProcess({ dataDir, env: { AUTH_JWT_SECRET: jwtSecret, RESPONSE_CACHE_MB: '0', SEED_ON_EMPTY: 'false' } });
  const auth = authHeaders({ jwtSecret });
  const rng = new Rng(7);
  try {
    /** Runs one operation as `as`; its time in ms, and its data. */
    const request = async (query: string, variables: Record<string, unknown>, as: string, roles: string[] = []) => {
      const headers = { 'content-type': 'application/json', ...(await auth(as, roles)) };
      const started = performance.now();
      const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const answer = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
      if (answer.errors) throw new Error(`${query.slice(0, 60)}: ${answer.errors[0].message}`);
      return { ms: performance.now() - started, data: answer.data };
    };
    const gql = async (query: string, variables: Record<string, unknown>, as: string, roles: string[] = []) => (await request(query, variables, as, roles)).ms;
    const someReview = () => ({ productId: toGlobalId('Product', rng.pick(products)), rating: rng.int(1, 5) });
    /** A review by `id` of a product it has not reviewed (a few draws at most: users review a small share of the catalogue). */
    const writeOwnReview = async (id: string) => {
      for (;;) {
        try {
          return await request(WRITE_REVIEW, someReview(), id);
        } catch (err) {
          if (!/already reviewed/i.test((err as Error).message)) throw err;
        }
      }
    };
    /** A sampled user's own write, then their recommendations (from the model): the time of the latter. */
    const askAfter = async (write: (id: string) => Promise<unknown>) => {
      const id = rng.pick(users);
      await write(id);
      const { ms, data } = await request('query ($id: ID!) { node(id: $id) { ... on User { recommendedProducts(first: 20) { source edges { score node { name } reason { followedUsers { handle } } } } } } }', { id: toGlobalId('User', id) }, id);
      const { source } = (data as { node: { recommendedProducts: { source: string } } }).node.recommendedProducts;
      if (source !== 'MODEL') throw new Error(`user ${id} was answered by the ${source}, not the model`);
      return ms;
    };
    const manager = users[0];
    const scenarios: { name: string; model: ModelKind; duringWrites?: boolean; run: () => Promise<number> }[] = [
      {
        name: 'recommendedProducts(first: 20)',
        model: 'recommend',
        run: () => {
          const id = rng.pick(users);
          return gql('query ($id: ID!) { node(id: $id) { ... on User { recommendedProducts(first: 20) { source edges { score node { name } reason { followedUsers { handle } } } } } } }', { id: toGlobalId('User', id) }, id);
        },
      },
      {
        // A category filter is never answered from the published list: the model scores every
        // product live (with DLAE's CG form past 10,000 users, a solve on the solver's thread).
        name: 'recommendedProducts(first: 20, category)',
        model: 'recommend',
        run: () => {
          const id = rng.pick(users);
          return gql('query ($id: ID!, $c: ID) { node(id: $id) { ... on User { recommendedProducts(first: 20, category: $c) { source edges { score node { name } } } } } }', { id: toGlobalId('User', id), c: toGlobalId('Category', rng.pick(categories)) }, id);
        },
      },
      {
        name: 'opinionLeaders(first: 20)',
        model: 'influence',
        run: () => gql('{ opinionLeaders(first: 20) { edges { rank score node { handle } explanation { followersReached topCategories { name } } } } }', {}, manager, ['manager']),
      },
      {
        name: 'opinionLeaders(category, first: 20)',
        model: 'influence',
        run: () =>
          gql('query ($c: ID) { opinionLeaders(first: 20, category: $c) { edges { rank node { handle } } } }', { c: toGlobalId('Category', rng.pick(categories)) }, manager, ['manager']),
      },
      {
        name: 'communities(first: 10) with forecasts',
        model: 'forecast',
        run: () => gql('{ communities(first: 10) { edges { node { label size engagement(periods: 12) { reviews } engagementForecast(periods: 4) { expected low high } } } } }', {}, manager, ['manager']),
      },
      {
        name: `recommendedProducts(first: 20) after the user's own review, others writing ${writesPerSecond}/s`,
        model: 'recommend',
        duringWrites: true,
        run: () => askAfter(writeOwnReview),
      },
      {
        name: `recommendedProducts(first: 20) after the user follows someone, others writing ${writesPerSecond}/s`,
        model: 'recommend',
        duringWrites: true,
        run: () => askAfter((id) => request(FOLLOW, { id: toGlobalId('User', rng.pick(users.filter((u) => u !== id))) }, id)),
      },
    ];
    const results = [];
    for (const s of scenarios) {
      if (!versions[s.model]) {
        results.push({ name: s.name, model: s.model, skipped: `no ${s.model} model published` });
        continue;
      }
      const others = s.duringWrites ? steadyWrites(server.url, async () => { const id = rng.pick(users); return { headers: await auth(id), body: body(WRITE_REVIEW, someReview()) }; }, writesPerSecond) : null;
      for (let i = 0; i < WARMUP; i++) await s.run();
      const ms: number[] = [];
      for (let i = 0; i < requests; i++) ms.push(await s.run());
      const writes = await others?.stop();
      ms.sort((a, b) => a - b);
      const r = (x: number) => Number(x.toFixed(2));
      results.push({ name: s.name, model: s.model, requests, p50: r(percentile(ms, 50)), p95: r(percentile(ms, 95)), p99: r(percentile(ms, 99)), meetsP95Target: percentile(ms, 95) <= 20, ...(writes ? { otherWrites: writes } : {}) });
    }
    const out = { dataset: values.name, date: new Date().toISOString(), loadAverage: loadavg(), modelVersions: versions, targetP95Ms: 20, results };
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/model-latency-${values.name}.json`;
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    for (const r of results) console.log('p95' in r ? `${r.name.padEnd(40)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms` : `${r.name.padEnd(40)} skipped: ${r.skipped}`);
    console.log(`wrote ${file}`);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}
