/**
 * Naive forecasters: each maps a history y[0..t] (t = the origin, the last observed period) to
 * the forecast for t + h. They are the bar the model must clear.
 * - last:      y[t]
 * - mean3:     mean(y[t-2..t])
 * - mean12:    mean(y[t-11..t])
 * - seasonal12: y[t + h - 12·⌈h/12⌉] (same period one season earlier)
 * Short histories use what exists (a mean over fewer periods; seasonal falls back to last).
 */
export type Baseline = (history: ArrayLike<number>, t: number, h: number) => number;

function meanOfLast(k: number): Baseline {
  return (y, t) => {
    const from = Math.max(0, t - k + 1);
    let s = 0;
    for (let i = from; i <= t; i++) s += y[i];
    return s / (t - from + 1);
  };
}

export const BASELINES: Record<'last' | 'mean3' | 'mean12' | 'seasonal12', Baseline> = {
  last: (y, t) => y[t],
  mean3: meanOfLast(3),
  mean12: meanOfLast(12),
  seasonal12: (y, t, h) => {
    const i = t + h - 12 * Math.ceil(h / 12);
    return i >= 0 ? y[i] : y[t];
  },
};

export type BaselineName = keyof typeof BASELINES;
export const BASELINE_NAMES = Object.keys(BASELINES) as BaselineName[];
