/** Plain-text table of a backtest's metrics, for the CLI and the benchmark. */
import type { CiaoBacktestResult } from './ciao-backtest';

export function formatBacktest(r: CiaoBacktestResult): string {
  const { metrics, communities } = r;
  const H = metrics.model.mae.length;
  const hs = Array.from({ length: H }, (_, h) => `h${h + 1}`);
  const row = (name: string, values: number[]) => `${name.padEnd(12)}${values.map((v) => v.toFixed(2).padStart(9)).join('')}`;
  const lines = [
    `communities: ${communities.count} (${communities.members} of ${communities.trustUsers} trust users), sizes min ${communities.min} / median ${communities.median} / max ${communities.max}, modularity ${communities.modularity.toFixed(3)}; detected once on the whole trust graph (trust edges have no timestamps)`,
    `             MAE ${hs.map((h) => h.padStart(5)).join('    ')}  |  MASE ${hs.map((h) => h.padStart(5)).join('    ')}`,
    ...[['model', metrics.model] as const, ...Object.entries(metrics.baselines)].map(([name, m]) => `${row(name, m.mae)}  |${row('', m.mase).slice(11)}`),
    `best baseline per horizon: ${metrics.bestBaseline.join(', ')}`,
    `model MAE vs best baseline: ${metrics.improvement.map((x) => `${x >= 0 ? '-' : '+'}${Math.abs(100 * x).toFixed(1)}%`).join(' / ')}`,
    `${Math.round(100 * metrics.coverage.nominal)}% interval coverage: ${metrics.coverage.perHorizon.map((c) => `${(100 * c).toFixed(1)}%`).join(' / ')} (overall ${(100 * metrics.coverage.overall).toFixed(1)}%)`,
  ];
  return lines.join('\n');
}
