/**
 * Where a read's time goes without the response cache: runs the load scenarios' operations
 * (bench/load/scenarios.ts) in-process on an imported Ciao data directory (a copy: the database
 * takes one process), with the store as the server opens it (entity cache included). Prints, for
 * a few popular and average users and products, the cold and the warm request with the wall
 * time and each Cypher query's time and rows; then the warm cost per request over 400 requests,
 * which, one request at a time, depends far less on the machine's load than the load bench.
 *
 *   npx tsx bench/read-profile.ts <data dir>
 */
import { parse, execute } from 'graphql';
import { toGlobalId } from '../src/domain/ids';
import { createSchema } from '../src/graphql/schema';
import { createContext } from '../src/graphql/context';
import { loadConfig } from '../src/server/config';
import { cypherStore } from '../src/store/cypher/store';
import { LadybugRunner } from '../src/store/ladybug/runner';
import type { CypherRunner } from '../src/store/cypher/runner';
import { FEED, PRODUCT, PROFILE } from './load/scenarios';

const dir = process.argv[2];
const runner = await LadybugRunner.open(`${dir}/graph.lbug`);
const log: { q: string; ms: number; rows: number }[] = [];
const timed: CypherRunner = {
  stats: runner.stats,
  async read(q, p) {
    const t = performance.now();
    const rows = await runner.read(q, p);
    log.push({ q, ms: performance.now() - t, rows: rows.length });
    return rows;
  },
  write: (w) => runner.write(w),
  stream: (q, p, b) => runner.stream(q, p, b),
  close: () => runner.close(),
};
const store = cypherStore('ladybug', timed, { entityCacheSize: 1_000_000 });
const schema = await createSchema();
const config = loadConfig({} as NodeJS.ProcessEnv);

async function run(name: string, query: string, variables: Record<string, unknown>, viewer: string | null) {
  const doc = parse(query);
  for (let i = 0; i < 3; i++) {
    log.length = 0;
    const t = performance.now();
    const ctx = createContext(store, config, viewer ? { userId: viewer, roles: [] } : null, {} as never);
    const res = await execute({ schema, document: doc, variableValues: variables, contextValue: ctx });
    const ms = performance.now() - t;
    if (res.errors) console.log(res.errors);
    const t2 = performance.now();
    JSON.stringify(res);
    const js = performance.now() - t2;
    if (i === 1) continue;
    console.log(`\n== ${name} ${i === 0 ? 'cold' : 'warm'} ${JSON.stringify(variables)} viewer=${viewer}: ${ms.toFixed(1)} ms, ${log.length} queries, stringify ${js.toFixed(1)} ms`);
    for (const l of log) console.log(`  ${l.ms.toFixed(1).padStart(7)} ms ${String(l.rows).padStart(6)} rows  ${l.q.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
}

const popUsers = await runner.read('MATCH (u:User)<-[:FOLLOWS]-(:User) RETURN u.id AS id, u.handle AS handle, count(*) AS n ORDER BY n DESC LIMIT 3');
const popProducts = await runner.read('MATCH (p:Product) RETURN p.id AS id, p.reviewCount AS n ORDER BY n DESC LIMIT 3');
const someUsers = await runner.read('MATCH (u:User) RETURN u.id AS id, u.handle AS handle ORDER BY u.handle SKIP 50 LIMIT 2');
const someProducts = await runner.read('MATCH (p:Product) RETURN p.id AS id, p.reviewCount AS n ORDER BY p.name SKIP 50 LIMIT 2');
console.log({ popUsers, popProducts });
const gid = (id: unknown) => toGlobalId('Product', String(id));
for (const u of [...popUsers.slice(0, 2), ...someUsers]) await run('profile', PROFILE, { handle: u.handle }, null);
for (const u of [...popUsers.slice(0, 2), ...someUsers]) await run('feed', FEED, {}, String(u.id));
for (const p of [...popProducts.slice(0, 2), ...someProducts]) await run('product', PRODUCT, { id: gid(p.id) }, null);

/** Warm requests one at a time: the main thread's cost per request, however loaded the machine. */
async function cost(name: string, query: string, cases: { variables: Record<string, unknown>; viewer: string | null }[], n = 400) {
  const doc = parse(query);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const { variables, viewer } = cases[i % cases.length];
    const t = performance.now();
    const ctx = createContext(store, config, viewer ? { userId: viewer, roles: [] } : null, {} as never);
    JSON.stringify(await execute({ schema, document: doc, variableValues: variables, contextValue: ctx }));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * times.length)].toFixed(2);
  console.log(`${name}: mean ${(times.reduce((a, b) => a + b, 0) / n).toFixed(2)} ms, p50 ${at(0.5)}, p99 ${at(0.99)} (${n} requests)`);
}
const users = [...popUsers, ...someUsers];
await cost('profile', PROFILE, users.map((u) => ({ variables: { handle: u.handle }, viewer: null })));
await cost('feed', FEED, users.map((u) => ({ variables: {}, viewer: String(u.id) })));
await cost('product', PRODUCT, [...popProducts, ...someProducts].map((p) => ({ variables: { id: gid(p.id) }, viewer: null })));
console.log(`heap used ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
await runner.close();
