/**
 * Community engagement forecaster with quantile outputs.
 *
 * Temporal part (data.ts): the community's smoothed, seasonally adjusted log level ℓ, the
 * platform's seasonal factor s_t(t+h) of each target period, and the dynamics d: the community's
 * and the whole platform's recent means relative to their own levels. The median is
 *   m_h = ℓ + s_t(t+h) + d · W_lin[:, h],   q50 = e^m − 1
 * with no intercept: a zero W_lin is the seasonal level forecast, and a learned constant would
 * carry the training windows' drift into the future (on the validation origins every variant
 * with an intercept, or with the MLP below also moving the median, forecast worse).
 * Graph part (per member u of community c, at origin t): the member's recent-activity features
 * x_u(t) ∈ R^F and their follow-graph average (Âx)_u(t) (user-features.ts) go through a shared
 * layer and are mean-pooled over the community:
 *   g_c(t) = mean_{u∈c} relu([x_u(t) ‖ (Âx)_u(t)] W_u + b_u)            [2F] → [d]
 * and, with the whole context, set how far the quantiles lie from the median (how uncertain the
 * next months are depends on who in the community is active, and how their neighbours are):
 *   z = relu([context ‖ g_c(t)] W_1 + b_1),  o = z W_2 + b_2                 → [H, 2]
 *   q10 = e^(m − softplus(o_0)) − 1,  q90 = e^(m + softplus(o_1)) − 1    (ordered by construction)
 * Loss: pinball loss at τ = 0.1, 0.5, 0.9 in raw counts, as MAE is measured, divided by the
 * windows' total scale e^ℓ; plus l2 · ‖W‖².
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../core/graph/gather-rows';
import { USER_FEATURES } from './user-features';
import { contextWidth, DYNAMICS, type ForecastData, type Windows } from './data';

export interface ForecasterConfig {
  horizon: number;
  userDim: number;
  hidden: number;
  l2: number;
}

export const QUANTILES = [0.1, 0.5, 0.9] as const;

export interface Quantiles {
  /** Raw counts, [B, H] row-major each. */
  low: Float32Array;
  median: Float32Array;
  high: Float32Array;
}

export class CommunityForecaster {
  readonly variables: tf.Variable[];
  private readonly memberInputs: tf.Tensor3D;
  private readonly pool: tf.Tensor2D;
  private readonly wUser: tf.Variable;
  private readonly bUser: tf.Variable;
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly wLinear: tf.Variable;
  private readonly numCommunities: number;

