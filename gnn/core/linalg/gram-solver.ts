/**
 * Columns of M⁻¹ for M = I + A W Aᵀ [n, n], A a sparse 0/1 matrix [n, m] and W = diag(w) ≥ 0,
 * without ever forming M: block conjugate gradients, B right-hand sides e_r at a time, each
 * iteration one product M·P (gram-kernel.wat: two passes over A's entries per column of P) and
 * the vector steps, also in the kernel (one pass each over the block).
 * M is SPD with eigenvalues ≥ 1, so CG converges; the Jacobi preconditioner diag(M)⁻¹ (M_rr =
 * 1 + Σ_{c ∋ r} w_c) evens out rows of very different weight and takes DLAE's K (dlae.ts) to its
 * tolerance in 10-15 iterations on Ciao and on a 25k-user split (bench/dlae-cg.ts).
 * Memory: five [n, B] float32 blocks, a [B, m] one for `project`, and A's indices in one
 * WebAssembly memory (B at most 256);
 * time: iterations · 2·nnz(A)·B multiply-adds per block.
 * Float32 vectors (float64 for the per-column scalars): the residual still falls below the
 * default tolerance, 1e-5 of a unit right-hand side, which keeps DLAE's scores within about
 * 1e-4 of the exact inverse's (tests/gnn/recommend/cg-dlae.test.ts).
 */
import type { Csr } from '../graph/csr';
import { GRAM_KERNEL_BASE64 } from './gram-kernel-bytes';

/** gram-kernel.wat's exports: byte offsets into its memory, sizes, and rowBytes = 4·B. */
interface GramKernel {
  gram(colPtr: number, rows: number, w: number, v: number, out: number, t: number, numCols: number, numRows: number, rowBytes: number): void;
  dot(a: number, b: number, out: number, numRows: number, rowBytes: number): void;
  update(z: number, r: number, s: number, p: number, q: number, diagInv: number, alpha: number, rr: number, next: number, numRows: number, rowBytes: number): void;
  direction(p: number, s: number, beta: number, numRows: number, rowBytes: number): void;
  project(colPtr: number, rows: number, v: number, t: number, out: number, numCols: number, rowBytes: number, scale: number): void;
}

const kernel = new WebAssembly.Module(Buffer.from(GRAM_KERNEL_BASE64, 'base64'));
const PAGE = 65_536;
/**
 * The default block's width: one [n, B] float32 block of about this many bytes, so the product's
 * random row reads stay in cache. Per user solved, on the 25k-user split, blocks of 32-64 users
 * (3-6 MB) cost 9-10 ms against 16 ms for 256 (13 MB); on Ciao (7,375 users) 64-128 are best.
 */
const CACHED_BLOCK_BYTES = 2 ** 22;
const MAX_BLOCK = 256;

export interface GramSolverOptions {
  /** Right-hand sides per block (rounded up to a multiple of 4); default: as many as keep a block near CACHED_BLOCK_BYTES, 4 to MAX_BLOCK. */
  block?: number;
  /** Stop when every column's residual norm is below this. */
  tolerance?: number;
  maxIterations?: number;
}

/** A right-hand side's non-zero entries: [row, value] pairs. */
export type SparseColumn = Iterable<readonly [row: number, value: number]>;

export interface GramSolution {
  /** [n, width] row-major, width = the columns solved rounded up to 4: column b is M⁻¹ of the b-th right-hand side; a view, valid until the next solve. */
  z: Float32Array;
  width: number;
  iterations: number;
}

/** Column b of a solution, copied out of the solver's memory (which the next solve overwrites). */
export function solutionColumn({ z, width }: Pick<GramSolution, 'z' | 'width'>, b: number): Float32Array {
  return Float32Array.from({ length: z.length / width }, (_, v) => z[v * width + b]);
}

export class GramSolver {
  readonly block: number;
  private readonly kernel: GramKernel;
  private readonly memory: WebAssembly.Memory;
  private readonly at: { colPtr: number; rows: number; w: number; t: number; diagInv: number };
  /** Byte offsets of the blocks z, r, s, p, q. */
  private readonly blocks: number[];
  /** Byte offsets of the float64 per-column vectors pq, α, rr, next, β. */
  private readonly lanes: number[];
  /** Byte offset of `project`'s output, [block, m] floats. */
  private readonly projectAt: number;
  private readonly tolerance: number;
  private readonly maxIterations: number;

