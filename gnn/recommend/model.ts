/**
 * Social recommendation: light graph convolution on the user–item graph, with the social graph
 * brought in one of three ways (`social`):
 *  - 'none'   LightGCN (He et al., 2020): E^{k+1} = Â_R E^k over users ∪ items.
 *  - 'edges'  LightGCN on the union graph: trust edges added as user–user edges of Â.
 *  - 'fusion' SocialLGN (Liao et al., 2022): per layer, users get both Â_R (interaction view)
 *             and Â_S (social view, over users only) fused by `SocialFusion`; items take Â_R.
 * Final embeddings are the mean over layers 0..L; score(u, i) = ⟨e_u, e_i⟩. Users with at most
 * COLD_USER_MAX interactions get the final vector `coldVector` says (cold-vector.ts).
 * Shapes: embedding table [U+I, d] (users first); Â_R [U+I, U+I]; Â_S [U, U].
 * Losses (`loss`), both plus L2 on the batch's layer-0 embeddings (l2 · ½‖·‖² / batch, as LightGCN):
 *  - 'bpr'     −log σ(s_ui − s_uj) with one sampled negative j per (u, i);
 *  - 'softmax' sampled softmax on cosine scores / τ: each user's positive against the first
 *              K = min(B, 256) sampled negatives of the batch, shared by all users ([B, 1+K]
 *              logits; shared rather than in-batch keeps the score matrix small on CPU).
 *              Scores are then cosines, so `embed` returns L2-normalised rows.
 * With `contrast` > 0 (XSimGCL, Yu et al., 2023; contrastive.ts) every propagated layer gets noise of
 * norm `noise` in training, and contrast · InfoNCE(final, first layer) over the batch's users and
 * items is added to the loss; scoring propagates without noise.
 */
import * as tf from '@tensorflow/tfjs';
import { EmbeddingScorer } from './embedding-scorer';
import { bipartiteGraph, undirectedGraph } from '../core/graph/graph';
import { gatherRows } from '../core/graph/gather-rows';
import { SparseAdjacency } from '../core/graph/sparse-aggregate';
import { SocialFusion } from './social-fusion';
import { coldUserTable, coldUsers, type ColdVector } from './cold-vector';
import { buildCsr, type Csr } from '../core/graph/csr';
import type { PairList } from './graph';
import { Random } from '../core/random';
import { contrastiveLoss, perturbation } from './contrastive';
import { normalizeRows } from '../core/linalg/normalize-rows';

export type SocialMode = 'none' | 'edges' | 'fusion';
export const SOCIAL_MODES: SocialMode[] = ['none', 'edges', 'fusion'];
export type RecommendLoss = 'bpr' | 'softmax';
const SHARED_NEGATIVES = 256;
export const RECOMMEND_LOSSES: RecommendLoss[] = ['bpr', 'softmax'];

export interface RecommendHyperParams {
  dim: number;
  layers: number;
  lr: number;
  l2: number;
  batchSize: number;
  social: SocialMode;
  loss: RecommendLoss;
  /** Softmax temperature τ (softmax loss only). */
  temperature: number;
  /** How cold users' final vectors are formed (cold-vector.ts); absent: 'trained'. */
  coldVector?: ColdVector;
  /** Weight of the cross-layer contrastive term (XSimGCL); 0 or absent: none. */
  contrast?: number;
  /** Norm ε of the noise added to each propagated layer while training with `contrast`. */
  noise?: number;
}

export interface RecommendData {
  numUsers: number;
  numItems: number;
  interactions: PairList;
  trust: PairList;
}

export class SocialRecommender {
  /** Layer-0 embeddings of users then items, [U+I, d]: one table, so no concat/split per step. */
  readonly nodeEmb: tf.Variable;
  private readonly fusion?: SocialFusion;
  private readonly interaction: SparseAdjacency;
  private readonly social?: SparseAdjacency;
  private readonly numUsers: number;
  private readonly numItems: number;
  /** With a cold vector other than 'trained': the cold users, and the products and followees v_u is formed from. */
  private readonly cold?: { kind: ColdVector; users: Int32Array; products: Csr; followees: Csr | null };
  /** The training noise's stream (`contrast`): each step perturbs differently, reproducibly. */
  private readonly noiseStream: Random;

  constructor(data: RecommendData, readonly hp: RecommendHyperParams, seed: number) {
    const { numUsers, numItems, interactions, trust } = data;
    this.numUsers = numUsers;
    this.numItems = numItems;
    if (hp.social === 'edges') {
      const a = Int32Array.from([...interactions.a, ...trust.a]);
      const b = Int32Array.from([...Array.from(interactions.b, (i) => i + numUsers), ...trust.b]);
      this.interaction = new SparseAdjacency(undirectedGraph(numUsers + numItems, a, b));
    } else {
      this.interaction = new SparseAdjacency(bipartiteGraph(numUsers, numItems, interactions.a, interactions.b));
    }
    if (hp.social === 'fusion') {
      this.social = new SparseAdjacency(undirectedGraph(numUsers, trust.a, trust.b));
      this.fusion = new SocialFusion(hp.dim, seed + 2);
    }
    this.nodeEmb = tf.variable(tf.randomNormal([numUsers + numItems, hp.dim], 0, 0.1, 'float32', seed));
    this.noiseStream = new Random(seed + 3);
    if (hp.coldVector && hp.coldVector !== 'trained') {
      const products = buildCsr(numUsers, interactions.a, interactions.b);
      const users = coldUsers(products);
      // Without cold users embed() need not copy the tables out of tfjs.
      if (users.length) this.cold = { kind: hp.coldVector, users, products, followees: hp.social === 'none' ? null : buildCsr(numUsers, trust.a, trust.b) };
    }
  }

