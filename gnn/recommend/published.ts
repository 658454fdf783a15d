/**
 * The published form of a trained recommender: one model-output row per user (`u:<id>`) and per
 * product (`p:<id>`, with its category) carrying the final embedding. Training writes it with
 * `recommenderRows`; the API rebuilds contiguous matrices from it with `buildPublishedRecommender`.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelOutputRow } from '../../src/store/contract';
import { initBackend } from '../core/backend';
import { Interner } from '../core/graph/interner';
import type { ModelBuilder } from '../core/live-model';

const USER = 'u:';
const PRODUCT = 'p:';

export interface PublishedRecommender {
  dim: number;
  userRow: Map<string, number>;
  /** [users, dim] row-major. */
  userEmb: Float32Array;
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
}

const BATCH = 5_000;

/** Output rows of a trained model, in batches; `userEmb`/`productEmb` are row-major [n, dim]. */
export function* recommenderRows(
  userIds: readonly string[],
  products: readonly { id: string; categoryId: string }[],
  userEmb: Float32Array,
  productEmb: Float32Array,
  dim: number,
): Generator<ModelOutputRow[]> {
  for (let s = 0; s < userIds.length; s += BATCH) {
    yield userIds.slice(s, s + BATCH).map((id, k) => ({
      entityId: USER + id,
      data: {},
      vector: userEmb.slice((s + k) * dim, (s + k + 1) * dim),
    }));
  }
  for (let s = 0; s < products.length; s += BATCH) {
    yield products.slice(s, s + BATCH).map((p, k) => ({
      entityId: PRODUCT + p.id,
      data: { categoryId: p.categoryId },
      vector: productEmb.slice((s + k) * dim, (s + k + 1) * dim),
    }));
  }
}

/** Frees a model's tensor with the model, not when a newer one is loaded: requests still scoring with it keep it alive. */
const release = new FinalizationRegistry<tf.Tensor>((t) => t.dispose());

export const buildPublishedRecommender: ModelBuilder<PublishedRecommender> = async (_run, batches) => {
  const users: ModelOutputRow[] = [];
  const products: ModelOutputRow[] = [];
  for await (const batch of batches) {
    for (const row of batch) {
      if (!row.vector) continue;
      if (row.entityId.startsWith(USER)) users.push(row);
      else if (row.entityId.startsWith(PRODUCT)) products.push(row);
    }
  }
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
  const model: PublishedRecommender = {
    dim,
    userRow: new Map(users.map((r, k) => [r.entityId.slice(USER.length), k])),
    userEmb: pack(users),
    productIds: products.map((r) => r.entityId.slice(PRODUCT.length)),
    productRow: new Map(products.map((r, k) => [r.entityId.slice(PRODUCT.length), k])),
    productEmb,
    productEmbT: tf.tidy(() => tf.tensor2d(productEmb, [products.length, dim]).transpose<tf.Tensor2D>()),
    categories,
    productCategory: Int32Array.from(products, (r) => categories.of(String(r.data.categoryId ?? ''))),
    productNorm,
  };
  release.register(model, model.productEmbT);
  return model;
};
