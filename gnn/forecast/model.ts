/**
 * Community engagement forecaster with quantile outputs.
 *
 * Graph part (per member u of community c, at origin t): the member's recent-activity features
 * x_u(t) ∈ R^F and their follow-graph average (Âx)_u(t) (user-features.ts) go through a shared
 * layer and are mean-pooled over the community:
 *   g_c(t) = mean_{u∈c} relu([x_u(t) ‖ (Âx)_u(t)] W_u + b_u)            [2F] → [d]
 * Temporal part: the community's last LAGS values and the season one-hot (data.ts), scaled by
 * s = mean of the last 12 periods + 1, joined with g_c(t):
 *   z = relu([context ‖ g_c(t)] W_1 + b_1)                              [LAGS+S+d] → [hidden]
 *   o = z W_2 + b_2                                                     [hidden] → [H, 3]
 * Quantiles per horizon h, in units of s, ordered by construction:
 *   q50 = base + o_0,  q10 = q50 − softplus(o_1),  q90 = q50 + softplus(o_2)
 * where base = mean of the last 12 / s, so a zero network starts at the mean-of-12 baseline.
 * Loss: pinball loss at τ = 0.1, 0.5, 0.9 weighted by s, i.e. measured in raw counts as MAE is,
 * averaged over observed targets; plus l2 · ‖W‖².
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../graph/gather-rows';
import { USER_FEATURES } from './user-features';
import { LAGS, type ForecastData, type Windows } from './data';

export interface ForecasterConfig {
  horizon: number;
  userDim: number;
  hidden: number;
  l2: number;
}

export const DEFAULT_FORECASTER: ForecasterConfig = { horizon: 3, userDim: 8, hidden: 32, l2: 1e-4 };

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
    const width = LAGS + data.seasonPeriod + config.userDim;
    const init = (shape: [number, number], k: number) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(1 / shape[0]), 'float32', seed + k));
    this.wUser = init([F2, config.userDim], 1);
    this.bUser = tf.variable(tf.zeros([config.userDim]));
    this.w1 = init([width, config.hidden], 2);
    this.b1 = tf.variable(tf.zeros([config.hidden]));
    this.w2 = tf.variable(tf.zeros([config.hidden, config.horizon * 3]));
    this.b2 = tf.variable(tf.zeros([config.horizon * 3]));
    this.variables = [this.wUser, this.bUser, this.w1, this.b1, this.w2, this.b2];
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

  /** Quantiles in units of the window's scale, [B, H, 3] ordered low, median, high. */
  private forward(w: Windows, index: tf.Tensor1D, from: number, to: number): tf.Tensor3D {
    const B = w.community.length;
    const H = this.config.horizon;
    const context = tf.tensor2d(w.context, [B, w.context.length / B]);
    const g = gatherRows(this.pooled(from, to), index);
    const z = tf.relu(tf.matMul(tf.concat([context, g], 1), this.w1).add(this.b1));
    const o = tf.matMul(z, this.w2).add(this.b2).reshape([B, H, 3]);
    const [o0, o1, o2] = tf.split(o, 3, 2);
    const median = o0.add(tf.tensor1d(w.base).reshape([B, 1, 1]));
    return tf.concat([median.sub(tf.softplus(o1)), median, median.add(tf.softplus(o2))], 2) as tf.Tensor3D;
  }

  /** Rows into pooled(from, to) for each window, and the origin range the windows span. */
  private lookup(w: Windows): { index: tf.Tensor1D; from: number; to: number } {
    const from = Math.min(...w.origin);
    const to = Math.max(...w.origin);
    const span = to - from + 1;
    return { index: tf.tensor1d(Int32Array.from(w.community, (c, i) => c * span + w.origin[i] - from), 'int32'), from, to };
  }

  /** Scale-weighted pinball loss (raw-count units) plus L2; `w` must carry targets. */
  loss(w: Windows): { value: () => tf.Scalar; dispose: () => void } {
    const { index, from, to } = this.lookup(w);
    const B = w.community.length;
    const H = this.config.horizon;
    const target = tf.tensor3d(w.target, [B, H, 1]);
    const weight = tf.tensor2d(w.mask, [B, H]).mul(tf.tensor1d(w.scale).reshape([B, 1])).reshape([B, H, 1]);
    const taus = tf.tensor1d([...QUANTILES]).reshape([1, 1, 3]);
    const total = weight.sum().mul(QUANTILES.length);
    return {
      value: () => {
        const diff = target.sub(this.forward(w, index, from, to));
        const pinball = tf.maximum(diff.mul(taus), diff.mul(taus.sub(1)));
        const l2 = tf.addN([this.wUser, this.w1, this.w2].map((v) => v.square().sum()));
        return pinball.mul(weight).sum().div(total).add(l2.mul(this.config.l2)) as tf.Scalar;
      },
      dispose: () => tf.dispose([index, target, weight, taus, total]),
    };
  }

  predict(w: Windows): Quantiles {
    const { index, from, to } = this.lookup(w);
    const B = w.community.length;
    const H = this.config.horizon;
    const q = tf.tidy(() => tf.relu(this.forward(w, index, from, to).mul(tf.tensor1d(w.scale).reshape([B, 1, 1]))));
    const values = q.dataSync() as Float32Array;
    tf.dispose([q, index]);
    const pick = (k: number) => Float32Array.from({ length: B * H }, (_, i) => values[i * 3 + k]);
    return { low: pick(0), median: pick(1), high: pick(2) };
  }

  dispose(): void {
    tf.dispose([this.memberInputs, this.pool, ...this.variables]);
  }
}