  /**
   * Propagate over all nodes (users then items): layer 0, layer 1 and the layer mean, each [U+I, d],
   * with noise of norm `noise` added to each propagated layer (training with `contrast`).
   * Keeping one node table lets the loss do a single gather (and a single scatter backwards).
   */
  private propagate(noise = 0): { layer0: tf.Tensor2D; first: tf.Tensor2D; mean: tf.Tensor2D } {
    const layer0 = this.nodeEmb as tf.Tensor2D;
    let all = layer0;
    let sum = layer0;
    let first = layer0;
    for (let k = 0; k < this.hp.layers; k++) {
      const next = this.interaction.propagate(all);
      if (this.fusion && this.social) {
        const [uR, iR] = tf.split(next, [this.numUsers, this.numItems]) as tf.Tensor2D[];
        const uS = this.social.propagate(all.slice([0, 0], [this.numUsers, -1]));
        all = tf.concat([this.fusion.apply(uR, uS), iR]) as tf.Tensor2D;
      } else {
        all = next;
      }
      if (noise > 0) all = all.add(perturbation(all, noise, this.noiseStream));
      if (k === 0) first = all;
      sum = sum.add(all);
    }
    return { layer0, first, mean: sum.div(this.hp.layers + 1) as tf.Tensor2D };
  }

  /** Final embeddings for scoring: users [U, d], items [I, d]. */
  embed(): { users: tf.Tensor2D; items: tf.Tensor2D } {
    const { users, items } = tf.tidy(() => {
      const { mean } = this.propagate();
      const scored = this.hp.loss === 'softmax' ? normalizeRows(mean) : mean;
      const [users, items] = tf.split(scored, [this.numUsers, this.numItems]) as tf.Tensor2D[];
      return { users, items };
    });
    if (!this.cold) return { users, items };
    const { kind, users: cold, products, followees } = this.cold;
    const table = coldUserTable(kind, users.dataSync() as Float32Array, items.dataSync() as Float32Array, this.hp.dim, cold, products, followees);
    users.dispose();
    return { users: tf.tensor2d(table, [this.numUsers, this.hp.dim]), items };
  }

  /** The final embeddings as a dot-product scorer over all items (the caller disposes it). */
  scorer(): EmbeddingScorer {
    const { users, items } = this.embed();
    return new EmbeddingScorer(users, items);
  }

  /** Loss + L2 for a batch of (user, positive item, negative item) triples; call inside a gradient scope. */
  loss(users: Int32Array, pos: Int32Array, neg: Int32Array): tf.Scalar {
    const b = users.length;
    const nodes = new Int32Array(3 * b);
    nodes.set(users);
    for (let k = 0; k < b; k++) {
      nodes[b + k] = pos[k] + this.numUsers;
      nodes[2 * b + k] = neg[k] + this.numUsers;
    }
    const idx = tf.tensor1d(nodes, 'int32');
    const contrast = this.hp.contrast ?? 0;
    const { layer0, first, mean } = this.propagate(contrast > 0 ? (this.hp.noise ?? 0) : 0);
    const rows = gatherRows(mean, idx);
    // L2, and the contrastive term when there is one.
    let reg = gatherRows(layer0, idx).square().sum().mul((0.5 * this.hp.l2) / b);
    if (contrast > 0) {
      reg = reg.add(contrastiveLoss(mean, first, nodes.subarray(0, b), nodes.subarray(b, 2 * b), this.hp.temperature).mul(contrast));
    }
    if (this.hp.loss === 'softmax') {
      const k = Math.min(b, SHARED_NEGATIVES);
      const [u, i, shared] = tf.split(normalizeRows(rows), [b, b, b]).map((t, n) => (n === 2 ? t.slice([0, 0], [k, -1]) : t));
      const positive = u.mul(i).sum(1, true);
      const logits = tf.concat([positive, tf.matMul(u, shared.transpose())], 1).div(this.hp.temperature); // [B, 1+K]
      return tf.logSumExp(logits, 1).sub(positive.squeeze([1]).div(this.hp.temperature)).mean().add(reg);
    }
    const [u, i, j] = tf.split(rows, 3);
    const diff = u.mul(i.sub(j)).sum(1);
    // softplus(−x) = −log σ(x); tf.logSigmoid's own custom gradient breaks inside nested scopes.
    return tf.softplus(diff.neg()).mean().add(reg);
  }

  /** Weights by stable name, for checkpoints and the model registry. */
  weights(): Record<string, tf.Variable> {
    const fusion = Object.entries(this.fusion?.namedVariables() ?? {}).map(([k, v]) => [`fusion/${k}`, v]);
    return { embedding: this.nodeEmb, ...Object.fromEntries(fusion) };
  }

  variables(): tf.Variable[] {
    return Object.values(this.weights());
  }

  setWeights(weights: tf.NamedTensorMap): void {
    for (const [name, v] of Object.entries(this.weights())) {
      const w = weights[name];
      if (!w) throw new Error(`missing weight ${name}`);
      v.assign(w);
    }
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
    this.interaction.dispose();
    this.social?.dispose();
  }
}