  constructor(
    private readonly data: ForecastData,
    readonly config: ForecasterConfig,
    seed: number,
  ) {
    const F2 = 2 * USER_FEATURES;
    const rows = data.memberCommunity.length;
    const C = data.series.length;
    this.numCommunities = C;
    this.memberInputs = tf.tensor3d(data.memberInputs, [rows, data.length, F2]);
    const pool = new Float32Array(C * rows);
    const sizes = new Float32Array(C);
    for (const c of data.memberCommunity) sizes[c]++;
    data.memberCommunity.forEach((c, r) => (pool[c * rows + r] = 1 / sizes[c]));
    this.pool = tf.tensor2d(pool, [C, rows]);
    const context = contextWidth(config.horizon);
    const width = context + config.userDim;
    const init = (shape: [number, number], k: number) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(1 / shape[0]), 'float32', seed + k));
    this.wUser = init([F2, config.userDim], 1);
    this.bUser = tf.variable(tf.zeros([config.userDim]));
    this.w1 = init([width, config.hidden], 2);
    this.b1 = tf.variable(tf.zeros([config.hidden]));
    this.w2 = tf.variable(tf.zeros([config.hidden, config.horizon * 2]));
    this.b2 = tf.variable(tf.zeros([config.horizon * 2]));
    this.wLinear = tf.variable(tf.zeros([DYNAMICS, config.horizon]));
    this.variables = [this.wUser, this.bUser, this.w1, this.b1, this.w2, this.b2, this.wLinear];
  }

  /** g_c(t) for every community over origins [from, to]: [C·(to−from+1), d], row c·span + (t − from). */
  private pooled(from: number, to: number): tf.Tensor2D {
    const span = to - from + 1;
    const rows = this.data.memberCommunity.length;
    const { userDim } = this.config;
    const x = this.memberInputs.slice([0, from, 0], [rows, span, 2 * USER_FEATURES]).reshape([rows * span, 2 * USER_FEATURES]);
    const h = tf.relu(tf.matMul(x, this.wUser).add(this.bUser)).reshape([rows, span * userDim]);
    return tf.matMul(this.pool, h).reshape([this.numCommunities * span, userDim]);
  }

  /** Quantiles in counts, [B, H, 3] ordered low, median, high. */
  private forward(w: Windows, index: tf.Tensor1D, from: number, to: number): tf.Tensor3D {
    const B = w.community.length;
    const H = this.config.horizon;
    const context = tf.tensor2d(w.context, [B, w.context.length / B]);
    const g = gatherRows(this.pooled(from, to), index);
    const z = tf.relu(tf.matMul(tf.concat([context, g], 1), this.w1).add(this.b1));
    const [o0, o1] = tf.split(tf.matMul(z, this.w2).add(this.b2).reshape([B, H, 2]), 2, 2);
    const linear = tf.matMul(context.slice([0, 0], [B, DYNAMICS]), this.wLinear);
    const m = linear.add(tf.tensor2d(w.season, [B, H])).add(tf.tensor1d(w.level).reshape([B, 1])).reshape([B, H, 1]);
    return tf.concat([m.sub(tf.softplus(o0)), m, m.add(tf.softplus(o1))], 2).exp().sub(1) as tf.Tensor3D;
  }

  /** Rows into pooled(from, to) for each window, and the origin range the windows span. */
  private lookup(w: Windows): { index: tf.Tensor1D; from: number; to: number } {
    const from = Math.min(...w.origin);
    const to = Math.max(...w.origin);
    const span = to - from + 1;
    return { index: tf.tensor1d(Int32Array.from(w.community, (c, i) => c * span + w.origin[i] - from), 'int32'), from, to };
  }

  /** Pinball loss in counts over the windows' total scale, plus L2; `w` must carry targets. */
  loss(w: Windows): { value: () => tf.Scalar; dispose: () => void } {
    const { index, from, to } = this.lookup(w);
    const B = w.community.length;
    const H = this.config.horizon;
    const target = tf.tensor3d(w.target, [B, H, 1]);
    const mask = tf.tensor3d(w.mask, [B, H, 1]);
    const taus = tf.tensor1d([...QUANTILES]).reshape([1, 1, 3]);
    const total = tf.scalar(w.mask.reduce((sum, m, i) => sum + m * w.scale[Math.floor(i / H)], 0) * QUANTILES.length);
    return {
      value: () => {
        const diff = target.sub(this.forward(w, index, from, to));
        const pinball = tf.maximum(diff.mul(taus), diff.mul(taus.sub(1)));
        const l2 = tf.addN([this.wUser, this.w1, this.w2, this.wLinear].map((v) => v.square().sum()));
        return pinball.mul(mask).sum().div(total).add(l2.mul(this.config.l2)) as tf.Scalar;
      },
      dispose: () => tf.dispose([index, target, mask, taus, total]),
    };
  }

  predict(w: Windows): Quantiles {
    const { index, from, to } = this.lookup(w);
    const B = w.community.length;
    const H = this.config.horizon;
    const q = tf.tidy(() => tf.relu(this.forward(w, index, from, to)));
    const values = q.dataSync() as Float32Array;
    tf.dispose([q, index]);
    const pick = (k: number) => Float32Array.from({ length: B * H }, (_, i) => values[i * 3 + k]);
    return { low: pick(0), median: pick(1), high: pick(2) };
  }

  /** Weights by stable name, for the model registry. */
  weights(): tf.NamedTensorMap {
    const { wUser, bUser, w1, b1, w2, b2, wLinear } = this;
    return { 'user/w': wUser, 'user/b': bUser, 'head/w1': w1, 'head/b1': b1, 'head/w2': w2, 'head/b2': b2, 'linear/w': wLinear };
  }

  dispose(): void {
    tf.dispose([this.memberInputs, this.pool, ...this.variables]);
  }
}
