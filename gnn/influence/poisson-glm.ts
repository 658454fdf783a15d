/**
 * Poisson regression with a log link and exposure, fitted by Newton's method (exact, so no
 * epochs, learning rate or seed to choose):
 *   E[y_i] = e_i · exp(b + x_i · w),   loss = (1/N) Σ_i (e_i·exp(η_i) − y_i·η_i) + (λ/2)‖w‖²,
 * with columns standardised on the training rows (the bias is not penalised). Each step solves
 * (H + λI) δ = g by Cholesky (d ≈ 20) and halves δ until the loss goes down.
 */
export interface PoissonFit {
  names: string[];
  mean: number[];
  sd: number[];
  /** Weights on the standardised columns, then the bias last. */
  w: number[];
  iterations: number;
}

export interface Design {
  /** Column name → value per row. */
  columns: Record<string, Float64Array>;
  rows: number;
}

/** One block of training rows: a design, its counts and exposure, optionally only the rows in `select`. */
export interface TrainingBlock {
  design: Design;
  y: Float64Array;
  exposure: number;
  select?: Int32Array;
}

export function fitPoisson(names: string[], blocks: TrainingBlock[], lambda: number, maxIter = 30): PoissonFit {
  const d = names.length;
  const m = d + 1;
  const total = blocks.reduce((s, b) => s + (b.select?.length ?? b.design.rows), 0);
  // The design, row-major with a constant last column, built once and standardised in place.
  const X = new Float64Array(total * m);
  const Y = new Float64Array(total);
  const E = new Float64Array(total);
  let at = 0;
  for (const { design, y, exposure, select } of blocks) {
    const cols = names.map((n) => design.columns[n]);
    const count = select?.length ?? design.rows;
    for (let k = 0; k < count; k++, at++) {
      const i = select ? select[k] : k;
      for (let j = 0; j < d; j++) X[at * m + j] = cols[j][i];
      X[at * m + d] = 1;
      Y[at] = y[i];
      E[at] = exposure;
    }
  }
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < total; i++) mean[j] += X[i * m + j] / total;
    for (let i = 0; i < total; i++) sd[j] += (X[i * m + j] - mean[j]) ** 2 / total;
    sd[j] = Math.sqrt(sd[j]) || 1;
    for (let i = 0; i < total; i++) X[i * m + j] = (X[i * m + j] - mean[j]) / sd[j];
  }
  let ySum = 0;
  let eSum = 0;
  for (let i = 0; i < total; i++) {
    ySum += Y[i];
    eSum += E[i];
  }
  const w = new Array<number>(m).fill(0);
  w[d] = Math.log(Math.max(ySum, 1e-6) / Math.max(eSum, 1e-12));
  const eta = (i: number, v: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += X[i * m + j] * v[j];
    return Math.min(s, 30);
  };
  const loss = (v: number[]) => {
    let s = 0;
    for (let i = 0; i < total; i++) {
      const z = eta(i, v);
      s += E[i] * Math.exp(z) - Y[i] * z;
    }
    let pen = 0;
    for (let j = 0; j < d; j++) pen += v[j] * v[j];
    return s / total + (lambda / 2) * pen;
  };
  let current = loss(w);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const g = new Float64Array(m);
    const h = new Float64Array(m * m);
    for (let i = 0; i < total; i++) {
      const mu = E[i] * Math.exp(eta(i, w));
      const o = i * m;
      for (let j = 0; j < m; j++) {
        const xj = X[o + j];
        g[j] += (mu - Y[i]) * xj;
        const mx = mu * xj;
        for (let k = 0; k <= j; k++) h[j * m + k] += mx * X[o + k];
      }
    }
    for (let j = 0; j < m; j++) {
      g[j] = g[j] / total + (j < d ? lambda * w[j] : 0);
      for (let k = 0; k <= j; k++) h[j * m + k] = h[j * m + k] / total + (j === k && j < d ? lambda : 0);
      h[j * m + j] += 1e-9;
    }
    const step = choleskySolve(h, g, m);
    let scale = 1;
    let next = w;
    let nextLoss = Infinity;
    for (let halvings = 0; halvings < 30; halvings++, scale /= 2) {
      next = w.map((v, j) => v - scale * step[j]);
      nextLoss = loss(next);
      if (nextLoss <= current) break;
    }
    if (!(nextLoss <= current)) break;
    const gain = current - nextLoss;
    w.splice(0, w.length, ...next);
    current = nextLoss;
    if (gain < 1e-10 * Math.max(1, Math.abs(current))) break;
  }
  return { names, mean, sd, w, iterations };
}

/** Log-rates (per unit exposure) of every row. */
export function predictLogRate(fit: PoissonFit, design: Design): Float64Array {
  const d = fit.names.length;
  const out = new Float64Array(design.rows).fill(fit.w[d]);
  fit.names.forEach((n, j) => {
    const col = design.columns[n];
    const a = fit.w[j] / fit.sd[j];
    for (let i = 0; i < design.rows; i++) out[i] += a * (col[i] - fit.mean[j]);
  });
  return out;
}

/** Solves A x = b for symmetric positive definite A (lower triangle used), [m, m] row-major. */
function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * m + j];
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * y[k];
    y[i] = s / l[i * m + i];
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * x[k];
    x[i] = s / l[i * m + i];
  }
  return x;
}
