/**
 * The published form of a trained recommender: everything serving needs to score a user at
 * request time exactly as the offline pipeline does (pipeline.ts: fittedScorer).
 *  - `u:<id>`: the user's final GNN embedding; data: its training index, the products and
 *    followees it was trained with (what fold-in compares the live graph against; together they
 *    are the training matrix X DLAE scores with).
 *  - `p:<id>`: the product's final GNN embedding; data: its training index, category, and 1/Λ_i.
 *  - `k:<id>`: with a DLAE blend in the exact form, the user's row of K⁻¹ (dlae.ts) over training
 *    user indices. The CG form (cg-dlae.ts) publishes none: serving solves with K from X and Λ⁻¹.
 *  - `t:<id>`: the user's top products as ranked at training time (top-lists.ts); data: their
 *    training indices, vector: their scores.
 * The run's metadata says the blend (`blend: { gnnWeight, form }` or null for the GNN alone; form
 * absent: the exact form, as models published before the CG form).
 * Training writes it with `recommenderRows`; the API rebuilds matrices with `buildPublishedRecommender`.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelOutputRow } from '../../src/store/contract';
import { initBackend } from '../core/backend';
import { buildCsr } from '../core/graph/csr';
import { Interner } from '../core/graph/interner';
import type { ModelBuilder } from '../core/live-model';
import { GramSolverThread } from '../core/linalg/gram-solver-thread';
import type { DlaeMatrix } from './dlae';
import type { DlaeForm, FittedDlae } from './dlae-form';
import type { RecommendGraph } from './graph';
import type { TopList } from './top-lists';

const USER = 'u:';
const PRODUCT = 'p:';
const KINV = 'k:';
const TOP = 't:';

/** The training matrix X (user row → product rows and back) and 1/Λ_i per product row, with one of DLAE's two forms. */
export interface PublishedDlae extends DlaeMatrix {
  /** Exact form: K⁻¹ row-major [U, U] over user rows. */
  kInv: Float32Array | null;
  /** CG form: solves with K for requests' columns, on its own thread. */
  solver: GramSolverThread | null;
}

export interface PublishedRecommender {
  dim: number;
  userRow: Map<string, number>;
  /** [users, dim] row-major. */
  userEmb: Float32Array;
  /** Per user row, the product and followee ids it was trained with. */
  trainedProducts: string[][];
  trainedFollowees: string[][];
  productIds: string[];
  productRow: Map<string, number>;
  /** [products, dim] row-major. */
  productEmb: Float32Array;
  /** The same, transposed to [dim, products] and held by the tfjs backend: all scores in one matMul. */
  productEmbT: tf.Tensor2D;
  categories: Interner;
  /** Each product's category, as its index in `categories` (filters compare integers). */
  productCategory: Int32Array;
  /** L2 norm of each product embedding, for cosine similarity. */
  productNorm: Float32Array;
  /** Weight of the GNN in w·GNN + (1−w)·DLAE, per-user standardised; 1 without DLAE. */
  gnnWeight: number;
  dlae: PublishedDlae | null;
  /** Per user row, the top products ranked at training time (absent in models published before them). */
  topLists: (TopList | undefined)[];
}

const BATCH = 5_000;

function* inBatches<T>(n: number, row: (k: number) => T): Generator<T[]> {
  for (let s = 0; s < n; s += BATCH) yield Array.from({ length: Math.min(BATCH, n - s) }, (_, k) => row(s + k));
}

/** Output rows of a fitted model; `userEmb`/`productEmb` are row-major [n, dim] in the graph's index order. */
export function* recommenderRows(
  graph: RecommendGraph,
  userEmb: Float32Array,
  productEmb: Float32Array,
  dim: number,
  dlae?: FittedDlae,
  lists?: TopList[],
): Generator<ModelOutputRow[]> {
  const { userIds, products } = graph;
  const ids = (xs: Int32Array, of: (k: number) => string) => Array.from(xs, of);
  const byUser = buildCsr(userIds.length, graph.interactions.a, graph.interactions.b);
  const follows = buildCsr(userIds.length, graph.trust.a, graph.trust.b);
  yield* inBatches(userIds.length, (u) => ({
    entityId: USER + userIds[u],
    data: {
      index: u,
      products: ids(byUser.cols.subarray(byUser.rowPtr[u], byUser.rowPtr[u + 1]), (p) => products[p].id),
      followees: ids(follows.cols.subarray(follows.rowPtr[u], follows.rowPtr[u + 1]), (f) => userIds[f]),
    },
    vector: userEmb.slice(u * dim, (u + 1) * dim),
  }));
  yield* inBatches(products.length, (p) => ({
    entityId: PRODUCT + products[p].id,
    data: { index: p, categoryId: products[p].categoryId, ...(dlae ? { lambdaInv: dlae.lambdaInv[p] } : {}) },
    vector: productEmb.slice(p * dim, (p + 1) * dim),
  }));
  if (dlae && 'kInv' in dlae) {
    const n = userIds.length;
    yield* inBatches(n, (u) => ({ entityId: KINV + userIds[u], data: {}, vector: dlae.kInv.slice(u * n, (u + 1) * n) }));
  }
  if (lists) yield* inBatches(lists.length, (u) => ({ entityId: TOP + userIds[u], data: { rows: Array.from(lists[u].rows) }, vector: lists[u].scores }));
}