  /** `byCol`: A column by column (column c's rows); `w`: W's diagonal, one weight per column. */
  constructor(private readonly byCol: Csr, w: Float32Array, readonly n: number, opts: GramSolverOptions = {}) {
    const fours = opts.block ? Math.ceil(opts.block / 4) : Math.floor(CACHED_BLOCK_BYTES / (4 * 4 * n));
    this.block = 4 * Math.min(Math.max(1, fours), MAX_BLOCK / 4);
    this.tolerance = opts.tolerance ?? 1e-5;
    this.maxIterations = opts.maxIterations ?? 200;
    const m = byCol.numRows;
    const blockBytes = n * this.block * 4;
    const lanesBytes = this.block * 8;
    // Layout: colPtr, rows, w, t, diag⁻¹, five float64 lane vectors, the five blocks, then
    // `project`'s output (all 16-byte aligned for v128 loads).
    const align = (x: number) => Math.ceil(x / 16) * 16;
    const colPtr = 0;
    const rows = align(colPtr + 4 * (m + 1));
    const wAt = align(rows + 4 * byCol.cols.length);
    const t = align(wAt + 4 * m);
    const diagInv = align(t + 4 * this.block);
    const lanes = align(diagInv + 4 * n);
    const blocks = lanes + 5 * lanesBytes;
    this.projectAt = blocks + 5 * blockBytes;
    const bytes = this.projectAt + 4 * this.block * m;
    const instance = new WebAssembly.Instance(kernel);
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.memory.grow(Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE);
    const buf = this.memory.buffer;
    new Int32Array(buf, colPtr, m + 1).set(byCol.rowPtr);
    new Int32Array(buf, rows, byCol.cols.length).set(byCol.cols);
    new Float32Array(buf, wAt, m).set(w);
    this.blocks = [0, 1, 2, 3, 4].map((k) => blocks + k * blockBytes);
    this.lanes = [0, 1, 2, 3, 4].map((k) => lanes + k * lanesBytes);
    this.at = { colPtr, rows, w: wAt, t, diagInv };
    this.kernel = instance.exports as unknown as GramKernel;
    const diag = new Float64Array(n).fill(1);
    for (let c = 0; c < m; c++) for (let k = byCol.rowPtr[c]; k < byCol.rowPtr[c + 1]; k++) diag[byCol.cols[k]] += w[c];
    new Float32Array(buf, diagInv, n).set(Float32Array.from(diag, (d) => 1 / d));
  }

  /** M⁻¹ of each right-hand side (at most `block` of them), by preconditioned CG per column. */
  solve(rhs: SparseColumn[]): GramSolution {
    const { n } = this;
    const diagInv = new Float32Array(this.memory.buffer, this.at.diagInv, n);
    if (rhs.length > this.block) throw new Error(`at most ${this.block} right-hand sides per block`);
    // The kernel's cost is proportional to the block's width: only as wide as the columns asked for.
    const B = Math.max(4, Math.ceil(rhs.length / 4) * 4);
    const [z, r, s, p] = this.blocks.map((at) => new Float32Array(this.memory.buffer, at, n * B));
    z.fill(0);
    r.fill(0);
    rhs.forEach((column, b) => {
      for (const [row, value] of column) r[row * B + b] += value;
    });
    // s = D⁻¹r; p = s; ρ = r·s and ‖r‖² per column.
    let rho = new Float64Array(B);
    const rr = new Float64Array(B);
    for (let u = 0, o = 0; u < n; u++)
      for (let b = 0; b < B; b++, o++) {
        rho[b] += r[o] * (s[o] = r[o] * diagInv[u]);
        rr[b] += r[o] * r[o];
      }
    p.set(s);
    const active = Array.from(rr, (x) => Math.sqrt(x) >= this.tolerance);
    const [pqAt, alphaAt, rrAt, nextAt, betaAt] = this.lanes;
    const [pq, alpha, rrNow, next, beta] = this.lanes.map((at) => new Float64Array(this.memory.buffer, at, B));
    const [zAt, rAt, sAt, pAt, qAt] = this.blocks;
    const rowBytes = B * 4;
    let iterations = 0;
    while (active.some(Boolean)) {
      if (iterations === this.maxIterations) throw new Error(`CG did not reach ${this.tolerance} in ${iterations} iterations`);
      const { kernel, at } = this;
      kernel.gram(at.colPtr, at.rows, at.w, pAt, qAt, at.t, this.byCol.numRows, n, rowBytes);
      kernel.dot(pAt, qAt, pqAt, n, rowBytes);
      for (let b = 0; b < B; b++) alpha[b] = active[b] ? rho[b] / pq[b] : 0;
      kernel.update(zAt, rAt, sAt, pAt, qAt, at.diagInv, alphaAt, rrAt, nextAt, n, rowBytes);
      for (let b = 0; b < B; b++) {
        if (active[b] && Math.sqrt(rrNow[b]) < this.tolerance) active[b] = false;
        beta[b] = active[b] ? next[b] / rho[b] : 0;
      }
      kernel.direction(pAt, sAt, betaAt, n, rowBytes);
      rho = Float64Array.from(next);
      iterations++;
    }
    return { z, width: B, iterations };
  }

  /**
   * scale · ZᵀA [width, m] row-major for the last solution Z [n, width] (DLAE: scale −1 gives the
   * block's users' scores −z_uᵀX, one pass over A in the kernel); a view, valid until the next call.
   */
  project(width: number, scale: number): Float32Array {
    const m = this.byCol.numRows;
    this.kernel.project(this.at.colPtr, this.at.rows, this.blocks[0], this.at.t, this.projectAt, m, width * 4, scale);
    return new Float32Array(this.memory.buffer, this.projectAt, width * m);
  }
}
