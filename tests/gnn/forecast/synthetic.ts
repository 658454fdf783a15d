/**
 * A small forecasting dataset with known structure: two communities of five users on a ring-ish
 * follow graph; user u reviews base_u + a yearly wave, so community totals are smooth and seasonal.
 */
import { undirectedGraph } from '../../../gnn/core/graph/graph';
import { buildForecastData, type ForecastData } from '../../../gnn/forecast/data';

export const PERIODS = 48;

export function syntheticData(change?: { from: number; factor: number }): ForecastData {
  const users = 10;
  const activity = new Float32Array(users * PERIODS);
  for (let u = 0; u < users; u++) {
    for (let t = 0; t < PERIODS; t++) {
      const wave = 1 + 0.5 * Math.sin((2 * Math.PI * t) / 12);
      const boost = change && t >= change.from ? change.factor : 1;
      activity[u * PERIODS + t] = Math.round((2 + (u % 5)) * wave * boost);
    }
  }
  const members = [Int32Array.from([0, 1, 2, 3, 4]), Int32Array.from([5, 6, 7, 8, 9])];
  const series = members.map((m) => Float64Array.from({ length: PERIODS }, (_, t) => m.reduce((s, u) => s + activity[u * PERIODS + t], 0)));
  const a = Int32Array.from({ length: users }, (_, u) => u);
  const b = Int32Array.from({ length: users }, (_, u) => (u + 1) % users);
  return buildForecastData({ unit: 'month', first: 2000 * 12, length: PERIODS, series, members, activity, graph: undirectedGraph(users, a, b) });
}
