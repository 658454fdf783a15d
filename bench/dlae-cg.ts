/**
 * Whether the exact DLAE dual form can be had in bounded memory: the rows z_u = K⁻¹e_u that
 * score(u, ·) = −z_u X needs (dlae.ts), by block conjugate gradients on K = I + XΛ⁻¹Xᵀ, which
 * only ever multiplies by X and Xᵀ (memory: blocks of [users, B] and [items, B], no [U, U]). K is
 * SPD with eigenvalues ≥ 1, so CG converges; this measures how fast on a training split (Ciao's by
 * default) and how close it comes to the exact inverse (spd-inverse.ts), per λ of the defaults' grid. A
 * prototype in plain JavaScript (float64, one thread) that the product does not use yet: the
 * bounded neighbourhood form (local-dlae.ts) costs the blend 6-8% of validation Recall@20
 * (bench/dlae-bounded-blend.ts), and this is the candidate to replace it.
 * With `--split DIR` (e.g. bench/recommend-scale.ts's large split) past EXACT_MAX_USERS, where the
 * exact inverse is out of reach, only CG's iterations and time are measured.
 * Writes bench/results/dlae-cg-NAME.json, NAME the split directory's name (its parent's for a
 * sociallgn-split: ciao).
 * Usage: npx tsx bench/dlae-cg.ts [--split DIR] [--block 256]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../gnn/core/backend';
import { buildCsr, type Csr } from '../gnn/core/graph/csr';
import { Dlae, dlaePenalty } from '../gnn/recommend/dlae';
import { EXACT_MAX_USERS } from '../gnn/recommend/dlae-form';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { readSplit } from '../gnn/recommend/offline/split';

const { values } = parseArgs({ options: { split: { type: 'string', default: '../shared/datasets/ciao/sociallgn-split' }, block: { type: 'string', default: '256' } } });
const SPLIT = values.split!;
const NAME = basename(SPLIT) === 'sociallgn-split' ? basename(dirname(SPLIT)) : basename(SPLIT);
const TOLERANCE = 1e-5;
const B = Number(values.block);

/** out = K·V = V + X(Λ⁻¹(XᵀV)) for V [U, B] row-major; `y` is [I, B] scratch. */
function kTimes(byUser: Csr, lambdaInv: Float32Array, v: Float64Array, out: Float64Array, y: Float64Array): void {
  y.fill(0);
  for (let u = 0; u < byUser.numRows; u++)
    for (let p = byUser.rowPtr[u]; p < byUser.rowPtr[u + 1]; p++) {
      const yo = byUser.cols[p] * B;
      for (let b = 0, vo = u * B; b < B; b++) y[yo + b] += v[vo + b];
    }
  for (let i = 0; i < lambdaInv.length; i++) for (let b = 0, o = i * B; b < B; b++) y[o + b] *= lambdaInv[i];
  out.set(v);
  for (let u = 0; u < byUser.numRows; u++)
    for (let p = byUser.rowPtr[u]; p < byUser.rowPtr[u + 1]; p++) {
      const yo = byUser.cols[p] * B;
      for (let b = 0, o = u * B; b < B; b++) out[o + b] += y[yo + b];
    }
}

/** Per column b: Σ_u a[u, b]·c[u, b]. */
function columnDots(a: Float64Array, c: Float64Array): Float64Array {
  const out = new Float64Array(B);
  for (let k = 0; k < a.length; k += B) for (let b = 0; b < B; b++) out[b] += a[k + b] * c[k + b];
  return out;
}

/**
 * Z = K⁻¹[e_u for u in users], [U, B], by CG per column, preconditioned by diag(K) when `jacobi`
 * (K_uu = 1 + Σ_{i ∈ u} 1/Λ_i: heavy users' rows dominate), until every residual is below TOLERANCE.
 */
