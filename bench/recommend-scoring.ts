/**
 * What scoring one user costs in the served recommender (gnn/recommend/user-scores.ts: GNN dot
 * products + DLAE from K⁻¹ and X, standardised and blended) at the size of Ciao's SocialLGN split:
 * its real training matrix X, 64-d embeddings and a K⁻¹ of the right size (random values: the
 * cost does not depend on them, and fitting the real one takes minutes). Three cases per request:
 * a user the model knows with nothing new, the same with 3 products added since training, and a
 * user the model does not know with 10 products. In-process, no GraphQL or HTTP: the part of
 * recommendedProducts' p95 the blend adds (`npm run bench -- models` measures the whole request).
 * Usage: npx tsx bench/recommend-scoring.ts [split dir] [requests]; writes bench/results/recommend-scoring.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { initBackend } from '../gnn/core/backend';
import { Random } from '../gnn/core/random';
import { buildPublishedRecommender, recommenderRows } from '../gnn/recommend/published';
import { readSplit } from '../gnn/recommend/offline/split';
import { userScores } from '../gnn/recommend/user-scores';
import type { Dlae } from '../gnn/recommend/dlae';

const dir = process.argv[2] ?? '../shared/datasets/ciao/sociallgn-split';
const requests = Number(process.argv[3] ?? 300);
const DIM = 64;
await initBackend();
const split = readSplit(dir);
const { numUsers, numItems } = split;
const rng = new Random(1);
const randoms = (n: number) => Float32Array.from({ length: n }, () => rng.next() - 0.5);
const userIds = Array.from({ length: numUsers }, (_, u) => String(u));
const graph = { userIds, products: Array.from({ length: numItems }, (_, i) => ({ id: String(i), categoryId: 'c' })), interactions: split.train, trust: split.trust };
const dlae = { kInv: randoms(numUsers * numUsers), lambdaInv: Float32Array.from({ length: numItems }, () => 0.01) } as unknown as Dlae;
const model = await buildPublishedRecommender(
  { kind: 'recommend', version: 'bench', createdAt: 0, metadata: { blend: { gnnWeight: 0.35 } } },
  (async function* () {
    yield* recommenderRows(graph, randoms(numUsers * DIM), randoms(numItems * DIM), DIM, dlae);
  })(),
);
const trained = (u: string) => model.trainedProducts[model.userRow.get(u)!];
const cases: Record<string, (k: number) => [string, string[], string[]]> = {
  known: (k) => [userIds[k % numUsers], trained(userIds[k % numUsers]), []],
  'known, 3 new products': (k) => [userIds[k % numUsers], [...trained(userIds[k % numUsers]), ...[1, 2, 3].map((j) => String((k * 7919 + j * 104729) % numItems))], []],
  'unknown, 10 products': (k) => ['new-user', Array.from({ length: 10 }, (_, j) => String((k * 7919 + j * 104729) % numItems)), []],
};
const results = Object.entries(cases).map(([name, make]) => {
  const ms: number[] = [];
  for (let k = 0; k < requests + 20; k++) {
    const [user, products, followees] = make(k * 13);
    const started = performance.now();
    userScores(model, user, products, followees);
    if (k >= 20) ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Number(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))].toFixed(2));
  return { case: name, requests, p50: at(50), p95: at(95), p99: at(99) };
});
const out = { split: dir, users: numUsers, items: numItems, trainInteractions: split.train.a.length, dim: DIM, date: new Date().toISOString(), loadAverage: loadavg(), results };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/recommend-scoring.json', `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
