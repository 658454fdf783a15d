/**
 * Multiplicative seasonal factors of the whole platform's activity, estimated at every position t
 * from periods ≤ t only. Each community is far too short and noisy to learn its own 12 monthly
 * effects, while the platform total shows a clear shared pattern (December low, January high):
 *   r_i     = log((total_i + 1) / (mean(total_{i-6..i+5}) + 1))     needs i + 5 ≤ t
 *   s_t(m)  = mean of r_i over the last SEASON_YEARS seasons' positions i of season slot m, centred
 *             so the 12 factors average 0 (a slot not seen yet gets 0).
 * Slot m of position i is (first + i) mod period. Recent years only, because the early crawl
 * is dominated by users outside the communities and the pattern drifts.
 */
export interface SeasonalFactors {
  period: number;
  /** [length, period] row-major: row t holds s_t. */
  log: Float32Array;
}

/** Chosen on the validation origins 2005-01..2007-12 (README): 5 years beat 3 and all history. */
const SEASON_YEARS = 5;

export function seasonalFactors(total: ArrayLike<number>, first: number, length: number, period: number): SeasonalFactors {
  const log = new Float32Array(length * period);
  if (period === 0) return { period, log };
  const half = period / 2;
  // Defined where the centred year around i is inside the data.
  const ratio = Float64Array.from({ length }, (_, i) => {
    if (i < half || i + half > length) return NaN;
    let sum = 0;
    for (let k = i - half; k < i + half; k++) sum += total[k];
    return Math.log((total[i] + 1) / (sum / period + 1));
  });
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < length; t++) {
    sums.fill(0);
    counts.fill(0);
    for (let i = Math.max(half, t - half + 1 - period * SEASON_YEARS); i <= t - half + 1; i++) {
      const m = (first + i) % period;
      sums[m] += ratio[i];
      counts[m]++;
    }
    let mean = 0;
    for (let m = 0; m < period; m++) mean += counts[m] ? sums[m] / counts[m] : 0;
    mean /= period;
    for (let m = 0; m < period; m++) log[t * period + m] = (counts[m] ? sums[m] / counts[m] : 0) - mean;
  }
  return { period, log };
}

/** s_t of the slot of position i (0 without a season). */
export function factorAt(f: SeasonalFactors, t: number, i: number, first: number): number {
  return f.period ? f.log[t * f.period + ((first + i) % f.period)] : 0;
}