function solveBlock(byUser: Csr, lambdaInv: Float32Array, numItems: number, users: number[], jacobi: boolean): { z: Float64Array; iterations: number } {
  const numUsers = byUser.numRows;
  const n = numUsers * B;
  const diagInv = new Float64Array(numUsers).fill(1);
  if (jacobi)
    for (let u = 0; u < numUsers; u++) {
      let d = 1;
      for (let p = byUser.rowPtr[u]; p < byUser.rowPtr[u + 1]; p++) d += lambdaInv[byUser.cols[p]];
      diagInv[u] = 1 / d;
    }
  const precondition = (r: Float64Array, out: Float64Array) => {
    for (let u = 0; u < numUsers; u++) for (let b = 0, o = u * B; b < B; b++) out[o + b] = r[o + b] * diagInv[u];
  };
  const [z, r, s, p, q] = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const y = new Float64Array(numItems * B);
  users.forEach((u, b) => (r[u * B + b] = 1));
  precondition(r, s);
  p.set(s);
  let rs = columnDots(r, s);
  let iterations = 0;
  while (Math.sqrt(Math.max(...columnDots(r, r))) >= TOLERANCE) {
    kTimes(byUser, lambdaInv, p, q, y);
    const pq = columnDots(p, q);
    for (let k = 0; k < n; k++) {
      const alpha = rs[k % B] / pq[k % B];
      z[k] += alpha * p[k];
      r[k] -= alpha * q[k];
    }
    precondition(r, s);
    const next = columnDots(r, s);
    for (let k = 0; k < n; k++) p[k] = s[k] + (next[k % B] / rs[k % B]) * p[k];
    rs = next;
    iterations++;
  }
  return { z, iterations };
}

await initBackend();
const split = readSplit(SPLIT);
const { numUsers, numItems } = split;
const byUser = buildCsr(numUsers, split.train.a, split.train.b);
const byItem = buildCsr(numItems, split.train.b, split.train.a);
const users = Array.from({ length: B }, (_, b) => Math.floor((b * numUsers) / B));
const rows = [];
for (const lambda of RECOMMEND_DEFAULTS.ensemble.lambda) {
  const hp = { lambda, dropout: RECOMMEND_DEFAULTS.ensemble.dropout[0] };
  const lambdaInv = dlaePenalty(byItem, hp);
  let started = Date.now();
  const exact = numUsers <= EXACT_MAX_USERS ? new Dlae(numUsers, numItems, split.train, hp) : null;
  const exactInverseSeconds = exact ? (Date.now() - started) / 1000 : null;
  for (const preconditioner of ['none', 'jacobi'] as const) {
    started = Date.now();
    const { z, iterations } = solveBlock(byUser, lambdaInv, numItems, users, preconditioner === 'jacobi');
    const cgSeconds = (Date.now() - started) / 1000;
    let maxError = 0;
    if (exact)
      users.forEach((u, b) => {
        for (let v = 0; v < numUsers; v++) maxError = Math.max(maxError, Math.abs(exact.kInv[u * numUsers + v] - z[v * B + b]));
      });
    const row = {
      lambda,
      dropout: hp.dropout,
      preconditioner,
      blockUsers: B,
      iterations,
      cgSecondsPerBlock: cgSeconds,
      /** All users' rows at this rate, against the exact inverse of K (which also gives all of them). */
      cgSecondsAllUsers: Math.round((cgSeconds * numUsers) / B),
      exactInverseSeconds,
      maxAbsErrorVsExactInverse: exact ? Number(maxError.toExponential(2)) : null,
      loadAverage: os.loadavg()[0],
    };
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
}
writeFileSync(
  `bench/results/dlae-cg-${NAME}.json`,
  `${JSON.stringify({ split: SPLIT, tolerance: TOLERANCE, size: { numUsers, numItems, train: split.train.a.length }, command: `nice -n ${os.getPriority()} npx tsx ${process.argv.slice(1).join(' ')}`.replace(process.cwd() + '/', ''), rows }, null, 2)}\n`,
);
