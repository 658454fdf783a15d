// Numbers and dates as a manager reads them.
const num = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });
const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export const count = (n) => (n == null ? '–' : num.format(n));
export const decimal = (n) => (n == null ? '–' : dec.format(n));
export const percent = (x) => (x == null ? '–' : `${(x * 100).toFixed(1)}%`);
export const when = (iso) => (iso ? date.format(new Date(iso)) : '–');
export const seconds = (s) => (s == null ? '–' : s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);
/** Relative change of the last `n` points against the `n` before them, or null. */
export function trend(values, n = 4) {
  if (values.length < 2 * n) return null;
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const before = sum(values.slice(-2 * n, -n));
  const recent = sum(values.slice(-n));
  return before === 0 ? null : recent / before - 1;
}
/** Percentiles arrive as 0-100 (share of scored users ranked below). */
export const percentile = (p) => (p == null ? '–' : p.toFixed(1));