/**
 * Frees a model's tensor and stops its solver's thread with the model, not when a newer one is
 * loaded: requests still scoring with it keep it alive.
 */
const release = new FinalizationRegistry<{ dispose(): void }>((r) => r.dispose());

export const buildPublishedRecommender: ModelBuilder<PublishedRecommender> = async (run, batches) => {
  const users: ModelOutputRow[] = [];
  const products: ModelOutputRow[] = [];
  const kRows: ModelOutputRow[] = [];
  const topRows: ModelOutputRow[] = [];
  for await (const batch of batches) {
    for (const row of batch) {
      if (!row.vector) continue;
      if (row.entityId.startsWith(USER)) users.push(row);
      else if (row.entityId.startsWith(PRODUCT)) products.push(row);
      else if (row.entityId.startsWith(KINV)) kRows.push(row);
      else if (row.entityId.startsWith(TOP)) topRows.push(row);
    }
  }
  // Rows come back in any order: put them at their training index (K⁻¹'s columns follow it).
  const at = (r: ModelOutputRow) => Number(r.data.index);
  users.sort((a, b) => at(a) - at(b));
  products.sort((a, b) => at(a) - at(b));
  const dim = (users[0] ?? products[0])?.vector?.length ?? 0;
  const pack = (rows: ModelOutputRow[]) => {
    const out = new Float32Array(rows.length * dim);
    rows.forEach((r, k) => out.set(r.vector!, k * dim));
    return out;
  };
  const productEmb = pack(products);
  const productNorm = new Float32Array(products.length);
  for (let p = 0; p < products.length; p++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += productEmb[p * dim + d] ** 2;
    productNorm[p] = Math.sqrt(s);
  }
  await initBackend();
  const categories = new Interner();
  const userRow = new Map(users.map((r, k) => [r.entityId.slice(USER.length), k]));
  const productRow = new Map(products.map((r, k) => [r.entityId.slice(PRODUCT.length), k]));
  const trainedProducts = users.map((r) => (r.data.products as string[] | undefined) ?? []);
  const blend = (run.metadata.blend ?? null) as { gnnWeight: number; form?: DlaeForm; neighbours?: number | null } | null;
  // The bounded neighbourhood form this version replaced with CG published solutions it no longer reads.
  if (blend && blend.neighbours != null) throw new Error(`recommend model v${run.version} uses the retired bounded DLAE form: train recommend again`);
  const form = blend?.form ?? 'exact';
  const topLists: (TopList | undefined)[] = new Array(users.length);
  for (const r of topRows) {
    const u = userRow.get(r.entityId.slice(TOP.length));
    if (u !== undefined) topLists[u] = { rows: Int32Array.from(r.data.rows as number[]), scores: Float32Array.from(r.vector!) };
  }
  const model: PublishedRecommender = {
    dim,
    userRow,
    userEmb: pack(users),
    trainedProducts,
    trainedFollowees: users.map((r) => (r.data.followees as string[] | undefined) ?? []),
    productIds: products.map((r) => r.entityId.slice(PRODUCT.length)),
    productRow,
    productEmb,
    productEmbT: tf.tidy(() => tf.tensor2d(productEmb, [products.length, dim]).transpose<tf.Tensor2D>()),
    categories,
    productCategory: Int32Array.from(products, (r) => categories.of(String(r.data.categoryId ?? ''))),
    productNorm,
    gnnWeight: blend?.gnnWeight ?? 1,
    dlae: blend && (form === 'cg' || kRows.length === users.length) ? publishedDlae(users.length, products, kRows, userRow, productRow, trainedProducts, form) : null,
    topLists,
  };
  release.register(model, model.productEmbT);
  const solver = model.dlae?.solver;
  if (solver) release.register(model, { dispose: () => void solver.close() });
  return model;
};

function publishedDlae(
  n: number,
  products: ModelOutputRow[],
  kRows: ModelOutputRow[],
  userRow: Map<string, number>,
  productRow: Map<string, number>,
  trainedProducts: string[][],
  form: DlaeForm,
): PublishedDlae {
  let kInv: Float32Array | null = null;
  if (form === 'exact') {
    kInv = new Float32Array(n * n);
    for (const r of kRows) kInv.set(r.vector!, userRow.get(r.entityId.slice(KINV.length))! * n);
  }
  const a: number[] = [];
  const b: number[] = [];
  trainedProducts.forEach((ids, u) => {
    for (const id of ids) {
      a.push(u);
      b.push(productRow.get(id)!);
    }
  });
  const rows = Int32Array.from(a);
  const cols = Int32Array.from(b);
  const lambdaInv = Float32Array.from(products, (r) => Number(r.data.lambdaInv));
  const byItem = buildCsr(products.length, cols, rows);
  // Blocks of 4, the narrowest: a lone request's column costs what four concurrent ones do.
  const solver = form === 'cg' ? new GramSolverThread(byItem, lambdaInv, n, { block: 4 }) : null;
  return { kInv, solver, lambdaInv, byUser: buildCsr(n, rows, cols), byItem };
}
